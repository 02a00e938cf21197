"""Settings for the Buurtaanpak portal.

One module, read from the environment. With no environment at all the portal
runs in its embedded mode: SQLite under var/, a Celery broker in files under
var/broker (web, worker and beat need no broker server), e-mail to the console.
Setting DATABASE_URL switches to production mode, where the secret key and
allowed hosts must be given explicitly (docs/adr/0001, docs/adr/0008).
"""

import secrets
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from buurtaanpak.env import (
    env_bool,
    env_choice,
    env_int,
    env_list,
    env_pattern,
    env_str,
    env_text,
    env_url,
)

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("VAR_DIR", str(BASE_DIR / "var")))

DATABASE_URL = env_str("DATABASE_URL")
REDIS_URL = env_str("REDIS_URL")
EMBEDDED = not DATABASE_URL

DEBUG = env_bool("DEBUG", default=EMBEDDED)


def _embedded_secret_key() -> str:
    """A per-checkout key for the embedded mode, kept under var/."""
    path = VAR_DIR / "secret_key"
    if not path.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not EMBEDDED:
        raise ImproperlyConfigured("SECRET_KEY is required when DATABASE_URL is set.")
    SECRET_KEY = _embedded_secret_key()

# The gemeente this portal serves: its CBS code and its name. The name appears
# on every page, in reports, mail, calendars and the authenticator app; the
# areas and the map's extent come from importing the gemeente's CBS buurten
# (manage.py import_cbs_buurten). A second gemeente is a second deployment.
GEMEENTE_CODE = env_pattern("GEMEENTE_CODE", r"GM\d{4}", "GM0482", example="GM0482")
GEMEENTE_NAAM = env_text("GEMEENTE_NAAM", "Alblasserdam")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
# Loopback names stay allowed so health checks inside a container or host work;
# a forged Host header cannot point anywhere else with these.
ALLOWED_HOSTS += ["127.0.0.1", "localhost", "[::1]"]
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# The port the portal is served on locally (`make run PORT=8080`): links in
# mails follow it unless SITE_URL names the public address.
PORT = env_int("PORT", 8000)
SITE_URL = (env_str("SITE_URL") or f"http://127.0.0.1:{PORT}").rstrip("/")
# Exposes the bare comparison view that `make bench` measures as its ceiling.
BENCHMARK_ENDPOINTS = env_bool("BENCHMARK_ENDPOINTS", default=False)

INSTALLED_APPS = [
    "buurtaanpak.admin_config.BeheerAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.usersessions",
    "leaflet",
    "simple_history",
    "django_ratelimit",
    "core",
    "core.audit",
    "partners",
    "scans",
    "visie",
    "sessies",
    "portal.rapportage",
    "portal.bewaartermijnen",
    "portal.archief",
    "portal",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Outermost after the static files: sees every response last.
    "core.middleware.NoStoreMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Every view needs a signed-in user unless it carries login_not_required.
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "core.middleware.PortalCSPMiddleware",
    "core.middleware.RequestSizeLimitMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "allauth.usersessions.middleware.UserSessionsMiddleware",
    "partners.middleware.IdleTimeoutMiddleware",
    "partners.middleware.RequireMFAMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "django_ratelimit.middleware.RatelimitMiddleware",
]

CSRF_FAILURE_VIEW = "portal.views.csrf_failure"
ROOT_URLCONF = "buurtaanpak.urls"
WSGI_APPLICATION = "buurtaanpak.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "portal.context_processors.portal",
            ],
        },
    },
]

# Every widget carries its NL Design System class (core/widgets.py).
FORM_RENDERER = "core.widgets.FormRenderer"

# Database
if EMBEDDED:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": VAR_DIR / "db.sqlite3",
            # Web, worker and beat write to one file: WAL lets readers go on
            # while one writes; IMMEDIATE takes the write lock when a
            # transaction begins, so a writer waits its turn (up to the
            # timeout) instead of failing on a lock upgrade.
            "OPTIONS": {
                "timeout": 20,
                "transaction_mode": "IMMEDIATE",
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
            },
        }
    }
else:
    DATABASES = {
        "default": dj_database_url.parse(
            DATABASE_URL,
            conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
            conn_health_checks=True,
        )
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache and Celery
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "core.cache.TolerantRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "buurtaanpak",
            # Short timeouts: with Redis gone a page waits half a second at most.
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
else:
    # The embedded mode runs web, worker and beat as three processes on one
    # machine: a write in the worker must reach the web's kept results (ADR
    # 0016), so they share a cache in files.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache"),
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    }

# Tasks go through a broker and run in a worker in both modes; only the test
# suite runs them in-process (tests/conftest.py). CELERY_TASK_ALWAYS_EAGER=true
# runs them inside the request instead, for a web process started alone.
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", default=False)
CELERY_TASK_EAGER_PROPAGATES = False
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = env_int("CELERY_TASK_TIME_LIMIT", 600)
CELERY_TASK_SOFT_TIME_LIMIT = CELERY_TASK_TIME_LIMIT - 30
# The visibility timeout must outlast the longest task, or Redis hands an
# unacknowledged task to a second worker while the first still runs it.
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": CELERY_TASK_TIME_LIMIT * 2}
BROKER_DIR = VAR_DIR / "broker"
if REDIS_URL:
    CELERY_BROKER_URL = REDIS_URL
    CELERY_RESULT_BACKEND = REDIS_URL
else:
    # Embedded (docs/adr/0008): each message is a file in var/broker/queue,
    # written by the web process or beat and taken by the worker (kombu's
    # filesystem transport). No result store: the Rapport row and the mails
    # are what a task leaves.
    CELERY_BROKER_URL = "filesystem://"
    CELERY_RESULT_BACKEND = None
    CELERY_BROKER_TRANSPORT_OPTIONS |= {
        "data_folder_in": str(BROKER_DIR / "queue"),
        "data_folder_out": str(BROKER_DIR / "queue"),
        "control_folder": str(BROKER_DIR / "control"),
        # A taken message is deleted, not kept in a folder that only grows.
        "store_processed": False,
    }
    (BROKER_DIR / "queue").mkdir(parents=True, exist_ok=True)
    (BROKER_DIR / "control").mkdir(parents=True, exist_ok=True)
# What a task prints (the console e-mail backend) is worker output, not a warning.
CELERY_WORKER_REDIRECT_STDOUTS_LEVEL = "INFO"
CELERY_WORKER_MAX_MEMORY_PER_CHILD = env_int("CELERY_MAX_MEMORY_PER_CHILD", 400_000)
CELERY_TIMEZONE = "Europe/Amsterdam"
CELERY_TASK_DEFAULT_QUEUE = "buurtaanpak"
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")

# Authentication
AUTH_USER_MODEL = "partners.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
    "partners.backends.BeheerderBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation."
        "UserAttributeSimilarityValidator"
    },
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "start"
LOGOUT_REDIRECT_URL = "account_login"

ACCOUNT_ADAPTER = "partners.adapters.InvitationOnlyAccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_PASSWORD_RESET_BY_CODE_ENABLED = False
# Only functioneel beheer changes an address (docs/adr/0610-...): one per account.
ACCOUNT_MAX_EMAIL_ADDRESSES = 1
# Account mails are signed and titled like the portal's own, not with the
# host name the request came in on (templates/account/email/base_message.txt).
ACCOUNT_EMAIL_SUBJECT_PREFIX = f"Buurtaanpak {GEMEENTE_NAAM}: "
# Failed logins are limited per source only: allauth's limit per account
# ("key") would let anyone lock out a raadslid by guessing wrong five times.
# Per account *and* source, the adapter makes a guessing source wait longer
# and longer (LOGIN_BACKOFF; docs/adr/0611-security-login-back-off.md).
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "20/5m/ip",
    "reset_password": "5/m/ip,3/5m/key",
    "reset_password_from_key": "20/m/ip",
}
LOGIN_BACKOFF = {
    # Failures of one account from one address before the waits start.
    "free": env_int("LOGIN_BACKOFF_FREE", 3),
    # The first wait in seconds, doubling with each failure, up to the cap.
    "base": env_int("LOGIN_BACKOFF_BASE_SECONDS", 15),
    "cap": env_int("LOGIN_BACKOFF_MAX_SECONDS", 15 * 60),
    # The count is forgotten this long after the last failure.
    "forget": env_int("LOGIN_BACKOFF_FORGET_SECONDS", 24 * 60 * 60),
}
if not (
    LOGIN_BACKOFF["free"] >= 0
    and 1 <= LOGIN_BACKOFF["base"] <= LOGIN_BACKOFF["cap"]
    and LOGIN_BACKOFF["forget"] >= LOGIN_BACKOFF["cap"]
):
    raise ImproperlyConfigured(
        "LOGIN_BACKOFF_*: free must be 0 or more and base <= max <= forget."
    )
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = f"Buurtaanpak {GEMEENTE_NAAM}"
MFA_RECOVERY_CODE_COUNT = 10
# Each TOTP code (its time step) works once, the activation code included.
MFA_FORMS = {
    "authenticate": "partners.mfa.AuthenticateForm",
    "reauthenticate": "partners.mfa.ReauthenticateForm",
    "activate_totp": "partners.mfa.ActivateTOTPForm",
}

INVITATION_VALID_DAYS = 7

# Rate limits on endpoints that can be abused (login limits: ACCOUNT_RATE_LIMITS).
# Counters live in the cache, which is Redis in production.
RATELIMIT_VIEW = "portal.views.rate_limited"
# Proxies in front of gunicorn that append to X-Forwarded-For (nginx: 1; add
# one for a load balancer in front of it). Rate limits per IP count the client
# address these proxies saw, not the proxy's own (core.ratelimits).
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
if TRUSTED_PROXY_COUNT < 0:
    raise ImproperlyConfigured("TRUSTED_PROXY_COUNT must be 0 or more.")
ALLAUTH_TRUSTED_PROXY_COUNT = TRUSTED_PROXY_COUNT
RATELIMIT_IP_META_KEY = "core.ratelimits.client_ip"
# django-ratelimit lists only third-party Redis caches as supported; Django's
# own RedisCache increments atomically with INCR, which is all it needs.
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.W001"]
if not REDIS_URL:
    # The embedded mode has one web process, so a local-memory cache counts
    # right (the worker and beat count nothing).
    SILENCED_SYSTEM_CHECKS.append("django_ratelimit.E003")

# Internationalisation
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch"))]
# Each app keeps its own catalogue in <app>/locale (see buurtaanpak/messages.py);
# the configuration's own strings (admin site, languages) are not in an app.
# The first entry wins over every app: Dutch for third-party strings in the
# portal's own voice ("u"), kept by hand (ADR 0012).
LOCALE_PATHS: list[Path] = [
    BASE_DIR / "buurtaanpak" / "locale_overrides",
    BASE_DIR / "buurtaanpak" / "locale",
]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

# Static and media
STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(VAR_DIR / "static")))
STATICFILES_DIRS = [BASE_DIR / "static"]
# Uploads and reports are never served from a public URL: MEDIA_ROOT sits
# outside the web root (or the files live in a private S3 bucket, see below)
# and files go out through authorised views only.
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
MEDIA_URL = "/media-not-served/"


def _s3_storage() -> dict | None:
    """S3-compatible object storage for media when S3_BUCKET is set.

    Objects get no ACL of their own (only the bucket owner may read them) and
    are served only by the portal's views, which stream them after the
    permission check (docs/adr/0005-private-media-in-object-storage.md).
    """
    bucket = env_str("S3_BUCKET").strip()
    given = [
        name
        for name in (
            "S3_ENDPOINT_URL",
            "S3_REGION",
            "S3_ACCESS_KEY_ID",
            "S3_SECRET_ACCESS_KEY",
            "S3_ADDRESSING_STYLE",
            "S3_PREFIX",
        )
        if env_str(name).strip()
    ]
    if not bucket:
        if given:
            raise ImproperlyConfigured(
                f"S3_BUCKET is required when {', '.join(given)} is set."
            )
        return None
    access_key = env_str("S3_ACCESS_KEY_ID").strip()
    secret_key = env_str("S3_SECRET_ACCESS_KEY").strip()
    if bool(access_key) != bool(secret_key):
        raise ImproperlyConfigured(
            "S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY go together: set both, or "
            "neither to use the machine's own credentials (instance role)."
        )
    style = env_choice("S3_ADDRESSING_STYLE", ("", "auto", "path", "virtual"))
    from botocore.config import Config

    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": bucket,
            "endpoint_url": env_url("S3_ENDPOINT_URL") or None,
            "region_name": env_str("S3_REGION").strip() or None,
            "access_key": access_key or None,
            "secret_key": secret_key or None,
            "location": env_str("S3_PREFIX").strip().strip("/"),
            # Private: no ACL header, no public URL; should anything ask for
            # a URL after all, it is signed and short-lived.
            "default_acl": None,
            "querystring_auth": True,
            "querystring_expire": 60,
            # As on the filesystem: a name in use gets a suffix, never replaced.
            "file_overwrite": False,
            # A download is buffered in memory up to this size, then on disk.
            "max_memory_size": 2 * 1024 * 1024,
            "client_config": Config(
                s3={"addressing_style": style or "auto"},
                signature_version="s3v4",
                connect_timeout=5,
                read_timeout=30,
                retries={"max_attempts": 3, "mode": "standard"},
            ),
        },
    }


# Production serves hashed, compressed files built by collectstatic. The
# embedded mode serves the source files through WhiteNoise's finders, with
# DEBUG on or off, so `make run` needs no collectstatic.
STATIC_FROM_SOURCE = DEBUG or EMBEDDED
STORAGES = {
    "default": _s3_storage()
    or {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if STATIC_FROM_SOURCE
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = STATIC_FROM_SOURCE
if EMBEDDED:
    # WhiteNoise warns about a missing STATIC_ROOT even when it serves from
    # the finders; collectstatic fills it when asked.
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("DATA_UPLOAD_MAX_MEMORY_SIZE", 5 * 1024 * 1024)
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
# The largest file, in whole megabytes: one number, stated as "10 MB" in the
# form's help text, its error on the file, the browser's check before sending
# and the 413 page (core.sizes.format_size); nginx's body limit and its own
# 413 page are written from the same variable (deploy/nginx-limits.envsh).
UPLOAD_MAX_MB = env_int("UPLOAD_MAX_MB", 10)
if UPLOAD_MAX_MB < 1:
    raise ImproperlyConfigured("UPLOAD_MAX_MB must be at least 1 (megabyte).")
for _replaced in ("UPLOAD_MAX_BYTES", "REQUEST_MAX_BYTES"):
    if env_str(_replaced):
        raise ImproperlyConfigured(
            f"{_replaced} is no longer read: set UPLOAD_MAX_MB (whole megabytes)."
        )
UPLOAD_MAX_BYTES = UPLOAD_MAX_MB * 1024 * 1024
# A request with an upload may be twice the file limit plus 1 MB for the rest
# of the form, so that a file somewhat over the limit still reaches the form,
# which answers with everything typed in it and an error on the file. Beyond
# this the body is refused unread with the 413 page
# (RequestSizeLimitMiddleware): then nothing typed can be shown again.
REQUEST_MAX_BYTES = (2 * UPLOAD_MAX_MB + 1) * 1024 * 1024

# E-mail
EMAIL_HOST = env_str("EMAIL_HOST")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = env_int("EMAIL_PORT", 587)
    EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
    EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=EMAIL_PORT == 587)
    EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", default=False)
    EMAIL_TIMEOUT = 20
else:
    EMAIL_BACKEND = env_str(
        "EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
    )
    # For EMAIL_BACKEND=django.core.mail.backends.filebased.EmailBackend.
    EMAIL_FILE_PATH = env_str("EMAIL_FILE_PATH", str(VAR_DIR / "mail"))
# Empty counts as unset, so docker compose can pass the variable through.
DEFAULT_FROM_EMAIL = (
    env_str("DEFAULT_FROM_EMAIL").strip()
    or f"Buurtaanpak {GEMEENTE_NAAM} <buurtaanpak@{slugify(GEMEENTE_NAAM)}.nl>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Security
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 60 * 60)
# Signed out after this many seconds without a request (BIO: lock idle sessions).
SESSION_IDLE_TIMEOUT = env_int("SESSION_IDLE_TIMEOUT", 30 * 60)
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
if not DEBUG:
    # Production sits behind TLS; the embedded mode (`make run`, DEBUG off for
    # the portal's own error pages) serves plain HTTP on loopback.
    behind_tls = not EMBEDDED
    SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", default=behind_tls)
    CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", default=behind_tls)
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=behind_tls)
    SECURE_HSTS_SECONDS = env_int(
        "SECURE_HSTS_SECONDS", 31_536_000 if behind_tls else 0
    )
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_REDIRECT_EXEMPT = [r"^gezondheid/$"]
    # gunicorn sits behind a TLS-terminating proxy that sets this header.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# A strict Content-Security-Policy: scripts and styles only from the portal's
# own static files (scripts may also carry the per-request nonce); map tiles
# from PDOK. Templates hold no inline script or style.
PDOK_TILES_ORIGIN = "https://service.pdok.nl"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:", PDOK_TILES_ORIGIN],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
PERMISSIONS_POLICY = "geolocation=(), camera=(), microphone=(), payment=(), usb=()"

# Maps: PDOK BRT-Achtergrondkaart. Where a map opens is no setting: the
# gemeente's imported outline gives its extent (scans.selectors.gemeente_extent).
LEAFLET_CONFIG = {
    "MIN_ZOOM": 7,
    "MAX_ZOOM": 19,
    "TILES": [
        (
            "BRT-Achtergrondkaart",
            "https://service.pdok.nl/brt/achtergrondkaart/wmts/v2_0/standaard/"
            "EPSG:3857/{z}/{x}/{y}.png",
            # Plain text: the map script escapes it before Leaflet shows it.
            {"attribution": "Kaartgegevens © CC-BY Kadaster", "maxZoom": 19},
        )
    ],
    "ATTRIBUTION_PREFIX": "Leaflet",
    "RESET_VIEW": False,
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
    },
}

# Scheduled work (Celery beat). Every task is idempotent, so a missed or
# doubled beat does no harm.
CELERY_BEAT_SCHEDULE = {
    "partners-expire-invitations": {
        "task": "partners.tasks.expire_invitations",
        "schedule": crontab(hour=3, minute=15),
    },
    "scans-evaluate-warnings": {
        "task": "scans.tasks.evaluate_warnings",
        "schedule": crontab(minute=5),
    },
    "scans-warning-digest": {
        "task": "scans.tasks.send_warning_digest",
        "schedule": crontab(hour=7, minute=0),
    },
    # Hourly, so a session planned at short notice still gets its reminder a
    # day before; each reminder goes out once.
    "sessies-send-reminders": {
        "task": "sessies.tasks.send_reminders",
        "schedule": crontab(minute=5),
    },
    # Anonymise free text past its retention period (see RETENTION_MONTHS).
    "bewaartermijnen-anonymise-expired": {
        "task": "portal.bewaartermijnen.tasks.anonymise_expired",
        "schedule": crontab(hour=2, minute=30),
    },
    # Re-send report requests stuck in the queue or on a dead worker.
    "rapportage-requeue-stuck": {
        "task": "portal.rapportage.tasks.requeue_stuck_rapporten",
        "schedule": 60.0,
    },
}
# Every scheduled task every N seconds instead of at its time: to see the
# digest and the reminders go out in a demo or a test without waiting a day.
BEAT_INTERVAL_SECONDS = env_int("BEAT_INTERVAL_SECONDS", 0)
if BEAT_INTERVAL_SECONDS < 0:
    raise ImproperlyConfigured("BEAT_INTERVAL_SECONDS must be 0 (off) or more.")
if BEAT_INTERVAL_SECONDS:
    for entry in CELERY_BEAT_SCHEDULE.values():
        entry["schedule"] = float(BEAT_INTERVAL_SECONDS)
# WeasyPrint reports every rendering step at INFO.
LOGGING["loggers"].update(
    {"weasyprint": {"level": "WARNING"}, "fontTools": {"level": "WARNING"}}
)
if not REDIS_URL:
    # The file broker has no host; kombu warns that it assumes 'localhost'.
    LOGGING["loggers"]["kombu.connection"] = {"level": "ERROR"}

# Retention (AVG art. 5(1)(e), Archiefwet selection list): free text in
# signalen and comments is anonymised after this many months.
RETENTION_MONTHS = env_int("RETENTION_MONTHS", 24)
