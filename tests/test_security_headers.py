import pytest
from django.urls import reverse


@pytest.mark.django_db
def test_pages_carry_a_strict_content_security_policy(client):
    response = client.get(reverse("account_login"))
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert "object-src 'none'" in policy
    script_src = next(d for d in policy.split(";") if "script-src" in d)
    assert script_src.split() == ["script-src", "'self'"]
    assert "unsafe-inline" not in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert "geolocation=()" in response["Permissions-Policy"]


@pytest.mark.django_db
def test_only_the_admin_allows_inline_styles(client_for, beheerder):
    response = client_for(beheerder).get(reverse("admin:index"))
    policy = response["Content-Security-Policy"]
    style_src = next(d for d in policy.split(";") if "style-src" in d)
    assert "'unsafe-inline'" in style_src
    script_src = next(d for d in policy.split(";") if "script-src" in d)
    assert "unsafe-inline" not in script_src
