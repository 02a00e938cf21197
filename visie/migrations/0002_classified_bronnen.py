"""Bronnen (and their files) carry a classification and an organisation.

Existing bronnen become *partners*: every partner organisation and the
procesbegeleider read them today; the beheerder did too, which the policy
no longer allows. Their organisation is the one their uploader wrote for
(the first partner-side or procesbegeleider membership, as
visie.permissions.acting_organisation picks it). See
docs/adr/0602-one-classification-policy.md.
"""

import django.db.models.deletion
from django.db import migrations, models

WRITING_ROLES = ["coordinator", "medewerker", "procesbegeleider"]


def organisations_of_uploaders(apps, schema_editor):
    Bron = apps.get_model("visie", "Bron")
    Membership = apps.get_model("partners", "Membership")
    for bron in Bron.objects.filter(added_by__isnull=False, organisation__isnull=True):
        memberships = Membership.objects.filter(user_id=bron.added_by_id).order_by(
            "organisation__name"
        )
        membership = (
            memberships.filter(role__in=WRITING_ROLES).first() or memberships.first()
        )
        if membership is not None:
            Bron.objects.filter(pk=bron.pk).update(
                organisation_id=membership.organisation_id
            )


class Migration(migrations.Migration):
    dependencies = [
        ("partners", "0001_initial"),
        ("visie", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="bron",
            name="organisation",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="partners.organisation",
                verbose_name="organisation",
            ),
        ),
        migrations.AddField(
            model_name="bron",
            name="rubricering",
            field=models.CharField(
                choices=[
                    ("openbaar", "public"),
                    ("partners", "partners"),
                    ("organisatie", "own organisation only"),
                ],
                default="partners",
                help_text="Applies to the description and the file alike.",
                max_length=20,
                verbose_name="classification",
            ),
            preserve_default=False,
        ),
        migrations.RunPython(organisations_of_uploaders, migrations.RunPython.noop),
    ]
