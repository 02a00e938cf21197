"""One Dutch voice: the reader is "u", dates and numbers read the Dutch way.

The rules are in docs/architecture.md ("Dutch UI"); tests/dutch.py finds what
breaks them. The crawl in tests/test_links.py checks dates and numbers on
every page a demo persona opens; this module checks the catalogues, every
page allauth adds under /accounts/, the mails, and the texts that Python code
builds for people.
"""

import gettext
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from buurtaanpak.messages import BASE, CATALOGUES, OVERRIDES_PO
from tests.browser.conftest import totp_code
from tests.conftest import PASSWORD, enable_totp, make_user
from tests.dutch import format_problems, in_context, informal_words, visible_text

# --- the catalogues -----------------------------------------------------------

OWN_CATALOGUES = [BASE / name / "locale" / "nl" / "LC_MESSAGES" for name in CATALOGUES]


def _load(mo: Path) -> dict:
    with mo.open("rb") as handle:
        return gettext.GNUTranslations(handle)._catalog


def _translations(catalog: dict) -> list[str]:
    return [text for key, text in catalog.items() if key != ""]


@pytest.mark.parametrize(
    "folder",
    [*OWN_CATALOGUES, OVERRIDES_PO.parent],
    ids=lambda p: str(p.relative_to(BASE)),
)
def test_no_compiled_catalogue_of_the_portal_says_je_or_jij(folder):
    informal = [
        text
        for text in _translations(_load(folder / "django.mo"))
        if informal_words(text)
    ]
    assert not informal, f"say “u”: {informal[:10]}"


def _third_party_catalogues() -> list[Path]:
    import allauth
    import django

    roots = [Path(allauth.__file__).parent, Path(django.__file__).parent]
    return [mo for root in roots for mo in root.glob("**/locale/nl/LC_MESSAGES/*.mo")]


def _overrides() -> dict:
    return _load(OVERRIDES_PO.with_suffix(".mo"))


def test_every_override_translates_a_string_that_a_third_party_app_has():
    known = set()
    for mo in _third_party_catalogues():
        known |= set(_load(mo))
    stale = [key for key in _overrides() if key != "" and key not in known]
    assert not stale, f"no third-party app has these msgids (any more): {stale}"


def test_an_override_says_what_the_portals_own_catalogue_says():
    overrides = _overrides()
    disagree = []
    for folder in OWN_CATALOGUES:
        own = _load(folder / "django.mo")
        disagree += [
            f"{key!r}: {overrides[key]!r} ≠ {own[key]!r} ({folder.relative_to(BASE)})"
            for key in overrides.keys() & own.keys()
            if key != "" and overrides[key] != own[key]
        ]
    assert not disagree


def test_each_string_of_the_portal_reads_as_its_catalogue_says():
    """A third-party app with the same msgid must not win over the portal.

    Django merges every catalogue into one; an app listed earlier in
    INSTALLED_APPS (the admin, allauth) wins unless the overrides say
    otherwise. Msgids that the portal's own apps translate differently are
    left out here: they need a msgctxt in their app.
    """
    from django.utils import translation

    wanted: dict = {}
    for folder in OWN_CATALOGUES:
        for key, text in _load(folder / "django.mo").items():
            if key != "":
                wanted.setdefault(key, set()).add(text)
    catalog = translation.trans_real.translation("nl")._catalog
    lost = [
        f"{key!r}: shows {catalog[key]!r}, not {next(iter(texts))!r}"
        for key, texts in wanted.items()
        if len(texts) == 1 and catalog[key] not in texts
    ]
    assert not lost, "add these to buurtaanpak/locale_overrides: " + "; ".join(lost)


# --- allauth's pages and mails -------------------------------------------------


def _account_url_names() -> list[tuple[str, tuple[str, ...]]]:
    """(name, its URL arguments) of every page allauth adds under /accounts/."""

    def walk(resolver, prefix=""):
        for entry in resolver.url_patterns:
            route = prefix + str(entry.pattern)
            if isinstance(entry, URLResolver):
                yield from walk(entry, route)
            elif isinstance(entry, URLPattern) and route.startswith("accounts/"):
                yield entry.name, tuple(sorted(entry.pattern.regex.groupindex))

    return sorted(set(walk(get_resolver())))


def _url_arguments(name: str, user) -> list[dict]:
    """Arguments that open a page with URL arguments: a valid and a stale one."""
    from allauth.account.forms import default_token_generator
    from allauth.account.models import EmailAddress, EmailConfirmationHMAC
    from allauth.account.utils import user_pk_to_url_str

    from partners.models import User

    if name == "account_confirm_email":
        # Another user's address: an unconfirmed one would keep `user` from
        # setting up two-step verification later in the walk.
        other, _ = User.objects.get_or_create(email="bevestig@example.nl")
        address, _ = EmailAddress.objects.get_or_create(user=other, email=other.email)
        return [{"key": EmailConfirmationHMAC(address).key}, {"key": "verlopen"}]
    if name == "account_reset_password_from_key":
        uid = user_pk_to_url_str(user)
        return [
            {"uidb36": uid, "key": default_token_generator.make_token(user)},
            {"uidb36": uid, "key": "verlopen-sleutel"},
        ]
    raise AssertionError(f"tests/test_dutch.py: say how to open {name}")


def _log_in(client: Client, user, secret: str = "") -> list[str]:
    """A real login (not force_login), so pages that want a recent one open.

    Returns the pages on the way, the two-step page among them.
    """
    pages = []
    response = client.post(
        reverse("account_login"), {"login": user.email, "password": PASSWORD}
    )
    if secret:
        assert response.url == reverse("mfa_authenticate")
        pages.append(client.get(response.url).content.decode())
        response = client.post(response.url, {"code": totp_code(secret)})
    assert response.status_code == 302, "the login failed"
    pages.append(client.get(response.url, follow=True).content.decode())
    # allauth asks again before security settings change; answer it up front.
    again = client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    pages.append(client.get(again.url, follow=True).content.decode())
    return pages


class _Reader:
    """Collects the visible text of pages and finds informal address in it."""

    def __init__(self):
        self.found: list[str] = []
        self.texts: list[str] = []

    def read(self, where: str, html: str) -> None:
        text = visible_text(html)
        self.texts.append(text)
        self.found += [f"{where}: {in_context(text, w)}" for w in informal_words(text)]

    def saw(self, words: str) -> bool:
        return any(words in text for text in self.texts)

    def open(self, client: Client, url: str, **kwargs) -> None:
        method = client.post if "data" in kwargs else client.get
        response = method(url, follow=True, **kwargs)
        assert response.status_code < 500, f"{url}: {response.status_code}"
        if "text/html" in response.get("Content-Type", ""):
            self.read(url, response.content.decode())


def _open_every_account_page(reader: _Reader, client: Client, user) -> None:
    names = _account_url_names()
    for name, arguments in names:
        if not arguments:
            reader.open(client, reverse(name))
    # Last: a link from a mail (another user's confirmation) may log out.
    for name, arguments in names:
        for kwargs in _url_arguments(name, user) if arguments else []:
            reader.open(client, reverse(name, kwargs=kwargs))


@pytest.mark.django_db
def test_every_account_page_speaks_to_an_anonymous_visitor_as_u(personas):
    reader = _Reader()
    _open_every_account_page(reader, Client(), personas.medewerker)
    login = reverse("account_login")
    for _ in range(6):  # wrong passwords, then the back-off's message
        reader.open(Client(), login, data={"login": "x@example.nl", "password": "x"})
    reader.open(Client(), reverse("account_reset_password"), data={"email": "?"})
    assert reader.saw("Te veel mislukte pogingen voor dit account")
    assert reader.saw("Bevestig dat bevestig@example.nl een e-mailadres is")
    assert not reader.found, "\n".join(reader.found)


@pytest.mark.django_db
def test_every_account_page_speaks_to_a_signed_in_partner_as_u(personas):
    from allauth.account.models import EmailAddress

    user = personas.medewerker
    # A confirmed address, or allauth will not set up an authenticator app.
    EmailAddress.objects.create(
        user=user, email=user.email, verified=True, primary=True
    )
    client, reader = Client(), _Reader()
    for page in _log_in(client, user):
        reader.read("after login", page)
    change = reverse("account_change_password")
    wrong = {"oldpassword": "fout", "password1": "kort", "password2": "anders"}
    reader.open(client, change, data=wrong)
    reader.open(client, reverse("account_email"), data={"action_add": "", "email": ""})
    _open_every_account_page(reader, client, user)
    assert reader.saw("Scan de QR-code hieronder met uw authenticator-app")
    assert reader.saw("Weet u zeker dat u wilt uitloggen?")
    assert reader.saw("Ingelogd op")
    assert not reader.found, "\n".join(reader.found)


@pytest.mark.django_db
def test_every_two_step_page_speaks_to_its_user_as_u(personas):
    from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes

    user = make_user("agent@politie.test", personas.politie, "medewerker")
    secret = enable_totp(user)
    RecoveryCodes.activate(user)
    client, reader = Client(), _Reader()
    for page in _log_in(client, user, secret):
        reader.read("login with a code", page)
    _open_every_account_page(reader, client, user)
    reader.open(client, reverse("mfa_activate_totp"), data={"code": "000000"})
    reader.open(client, reverse("mfa_reauthenticate"), data={"code": "000000"})
    assert reader.saw("Vul de code uit uw authenticator-app in")
    assert reader.saw("Ongebruikte codes")
    assert reader.saw("U gaat nieuwe herstelcodes voor uw account maken")
    assert reader.saw("Authenticator-app uitzetten")
    assert not reader.found, "\n".join(reader.found)


@pytest.mark.django_db
def test_the_account_mails_speak_to_the_reader_as_u(client, medewerker):
    reset = reverse("account_reset_password")
    client.post(reset, {"email": medewerker.email})
    client.post(reset, {"email": "onbekend@example.nl"})
    assert len(mail.outbox) == 2
    found = [
        f"{message.subject}: {in_context(message.body, word)}"
        for message in mail.outbox
        for word in informal_words(f"{message.subject}\n{message.body}")
    ]
    assert not found


@pytest.mark.django_db
def test_a_person_without_an_account_reads_that_accounts_come_by_invitation(
    client, medewerker
):
    unknown = reverse("account_reset_password")
    client.post(unknown, {"email": "onbekend@example.nl"})
    assert "alleen op uitnodiging" in mail.outbox[0].body


@pytest.mark.django_db
def test_the_login_page_explains_invitations_and_offers_no_sign_up(client):
    html = client.get(reverse("account_login")).content.decode()
    text = visible_text(html)
    assert "alleen op uitnodiging" in text
    assert "coördinator van uw organisatie" in text
    assert "functioneel beheer" in text
    assert reverse("account_signup") not in html
    assert not re.search(r"registreer|registreren|sign up", text, re.IGNORECASE)


@pytest.mark.django_db
def test_the_closed_sign_up_page_says_whom_to_ask(client):
    text = visible_text(client.get(reverse("account_signup")).content.decode())
    assert "alleen op uitnodiging" in text
    assert "coördinator van uw organisatie" in text


def test_the_overrides_come_first_in_locale_paths():
    assert Path(settings.LOCALE_PATHS[0]) == OVERRIDES_PO.parent.parent.parent


# --- dates and numbers ---------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Gemeten op 15 Dec 2026",
        "15 mrt 2026",
        "Mrt 2025",
        "vastgesteld 1 Okt. 2025",
        "deadline 2026-12-15",
        "December 15, 2026",
        "van 80.0 naar 74.5",
        "20300 inwoners",
    ],
)
def test_the_check_finds_dates_and_numbers_not_written_the_dutch_way(text):
    assert format_problems(text)


@pytest.mark.parametrize(
    "text",
    [
        "15 december 2026",
        "dinsdag 15 december 2026, 19:30",
        "15-12-2026 10:30",
        "15 mei 2026",
        "van 80,0 naar 74,5",
        "20.300 inwoners, € 1.250.000,00",
        "versie 2 van 2026",
        "IP-adres 127.0.0.1",
        "BU04820102 Redersbuurt",
    ],
)
def test_the_check_accepts_the_dutch_way(text):
    assert not format_problems(text)


@pytest.mark.django_db
def test_an_early_warning_writes_the_index_with_a_decimal_comma(personas):
    from scans.models import Waarschuwing
    from scans.services.vroegsignalering import evaluate, warning_text
    from tests.scans import factories as f

    org, ind = personas.woonkracht10, f.indicator()
    rondes = [f.ronde(), f.ronde("Najaar 2025", basis=False, month=10)]
    for n, value in ((1, 4), (2, 6), (3, 8)):
        buurt = f.buurt(n)
        f.meting(f.scan(buurt, rondes[0]), ind, value, org)
        f.meting(f.scan(buurt, rondes[1]), ind, 10 if n == 2 else value, org)
    evaluate()
    text = warning_text(Waarschuwing.objects.filter(regel="index_daling").first())
    assert "van 100,0 naar" in text
    assert not format_problems(text)


@pytest.mark.django_db
def test_an_overdue_action_warning_writes_its_due_date_out(personas):
    from datetime import date

    from scans.models import Waarschuwing
    from scans.services.vroegsignalering import evaluate, warning_text
    from tests.scans import factories as f

    f.actie(f.buurt(2), personas.woonkracht10, deadline=date(2025, 3, 31))
    evaluate()
    text = warning_text(Waarschuwing.objects.get(regel="actie_te_laat"))
    assert "(31 maart 2025)" in text
    assert not format_problems(text)


@pytest.mark.django_db
def test_a_session_mail_gives_the_weekday_and_the_date_written_out(personas):
    from sessies.mail import build_message
    from tests.sessies.factories import invite, local, make_sessie

    sessie = make_sessie(
        personas.griffier, personas.griffie, start=local(2026, 12, 15, 19, 30)
    )
    message = build_message(invite(sessie, personas.raadslid), "invite")
    assert "dinsdag 15 december 2026, 19:30–21:30" in message.body
    assert not format_problems(message.body)


@pytest.mark.django_db
def test_every_report_writes_dates_and_numbers_the_dutch_way(settings, tmp_path):
    """The HTML that WeasyPrint turns into each kind of PDF, from the demo data."""
    from django.core.management import call_command

    from portal.rapportage import kinds, raad, services
    from portal.rapportage.models import Rapport
    from scans.models import Gebied

    settings.MEDIA_ROOT = tmp_path
    call_command("load_demo", verbosity=0, allow_production=True)
    subjects = {
        "versie": lambda: raad.released_versies()[0].pk,
        "sessie": lambda: raad.sessies_with_verslag()[0].pk,
        "": lambda: None,
    }
    wrong = {}
    for code, kind in kinds.KINDS.items():
        rapport = Rapport(
            kind=code,
            audience=kind.audiences[0],
            gebied=Gebied.objects.get(code="BU04820102") if kind.needs_gebied else None,
            subject_pk=subjects[kind.subject](),
            title=kind.default_title(),
        )
        if found := format_problems(visible_text(services.render_html(rapport))):
            wrong[code] = found
    assert not wrong


@pytest.mark.django_db
def test_the_csv_exports_keep_iso_dates_and_a_decimal_comma(client_for, personas):
    """CSV is for spreadsheets and scripts: ISO 8601 dates and times, a decimal
    comma for Dutch spreadsheets, no thousands dot, ";" between columns."""
    import csv
    from datetime import date

    from tests.scans import factories as f

    meting = f.meting(
        f.scan(f.buurt(2), f.ronde()), f.indicator(), "12500.5", personas.woonkracht10
    )
    meting.gemeten_op = date(2025, 3, 31)
    meting.save()
    response = client_for(personas.medewerker).get(reverse("scans:export_csv"))
    rows = list(
        csv.DictReader(response.content.decode("utf-8-sig").splitlines(), delimiter=";")
    )
    assert (rows[0]["waarde"], rows[0]["datum"]) == ("12500,500", "2025-03-31")
    audit = client_for(personas.beheerder).get(reverse("audit:entry_export"))
    body = b"".join(audit.streaming_content).decode("utf-8")
    first = list(csv.DictReader(body.splitlines(), delimiter=";"))[0]
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+0[12]:00", first["tijd"])
