"""deploy/nginx.conf refuses too-large bodies with a Dutch page, above our limit."""

import re
import shutil
import subprocess
import urllib.error
import urllib.request

import pytest
from django.conf import settings

from buurtaanpak.messages import BASE
from tests.drills import copy_readable, free_port, readable_folder, wait_for_port

CONF = BASE / "deploy" / "nginx.conf"
ERRORS = BASE / "deploy" / "errors"
UNITS = {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3}


def _body_limit() -> int:
    number, unit = re.search(
        r"client_max_body_size\s+(\d+)([kmg]?);", CONF.read_text(), re.I
    ).groups()
    return int(number) * UNITS[unit.lower()]


def test_nginx_lets_through_everything_the_portal_accepts():
    # The portal answers a little too large with its own page; nginx only
    # stops what the portal would refuse anyway.
    assert _body_limit() > settings.REQUEST_MAX_BYTES
    assert _body_limit() > settings.DATA_UPLOAD_MAX_MEMORY_SIZE


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
            CONF.read_text()
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
    # Within the limit the request goes on to the portal (here: not running).
    assert _post(f"{nginx}/visie/bronnen/nieuw/", 1024)[0] == 502
    # The error page itself is not a public URL.
    assert _post(f"{nginx}/_fouten/413.html", 0)[0] == 404
