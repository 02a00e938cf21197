"""Two people save the same section at the same moment: nobody loses text.

Runs against PostgreSQL (row locks are the point); SQLite serialises whole
transactions and is skipped:
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/<db> pytest tests/visie
"""

import threading

import pytest
from django.db import connection

from tests.visie.factories import make_document
from visie import services
from visie.models import Revisie, Sectie

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs PostgreSQL row locks"
    ),
]


def _save_concurrently(sectie, users_and_texts, base):
    barrier = threading.Barrier(len(users_and_texts))
    results, errors = {}, []

    def save(user, text):
        try:
            barrier.wait(timeout=10)
            results[text] = services.sectie_save(
                sectie=Sectie.objects.get(pk=sectie.pk),
                user=user,
                text=text,
                message="",
                base_revisie_id=base,
            )
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=save, args=(user, text))
        for user, text in users_and_texts
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not errors, errors
    return results


def test_two_concurrent_saves_one_wins_and_the_other_text_survives_as_draft(personas):
    _doc, (sectie,) = make_document(personas)
    for round_ in range(10):
        sectie.refresh_from_db()
        # Both rewrite the same word, so the edits overlap and cannot be
        # merged automatically.
        texts = [
            (personas.medewerker, f"Sanne schrijft versie S{round_}"),
            (personas.coordinator, f"Peter schrijft versie P{round_}"),
        ]
        results = _save_concurrently(sectie, texts, sectie.current_revisie_id)
        applied = [t for t, r in results.items() if r.applied]
        drafts = [t for t, r in results.items() if not r.applied]
        assert len(applied) == 1, results
        assert len(drafts) == 1, results
        sectie.refresh_from_db()
        assert sectie.text == applied[0]
        draft = Revisie.objects.get(text=drafts[0])
        assert draft.is_open_draft
    numbers = list(sectie.revisies.values_list("number", flat=True))
    assert len(numbers) == len(set(numbers)) == 21


def test_two_concurrent_saves_at_opposite_ends_are_both_applied(personas):
    _doc, (sectie,) = make_document(personas)
    for round_ in range(5):
        sectie.refresh_from_db()
        text = sectie.text
        texts = [
            (personas.medewerker, f"Boven {round_}.\n\n{text}"),
            (personas.coordinator, f"{text}\n\nOnder {round_}."),
        ]
        results = _save_concurrently(sectie, texts, sectie.current_revisie_id)
        assert all(r.applied for r in results.values()), results
        sectie.refresh_from_db()
        assert sectie.text == f"Boven {round_}.\n\n{text}\n\nOnder {round_}."
    assert not sectie.revisies.filter(
        is_draft=True, draft_settled_at__isnull=True
    ).exists()
