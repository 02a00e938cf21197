import pytest
from django.conf import settings
from django.templatetags.static import static


def test_static_files_get_hashed_names_and_long_cache_headers(client):
    if "Manifest" not in settings.STORAGES["staticfiles"]["BACKEND"]:
        pytest.skip("hashed names are built by collectstatic in production mode")
    url = static("css/portal.css")
    assert url != "/static/css/portal.css"  # carries a content hash
    response = client.get(url)
    assert response.status_code == 200
    cache_control = response["Cache-Control"]
    assert "immutable" in cache_control
    assert "max-age=315360000" in cache_control


def test_no_page_loads_css_or_js_from_another_site():
    from pathlib import Path

    for template in Path(settings.BASE_DIR, "templates").rglob("*.html"):
        text = template.read_text()
        for marker in ("https://cdn", "//cdn.", "unpkg.com", "jsdelivr", "googleapis"):
            assert marker not in text, f"{template} loads from a CDN"
