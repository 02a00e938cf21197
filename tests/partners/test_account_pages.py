"""The account pages use the portal's words: "Sessies" are meetings here."""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_signed_in_devices_page_is_not_called_sessies(personas, client_for):
    body = client_for(personas.medewerker).get(reverse("usersessions_list"))
    html = body.content.decode()
    assert re.search(r"<title>Ingelogde apparaten — ", html)
    assert re.search(r"<h1[^>]*>Ingelogde apparaten</h1>", html)
    assert not re.search(r"<h1[^>]*>Sessies</h1>", html)
