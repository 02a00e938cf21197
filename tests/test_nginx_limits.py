"""deploy/nginx.conf refuses too-large bodies with a Dutch page, above our limit.

nginx.conf is a template: the nginx image sources deploy/nginx-limits.envsh
and fills in its variables, both from UPLOAD_MAX_MB, the variable the portal
reads for its own file limit. These tests do the same with the settings' value.
"""

import html
import os
import re
import shutil
import subprocess
import urllib.error
import urllib.request

import pytest
from django.conf import settings

from buurtaanpak.messages import BASE
from core.sizes import format_size
from tests.drills import copy_readable, free_port, readable_folder, wait_for_port

CONF = BASE / "deploy" / "nginx.conf"
ENVSH = BASE / "deploy" / "nginx-limits.envsh"
ERRORS = BASE / "deploy" / "errors"
UNITS = {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3}


def _limits(upload_max_mb) -> dict[str, str]:
    """What nginx-limits.envsh exports, as the image's entrypoint sees it."""
    script = f'. "{ENVSH}" && printf "%s\\n%s" "$NGINX_BODY_MAX" "$UPLOAD_LIMIT"'
    result = subprocess.run(
        ["sh", "-c", script],
        env={"PATH": os.environ["PATH"], "UPLOAD_MAX_MB": str(upload_max_mb)},
        capture_output=True,
        text=True,
        check=True,
    )
    body, limit = result.stdout.splitlines()
    return {"NGINX_BODY_MAX": body, "UPLOAD_LIMIT": limit}


def _site() -> str:
    """deploy/nginx.conf filled in as the nginx image fills in a template."""
    site = CONF.read_text()
    for name, value in _limits(settings.UPLOAD_MAX_MB).items():
        site = site.replace(f"${{{name}}}", value)
    return site


def _body_limit() -> int:
    number, unit = re.search(
        r"client_max_body_size\s+(\d+)([kmg]?);", _site(), re.I
    ).groups()
    return int(number) * UNITS[unit.lower()]


def test_nginx_lets_through_everything_the_portal_accepts():
    # The portal answers a little too large with its own page; nginx only
    # stops what the portal would refuse anyway.
    assert _body_limit() > settings.REQUEST_MAX_BYTES
    assert _body_limit() > settings.DATA_UPLOAD_MAX_MEMORY_SIZE


def test_nginx_names_the_file_limit_as_the_portal_writes_it():
    limit = _limits(settings.UPLOAD_MAX_MB)["UPLOAD_LIMIT"]
    assert html.unescape(limit) == format_size(settings.UPLOAD_MAX_BYTES)
    assert "@UPLOAD_LIMIT@" in (ERRORS / "413.html").read_text()


@pytest.mark.parametrize("upload_max_mb", [1, 10, 25])
def test_every_file_limit_gives_nginx_a_body_limit_above_the_portals(upload_max_mb):
    body = _limits(upload_max_mb)["NGINX_BODY_MAX"]
    assert body.endswith("m")
    portal_request_limit = (2 * upload_max_mb + 1) * UNITS["m"]
    assert int(body[:-1]) * UNITS["m"] > portal_request_limit


def test_a_file_limit_that_is_no_whole_number_stops_nginx_from_starting():
    result = subprocess.run(
        ["sh", "-c", f'. "{ENVSH}"'],
        env={"PATH": os.environ["PATH"], "UPLOAD_MAX_MB": "10.5"},
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert "UPLOAD_MAX_MB must be a whole number" in result.stderr


def test_compose_gives_nginx_and_the_portal_the_same_file_limit():
    import yaml

    compose = yaml.safe_load((BASE / "docker-compose.yml").read_text())
    proxy = compose["services"]["proxy"]
    web = compose["services"]["web"]
    assert proxy["environment"]["UPLOAD_MAX_MB"] == web["environment"]["UPLOAD_MAX_MB"]
    assert (
        "./deploy/nginx.conf:/etc/nginx/templates/default.conf.template:ro"
        in proxy["volumes"]
    )
    # The image sources executable *.envsh files before filling in templates.
    envsh_mount = next(v for v in proxy["volumes"] if "nginx-limits.envsh" in v)
    assert envsh_mount.split(":")[1].startswith("/docker-entrypoint.d/")
    assert envsh_mount.split(":")[1].endswith(".envsh")
    assert os.access(ENVSH, os.X_OK)


def test_the_dutch_413_page_is_mounted_where_nginx_looks():
    import yaml

    compose = yaml.safe_load((BASE / "docker-compose.yml").read_text())
    mounts = compose["services"]["proxy"]["volumes"]
    target = re.search(r"alias\s+(\S+?)/?;", CONF.read_text()).group(1)
    assert f"./deploy/errors:{target}:ro" in mounts
    assert "te groot" in (ERRORS / "413.html").read_text()


@pytest.fixture
def nginx():
    binary = shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin")
    if binary is None:
        pytest.skip("nginx is not installed")
    # nginx's workers run as another user when the test runs as root: they
    # read the error pages from a copy in a folder every user may read, not
    # from the checkout or pytest's private tmp_path.
    with readable_folder("nginx-") as root:
        errors = copy_readable(ERRORS, root / "errors")
        port = free_port()
        site = (
            _site()
            .replace("server web:8000;", "server 127.0.0.1:9;")
            .replace("listen 80;", f"listen 127.0.0.1:{port};")
        )
        site = re.sub(r"alias\s+\S+;", f"alias {errors}/;", site)
        (root / "site.conf").write_text(site)
        (root / "nginx.conf").write_text(
            f"""daemon off;
pid {root}/nginx.pid;
error_log {root}/error.log;
events {{}}
http {{
    access_log off;
    client_body_temp_path {root}/body;
    proxy_temp_path {root}/proxy;
    include {root}/site.conf;
}}
"""
        )
        process = subprocess.Popen(
            [binary, "-c", str(root / "nginx.conf"), "-p", str(root)],
            cwd=root,
            stderr=subprocess.DEVNULL,
        )
        try:
            wait_for_port(port, timeout=10)
            yield f"http://127.0.0.1:{port}"
        finally:
            process.terminate()
            process.wait(timeout=10)


def _post(url: str, size: int) -> tuple[int, str]:
    request = urllib.request.Request(  # noqa: S310 - loopback only
        url,
        data=b"0" * size,
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
            return response.status, response.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode()


def test_a_body_over_the_limit_gets_the_dutch_page_from_nginx(nginx):
    status, page = _post(f"{nginx}/visie/bronnen/nieuw/", _body_limit() + 1024)
    assert status == 413
    assert "Wat u verstuurde is te groot" in page
    # The same limit, written the same way, as the form's help text.
    limit = format_size(settings.UPLOAD_MAX_BYTES)
    assert f"Een bestand mag hoogstens {limit} zijn" in html.unescape(page)
    # Within the limit the request goes on to the portal (here: not running).
    assert _post(f"{nginx}/visie/bronnen/nieuw/", 1024)[0] == 502
    # The error page itself is not a public URL.
    assert _post(f"{nginx}/_fouten/413.html", 0)[0] == 404
