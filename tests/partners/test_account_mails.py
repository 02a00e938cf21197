"""Account mails (allauth) read like the portal's own: its name, not the host."""

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_a_password_reset_mail_is_titled_and_signed_by_the_portal(personas):
    Client().post(
        reverse("account_reset_password"), {"email": personas.medewerker.email}
    )
    (message,) = mail.outbox
    assert message.subject == "Buurtaanpak Alblasserdam: Wachtwoord opnieuw instellen"
    lines = [line for line in message.body.splitlines() if line.strip()]
    assert lines[-2:] == ["Met vriendelijke groet,", "Buurtaanpak Alblasserdam"]
    # The host appears once: in the link, not as a greeting or signature.
    assert [line for line in lines if "testserver" in line] == [
        line for line in lines if line.startswith("http://testserver/accounts/")
    ]


def test_the_gemeente_setting_names_the_portal_in_account_mails(personas, settings):
    settings.GEMEENTE_NAAM = "Zwijndrecht"
    settings.ACCOUNT_EMAIL_SUBJECT_PREFIX = "Buurtaanpak Zwijndrecht: "
    Client().post(
        reverse("account_reset_password"), {"email": personas.medewerker.email}
    )
    (message,) = mail.outbox
    assert message.subject.startswith("Buurtaanpak Zwijndrecht: ")
    assert message.body.rstrip().endswith("Buurtaanpak Zwijndrecht")
