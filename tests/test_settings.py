"""Settings come from the environment; production values pass check --deploy."""

import os
import subprocess
import sys

from django.conf import settings

from buurtaanpak.messages import BASE

PRODUCTION = {
    "DATABASE_URL": "postgres://buurtaanpak:geheim@db.example:5432/buurtaanpak",
    "REDIS_URL": "redis://redis.example:6379/0",
    "SECRET_KEY": "x7#pL2v!Qm9zR4tW8yB1nC6eF0hJ3kS5uA-gD_iO+rT*wE&qY2026-alblasserdam",
    "ALLOWED_HOSTS": "buurtaanpak.alblasserdam.nl",
    "EMAIL_HOST": "smtp.example",
}


def manage(*args, env):
    # Start from the machine's environment minus anything a test run sets.
    ignored = {
        "DEBUG",
        "CELERY_TASK_ALWAYS_EAGER",
        "DJANGO_ALLOW_ASYNC_UNSAFE",
        "PORT",
        "SITE_URL",
        "BEAT_INTERVAL_SECONDS",
    }
    clean = {
        k: v for k, v in os.environ.items() if k not in PRODUCTION and k not in ignored
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_the_deploy_check_without_warnings():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_mode_refuses_to_start_without_a_secret_key():
    env = {k: v for k, v in PRODUCTION.items() if k != "SECRET_KEY"}
    result = manage("check", env=env)
    assert result.returncode != 0
    assert "SECRET_KEY is required" in result.stderr


def test_a_malformed_boolean_is_refused_at_start_up():
    result = manage("check", env={**PRODUCTION, "DEBUG": "misschien"})
    assert result.returncode != 0
    assert "DEBUG must be a boolean" in result.stderr


def test_a_malformed_number_is_refused_at_start_up():
    result = manage("check", env={**PRODUCTION, "EMAIL_PORT": "vijf"})
    assert result.returncode != 0
    assert "EMAIL_PORT must be an integer" in result.stderr


def _embedded(code: str, tmp_path, **env) -> list[str]:
    """What `code` prints on its RESULT line, in the embedded mode."""
    result = manage("shell", "-c", code, env={"VAR_DIR": str(tmp_path), **env})
    assert result.returncode == 0, result.stderr
    line = next(x for x in result.stdout.splitlines() if x.startswith("RESULT"))
    return line.split()[1:]


def test_the_embedded_mode_needs_no_environment_at_all(tmp_path):
    code = (
        "from django.conf import settings;"
        "print('RESULT', settings.DATABASES['default']['ENGINE'],"
        " settings.CELERY_TASK_ALWAYS_EAGER, settings.CELERY_BROKER_URL,"
        " settings.EMAIL_BACKEND)"
    )
    engine, eager, broker, email = _embedded(code, tmp_path)
    assert engine == "django.db.backends.sqlite3"
    # Tasks go to a worker through the broker in files, not into the request.
    assert eager == "False"
    assert broker == "filesystem://"
    assert (tmp_path / "broker" / "queue").is_dir()
    assert email.endswith("console.EmailBackend")
    assert (tmp_path / "secret_key").exists()


def test_the_embedded_modes_processes_share_one_cache(tmp_path):
    """Web, worker and beat run as separate processes: a table written in the
    worker must change the version the web's kept results are checked
    against (ADR 0016)."""
    read = (
        "from core import table_versions as tv;"
        "print('RESULT', tv._versions(['scans_signaal'])['scans_signaal'])"
    )
    write = (
        "from core import table_versions as tv; tv.replace(['scans_signaal']);"
        + (read.split(";", 1)[1])
    )
    written = _embedded(write, tmp_path)
    assert written != ["None"]
    assert _embedded(read, tmp_path) == written
    assert (tmp_path / "cache").is_dir()


def test_links_in_mails_follow_the_port_the_portal_is_served_on(tmp_path):
    code = "from django.conf import settings; print('RESULT', settings.SITE_URL)"
    assert _embedded(code, tmp_path) == ["http://127.0.0.1:8000"]
    assert _embedded(code, tmp_path, PORT="8123") == ["http://127.0.0.1:8123"]
    public = "https://buurtaanpak.alblasserdam.nl"
    assert _embedded(code, tmp_path, PORT="8123", SITE_URL=public) == [public]


def test_the_embedded_database_tolerates_web_and_worker_writing_at_once(tmp_path):
    code = (
        "from django.db import connection;"
        "cursor = connection.cursor();"
        "mode = cursor.execute('PRAGMA journal_mode').fetchone()[0];"
        "timeout = cursor.execute('PRAGMA busy_timeout').fetchone()[0];"
        "print('RESULT', mode, timeout, connection.transaction_mode)"
    )
    assert _embedded(code, tmp_path) == ["wal", "20000", "IMMEDIATE"]


def test_the_embedded_mode_without_debug_serves_plain_http_on_loopback(tmp_path):
    code = (
        "from django.conf import settings;"
        "print('RESULT', settings.DEBUG, settings.SECURE_SSL_REDIRECT,"
        " settings.SESSION_COOKIE_SECURE, settings.CSRF_COOKIE_SECURE,"
        " settings.SECURE_HSTS_SECONDS, settings.WHITENOISE_USE_FINDERS)"
    )
    # make run: DEBUG off for the portal's own error pages, static files
    # straight from the source folders, no TLS to redirect to.
    assert _embedded(code, tmp_path, DEBUG="false") == [
        "False",
        "False",
        "False",
        "False",
        "0",
        "True",
    ]


def test_the_daily_digest_runs_at_seven_unless_beat_is_told_to_hurry(tmp_path):
    code = (
        "from django.conf import settings;"
        "s = settings.CELERY_BEAT_SCHEDULE;"
        "print('RESULT', s['scans-warning-digest']['schedule'],"
        " s['sessies-send-reminders']['schedule'])"
    )
    digest = " ".join(_embedded(code, tmp_path))
    assert "<crontab: 0 7 * * * (m/h/dM/MY/d)>" in digest
    hurried = _embedded(code, tmp_path, BEAT_INTERVAL_SECONDS="5")
    assert hurried == ["5.0", "5.0"]
    refused = manage(
        "check", env={"VAR_DIR": str(tmp_path), "BEAT_INTERVAL_SECONDS": "-1"}
    )
    assert refused.returncode != 0
    assert "BEAT_INTERVAL_SECONDS must be 0 (off) or more" in refused.stderr


def test_the_suite_runs_against_the_database_the_environment_names():
    """In CI the tests must use PostgreSQL, never fall back to SQLite."""
    engine = settings.DATABASES["default"]["ENGINE"]
    if os.environ.get("DATABASE_URL", "").startswith("postgres"):
        assert engine == "django.db.backends.postgresql"
    else:
        assert engine == "django.db.backends.sqlite3"
    if os.environ.get("REDIS_URL"):
        assert settings.CACHES["default"]["BACKEND"].endswith("RedisCache")


def test_the_upload_limit_is_set_in_whole_megabytes_and_nowhere_else():
    result = manage("check", env={**PRODUCTION, "UPLOAD_MAX_BYTES": "1048576"})
    assert result.returncode != 0
    assert "UPLOAD_MAX_BYTES is no longer read: set UPLOAD_MAX_MB" in result.stderr
    result = manage("check", env={**PRODUCTION, "UPLOAD_MAX_MB": "0"})
    assert result.returncode != 0
    assert "UPLOAD_MAX_MB must be at least 1" in result.stderr
    result = manage(
        "shell",
        "-c",
        "from django.conf import settings as s;"
        "print(s.UPLOAD_MAX_BYTES, s.REQUEST_MAX_BYTES)",
        env={**PRODUCTION, "UPLOAD_MAX_MB": "4"},
    )
    last_line = result.stdout.splitlines()[-1]
    assert last_line.split() == [str(4 * 1024**2), str(9 * 1024**2)]
