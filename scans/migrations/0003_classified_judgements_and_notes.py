"""Judgements and measurement notes carry a classification.

Existing judgements become *partners*: today every partner organisation and the
procesbegeleider read them (their legitimate readers); the griffier and the
beheerder did too, which was the leak. Existing notes become *organisatie*: no
page showed them, so nobody outside the entering organisation loses anything.
See docs/adr/0602-one-classification-policy.md.
"""

from django.db import migrations, models

LEVELS = [
    ("openbaar", "public"),
    ("partners", "partners"),
    ("organisatie", "own organisation only"),
]
NOTE_HELP = (
    "Who may read the note. The value itself is for partners only; "
    "the council sees indices."
)


def _note_level():
    return models.CharField(
        choices=LEVELS,
        default="organisatie",
        help_text=NOTE_HELP,
        max_length=20,
        verbose_name="classification of the note",
    )


def _judgement_level():
    return models.CharField(
        choices=LEVELS, default="partners", max_length=20, verbose_name="classification"
    )


class Migration(migrations.Migration):
    dependencies = [
        ("scans", "0002_signaal_list_indexes"),
    ]

    operations = [
        migrations.AddField(
            model_name="meting", name="rubricering", field=_note_level()
        ),
        migrations.AddField(
            model_name="historicalmeting", name="rubricering", field=_note_level()
        ),
        migrations.AddField(
            model_name="oordeel",
            name="rubricering",
            field=_judgement_level(),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="historicaloordeel",
            name="rubricering",
            field=_judgement_level(),
            preserve_default=False,
        ),
    ]
