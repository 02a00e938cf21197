"""Link existing expenses to their actie by the label they carried.

A label that names exactly one actie (title, case and surrounding spaces
ignored) becomes the link. A label that matches none, or several, is kept in
the description so no information is lost.
"""

from django.db import migrations

DESCRIPTION_MAX = 300


def link_labels(apps, schema_editor):
    Uitgave = apps.get_model("rapportage", "Uitgave")
    Actie = apps.get_model("scans", "Actie")
    by_title: dict[str, list[int]] = {}
    for pk, title in Actie.objects.values_list("pk", "title"):
        by_title.setdefault(title.strip().casefold(), []).append(pk)
    for uitgave in Uitgave.objects.exclude(actie_ref=""):
        label = uitgave.actie_ref.strip()
        matches = by_title.get(label.casefold(), [])
        if len(matches) == 1:
            uitgave.actie_id = matches[0]
        else:
            note = f" (actie: {label})"
            if note.strip() not in uitgave.description:
                keep = DESCRIPTION_MAX - len(note)
                uitgave.description = uitgave.description[:keep] + note
        uitgave.save(update_fields=["actie", "description"])


def labels_back(apps, schema_editor):
    Uitgave = apps.get_model("rapportage", "Uitgave")
    for uitgave in Uitgave.objects.filter(actie__isnull=False).select_related("actie"):
        uitgave.actie_ref = uitgave.actie.title[:200]
        uitgave.save(update_fields=["actie_ref"])


class Migration(migrations.Migration):
    dependencies = [("rapportage", "0002_uitgave_actie")]

    operations = [migrations.RunPython(link_labels, labels_back)]
