from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from core.audit.models import AuditEntry
from portal.bewaartermijnen import services
from portal.bewaartermijnen.tasks import anonymise_expired
from scans.models import Signaal
from tests.scans import factories as f
from tests.visie.factories import make_document, make_opmerking
from visie.models import Opmerking


def age(queryset, pk, *, months):
    # created_at is auto_now_add; only a queryset update can backdate it.
    queryset.filter(pk=pk).update(
        created_at=timezone.now() - timedelta(days=31 * months)
    )


@pytest.fixture
def old_and_new(personas):
    gebied = f.buurt()
    old = f.signaal(gebied, personas.woonkracht10, "organisatie", text="Jan op de hoek")
    Signaal.objects.filter(pk=old.pk).update(
        author=personas.medewerker, point={"type": "Point", "coordinates": [4.6, 51.8]}
    )
    new = f.signaal(gebied, personas.woonkracht10, "partners", text="Recent signaal")
    age(Signaal.objects, old.pk, months=30)
    _, [sectie] = make_document(personas)
    old_comment = make_opmerking(personas, sectie, text="Oud commentaar", quote="mooi")
    new_comment = make_opmerking(personas, sectie, text="Nieuw commentaar")
    age(Opmerking.objects, old_comment.pk, months=30)
    return old, new, old_comment, new_comment


def test_a_dry_run_reports_what_would_change_and_changes_nothing(old_and_new, capsys):
    old, _, old_comment, _ = old_and_new

    call_command("anonymise_expired", "--dry-run")

    out = capsys.readouterr().out
    assert "Zou anonimiseren" in out
    assert "1 signalen, 1 opmerkingen" in out
    old.refresh_from_db()
    old_comment.refresh_from_db()
    assert old.text == "Jan op de hoek"
    assert old_comment.text == "Oud commentaar"


def test_old_signalen_and_comments_lose_their_text_and_author(old_and_new):
    old, new, old_comment, new_comment = old_and_new

    call_command("anonymise_expired")

    old.refresh_from_db()
    old_comment.refresh_from_db()
    assert old.text == services.MARKER
    assert old.author is None
    assert old.point is None
    assert old_comment.text == services.MARKER
    assert old_comment.quote == ""
    new.refresh_from_db()
    new_comment.refresh_from_db()
    assert new.text == "Recent signaal"
    assert new_comment.text == "Nieuw commentaar"


def test_aggregates_survive_anonymisation(old_and_new):
    old, *_ = old_and_new
    before = list(
        Signaal.objects.values_list("gebied", "thema", "soort", "rubricering")
    )

    services.anonymise(dry_run=False)

    after = list(Signaal.objects.values_list("gebied", "thema", "soort", "rubricering"))
    assert before == after
    assert Signaal.objects.count() == 2


def test_the_beat_task_is_idempotent_and_audited(old_and_new):
    assert anonymise_expired() == {"signalen": 1, "opmerkingen": 1, "aanmeldingen": 0}
    assert anonymise_expired() == {"signalen": 0, "opmerkingen": 0, "aanmeldingen": 0}
    entries = AuditEntry.objects.filter(object_type="bewaartermijnen.anonimisering")
    assert entries.count() == 1
    assert entries.get().details["signalen"] == 1
    assert entries.get().actor_label == "systeem"


def test_the_period_comes_from_settings(old_and_new, settings):
    settings.RETENTION_MONTHS = 36
    assert services.anonymise(dry_run=True).signalen == 0
    settings.RETENTION_MONTHS = 12
    assert services.anonymise(dry_run=True).signalen == 1


def test_the_task_is_scheduled_nightly(settings):
    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "portal.bewaartermijnen.tasks.anonymise_expired" in tasks
