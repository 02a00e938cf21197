from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("rapportage", "0006_payments_and_change_notes")]

    operations = [
        migrations.AddConstraint(
            model_name="rapport",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("supersedes__isnull", True),
                    models.Q(("change_note", ""), _negated=True),
                    _connector="OR",
                ),
                name="rapportage_correction_says_what_changed",
            ),
        ),
        migrations.AddConstraint(
            model_name="uitgave",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("verplichting__isnull", True),
                    ("soort", "betaling"),
                    _connector="OR",
                ),
                name="rapportage_only_a_payment_settles",
            ),
        ),
    ]
