"""Minutes: amendments change the text, and everyone concerned hears of it."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from sessies import services, tasks
from sessies.models import Amendement, Antwoord, Sessie, Verslag, VerzondenMail
from tests.conftest import make_user
from tests.sessies.factories import invite, make_sessie

pytestmark = pytest.mark.django_db

TEXT = (
    "De raad is geïnformeerd over de gebiedsscans.\n\n"
    "Raadsleden vroegen naar de jongerenwerkers.\n\n"
    "Afgesproken is dat de visie in oordeelsvorming komt."
)


@pytest.fixture
def verleden(personas):
    """A session of yesterday: the raadslid came, a colleague stayed away."""
    sessie = make_sessie(
        personas.griffier,
        personas.griffie,
        start=timezone.now() - timedelta(days=1),
        title="Werksessie gebiedsscans",
    )
    invite(sessie, personas.raadslid, antwoord=Antwoord.AANMELDEN, aanwezig=True)
    afwezig = make_user("ahmed@raad.test", personas.raad, "raadslid")
    invite(sessie, afwezig, antwoord=Antwoord.AFMELDEN, aanwezig=False)
    stil = make_user("joke@raad.test", personas.raad, "raadslid")
    invite(sessie, stil, antwoord=Antwoord.OPEN, aanwezig=False)
    invite(sessie, email="inspreker@example.org", aanwezig=True)
    services.verslag_save(sessie=sessie, by=personas.griffier, text=TEXT)
    return sessie


def propose(sessie, user, **fields):
    return services.amendement_create(sessie=sessie, by=user, **fields)


def test_a_proposed_amendment_is_mailed_to_the_organiser_once(
    verleden, raadslid, griffier, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        amendement = propose(
            verleden,
            raadslid,
            passage="naar de jongerenwerkers",
            text="naar de jongerenwerkers en de wijkagent",
            toelichting="De wijkagent kwam ook ter sprake.",
        )
    [message] = mail.outbox
    assert message.to == [griffier.email]
    assert message.subject == "Amendement op het verslag: Werksessie gebiedsscans"
    assert "naar de jongerenwerkers en de wijkagent" in message.body
    assert "De wijkagent kwam ook ter sprake." in message.body
    assert reverse("sessies:verslag_detail", args=[verleden.pk]) in message.body
    # A task that runs again sends nothing.
    assert (
        tasks.send_verslag_mail(
            amendement.verslag_id, "amendement", griffier.pk, amendement.pk
        )
        is False
    )
    assert len(mail.outbox) == 1


def test_the_amendment_page_says_who_receives_it(client_for, verleden, raadslid):
    response = client_for(raadslid).post(
        reverse("sessies:verslag_detail", args=[verleden.pk]),
        {"passage": "", "text": "Ook de Kerkstraat is genoemd.", "toelichting": ""},
        follow=True,
    )
    assert "verstuurd naar willem, die de sessie organiseert" in (
        response.content.decode()
    )


def test_incorporating_replaces_the_passage_in_the_minutes(
    verleden, raadslid, griffier, django_capture_on_commit_callbacks
):
    amendement = propose(
        verleden,
        raadslid,
        # Copied from the page, where the line break became a space.
        passage="jongerenwerkers.  Afgesproken",
        text="jongerenwerkers en de wijkagent.\n\nAfgesproken",
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.amendement_decide(
            amendement=amendement, by=griffier, status=Amendement.Status.VERWERKT
        )
    verslag = Verslag.objects.get(sessie=verleden)
    assert verslag.text == TEXT.replace(
        "jongerenwerkers.", "jongerenwerkers en de wijkagent."
    )
    [message] = mail.outbox
    assert message.to == [raadslid.email]
    assert "is in de tekst verwerkt" in message.body


def test_an_amendment_without_a_passage_adds_text_at_the_end(
    verleden, raadslid, griffier
):
    amendement = propose(verleden, raadslid, text="De volgende sessie is in maart.")
    services.amendement_decide(amendement=amendement, by=griffier, status="verwerkt")
    assert Verslag.objects.get(sessie=verleden).text == (
        TEXT + "\n\nDe volgende sessie is in maart."
    )


def test_an_amendment_without_new_text_deletes_the_passage(
    verleden, raadslid, griffier
):
    amendement = propose(
        verleden, raadslid, passage="Raadsleden vroegen naar de jongerenwerkers."
    )
    services.amendement_decide(amendement=amendement, by=griffier, status="verwerkt")
    assert Verslag.objects.get(sessie=verleden).text == (
        "De raad is geïnformeerd over de gebiedsscans.\n\n"
        "Afgesproken is dat de visie in oordeelsvorming komt."
    )


def test_a_passage_that_is_not_in_the_minutes_is_explained_on_the_form(
    client_for, verleden, raadslid
):
    response = client_for(raadslid).post(
        reverse("sessies:verslag_detail", args=[verleden.pk]),
        {"passage": "de wethouder", "text": "de burgemeester"},
    )
    assert "Deze passage staat niet in het verslag." in response.content.decode()
    assert not Amendement.objects.exists()
    assert mail.outbox == []


def test_a_passage_that_occurs_more_than_once_must_be_longer(verleden, raadslid):
    # "de" three times as a word; inside "Raadsleden" it does not count.
    with pytest.raises(ValidationError, match="staat 3 keer in het verslag"):
        propose(verleden, raadslid, passage="de", text="het")


def test_a_passage_changed_by_hand_meanwhile_cannot_be_incorporated(
    verleden, raadslid, griffier
):
    amendement = propose(
        verleden, raadslid, passage="de gebiedsscans", text="de twee gebiedsscans"
    )
    services.verslag_save(
        sessie=verleden, by=griffier, text=TEXT.replace("gebiedsscans", "scans")
    )
    with pytest.raises(ValidationError, match="niet meer precies één keer"):
        services.amendement_decide(
            amendement=amendement, by=griffier, status="verwerkt"
        )
    amendement.refresh_from_db()
    assert amendement.status == Amendement.Status.VOORGESTELD
    assert "scans" in Verslag.objects.get(sessie=verleden).text


def test_the_page_shows_the_change_as_a_deletion_and_an_insertion(
    client_for, verleden, raadslid, griffier
):
    amendement = propose(
        verleden, raadslid, passage="de gebiedsscans", text="de twee gebiedsscans"
    )
    services.amendement_decide(amendement=amendement, by=griffier, status="verwerkt")
    page = client_for(raadslid).get(
        reverse("sessies:verslag_detail", args=[verleden.pk])
    )
    text = page.content.decode()
    assert (
        '<del><span class="visually-hidden">Geschrapt: </span>de gebiedsscans</del>'
        in text
    )
    assert (
        '<ins><span class="visually-hidden">In plaats daarvan: </span>'
        "de twee gebiedsscans</ins>" in text
    )
    assert "geïnformeerd over de twee gebiedsscans" in text
    assert "De wijziging staat in de tekst hierboven." in text


def test_a_declined_amendment_leaves_the_text_and_tells_its_author(
    verleden, raadslid, griffier, django_capture_on_commit_callbacks
):
    amendement = propose(verleden, raadslid, passage="de gebiedsscans", text="x")
    with django_capture_on_commit_callbacks(execute=True):
        services.amendement_decide(
            amendement=amendement, by=griffier, status="afgewezen"
        )
    assert Verslag.objects.get(sessie=verleden).text == TEXT
    [message] = mail.outbox
    assert message.to == [raadslid.email] and "is afgewezen" in message.body
    with pytest.raises(ValidationError, match="al afgehandeld"):
        services.amendement_decide(
            amendement=amendement, by=griffier, status="verwerkt"
        )


def test_the_draft_goes_once_to_those_present_with_an_account(
    client_for, verleden, griffier, raadslid, django_capture_on_commit_callbacks
):
    client = client_for(griffier)
    url = reverse("sessies:verslag_share", args=[verleden.pk])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url)
    [message] = mail.outbox
    assert message.to == [raadslid.email]
    assert message.subject == "Conceptverslag: Werksessie gebiedsscans"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, follow=True)
    assert "Het concept is al gedeeld op" in response.content.decode()
    assert len(mail.outbox) == 1


def test_the_draft_waits_for_the_attendance(griffier, personas):
    sessie = make_sessie(
        griffier, personas.griffie, start=timezone.now() - timedelta(days=1)
    )
    invite(sessie, personas.raadslid)
    services.verslag_save(sessie=sessie, by=griffier, text="Concept")
    with pytest.raises(ValidationError, match="Registreer eerst de aanwezigheid"):
        services.verslag_share_draft(sessie=sessie, by=griffier)


def test_the_final_minutes_go_once_to_who_came_or_did_not_decline(
    verleden, griffier, raadslid, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.verslag_finalise(sessie=verleden, by=griffier)
    assert sorted(m.to[0] for m in mail.outbox) == ["joke@raad.test", raadslid.email]
    assert all(
        m.subject == "Definitief verslag: Werksessie gebiedsscans" for m in mail.outbox
    )
    verslag = Verslag.objects.get(sessie=verleden)
    assert tasks.notify_verslag(verslag.pk, "definitief") == 2
    assert len(mail.outbox) == 2
    assert VerzondenMail.objects.filter(key__contains="definitief").count() == 2


def test_the_minutes_cannot_be_final_while_the_session_is_still_running(
    client_for, griffier, personas
):
    running = make_sessie(
        griffier,
        personas.griffie,
        start=timezone.now() - timedelta(minutes=30),
        hours=2,
    )
    services.verslag_save(sessie=running, by=griffier, text="Tot nu toe")
    with pytest.raises(ValidationError, match="pas definitief worden als de sessie"):
        services.verslag_finalise(sessie=running, by=griffier)
    client = client_for(griffier)
    page = client.get(reverse("sessies:verslag_detail", args=[running.pk]))
    assert "Definitief maken" not in page.content.decode()
    response = client.post(
        reverse("sessies:verslag_finalise", args=[running.pk]), follow=True
    )
    assert "Het verslag kan pas definitief worden als de sessie is afgelopen" in (
        response.content.decode()
    )
    running.refresh_from_db()
    assert running.status == Sessie.Status.GEPLAND
    assert not Verslag.objects.get(sessie=running).is_final
    assert mail.outbox == []
