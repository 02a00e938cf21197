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
