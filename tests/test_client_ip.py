"""Behind the proxy, per-IP limits count the client's address, not nginx's."""

import pytest
from django.test import RequestFactory, override_settings
from django.urls import reverse

from core.ratelimits import client_ip
from tests.conftest import PASSWORD


def _request(forwarded: str | None = None):
    extra = {"REMOTE_ADDR": "10.0.0.2"}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


@pytest.mark.parametrize(
    "count, forwarded, expected",
    [
        (0, "127.0.0.9", "10.0.0.2"),  # no proxy trusted: the header is ignored
        (1, None, "10.0.0.2"),  # a health check straight to gunicorn
        (1, "127.0.0.9", "127.0.0.9"),
        (1, "1.2.3.4, 127.0.0.9", "127.0.0.9"),  # a forged entry on the left
        (2, "1.2.3.4, 127.0.0.9, 10.0.0.1", "127.0.0.9"),
        (2, "127.0.0.9", "10.0.0.2"),  # fewer hops than proxies: not trusted
    ],
)
def test_the_client_address_is_taken_from_the_trusted_hops(count, forwarded, expected):
    with override_settings(TRUSTED_PROXY_COUNT=count):
        assert client_ip(_request(forwarded)) == expected


@override_settings(TRUSTED_PROXY_COUNT=1, ALLAUTH_TRUSTED_PROXY_COUNT=1)
def test_a_login_flood_from_one_address_does_not_lock_out_another(
    client, medewerker, coordinator
):
    url = reverse("account_login")
    flooder = {"HTTP_X_FORWARDED_FOR": "127.0.0.66"}
    statuses = [
        client.post(
            url, {"login": medewerker.email, "password": f"fout-{i}"}, **flooder
        ).status_code
        for i in range(32)
    ]
    assert statuses[-1] == 429
    assert "Te veel verzoeken" in client.post(url, {}, **flooder).content.decode()

    response = client.post(
        url,
        {"login": coordinator.email, "password": PASSWORD},
        HTTP_X_FORWARDED_FOR="127.0.0.7",
    )
    assert response.status_code == 302
