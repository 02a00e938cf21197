from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("rapportage", "0003_uitgave_actie_from_label")]

    operations = [migrations.RemoveField(model_name="uitgave", name="actie_ref")]
