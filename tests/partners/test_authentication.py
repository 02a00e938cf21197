import pytest
from django.urls import reverse

from tests.browser.conftest import totp_code
from tests.conftest import PASSWORD, enable_totp, make_user


def login_post(client, user, password=PASSWORD):
    return client.post(
        reverse("account_login"), {"login": user.email, "password": password}
    )


@pytest.mark.django_db
class TestMandatoryTwoFactor:
    @pytest.mark.parametrize("persona", ["griffier", "beheerder", "politie"])
    def test_roles_that_need_it_are_sent_to_set_it_up_before_anything_else(
        self, client, personas, persona
    ):
        org = {
            "griffier": personas.griffie,
            "beheerder": personas.beheer,
            "politie": personas.politie,
        }[persona]
        role = {"politie": "medewerker"}.get(persona, persona)
        user = make_user(f"nieuw-{persona}@test.nl", org, role)
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        for url in [reverse("start"), reverse("partners:organisation_list")]:
            response = client.get(url)
            assert response.status_code == 302
            assert response.url == reverse("mfa_activate_totp")
        assert client.get(reverse("mfa_activate_totp"), follow=True).status_code == 200

    def test_a_partner_without_that_duty_is_not_stopped(self, client_for, medewerker):
        assert client_for(medewerker).get(reverse("start")).status_code == 200

    def test_setting_up_totp_with_a_valid_code_opens_the_portal(self, client, personas):
        user = make_user("griffier2@test.nl", personas.griffie, "griffier")
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        # allauth asks for the password again before adding an authenticator.
        client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
        page = client.get(reverse("mfa_activate_totp"))
        secret = page.context["form"].secret
        wrong = client.post(reverse("mfa_activate_totp"), {"code": "000000"})
        assert wrong.status_code == 200
        assert "Ongeldige code" in wrong.content.decode()
        assert client.get(reverse("start")).status_code == 302
        response = client.post(
            reverse("mfa_activate_totp"), {"code": totp_code(secret)}
        )
        assert response.status_code == 302
        assert client.get(reverse("start")).status_code == 200


@pytest.mark.django_db
class TestLogin:
    def test_login_is_by_email_address(self, client, medewerker):
        response = login_post(client, medewerker)
        assert response.status_code == 302
        assert client.get(reverse("start")).status_code == 200

    def test_a_wrong_password_gives_a_dutch_message(self, client, medewerker):
        response = login_post(client, medewerker, password="fout-wachtwoord")
        assert response.status_code == 200
        assert "wachtwoord" in response.content.decode().lower()
        assert client.get(reverse("start")).status_code == 302

    def test_a_user_with_totp_must_give_a_code_and_a_wrong_one_is_refused(
        self, client, personas
    ):
        user = make_user("griffier3@test.nl", personas.griffie, "griffier")
        secret = enable_totp(user)
        response = login_post(client, user)
        assert response.url == reverse("mfa_authenticate")
        wrong = client.post(reverse("mfa_authenticate"), {"code": "123456"})
        assert "Ongeldige code" in wrong.content.decode()
        assert client.get(reverse("start")).status_code == 302
        right = client.post(reverse("mfa_authenticate"), {"code": totp_code(secret)})
        assert right.status_code == 302
        assert client.get(reverse("start")).status_code == 200

    def test_repeated_failed_logins_are_rate_limited(self, client, medewerker):
        for _ in range(5):
            login_post(client, medewerker, password="fout")
        response = login_post(client, medewerker)  # even the right password
        assert client.get(reverse("start")).status_code == 302
        body = response.content.decode().lower()
        assert response.status_code == 429 or "te veel" in body

    def test_the_admin_uses_the_portal_login(self, client, db):
        response = client.get(reverse("admin:index"))
        assert response.status_code == 302
        follow = client.get(response.url)
        assert follow.status_code == 302
        assert follow.url.startswith(reverse("account_login"))


@pytest.mark.django_db
def test_a_forgotten_password_can_be_reset_by_email(client, medewerker):
    from django.core import mail

    response = client.post(
        reverse("account_reset_password"), {"email": medewerker.email}
    )
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [medewerker.email]
    link = next(w for w in mail.outbox[0].body.split() if "/password/reset/key/" in w)
    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    new = "Nieuw-Veilig-Wachtwoord-2026"
    done = client.post(
        form_page.redirect_chain[-1][0] if form_page.redirect_chain else link,
        {"password1": new, "password2": new},
    )
    assert done.status_code == 302
    medewerker.refresh_from_db()
    assert medewerker.check_password(new)


@pytest.mark.django_db
def test_a_session_ends_after_half_an_hour_without_activity(client_for, medewerker):
    import time_machine

    with time_machine.travel("2026-11-28 10:00 +0000", tick=False) as traveller:
        client = client_for(medewerker)
        assert client.get(reverse("start")).status_code == 200
        traveller.shift(25 * 60)
        assert client.get(reverse("start")).status_code == 200
        traveller.shift(25 * 60)  # 25 minutes since the last request: still fine
        assert client.get(reverse("start")).status_code == 200
        traveller.shift(31 * 60)
        response = client.get(reverse("start"))
        assert response.status_code == 302
        assert response.url.startswith(reverse("account_login"))
        assert client.get(reverse("start")).status_code == 302


@pytest.mark.django_db
def test_a_user_can_sign_out_all_other_devices(client, medewerker):
    from django.test import Client

    other = Client()
    other.post(
        reverse("account_login"), {"login": medewerker.email, "password": PASSWORD}
    )
    assert other.get(reverse("start")).status_code == 200
    client.post(
        reverse("account_login"), {"login": medewerker.email, "password": PASSWORD}
    )
    page = client.get(reverse("usersessions_list"))
    assert page.status_code == 200
    client.post(reverse("usersessions_list"), {})
    assert other.get(reverse("start")).status_code == 302
    assert client.get(reverse("start")).status_code == 200
