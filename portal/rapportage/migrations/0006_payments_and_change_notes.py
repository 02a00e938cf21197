from django.db import migrations

#: Corrections made before the change note existed still need one.
EARLIER_CORRECTION = "Niet vastgelegd: correctie van voor de wijzigingsnotitie."


def forwards(apps, schema_editor):
    """Expenses become payments; earlier corrections get a change note."""
    Uitgave = apps.get_model("rapportage", "Uitgave")
    Rapport = apps.get_model("rapportage", "Rapport")
    Uitgave.objects.filter(soort="besteding").update(soort="betaling")
    Rapport.objects.filter(supersedes__isnull=False, change_note="").update(
        change_note=EARLIER_CORRECTION
    )


def backwards(apps, schema_editor):
    Uitgave = apps.get_model("rapportage", "Uitgave")
    Uitgave.objects.filter(soort="betaling").update(soort="besteding")


class Migration(migrations.Migration):
    dependencies = [("rapportage", "0005_letters_notices_notes_settlement")]

    operations = [migrations.RunPython(forwards, backwards)]
