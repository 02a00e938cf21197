from contextlib import contextmanager
from datetime import date
from decimal import Decimal
from smtplib import SMTPServerDisconnected

import pytest
from django.core.mail.backends.locmem import EmailBackend

from buurtaanpak.celery import app as celery_app
from partners.models import Organisation, Role
from portal.rapportage.models import Begroting, Uitgave
from scans.models import Gebied
from tests.conftest import make_org, make_user

SQUARE = {
    "type": "Polygon",
    "coordinates": [
        [
            [4.655, 51.858],
            [4.672, 51.858],
            [4.672, 51.866],
            [4.655, 51.866],
            [4.655, 51.858],
        ]
    ],
}


def make_gebied(code="BU04820102", name="Redersbuurt", geometry=SQUARE) -> Gebied:
    gebied, _ = Gebied.objects.get_or_create(
        code=code,
        defaults={
            "name": name,
            "level": Gebied.Level.BUURT,
            "geometry": geometry,
            "inhabitants": 1840,
        },
    )
    return gebied


def make_budget() -> dict:
    b2025 = Begroting.objects.create(year=2025, amount=Decimal("100000.00"))
    b2024 = Begroting.objects.create(year=2024, amount=Decimal("70000.00"))
    Uitgave.objects.create(
        begroting=b2025,
        soort=Uitgave.Soort.VERPLICHTING,
        amount=Decimal("30000.00"),
        date=date(2025, 1, 15),
        description="Buurtwerker Souburgh",
    )
    Uitgave.objects.create(
        begroting=b2025,
        soort=Uitgave.Soort.BETALING,
        amount=Decimal("9400.10"),
        date=date(2025, 4, 3),
        description="Verlichting Kortland",
    )
    return {"2024": b2024, "2025": b2025}


@pytest.fixture
def gebied(db):
    return make_gebied()


@pytest.fixture
def budget(db):
    return make_budget()


@pytest.fixture
def request_rapport(django_capture_on_commit_callbacks):
    """Request a report as a user would, running the after-commit enqueue."""
    from portal.rapportage import services

    def _request(**kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            rapport = services.rapport_request(**kwargs)
        rapport.refresh_from_db()
        return rapport

    return _request


def gemeenteteam():
    return make_org(
        "buitenruimte", Organisation.Kind.GEMEENTETEAM, name="Team Buitenruimte"
    )


@pytest.fixture
def gemeente_coordinator(personas):
    """The lead of a gemeente team: keeps the budget, drafts the college's letter."""
    return make_user("ilse@buitenruimte.test", gemeenteteam(), Role.COORDINATOR)


@pytest.fixture
def gemeente_medewerker(personas):
    """Staff of a gemeente team: drafts the college's letter, keeps no budget."""
    return make_user("joost@buitenruimte.test", gemeenteteam(), Role.MEDEWERKER)


class FailsOnceBackend(EmailBackend):
    """The locmem outbox behind a mail server that refuses the first message."""

    failures_left = 0

    def send_messages(self, messages):
        if FailsOnceBackend.failures_left > 0:
            FailsOnceBackend.failures_left -= 1
            raise SMTPServerDisconnected("Connection unexpectedly closed")
        return super().send_messages(messages)


class AlwaysFailsBackend(EmailBackend):
    def send_messages(self, messages):
        raise SMTPServerDisconnected("Connection unexpectedly closed")


@pytest.fixture
def task_retries_run():
    """In-process tasks retry as a worker would (at once, without the countdown).

    The suite runs tasks eagerly and lets their errors propagate; a task's
    retry is such an error. Here the retry is run instead, as on a worker.
    """
    saved = celery_app.conf.task_eager_propagates
    celery_app.conf.task_eager_propagates = False
    yield
    celery_app.conf.task_eager_propagates = saved


@pytest.fixture
def mail_fails_once(settings, task_retries_run):
    settings.EMAIL_BACKEND = "tests.rapportage.conftest.FailsOnceBackend"
    FailsOnceBackend.failures_left = 1
    yield FailsOnceBackend
    FailsOnceBackend.failures_left = 0


@pytest.fixture
def mail_always_fails(settings, task_retries_run):
    settings.EMAIL_BACKEND = "tests.rapportage.conftest.AlwaysFailsBackend"


@contextmanager
def broker_unreachable():
    """Point the app at a port where no broker listens, with no eager mode."""
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    saved = (celery_app.conf.broker_url, celery_app.conf.task_always_eager)
    celery_app.conf.broker_url = f"redis://127.0.0.1:{port}/0"
    celery_app.conf.task_always_eager = False
    try:
        yield
    finally:
        celery_app.conf.broker_url, celery_app.conf.task_always_eager = saved


@pytest.fixture
def broker_down():
    with broker_unreachable():
        yield
