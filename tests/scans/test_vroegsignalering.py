from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from scans.models import Drempels, Waarschuwing
from scans.services.vroegsignalering import evaluate
from scans.tasks import send_warning_digest
from tests.scans import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def falling(personas):
    """Three buurten; in round 2 buurt 3's overlast doubles."""
    org = personas.woonkracht10
    ind = f.indicator()
    r1 = f.ronde()
    r2 = f.ronde("Najaar 2025", basis=False, month=10)
    buurten = [f.buurt(n) for n in (1, 2, 3)]
    for b, v in zip(buurten, (4, 6, 8), strict=True):
        f.meting(f.scan(b, r1), ind, v, org)
        f.meting(f.scan(b, r2), ind, v if b != buurten[1] else 10, org)
    return buurten[1]


def test_a_domain_index_falling_10_points_warns_every_partner(falling, personas):
    evaluate()
    warnings = Waarschuwing.objects.filter(regel="index_daling", gebied=falling)
    assert set(warnings.values_list("organisation__slug", flat=True)) >= {
        "woonkracht10",
        "welzijn",
        "politie",
    }
    assert warnings.first().details["van"] == 100.0


def test_the_beheerder_tunes_the_threshold(falling):
    drempels = Drempels.current()
    drempels.index_daling = 30
    drempels.save()
    evaluate()
    assert not Waarschuwing.objects.filter(regel="index_daling").exists()


def test_evaluating_twice_changes_nothing(falling):
    evaluate()
    count = Waarschuwing.objects.count()
    assert evaluate() == {"raised": 0, "resolved": 0}
    assert Waarschuwing.objects.count() == count


def test_an_overdue_actie_warns_owner_and_partners_only(personas):
    actie = f.actie(
        f.buurt(2),
        personas.woonkracht10,
        deadline=timezone.localdate() - timedelta(days=1),
    )
    actie.partners.add(personas.politie)
    evaluate()
    assert set(
        Waarschuwing.objects.filter(regel="actie_te_laat").values_list(
            "organisation__slug", flat=True
        )
    ) == {"woonkracht10", "politie"}


def test_a_warning_that_no_longer_applies_is_resolved(personas):
    actie = f.actie(
        f.buurt(2),
        personas.woonkracht10,
        deadline=timezone.localdate() - timedelta(days=1),
    )
    evaluate()
    actie.status = "afgerond"
    actie.save()
    evaluate()
    assert Waarschuwing.objects.get().resolved_at is not None


def test_old_signalen_do_not_count(personas):
    gebied = f.buurt(2)
    for _ in range(3):
        f.signaal(gebied, personas.woonkracht10, "partners", days_ago=45)
    evaluate()
    assert not Waarschuwing.objects.filter(regel="signalen").exists()


def test_a_partner_acknowledges_a_warning_with_a_note(
    client_for, coordinator, personas
):
    f.actie(
        f.buurt(2),
        personas.woonkracht10,
        deadline=timezone.localdate() - timedelta(days=1),
    )
    evaluate()
    w = Waarschuwing.objects.get()
    client = client_for(coordinator)
    response = client.post(w.get_absolute_url(), {"note": ""})
    assert response.status_code == 200
    response = client.post(w.get_absolute_url(), {"note": "Planning bijgesteld"})
    assert response.status_code == 302
    w.refresh_from_db()
    assert w.acknowledged_by == coordinator
    assert w.acknowledgement_note == "Planning bijgesteld"
    listing = client.get(reverse("scans:waarschuwing_list")).content.decode()
    assert "Geen waarschuwingen" in listing


def test_the_daily_digest_groups_per_buurt_and_is_sent_once(personas):
    f.actie(
        f.buurt(2, name="Redersbuurt"),
        personas.woonkracht10,
        title="Portiekdeuren vervangen",
        deadline=timezone.localdate() - timedelta(days=1),
    )
    send_warning_digest.delay()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert set(message.to) == {"sanne@woonkracht10.test", "peter@woonkracht10.test"}
    assert "Redersbuurt" in message.body
    assert "Portiekdeuren vervangen" in message.body
    assert "vroegsignaal" in message.subject
    send_warning_digest.delay()
    assert len(mail.outbox) == 1


def test_the_digest_never_names_a_signaal_the_reader_may_not_see(personas):
    gebied = f.buurt(2)
    for i in range(3):
        f.signaal(gebied, personas.politie, "organisatie", text=f"Politie intern {i}")
    send_warning_digest.delay()
    recipients = {addr for m in mail.outbox for addr in m.to}
    assert recipients == {"mark@politie.test"}
    assert all("Politie intern" not in m.body for m in mail.outbox)


def test_the_beat_schedule_runs_the_digest_daily(settings):
    tasks = {e["task"] for e in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "scans.tasks.send_warning_digest" in tasks
