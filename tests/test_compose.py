"""docker-compose.yml agrees with the settings (no Docker engine runs here)."""

import re
from importlib import import_module
from pathlib import Path

import pytest
import yaml

from buurtaanpak.messages import BASE

COMPOSE = yaml.safe_load((BASE / "docker-compose.yml").read_text())
SERVICES = COMPOSE["services"]
DJANGO_SERVICES = ["migrate", "web", "worker", "beat"]


def settings_variables() -> set[str]:
    names = set()
    for path in [BASE / "buurtaanpak" / "settings.py"]:
        names |= set(re.findall(r'env_\w+\(\s*"([A-Z_]+)"', Path(path).read_text()))
    return names


def test_it_has_every_service_of_the_stack():
    assert {"db", "redis", "web", "worker", "beat", "mailpit"} <= SERVICES.keys()


@pytest.mark.parametrize("name", ["db", "redis", "web", "worker", "mailpit"])
def test_long_running_services_have_a_health_check(name):
    assert SERVICES[name]["healthcheck"]["test"]


def test_the_django_services_share_one_definition():
    images = {SERVICES[name]["image"] for name in DJANGO_SERVICES}
    assert images == {"buurtaanpak:latest"}
    environments = [SERVICES[name]["environment"] for name in DJANGO_SERVICES]
    assert all(env == environments[0] for env in environments)


def test_every_variable_passed_to_django_is_read_by_the_settings():
    env = SERVICES["web"]["environment"]
    unknown = set(env) - settings_variables()
    assert not unknown, f"compose sets variables the settings never read: {unknown}"


def test_production_essentials_are_configured():
    env = SERVICES["web"]["environment"]
    for name in ["DATABASE_URL", "REDIS_URL", "SECRET_KEY", "ALLOWED_HOSTS"]:
        assert name in env
    assert env["DATABASE_URL"].startswith("postgres://")
    assert "@db:5432/" in env["DATABASE_URL"]
    assert env["REDIS_URL"].startswith("redis://redis:6379")
    assert env["EMAIL_HOST"] == "mailpit"


def test_the_commands_name_modules_that_exist():
    web = SERVICES["web"]["command"]
    assert web[0] == "gunicorn"
    module, attribute = web[1].split(":")
    assert callable(getattr(import_module(module), attribute))
    for name, role in [("worker", "worker"), ("beat", "beat")]:
        command = SERVICES[name]["command"]
        assert command[:3] == ["celery", "--app=buurtaanpak", role]
    assert import_module("buurtaanpak").celery_app.main == "buurtaanpak"
    assert SERVICES["migrate"]["command"][-2:] == ["migrate", "--noinput"]


def test_data_and_media_live_on_volumes():
    assert {"pgdata", "media"} <= COMPOSE["volumes"].keys()
    assert "pgdata:/var/lib/postgresql/data" in SERVICES["db"]["volumes"]
    media_root = SERVICES["web"]["environment"]["MEDIA_ROOT"]
    assert f"media:{media_root}" in SERVICES["web"]["volumes"]


def test_web_and_workers_scale_out_behind_a_proxy():
    assert "replicas" in SERVICES["web"]["deploy"]
    assert "replicas" in SERVICES["worker"]["deploy"]
    # Replicas cannot share a host port; only the proxy publishes one.
    assert "ports" not in SERVICES["web"]
    proxy = SERVICES["proxy"]
    assert proxy["ports"]
    conf_mount = next(v for v in proxy["volumes"] if "nginx.conf" in v)
    conf = (BASE / conf_mount.split(":")[0].removeprefix("./")).read_text()
    assert "server web:8000" in conf
    assert "X-Forwarded-Proto" in conf
    assert proxy["depends_on"]["web"]["condition"] == "service_healthy"
