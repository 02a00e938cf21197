from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from partners import services
from partners.models import Invitation, Membership, User
from partners.tasks import expire_invitations


def invite(
    by,
    org,
    email="nieuw@woonkracht10.test",
    role="medewerker",
    django_capture_on_commit_callbacks=None,
):
    return services.invitation_create(
        invited_by=by, email=email, organisation=org, role=role
    )


@pytest.mark.django_db
class TestSendingAnInvitation:
    def test_a_coordinator_invites_a_colleague_and_an_email_goes_out(
        self, client_for, coordinator, personas, django_capture_on_commit_callbacks
    ):
        client = client_for(coordinator)
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                reverse("partners:invitation_create"),
                {
                    "email": "Nieuw@Woonkracht10.test",
                    "organisation": personas.woonkracht10.pk,
                    "role": "medewerker",
                },
            )
        assert response.status_code == 302
        invitation = Invitation.objects.get()
        assert invitation.email == "nieuw@woonkracht10.test"
        assert len(mail.outbox) == 1
        message = mail.outbox[0]
        assert message.to == ["nieuw@woonkracht10.test"]
        assert "Uitnodiging" in message.subject
        assert "/partners/uitnodiging/" in message.body

    def test_a_coordinator_cannot_invite_for_another_organisation(
        self, client_for, coordinator, personas
    ):
        response = client_for(coordinator).post(
            reverse("partners:invitation_create"),
            {
                "email": "x@welzijn.test",
                "organisation": personas.welzijn.pk,
                "role": "medewerker",
            },
        )
        assert response.status_code == 200
        assert "Selecteer een geldige keuze" in response.content.decode()
        assert not Invitation.objects.exists()

    def test_a_coordinator_cannot_grant_the_beheerder_role(
        self, client_for, coordinator, personas
    ):
        response = client_for(coordinator).post(
            reverse("partners:invitation_create"),
            {
                "email": "x@woonkracht10.test",
                "organisation": personas.woonkracht10.pk,
                "role": "beheerder",
            },
        )
        assert response.status_code == 200
        assert not Invitation.objects.exists()

    def test_an_address_that_already_has_an_account_is_refused_in_dutch(
        self, client_for, beheerder, medewerker, personas
    ):
        response = client_for(beheerder).post(
            reverse("partners:invitation_create"),
            {
                "email": medewerker.email.upper(),
                "organisation": personas.welzijn.pk,
                "role": "medewerker",
            },
        )
        assert response.status_code == 200
        assert "Er bestaat al een account met dit e-mailadres." in (
            response.content.decode()
        )
        assert not Invitation.objects.exists()

    def test_the_beheerder_may_invite_a_griffier(self, client_for, beheerder, personas):
        response = client_for(beheerder).post(
            reverse("partners:invitation_create"),
            {
                "email": "griffie2@alblasserdam.test",
                "organisation": personas.griffie.pk,
                "role": "griffier",
            },
        )
        assert response.status_code == 302
        assert Invitation.objects.get().role == "griffier"


@pytest.mark.django_db
class TestAcceptingAnInvitation:
    def _form(self, **extra):
        return {
            "full_name": "Nieuwe Collega",
            "password1": "Lange-Zin-Met-Woorden-9",
            "password2": "Lange-Zin-Met-Woorden-9",
            **extra,
        }

    def test_it_creates_the_account_with_the_role_and_logs_in(
        self, client, coordinator, personas
    ):
        _inv, token = invite(coordinator, personas.woonkracht10)
        url = reverse("partners:invitation_accept", args=[token])
        assert client.get(url).status_code == 200
        response = client.post(url, self._form())
        assert response.status_code == 302
        user = User.objects.get(email="nieuw@woonkracht10.test")
        assert Membership.objects.get(user=user).role == "medewerker"
        assert client.get(reverse("start")).status_code == 200

    def test_the_link_works_only_once(self, client, coordinator, personas):
        _inv, token = invite(coordinator, personas.woonkracht10)
        url = reverse("partners:invitation_accept", args=[token])
        client.post(url, self._form())
        client.logout()
        response = client.get(url)
        assert response.status_code == 410
        assert "al gebruikt" in response.content.decode()
        second = client.post(url, self._form(full_name="Iemand Anders"))
        assert second.status_code == 410
        assert User.objects.filter(email="nieuw@woonkracht10.test").count() == 1

    def test_an_expired_link_is_refused_and_creates_nothing(
        self, client, coordinator, personas
    ):
        inv, token = invite(coordinator, personas.woonkracht10)
        Invitation.objects.filter(pk=inv.pk).update(
            expires_at=timezone.now() - timedelta(minutes=1)
        )
        url = reverse("partners:invitation_accept", args=[token])
        response = client.post(url, self._form())
        assert response.status_code == 410
        assert "verlopen" in response.content.decode()
        assert not User.objects.filter(email="nieuw@woonkracht10.test").exists()

    def test_a_made_up_token_gives_not_found(self, client, db):
        response = client.get(reverse("partners:invitation_accept", args=["verzonnen"]))
        assert response.status_code == 404

    def test_a_weak_password_is_refused_with_a_dutch_message_and_keeps_the_name(
        self, client, coordinator, personas
    ):
        _inv, token = invite(coordinator, personas.woonkracht10)
        url = reverse("partners:invitation_accept", args=[token])
        response = client.post(
            url, self._form(password1="12345678", password2="12345678")
        )
        body = response.content.decode()
        assert response.status_code == 200
        assert "Verbeter het volgende" in body
        assert 'value="Nieuwe Collega"' in body
        assert not User.objects.filter(email="nieuw@woonkracht10.test").exists()

    def test_the_invitation_is_single_use_even_when_accepted_twice_in_the_service(
        self, coordinator, personas
    ):
        from django.core.exceptions import ValidationError

        _inv, token = invite(coordinator, personas.woonkracht10)
        services.invitation_accept(token=token, full_name="A", password="x" * 12)
        with pytest.raises(ValidationError):
            services.invitation_accept(token=token, full_name="B", password="y" * 12)


@pytest.mark.django_db
def test_a_revoked_invitation_can_no_longer_be_used(client_for, coordinator, personas):
    inv, token = invite(coordinator, personas.woonkracht10)
    client = client_for(coordinator)
    client.post(reverse("partners:invitation_revoke", args=[inv.pk]))
    client.logout()
    response = client.get(reverse("partners:invitation_accept", args=[token]))
    assert response.status_code == 404


@pytest.mark.django_db
def test_the_nightly_task_revokes_expired_invitations(coordinator, personas):
    inv, _token = invite(coordinator, personas.woonkracht10)
    fresh, _ = invite(
        coordinator, personas.woonkracht10, email="ander@woonkracht10.test"
    )
    Invitation.objects.filter(pk=inv.pk).update(expires_at=timezone.now())
    assert expire_invitations() == 1
    assert Invitation.objects.get(pk=inv.pk).revoked_at is not None
    assert Invitation.objects.get(pk=fresh.pk).revoked_at is None


@pytest.mark.django_db
def test_the_public_signup_page_is_closed(client):
    response = client.get(reverse("account_signup"))
    assert "gesloten" in response.content.decode().lower()


@pytest.mark.django_db
def test_guessing_invitation_tokens_is_rate_limited(client):
    url = lambda i: reverse("partners:invitation_accept", args=[f"gok-{i}"])  # noqa: E731
    statuses = [client.get(url(i)).status_code for i in range(31)]
    assert statuses[:30] == [404] * 30
    assert statuses[30] == 429
    assert "Te veel verzoeken" in client.get(url(99)).content.decode()


@pytest.mark.django_db
def test_sending_invitations_is_rate_limited_per_user(
    client_for, coordinator, personas
):
    client = client_for(coordinator)
    for i in range(30):
        client.post(
            reverse("partners:invitation_create"),
            {
                "email": f"n{i}@woonkracht10.test",
                "organisation": personas.woonkracht10.pk,
                "role": "medewerker",
            },
        )
    response = client.post(
        reverse("partners:invitation_create"),
        {
            "email": "te-veel@woonkracht10.test",
            "organisation": personas.woonkracht10.pk,
            "role": "medewerker",
        },
    )
    assert response.status_code == 429
    assert not Invitation.objects.filter(email="te-veel@woonkracht10.test").exists()
    assert Invitation.objects.count() == 30
