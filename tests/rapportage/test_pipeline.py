"""The report pipeline in-process: request, claim, render, store, fail, sweep."""

import hashlib
from datetime import timedelta
from decimal import Decimal

from django.core import mail
from django.utils import timezone

from portal.rapportage import services
from portal.rapportage.models import Rapport
from tests.rapportage.pdftext import text_of

Status = Rapport.Status


def test_a_requested_report_is_rendered_stored_with_its_checksum_and_mailed(
    griffier, gebied, budget, request_rapport
):
    rapport = request_rapport(user=griffier, kind="voortgang", audience="raad")

    assert rapport.status == Status.KLAAR
    assert rapport.attempts == 1
    with rapport.file.open("rb") as handle:
        content = handle.read()
    assert content.startswith(b"%PDF")
    assert rapport.sha256 == hashlib.sha256(content).hexdigest()
    assert rapport.page_count >= 1
    assert "Geachte raad," in text_of(rapport)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [griffier.email]
    assert rapport.title in mail.outbox[0].subject
    assert rapport.get_absolute_url() in mail.outbox[0].body


def test_the_request_row_exists_before_the_task_is_sent(griffier, db):
    # Inside the request's transaction nothing is sent yet: the row waits.
    rapport = services.rapport_request(user=griffier, kind="voortgang", audience="raad")
    rapport.refresh_from_db()
    assert rapport.status == Status.WACHTRIJ
    assert rapport.enqueued_at is None


def test_a_row_can_be_claimed_only_once(griffier, db):
    rapport = services.rapport_request(user=griffier, kind="voortgang", audience="raad")
    assert services.rapport_claim(pk=rapport.pk) is True
    assert services.rapport_claim(pk=rapport.pk) is False
    rapport.refresh_from_db()
    assert rapport.status == Status.BEZIG
    assert rapport.attempts == 1


def test_an_expired_claim_can_be_taken_over(griffier, db):
    rapport = services.rapport_request(user=griffier, kind="voortgang", audience="raad")
    services.rapport_claim(pk=rapport.pk)
    later = timezone.now() + services.lease() + timedelta(seconds=1)
    assert services.rapport_claim(pk=rapport.pk, now=later) is True
    rapport.refresh_from_db()
    assert rapport.attempts == 2


def test_a_finished_report_is_not_rendered_again_by_a_duplicate_message(
    griffier, request_rapport
):
    from portal.rapportage.tasks import render_rapport

    rapport = request_rapport(user=griffier, kind="voortgang", audience="raad")
    first = (rapport.sha256, rapport.file.name, rapport.finished_at)
    assert render_rapport.delay(rapport.pk).get() == "not-claimed"
    rapport.refresh_from_db()
    assert (rapport.sha256, rapport.file.name, rapport.finished_at) == first
    assert rapport.attempts == 1


def test_the_sweep_resends_rows_stuck_in_the_queue_and_on_a_dead_worker(
    griffier, gebied, db, django_capture_on_commit_callbacks
):
    queued = services.rapport_request(user=griffier, kind="voortgang", audience="raad")
    dead = services.rapport_request(
        user=griffier, kind="gebiedsscan", audience="raad", gebied=gebied
    )
    services.rapport_claim(pk=dead.pk)  # the worker holding it died

    # While the lease holds, only the never-sent row is re-sent.
    assert services.rapport_requeue_stuck() == 1
    dead.refresh_from_db()
    assert dead.status == Status.BEZIG

    later = timezone.now() + services.lease() + timedelta(seconds=5)
    assert services.rapport_requeue_stuck(now=later) == 1
    for rapport in (queued, dead):
        rapport.refresh_from_db()
        assert rapport.status == Status.KLAAR


def test_a_report_whose_area_was_deleted_fails_with_a_reason_and_is_not_retried(
    griffier, gebied, request_rapport, django_capture_on_commit_callbacks
):
    rapport = services.rapport_request(
        user=griffier, kind="gebiedsscan", audience="raad", gebied=gebied
    )
    rapport_pk = rapport.pk
    # The area disappears between request and rendering.
    gebied_pk = gebied.pk
    Rapport.objects.filter(pk=rapport_pk).update(gebied=None)
    from scans.models import Gebied

    Gebied.objects.filter(pk=gebied_pk).delete()
    services.rapport_process(pk=rapport_pk)
    rapport.refresh_from_db()
    assert rapport.status == Status.MISLUKT
    assert "bestaat niet meer" in rapport.error
    assert rapport.attempts == 1
    assert services.rapport_requeue_stuck() == 0


def test_a_report_for_an_area_without_data_says_geen_gegevens(
    griffier, gebied, request_rapport
):
    rapport = request_rapport(
        user=griffier, kind="gebiedsscan", audience="raad", gebied=gebied
    )
    assert rapport.status == Status.KLAAR
    text = text_of(rapport)
    assert "Redersbuurt" in text
    assert "Geen gegevens" in text


def test_a_failing_render_is_marked_mislukt_and_can_be_retried(
    griffier, request_rapport, django_capture_on_commit_callbacks, settings, tmp_path
):
    broken = tmp_path / "pdf"
    broken.mkdir()
    (broken / "voortgang.html").write_text("{% if %}")
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}
    ]
    rapport = request_rapport(user=griffier, kind="voortgang", audience="raad")
    assert rapport.status == Status.MISLUKT
    assert "opmaak" in rapport.error
    assert not rapport.file

    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": settings.TEMPLATES[0]["DIRS"][1:]}
    ]
    with django_capture_on_commit_callbacks(execute=True):
        services.rapport_retry(rapport=rapport, by=griffier)
    rapport.refresh_from_db()
    assert rapport.status == Status.KLAAR
    assert rapport.error == ""


def test_a_request_while_the_broker_is_down_is_kept_in_the_queue(
    griffier, db, broker_down, request_rapport, caplog
):
    rapport = request_rapport(user=griffier, kind="voortgang", audience="raad")
    assert rapport.status == Status.WACHTRIJ
    assert rapport.enqueued_at is None
    assert "could not be queued" in caplog.text


def test_the_task_acks_late_and_its_time_limit_stays_below_the_visibility_timeout(
    settings,
):
    from portal.rapportage.tasks import render_rapport

    assert render_rapport.acks_late is True
    assert render_rapport.reject_on_worker_lost is True
    visibility = settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"]
    assert visibility > settings.CELERY_TASK_TIME_LIMIT
    # A live render keeps its claim: the lease outlasts the hard time limit.
    assert services.lease().total_seconds() > settings.CELERY_TASK_TIME_LIMIT
    assert settings.CELERY_WORKER_MAX_MEMORY_PER_CHILD > 0
    schedule = settings.CELERY_BEAT_SCHEDULE["rapportage-requeue-stuck"]
    assert schedule["task"] == "portal.rapportage.tasks.requeue_stuck_rapporten"


def test_the_demo_has_the_budget_and_a_signed_raadsinformatiebrief(db):
    from django.core.management import call_command

    call_command("load_demo", allow_production=True, verbosity=0)
    from portal.rapportage import demo, raad

    years = {row.year: row.budget for row in raad.budget_per_year()}
    assert years[2025] == years[2026] == 100_000
    assert years[2023] < years[2024] < years[2025]
    rapport = Rapport.objects.get(title=demo.DEMO_RAPPORT)
    assert rapport.is_published
    assert rapport.status == Status.KLAAR
    text = " ".join(text_of(rapport).split())
    assert "Geachte raad," in text
    assert "Kenmerk Z-2026-00412" in text
    assert "J. van der Linden" in text and "A.M. Verhoef" in text
    assert "Wat er is bereikt" in text


def test_the_demo_has_a_correction_with_its_change_note_and_notes_on_it(db):
    from django.core.management import call_command

    call_command("load_demo", allow_production=True, verbosity=0)
    from portal.rapportage import demo
    from portal.rapportage.models import Notitie

    correction = Rapport.objects.get(title=demo.DEMO_CORRECTIE)
    assert correction.is_published
    assert correction.supersedes.title == demo.DEMO_RAPPORT
    assert correction.brief.kenmerk == "Z-2026-00412"
    text = " ".join(text_of(correction).split())
    assert "Wat is er gewijzigd: In bijlage 3 stond de slottermijn" in text
    notes = Notitie.objects.filter(rapport=correction)
    assert {n.shared for n in notes} == {True, False}


def test_the_demo_has_payments_that_settle_commitments(db):
    from django.core.management import call_command

    call_command("load_demo", allow_production=True, verbosity=0)
    from portal.rapportage import raad
    from portal.rapportage.models import Uitgave

    settled = Uitgave.objects.filter(verplichting__isnull=False)
    assert settled.count() == 4
    # Najaar 2024: 15.000 committed, paid in two parts (one in January 2025,
    # booked in 2024): nothing open, all of it paid in 2024.
    jaren = {jaar.year: jaar for jaar in raad.budget_per_year()}
    assert jaren[2024].committed == 0
    assert jaren[2024].spent == Decimal("35750.00")
    assert jaren[2025].committed == Decimal("15000.00")


def test_the_stored_text_is_what_the_pdf_says_so_search_can_find_it(
    griffier, gebied, budget, request_rapport
):
    rapport = request_rapport(user=griffier, kind="voortgang", audience="raad")

    pdf_words = text_of(rapport).split()
    assert "Geachte raad," in rapport.text
    # Every word of the stored text is in the PDF, and most of the PDF's words
    # are in the stored text (the PDF adds page numbers and running heads).
    stored = set(rapport.text.split())
    assert stored <= set(pdf_words) | {w for w in stored if not w.isalpha()}
    assert len(stored & set(pdf_words)) > 0.8 * len(set(pdf_words))
