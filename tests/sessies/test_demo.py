import pytest
from django.core.management import call_command
from django.utils import timezone

from sessies import selectors
from sessies.models import Antwoord, Sessie, Uitnodiging, Verslag

pytestmark = pytest.mark.django_db


def test_the_demo_has_past_and_upcoming_sessions_of_every_kind():
    call_command("load_demo", allow_production=True, verbosity=0)
    now = timezone.now()
    for soort in Sessie.Soort.values:
        assert Sessie.objects.filter(soort=soort, end__lt=now).exists(), soort
        assert Sessie.objects.filter(soort=soort, start__gt=now).exists(), soort


def test_the_demo_has_invitations_in_every_state_and_a_waiting_list():
    call_command("load_demo", allow_production=True, verbosity=0)
    answers = set(Uitnodiging.objects.values_list("antwoord", flat=True))
    assert answers == set(Antwoord.values)
    assert Uitnodiging.objects.filter(wachtlijst_sinds__isnull=False).exists()
    assert Uitnodiging.objects.filter(user__isnull=True).exists()
    assert Sessie.objects.filter(status=Sessie.Status.GEANNULEERD).exists()


def test_the_demo_has_a_final_verslag_the_raad_may_read():
    call_command("load_demo", allow_production=True, verbosity=0)
    verslag = Verslag.objects.get(status=Verslag.Status.DEFINITIEF)
    raad = selectors.verslag_for_raad(verslag.sessie)
    assert raad.present == 2
    assert len(raad.opbrengsten) == 2


def test_the_demo_outcomes_feed_visie_sections_and_an_item_cites_a_scan():
    from sessies.models import Agendapunt, Opbrengst

    call_command("load_demo", allow_production=True, verbosity=0)
    linked = Opbrengst.objects.filter(visie_secties__isnull=False).distinct()
    assert linked.count() == 3
    assert Agendapunt.objects.filter(gebiedsscan__isnull=False).exists()
    assert Agendapunt.objects.filter(visie_versie__isnull=False).exists()


def test_the_demo_books_rooms_of_the_gemeentehuis():
    from sessies.models import Zaal

    call_command("load_demo", allow_production=True, verbosity=0)
    assert set(Zaal.objects.values_list("name", flat=True)) >= {
        "Raadzaal",
        "Commissiekamer",
        "Trouwzaal",
    }
    assert Sessie.objects.filter(zaal__name="Raadzaal").count() >= 2


def test_the_demo_has_a_nested_agenda_with_clock_times():
    call_command("load_demo", allow_production=True, verbosity=0)
    sessie = Sessie.objects.get(
        title="Raadswerksessie: oordeelsvorming visie Buurtaanpak"
    )
    numbers = [row.number for row in selectors.agenda(sessie)]
    assert "3b" in numbers and "4a" in numbers


def test_the_demo_has_a_cancelled_and_a_restored_session():
    from core.audit.models import AuditEntry

    call_command("load_demo", allow_production=True, verbosity=0)
    cancelled = Sessie.objects.get(status=Sessie.Status.GEANNULEERD)
    assert cancelled.cancel_reason
    restored = Sessie.objects.get(title="Partneroverleg straatcluster Kerkstraat")
    assert restored.status == Sessie.Status.GEPLAND and restored.sequence == 2
    labels = AuditEntry.objects.filter(object_id=str(restored.pk)).values_list(
        "object_label", flat=True
    )
    assert {label.split(":")[0] for label in labels} >= {"geannuleerd", "hersteld"}


def test_the_demo_has_a_public_participation_session_with_sign_ups(client):
    call_command("load_demo", allow_production=True, verbosity=0)
    sessie = Sessie.objects.get(publieke_aanmelding=True)
    residents = sessie.uitnodigingen.filter(publiek=True)
    assert residents.count() == 6
    assert residents.filter(wachtlijst_sinds__isnull=False).exists()
    assert residents.filter(antwoord=Antwoord.OPEN).exists()
    page = client.get(f"/sessies/aanmelden/{sessie.aanmeldcode}/")
    assert page.status_code == 200
    assert Uitnodiging.objects.filter(gegevens_gewist_at__isnull=False).exists()


def test_the_demo_has_a_draft_with_an_amendment_that_can_be_incorporated():
    from sessies import services
    from sessies.models import Amendement

    call_command("load_demo", allow_production=True, verbosity=0)
    amendement = Amendement.objects.get(status=Amendement.Status.VOORGESTELD)
    verslag = amendement.verslag
    services.amendement_decide(
        amendement=amendement, by=verslag.sessie.organiser, status="verwerkt"
    )
    verslag.refresh_from_db()
    assert "samen met Stichting Welzijn" in verslag.text


def test_loading_the_demo_twice_adds_nothing():
    from sessies.models import Agendapunt, Zaal

    call_command("load_demo", allow_production=True, verbosity=0)
    counts = (Sessie.objects.count(), Agendapunt.objects.count(), Zaal.objects.count())
    call_command("load_demo", allow_production=True, verbosity=0)
    assert counts == (
        Sessie.objects.count(),
        Agendapunt.objects.count(),
        Zaal.objects.count(),
    )
