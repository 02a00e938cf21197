"""Regression tests for the account findings: e-mail changes, the audit actor,
TOTP secrets in the admin, locking out a raadslid, TOTP reuse and the
invitation token in the task queue."""

import time

import pytest
import time_machine
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from allauth.mfa.utils import decrypt
from django.urls import reverse

from core.audit.models import AuditEntry
from core.audit.services import Action, record
from partners import services
from partners.models import User
from tests.conftest import PASSWORD, enable_totp, make_user

pytestmark = pytest.mark.django_db

INTRUDER_ADDRESS = "burgemeester@alblasserdam.nl"


def _login(client, email, password=PASSWORD, ip="10.0.0.1"):
    return client.post(
        reverse("account_login"),
        {"login": email, "password": password},
        REMOTE_ADDR=ip,
    )


# E-mail addresses ----------------------------------------------------------


def test_a_medewerker_cannot_add_an_address_make_it_primary_and_log_in_with_it(
    client_for, medewerker, client
):
    own = client_for(medewerker)
    own.post(reverse("account_email"), {"email": INTRUDER_ADDRESS, "action_add": ""})
    own.post(
        reverse("account_email"), {"email": INTRUDER_ADDRESS, "action_primary": ""}
    )
    medewerker.refresh_from_db()
    assert medewerker.email == "sanne@woonkracht10.test"
    assert not EmailAddress.objects.filter(email__iexact=INTRUDER_ADDRESS).exists()
    client.logout()
    assert _login(client, INTRUDER_ADDRESS).status_code == 200
    assert client.get(reverse("start")).status_code == 302


def test_the_address_page_is_read_only_and_says_who_changes_it(client_for, medewerker):
    page = client_for(medewerker).get(reverse("account_email")).content.decode()
    assert medewerker.email in page
    assert "functioneel beheer" in page.lower()
    assert 'name="action_add"' not in page
    assert "Ongeverifieerd" not in page
    assert "verificatie e-mail opnieuw" not in page.lower()


def test_an_accepted_invitation_gives_a_verified_primary_address(
    client, coordinator, personas
):
    _invitation, token = services.invitation_create(
        invited_by=coordinator,
        email="nieuw@woonkracht10.test",
        organisation=personas.woonkracht10,
        role="medewerker",
    )
    user = services.invitation_accept(
        token=token, full_name="Nieuwe Collega", password=PASSWORD
    )
    address = EmailAddress.objects.get(user=user)
    assert (address.email, address.verified, address.primary) == (
        "nieuw@woonkracht10.test",
        True,
        True,
    )


def test_demo_accounts_have_verified_addresses():
    from partners import demo

    demo.load()
    users = User.objects.all()
    assert users.exists()
    for user in users:
        assert EmailAddress.objects.filter(
            user=user, email=user.email, verified=True, primary=True
        ).exists(), user.email


def test_the_beheerder_changes_an_address_in_the_admin_with_an_audit_entry(
    client_for, beheerder, medewerker
):
    client = client_for(beheerder)
    url = reverse("admin:partners_user_change", args=[medewerker.pk])
    response = client.post(
        url,
        {
            "email": "sanne.devries@woonkracht10.test",
            "full_name": medewerker.full_name,
            "is_active": "on",
            "date_joined_0": "2026-01-01",
            "date_joined_1": "09:00:00",
            "memberships-TOTAL_FORMS": "0",
            "memberships-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    medewerker.refresh_from_db()
    assert medewerker.email == "sanne.devries@woonkracht10.test"
    assert list(
        EmailAddress.objects.filter(user=medewerker).values_list(
            "email", "verified", "primary"
        )
    ) == [("sanne.devries@woonkracht10.test", True, True)]
    entry = AuditEntry.objects.get(object_type="partners.user", action=Action.CHANGE)
    assert entry.actor == beheerder
    assert entry.object_id == str(medewerker.pk)
    assert entry.details["old"] == "sanne@woonkracht10.test"
    assert entry.details["new"] == "sanne.devries@woonkracht10.test"


def test_the_address_admin_of_allauth_is_read_only(client_for, beheerder, medewerker):
    address = EmailAddress.objects.create(
        user=medewerker, email=medewerker.email, verified=True, primary=True
    )
    client = client_for(beheerder)
    add = client.get(reverse("admin:account_emailaddress_add"))
    assert add.status_code == 403
    change = client.post(
        reverse("admin:account_emailaddress_change", args=[address.pk]),
        {"user": medewerker.pk, "email": INTRUDER_ADDRESS, "verified": "on"},
    )
    assert change.status_code == 403
    address.refresh_from_db()
    assert address.email == medewerker.email


# The audit trail names the actor by a stable id ---------------------------


def test_the_audit_trail_names_the_actor_by_id_and_current_name(
    client_for, beheerder, medewerker
):
    record(actor=medewerker, action=Action.VIEW, object_type="scans.signaal")
    services.account_email_set(
        user=medewerker, email=INTRUDER_ADDRESS, by=beheerder, request=None
    )
    medewerker.full_name = "Sanne de Vries"
    medewerker.save()
    client = client_for(beheerder)
    page = client.get(reverse("audit:entry_list")).content.decode()
    assert f"#{medewerker.pk} Sanne de Vries" in page
    export = client.get(reverse("audit:entry_export"))
    rows = b"".join(export.streaming_content).decode().splitlines()
    header = rows[0].split(";")
    assert header[1:4] == ["gebruiker-id", "gebruiker", "gebruiker (vastgelegd)"]
    viewed = next(r for r in rows if "scans.signaal" in r).split(";")
    assert viewed[1:4] == [
        str(medewerker.pk),
        "Sanne de Vries",
        f"#{medewerker.pk} sanne@woonkracht10.test",
    ]


# TOTP secrets never appear in the admin ------------------------------------


def test_the_admin_shows_no_totp_secret_and_changes_no_authenticator(
    client_for, beheerder, griffier
):
    authenticator = Authenticator.objects.get(
        user=griffier, type=Authenticator.Type.TOTP
    )
    secret = decrypt(authenticator.data["secret"])
    client = client_for(beheerder)
    pages = [
        client.get(reverse("admin:mfa_authenticator_changelist")),
        client.get(reverse("admin:mfa_authenticator_change", args=[authenticator.pk])),
    ]
    for page in pages:
        assert page.status_code == 200
        text = page.content.decode()
        assert secret not in text
        assert authenticator.data["secret"] not in text
        assert 'name="data"' not in text
    changed = client.post(
        reverse("admin:mfa_authenticator_change", args=[authenticator.pk]),
        {"user": griffier.pk, "type": "totp", "data": '{"secret": "AAAA"}'},
    )
    assert changed.status_code == 403
    authenticator.refresh_from_db()
    assert decrypt(authenticator.data["secret"]) == secret


# Nobody locks out a raadslid ------------------------------------------------


def test_wrong_passwords_from_one_address_do_not_lock_out_the_raadslid(
    client, raadslid
):
    for attempt in range(8):
        _login(client, raadslid.email, f"geraden-{attempt}", ip="203.0.113.9")
    response = _login(client, raadslid.email, PASSWORD, ip="198.51.100.20")
    assert response.status_code == 302
    assert client.get(reverse("start")).status_code == 200


def test_the_guessing_address_is_slowed_down_even_with_the_right_password(
    client, raadslid
):
    for attempt in range(5):
        _login(client, raadslid.email, f"geraden-{attempt}", ip="203.0.113.9")
    response = _login(client, raadslid.email, PASSWORD, ip="203.0.113.9")
    assert response.status_code == 200
    assert "te veel" in response.content.decode().lower()


# A TOTP code works once ---------------------------------------------------


def _code(secret: str, at: float) -> str:
    return format_hotp_value(hotp_value(secret, int(at) // 30))


def test_the_activation_code_is_not_accepted_again_at_the_next_login(client, personas):
    user = make_user("nieuwe.griffier@test.nl", personas.griffie, "griffier")
    start = (int(time.time()) // 30 + 1) * 30 + 2  # early in a fresh window
    with time_machine.travel(start, tick=False):
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
        secret = client.get(reverse("mfa_activate_totp")).context["form"].secret
        code = _code(secret, start)
        activated = client.post(reverse("mfa_activate_totp"), {"code": code})
        assert activated.status_code == 302
        client.logout()
        assert _login(client, user.email).url == reverse("mfa_authenticate")
        reused = client.post(reverse("mfa_authenticate"), {"code": code})
        assert reused.status_code == 200
        assert client.get(reverse("start")).status_code == 302
    with time_machine.travel(start + 30, tick=False):
        fresh = client.post(
            reverse("mfa_authenticate"), {"code": _code(secret, start + 30)}
        )
        assert fresh.status_code == 302


def test_a_login_code_is_not_accepted_for_a_second_login_in_its_window(
    client, personas
):
    user = make_user("griffier4@test.nl", personas.griffie, "griffier")
    start = (int(time.time()) // 30 + 1) * 30 + 2
    secret = enable_totp(user)
    with time_machine.travel(start, tick=False):
        code = _code(secret, start)
        _login(client, user.email)
        assert client.post(reverse("mfa_authenticate"), {"code": code}).status_code == (
            302
        )
        client.logout()
        # The cache that allauth keeps its own marker in may be empty (Redis
        # restarted): the time step stored with the authenticator still holds.
        from django.core.cache import cache

        cache.clear()
        _login(client, user.email)
        again = client.post(reverse("mfa_authenticate"), {"code": code})
        assert again.status_code == 200


# The invitation token stays out of the task queue ---------------------------


def test_the_invitation_task_gets_no_token_and_the_mail_link_works(
    coordinator,
    personas,
    monkeypatch,
    mailoutbox,
    client,
    django_capture_on_commit_callbacks,
):
    from partners import tasks

    sent = []
    original = tasks.send_invitation.delay
    monkeypatch.setattr(
        tasks.send_invitation,
        "delay",
        lambda *args, **kwargs: (
            sent.append((args, kwargs)) or original(*args, **kwargs)
        ),
    )
    with django_capture_on_commit_callbacks(execute=True):
        _invitation, token = services.invitation_create(
            invited_by=coordinator,
            email="nieuw@woonkracht10.test",
            organisation=personas.woonkracht10,
            role="medewerker",
        )
    assert sent
    assert all(token not in repr(call) for call in sent)
    link = reverse("partners:invitation_accept", kwargs={"token": token})
    assert link in mailoutbox[0].body
    assert client.get(link).status_code == 200


def test_existing_accounts_get_their_one_address_verified_by_the_migration(
    medewerker, outsider
):
    from importlib import import_module

    from django.apps import apps

    EmailAddress.objects.create(user=medewerker, email=medewerker.email)
    EmailAddress.objects.create(user=medewerker, email=INTRUDER_ADDRESS)
    migration = import_module(
        "partners.migrations.0002_one_verified_address_per_account"
    )
    migration.forwards(apps, None)
    for user in (medewerker, outsider):
        assert list(
            EmailAddress.objects.filter(user=user).values_list(
                "email", "verified", "primary"
            )
        ) == [(user.email, True, True)]


def test_the_waits_grow_per_account_and_source_and_are_forgotten():
    from core.ratelimits import Backoff

    backoff = Backoff(name="test", free=3, base=15, cap=900, forget=86400)
    account, stranger, own = "raad@alblasserdam.nl", "203.0.113.9", "198.51.100.2"
    waits = [backoff.failed(account, stranger, now=1000.0) for _ in range(10)]
    assert waits == [0, 0, 0, 15, 30, 60, 120, 240, 480, 900]
    assert backoff.wait(account, stranger, now=1000.0) == 900
    assert backoff.wait(account, stranger, now=1000.0 + 900) == 0
    assert backoff.wait(account, own, now=1000.0) == 0
    assert backoff.wait("ander@alblasserdam.nl", stranger, now=1000.0) == 0
    assert backoff.wait(account.upper(), stranger, now=1000.0) == 900
    backoff.succeeded(account, stranger)
    assert backoff.wait(account, stranger, now=1000.0) == 0
    assert backoff.failed(account, stranger, now=1000.0) == 0


def test_the_wait_is_said_in_seconds_on_the_login_page(client, raadslid):
    for attempt in range(4):
        _login(client, raadslid.email, f"geraden-{attempt}", ip="203.0.113.9")
    page = _login(client, raadslid.email, "nog-een", ip="203.0.113.9")
    text = page.content.decode()
    assert "Wacht 15 seconden" in text or "Wacht 14 seconden" in text


def test_the_admin_shows_no_session_key_of_a_signed_in_device(
    client, client_for, beheerder, griffier
):
    from allauth.usersessions.models import UserSession

    client.force_login(griffier, backend="django.contrib.auth.backends.ModelBackend")
    session = UserSession.objects.create(
        user=griffier,
        ip="192.0.2.1",
        session_key=client.session.session_key,
        user_agent="Firefox",
    )
    admin = client_for(beheerder)
    for url in (
        reverse("admin:usersessions_usersession_changelist"),
        reverse("admin:usersessions_usersession_change", args=[session.pk]),
    ):
        page = admin.get(url)
        assert page.status_code == 200
        assert session.session_key not in page.content.decode()
