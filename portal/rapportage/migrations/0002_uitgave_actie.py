import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("rapportage", "0001_initial"),
        ("scans", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="uitgave",
            name="actie",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="uitgaven",
                to="scans.actie",
                verbose_name="action",
            ),
        ),
    ]
