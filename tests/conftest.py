"""Shared fixtures: one user per role, plus an outsider from another partner."""

from dataclasses import dataclass

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.conf import settings
from django.test.utils import override_settings

from buurtaanpak.celery import app as celery_app
from partners.models import Membership, Organisation, Role, User

PASSWORD = "Correct-Paard-Batterij-2026"


def _cache_of_this_worker() -> dict:
    """Without Redis, each test process keeps its own cache in memory: the
    embedded mode's cache in files would be shared by the parallel workers,
    which empty it before every test."""
    if settings.CACHES["default"]["BACKEND"].endswith("FileBasedCache"):
        return {
            "CACHES": {
                "default": {
                    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                    "LOCATION": "buurtaanpak-tests",
                }
            }
        }
    return {}


@pytest.fixture(scope="session", autouse=True)
def _test_settings(tmp_path_factory):
    """Plain HTTP in tests; private media in a temporary folder; tasks in-process."""
    media = tmp_path_factory.mktemp("media")
    with override_settings(
        SECURE_SSL_REDIRECT=False,
        SESSION_COOKIE_SECURE=False,
        CSRF_COOKIE_SECURE=False,
        MEDIA_ROOT=str(media),
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        CELERY_TASK_ALWAYS_EAGER=True,
        # Hashing strength is not under test; a fast hasher keeps fixtures quick.
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        **_cache_of_this_worker(),
    ):
        celery_app.conf.task_always_eager = True
        celery_app.conf.task_eager_propagates = True
        yield


@pytest.fixture(autouse=True)
def _clear_cache():
    from django.core.cache import cache

    cache.clear()
    yield


def make_org(slug: str, kind: str, *, name: str | None = None, mfa: bool = False):
    org, _ = Organisation.objects.get_or_create(
        slug=slug,
        defaults={"name": name or slug.title(), "kind": kind, "requires_mfa": mfa},
    )
    return org


def make_user(email: str, org: Organisation, role: str, *, name: str = "") -> User:
    user = User.objects.create_user(
        email=email, password=PASSWORD, full_name=name or email.split("@")[0]
    )
    Membership.objects.create(user=user, organisation=org, role=role)
    return user


def enable_totp(user: User) -> str:
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return secret


@dataclass
class Personas:
    """The cast of every access test."""

    woonkracht10: Organisation
    welzijn: Organisation
    politie: Organisation
    koersbekenners: Organisation
    griffie: Organisation
    raad: Organisation
    beheer: Organisation
    medewerker: User
    coordinator: User
    outsider: User
    politie_medewerker: User
    procesbegeleider: User
    griffier: User
    raadslid: User
    beheerder: User

    def by_name(self) -> dict[str, User | None]:
        return {
            "anonymous": None,
            "medewerker": self.medewerker,
            "coordinator": self.coordinator,
            "outsider": self.outsider,
            "politie": self.politie_medewerker,
            "procesbegeleider": self.procesbegeleider,
            "griffier": self.griffier,
            "raadslid": self.raadslid,
            "beheerder": self.beheerder,
        }


PERSONA_NAMES = [
    "anonymous",
    "medewerker",
    "coordinator",
    "outsider",
    "politie",
    "procesbegeleider",
    "griffier",
    "raadslid",
    "beheerder",
]


def build_personas() -> Personas:
    K = Organisation.Kind
    woonkracht10 = make_org("woonkracht10", K.PARTNER, name="Woonkracht10")
    welzijn = make_org("welzijn", K.PARTNER, name="Stichting Welzijn Alblasserdam")
    politie = make_org("politie", K.PARTNER, name="Politie", mfa=True)
    koersbekenners = make_org(
        "koersbekenners", K.PROCESBEGELEIDER, name="Koersbekenners"
    )
    griffie = make_org("griffie", K.GRIFFIE, name="Griffie")
    raad = make_org("gemeenteraad", K.RAAD, name="Gemeenteraad")
    beheer = make_org("beheer", K.BEHEER, name="Functioneel beheer")
    p = Personas(
        woonkracht10=woonkracht10,
        welzijn=welzijn,
        politie=politie,
        koersbekenners=koersbekenners,
        griffie=griffie,
        raad=raad,
        beheer=beheer,
        medewerker=make_user("sanne@woonkracht10.test", woonkracht10, Role.MEDEWERKER),
        coordinator=make_user(
            "peter@woonkracht10.test", woonkracht10, Role.COORDINATOR
        ),
        outsider=make_user("fatima@welzijn.test", welzijn, Role.MEDEWERKER),
        politie_medewerker=make_user("mark@politie.test", politie, Role.MEDEWERKER),
        procesbegeleider=make_user(
            "eva@koersbekenners.test", koersbekenners, Role.PROCESBEGELEIDER
        ),
        griffier=make_user("willem@griffie.test", griffie, Role.GRIFFIER),
        raadslid=make_user("marieke@raad.test", raad, Role.RAADSLID),
        beheerder=make_user("bas@beheer.test", beheer, Role.BEHEERDER),
    )
    for user in (p.politie_medewerker, p.griffier, p.beheerder):
        enable_totp(user)
    return p


@pytest.fixture
def personas(db) -> Personas:
    return build_personas()


@pytest.fixture
def medewerker(personas):
    return personas.medewerker


@pytest.fixture
def coordinator(personas):
    return personas.coordinator


@pytest.fixture
def outsider(personas):
    return personas.outsider


@pytest.fixture
def procesbegeleider(personas):
    return personas.procesbegeleider


@pytest.fixture
def griffier(personas):
    return personas.griffier


@pytest.fixture
def raadslid(personas):
    return personas.raadslid


@pytest.fixture
def beheerder(personas):
    return personas.beheerder


@pytest.fixture
def client_for(client):
    """client_for(user) logs the test client in as that user (None: anonymous)."""

    def _login(user):
        client.logout()
        if user is not None:
            client.force_login(
                user, backend="django.contrib.auth.backends.ModelBackend"
            )
        return client

    return _login


@pytest.fixture(scope="module")
def s3_endpoint():
    """A real S3 API on loopback: moto's server, on a free port."""
    server_module = pytest.importorskip("moto.server")
    server = server_module.ThreadedMotoServer(
        ip_address="127.0.0.1", port=0, verbose=False
    )
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def s3(s3_endpoint, monkeypatch):
    """The portal's default storage is the bucket; yields a boto3 client on it.

    Sets the same S3_* environment variables as production, so a worker
    process started after this fixture stores into the bucket as well.
    """
    import boto3

    from buurtaanpak.settings import _s3_storage
    from tests.s3 import BUCKET, S3_ENV

    env = {**S3_ENV, "S3_ENDPOINT_URL": s3_endpoint}
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    client = boto3.client(
        "s3",
        endpoint_url=s3_endpoint,
        region_name=env["S3_REGION"],
        aws_access_key_id=env["S3_ACCESS_KEY_ID"],
        aws_secret_access_key=env["S3_SECRET_ACCESS_KEY"],
    )
    client.create_bucket(
        Bucket=BUCKET,
        CreateBucketConfiguration={"LocationConstraint": env["S3_REGION"]},
    )
    storages = {**settings.STORAGES, "default": _s3_storage()}
    with override_settings(STORAGES=storages):
        yield client
    for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", []):
        client.delete_object(Bucket=BUCKET, Key=item["Key"])
    client.delete_bucket(Bucket=BUCKET)
