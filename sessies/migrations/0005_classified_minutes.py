"""Minutes carry a classification; outcomes lose the manager that hid a level.

Existing minutes of council work sessions become *openbaar*: the raad and the
griffier read them today and they are written for the raad. Other minutes
become *partners*: their legitimate readers are the partners and the
procesbegeleider who see the session. Every read of outcomes and minutes goes
through core.policy, so Opbrengst keeps plain managers. See
docs/adr/0602-one-classification-policy.md.
"""

from django.db import migrations, models


def raad_minutes_are_openbaar(apps, schema_editor):
    Verslag = apps.get_model("sessies", "Verslag")
    Verslag.objects.filter(sessie__soort="raadswerksessie").update(
        rubricering="openbaar"
    )


class Migration(migrations.Migration):
    dependencies = [
        ("sessies", "0004_location_help_text"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="opbrengst",
            options={
                "ordering": ["sessie", "pk"],
                "verbose_name": "outcome",
                "verbose_name_plural": "outcomes",
            },
        ),
        migrations.AlterModelManagers(name="opbrengst", managers=[]),
        migrations.AddField(
            model_name="verslag",
            name="rubricering",
            field=models.CharField(
                choices=[
                    ("openbaar", "public"),
                    ("partners", "partners"),
                    ("organisatie", "own organisation only"),
                ],
                default="partners",
                help_text=(
                    "Who may read the minutes among those who see the session. "
                    "Only public minutes of a public council session reach "
                    "council reports."
                ),
                max_length=20,
                verbose_name="classification",
            ),
            preserve_default=False,
        ),
        migrations.RunPython(raad_minutes_are_openbaar, migrations.RunPython.noop),
    ]
