"""Every form of the portal, as one table for the hostile-input tests.

Each row names a URL, the persona who may use it, the world it needs (the
`build` of tests/<app>/access_rules.py), one valid value per field and the
rows a successful submission adds, per model label. A field's valid value is
a callable on the world; hypothesis mixes it with hostile values.

`writes` maps a model label to the exact number of rows a success adds (an
int: all of them or none, so a half-finished save fails) or to a range when
the number depends on the input. A model that is not named must not change.

tests/security/test_hostile_input.py fails for a URL that takes a POST (or a
filter form) without a row here or a reason in NO_FORM.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta

from django.utils import timezone


@dataclass(frozen=True)
class Endpoint:
    url: str
    persona: str
    world: str
    fields: dict[str, Callable[[dict], object]]
    writes: dict[str, int | range] = field(default_factory=dict)
    kwargs: Callable[[dict], dict] = lambda w: {}
    method: str = "post"
    files: tuple[str, ...] = ()
    # The status of a success; a redirect for almost every form.
    success: int = 302
    label: str = ""

    @property
    def id(self) -> str:
        return self.label or self.url


def pk(key: str) -> Callable[[dict], dict]:
    return lambda w: {"pk": w[key].pk}


def value(v) -> Callable[[dict], object]:
    return lambda w: v


def obj_pk(key: str) -> Callable[[dict], object]:
    return lambda w: w[key].pk


def persona_pk(name: str) -> Callable[[dict], object]:
    return lambda w: getattr(w["personas"], name).pk


def _later(days: int, hour: int = 19) -> Callable[[dict], str]:
    def at(w):
        day = timezone.localdate() + timedelta(days=days)
        return f"{day:%Y-%m-%d}T{hour:02d}:30"

    return at


def _thema(w):
    from scans.models import Thema

    return Thema.objects.order_by("pk").first().pk


def _second_indicator(w):
    from tests.scans import factories as f

    return f.indicator("sociale-cohesie", thema_code="samenleven").pk


def _fresh_buurt(w):
    from tests.scans import factories as f

    return {"code": f.buurt(7).code}


def _csv(w) -> bytes:
    from tests.scans import factories as f

    code = f.indicator().code
    return f"gebied;indicator;waarde\n{w['buurt'].code};{code};7,5\n".encode()


def _pdf() -> bytes:
    from tests.visie.factories import PDF_BYTES

    return PDF_BYTES


def _new_bron(w):
    from visie import services
    from visie.models import Bron

    return services.bron_create(
        user=w["personas"].procesbegeleider,
        title=f"Nota {Bron.objects.count() + 1}",
        soort=Bron.Soort.BELEID,
        url="https://www.alblasserdam.nl/nota",
        rubricering="partners",
    )


def _rol(org: str) -> str:
    return "rol_{" + org + "}"


SQUARE = (
    '{"type": "Polygon", "coordinates": [[[4.64, 51.85], [4.66, 51.85], '
    "[4.66, 51.86], [4.64, 51.86], [4.64, 51.85]]]}"
)

SCANS = "tests.scans.access_rules"
VISIE = "tests.visie.access_rules"
SESSIES = "tests.sessies.access_rules"
PARTNERS = "tests.partners.access_rules"
RAPPORTAGE = "tests.rapportage.access_rules"
AUDIT = "tests.audit.access_rules"

COMMENT = {
    "visie.Opmerking": 1,
    "visie.Opmerking_mentioned": range(0, 5),
    "visie.VermeldingMail": range(0, 5),
}
HISTORY_SCAN = {"scans.HistoricalGebiedsscan": range(0, 3)}

ENDPOINTS = [
    # partners ---------------------------------------------------------------
    Endpoint(
        "partners:invitation_create",
        "coordinator",
        PARTNERS,
        {
            "email": value("nieuw2@woonkracht10.test"),
            "organisation": lambda w: w["personas"].woonkracht10.pk,
            "role": value("medewerker"),
        },
        writes={"partners.Invitation": 1, "audit.AuditEntry": range(0, 2)},
    ),
    Endpoint(
        "partners:invitation_revoke",
        "coordinator",
        PARTNERS,
        {"reden": value("")},
        kwargs=pk("invitation"),
        writes={"audit.AuditEntry": range(0, 2)},
    ),
    Endpoint(
        "partners:invitation_accept",
        "anonymous",
        PARTNERS,
        {
            "full_name": value("Nieuwe Collega"),
            "password1": value("Lange-Zin-Met-Paard-2026"),
            "password2": value("Lange-Zin-Met-Paard-2026"),
        },
        kwargs=lambda w: {"token": w["invitation_token"]},
        writes={
            "partners.User": 1,
            "partners.Membership": 1,
            "account.EmailAddress": range(0, 2),
            "audit.AuditEntry": range(0, 3),
        },
    ),
    # scans ------------------------------------------------------------------
    Endpoint(
        "scans:straatcluster_create",
        "medewerker",
        SCANS,
        {
            "name": value("Werfkade en omgeving"),
            "description": value("Rond de werf."),
            "streets": value("Werfkade\nHavenstraat"),
            "geometry": value(SQUARE),
        },
        writes={"scans.Gebied": 1, "scans.Gebied_overlapping_buurten": range(0, 5)},
    ),
    Endpoint(
        "scans:csv_import",
        "medewerker",
        SCANS,
        {"file": lambda w: ("metingen.csv", _csv(w))},
        kwargs=pk("ronde"),
        files=("file",),
        label="scans:csv_import (upload)",
        success=200,
    ),
    Endpoint(
        "scans:csv_import",
        "medewerker",
        SCANS,
        {"confirm": value("1")},
        kwargs=pk("ronde"),
        label="scans:csv_import (confirm)",
    ),
    Endpoint(
        "scans:scan_create",
        "medewerker",
        SCANS,
        {"ronde": obj_pk("ronde")},
        kwargs=_fresh_buurt,
        writes={"scans.Gebiedsscan": 1, **HISTORY_SCAN},
    ),
    Endpoint(
        "scans:meting_create",
        "medewerker",
        SCANS,
        {
            "indicator": _second_indicator,
            "value": value("12,5"),
            "gemeten_op": value("2025-03-31"),
            "bron": value("CBS"),
            "respondenten": value("120"),
            "note": value("Telling voorjaar."),
            "rubricering": value("partners"),
        },
        kwargs=pk("scan"),
        writes={"scans.Meting": range(0, 2), "scans.HistoricalMeting": 1},
    ),
    Endpoint(
        "scans:oordeel_create",
        "medewerker",
        SCANS,
        {
            "thema": _thema,
            "score": value("3"),
            "toelichting": value("Redelijk."),
            "rubricering": value("partners"),
        },
        kwargs=pk("scan"),
        writes={"scans.Oordeel": range(0, 2), "scans.HistoricalOordeel": 1},
    ),
    Endpoint(
        "scans:scan_correct",
        "medewerker",
        SCANS,
        {"reden": value("Telling bleek dubbel.")},
        kwargs=pk("adopted"),
        writes={
            "scans.Gebiedsscan": 1,
            "scans.HistoricalGebiedsscan": range(1, 4),
            "scans.Meting": range(0, 20),
            "scans.HistoricalMeting": range(0, 20),
            "scans.Oordeel": range(0, 20),
            "scans.HistoricalOordeel": range(0, 20),
        },
    ),
    Endpoint(
        "scans:scan_transition",
        "medewerker",
        SCANS,
        {"toelichting": value("")},
        kwargs=lambda w: {"pk": w["scan"].pk, "action": "indienen"},
        writes={"scans.HistoricalGebiedsscan": 1},
    ),
    Endpoint(
        "scans:signaal_create",
        "medewerker",
        SCANS,
        {
            "thema": _thema,
            "soort": value("hot_spot"),
            "text": value("Veel zwerfafval bij het speelveld."),
            "waargenomen_op": lambda w: f"{timezone.localdate():%Y-%m-%d}",
            "rubricering": value("partners"),
            "point": value("51.85, 4.65"),
            "personal_data_confirmed": value(""),
        },
        kwargs=lambda w: {"code": w["buurt"].code},
        writes={"scans.Signaal": 1},
    ),
    Endpoint(
        "scans:actie_create",
        "medewerker",
        SCANS,
        {
            "title": value("Extra schoonmaakronde"),
            "description": value("Met de buurtvaders."),
            "eigenaar": lambda w: w["personas"].woonkracht10.pk,
            "partners": lambda w: [w["personas"].welzijn.pk],
            "themas": lambda w: [_thema(w)],
            "signalen": lambda w: [w["signaal"].pk],
            "status": value("lopend"),
            "deadline": value("2027-06-30"),
            "voortgang": value("10"),
            "budget": value("1500,00"),
        },
        kwargs=lambda w: {"code": w["buurt"].code},
        writes={
            "scans.Actie": 1,
            "scans.Actie_partners": range(0, 3),
            "scans.Actie_themas": range(0, 3),
            "scans.Actie_signalen": range(0, 3),
        },
    ),
    Endpoint(
        "scans:actie_update",
        "medewerker",
        SCANS,
        {
            "title": value("Jongerenwerk op de werfkade"),
            "description": value("Met de jongerenwerker."),
            "eigenaar": lambda w: w["personas"].woonkracht10.pk,
            "status": value("lopend"),
            "deadline": value("2027-06-30"),
            "voortgang": value("40"),
            "budget": value("100"),
        },
        kwargs=pk("actie"),
        writes={
            "scans.Actie_partners": range(-3, 3),
            "scans.Actie_themas": range(-3, 3),
            "scans.Actie_signalen": range(-3, 3),
        },
    ),
    Endpoint(
        "scans:waarschuwing_detail",
        "medewerker",
        SCANS,
        {"note": value("We gaan langs.")},
        kwargs=pk("waarschuwing"),
        writes={"audit.AuditEntry": range(0, 2)},
    ),
    Endpoint(
        "scans:signaal_list",
        "medewerker",
        SCANS,
        {
            "gebied": lambda w: w["buurt"].code,
            "thema": value("overlast"),
            "rubricering": value("partners"),
            "q": value("afval"),
            "page": value("1"),
        },
        method="get",
        success=200,
    ),
    Endpoint(
        "scans:actie_list",
        "medewerker",
        SCANS,
        {"status": value("lopend"), "page": value("1")},
        method="get",
        success=200,
    ),
    Endpoint(
        "scans:compare",
        "medewerker",
        SCANS,
        {"van": obj_pk("ronde"), "naar": obj_pk("ronde")},
        method="get",
        success=200,
    ),
    Endpoint(
        "scans:waarschuwing_list",
        "medewerker",
        SCANS,
        {"alle": value("1")},
        method="get",
        success=200,
    ),
    Endpoint(
        "scans:export_csv",
        "medewerker",
        SCANS,
        {"ronde": obj_pk("ronde")},
        method="get",
        success=200,
    ),
    # visie ------------------------------------------------------------------
    Endpoint(
        "visie:document_create",
        "procesbegeleider",
        VISIE,
        {"title": value("Tweede visie"), "summary": value("Kort.")},
        writes={"visie.VisieDocument": 1},
    ),
    Endpoint(
        "visie:bron_create",
        "medewerker",
        VISIE,
        {
            "title": value("Jaarverslag"),
            "soort": value("beleid"),
            "publisher": value("Gemeente"),
            "published_on": value("2025-01-15"),
            "url": value("https://www.alblasserdam.nl/jaarverslag"),
            "description": value("Cijfers."),
            "rubricering": value("partners"),
            "upload": lambda w: ("jaarverslag.pdf", _pdf()),
        },
        files=("upload",),
        writes={"visie.Bron": 1},
    ),
    Endpoint(
        "visie:sectie_create",
        "procesbegeleider",
        VISIE,
        {
            "title": value("Jeugd"),
            "penvoerder": lambda w: w["personas"].welzijn.pk,
            "text": value("Over **jeugd**."),
        },
        kwargs=lambda w: {"slug": w["document"].slug},
        writes={"visie.Sectie": 1, "visie.Revisie": range(0, 2)},
    ),
    Endpoint(
        "visie:sectie_edit",
        "medewerker",
        VISIE,
        {
            "text": value("Nieuwe tekst met een [link](https://example.org)."),
            "message": value("Link toegevoegd"),
            "base": lambda w: w["sectie"].current_revisie_id,
            "draft": value(""),
        },
        kwargs=pk("sectie"),
        # Two when the save is merged with one made meanwhile: the text as
        # typed and the merged text.
        writes={"visie.Revisie": range(1, 3), "visie.VermeldingMail": range(0, 5)},
    ),
    Endpoint(
        "visie:sectie_merge",
        "medewerker",
        VISIE,
        {
            "text": value("Tweede tekst, samengevoegd met de mijne."),
            "message": value("Samengevoegd"),
            "base": lambda w: w["sectie"].current_revisie_id,
            "draft": obj_pk("draft"),
        },
        kwargs=lambda w: {"pk": w["sectie"].pk, "draft_pk": w["draft"].pk},
        writes={"visie.Revisie": range(0, 3)},
    ),
    Endpoint(
        "visie:sectie_presence",
        "medewerker",
        VISIE,
        {"leaving": value("")},
        kwargs=pk("sectie"),
        success=200,
    ),
    Endpoint(
        "visie:sectie_settings",
        "procesbegeleider",
        VISIE,
        {
            "title": value("Sectie één"),
            "penvoerder": lambda w: w["personas"].welzijn.pk,
        },
        kwargs=pk("sectie"),
    ),
    Endpoint(
        "visie:sectie_move",
        "procesbegeleider",
        VISIE,
        {"richting": value("omhoog")},
        kwargs=pk("sectie"),
    ),
    Endpoint(
        "visie:revisie_restore",
        "medewerker",
        VISIE,
        {"message": value("")},
        kwargs=pk("first_revisie"),
        writes={"visie.Revisie": 1},
    ),
    Endpoint(
        "visie:opmerking_create",
        "medewerker",
        VISIE,
        {
            "text": value("Kan @welzijn hier iets over zeggen?"),
            "quote": value("Tweede"),
            "rubricering": value("partners"),
            "confirmed": value(""),
        },
        kwargs=pk("sectie"),
        writes=COMMENT,
    ),
    Endpoint(
        "visie:opmerking_reply",
        "medewerker",
        VISIE,
        {
            "reply{opmerking}-text": value("Eens."),
            "reply{opmerking}-confirmed": value(""),
        },
        kwargs=pk("opmerking"),
        writes=COMMENT,
    ),
    Endpoint(
        "visie:opmerking_resolve",
        "medewerker",
        VISIE,
        {"note": value("")},
        kwargs=pk("opmerking"),
    ),
    Endpoint(
        "visie:opmerking_reopen",
        "medewerker",
        VISIE,
        {"note": value("")},
        kwargs=pk("opmerking"),
    ),
    Endpoint(
        "visie:citatie_create",
        "medewerker",
        VISIE,
        {
            "target": lambda w: f"bron:{_new_bron(w).pk}",
            "toelichting": value("Onderbouwt de cijfers."),
        },
        kwargs=pk("sectie"),
        writes={"visie.Citatie": 1},
    ),
    Endpoint(
        "visie:citatie_delete",
        "medewerker",
        VISIE,
        {"confirm": value("1")},
        kwargs=pk("citatie"),
        writes={"visie.Citatie": -1},
    ),
    Endpoint(
        "visie:versie_opmerking",
        "raadslid",
        VISIE,
        {
            "s{sectie}-text": value("Wat betekent dit voor de Kinderdijkseweg?"),
            "s{sectie}-quote": value("Tweede"),
            "s{sectie}-confirmed": value(""),
        },
        kwargs=lambda w: {"pk": w["versie"].pk, "sectie_pk": w["sectie"].pk},
        writes=COMMENT,
        label="visie:versie_opmerking (raad)",
    ),
    Endpoint(
        "visie:versie_opmerking",
        "medewerker",
        VISIE,
        {
            "s{sectie}-text": value("Eens met de raad."),
            "s{sectie}-rubricering": value("organisatie"),
        },
        kwargs=lambda w: {"pk": w["versie"].pk, "sectie_pk": w["sectie"].pk},
        writes=COMMENT,
        label="visie:versie_opmerking (partner)",
    ),
    Endpoint(
        "visie:versie_vaststellen",
        "procesbegeleider",
        VISIE,
        {"confirm": value("1")},
        kwargs=pk("versie"),
    ),
    Endpoint(
        "visie:ondertekening_create",
        "coordinator",
        VISIE,
        {
            "organisation": lambda w: w["personas"].woonkracht10.pk,
            "besluit": value("akkoord"),
            "voorbehoud": value(""),
        },
        kwargs=pk("versie"),
        writes={"visie.Ondertekening": 1},
    ),
    Endpoint(
        "visie:afspraak_create",
        "medewerker",
        VISIE,
        {
            "title": value("Schoonmaakactie"),
            "contactpersoon": persona_pk("medewerker"),
            "uren": value("12"),
            "budget": value("250.00"),
            "deadline": value("2027-01-31"),
            "status": value("gepland"),
            _rol("woonkracht10"): value("A"),
            _rol("welzijn"): value("R"),
        },
        kwargs=lambda w: {"slug": w["document"].slug},
        writes={"visie.Afspraak": 1, "visie.AfspraakRol": range(1, 8)},
    ),
    Endpoint(
        "visie:afspraak_edit",
        "medewerker",
        VISIE,
        {
            "title": value("Buurtoverleg"),
            "uren": value("4"),
            "status": value("gepland"),
            _rol("woonkracht10"): value("R"),
            _rol("welzijn"): value("A"),
        },
        kwargs=pk("afspraak"),
        writes={"visie.AfspraakRol": range(-8, 8)},
    ),
    Endpoint(
        "visie:versie_release",
        "procesbegeleider",
        VISIE,
        {"note": value("Versie voor de inspraak.")},
        kwargs=lambda w: {"slug": w["document"].slug},
        writes={"visie.Versie": 1, "visie.VersieSectie": range(1, 5)},
    ),
    Endpoint(
        "visie:sectie_compare",
        "medewerker",
        VISIE,
        {"a": value("1"), "b": value("2")},
        kwargs=pk("sectie"),
        method="get",
        success=200,
    ),
    Endpoint(
        "visie:versie_compare",
        "medewerker",
        VISIE,
        {"a": value("1"), "b": value("1")},
        kwargs=lambda w: {"slug": w["document"].slug},
        method="get",
        success=200,
    ),
    # sessies ----------------------------------------------------------------
    Endpoint(
        "sessies:mijlpaal_create",
        "griffier",
        SESSIES,
        {
            "title": value("Raadsvoorstel"),
            "description": value(""),
            "start_date": value("2027-02-01"),
            "end_date": value("2027-02-28"),
        },
        writes={"sessies.Mijlpaal": 1},
    ),
    Endpoint(
        "sessies:mijlpaal_update",
        "griffier",
        SESSIES,
        {
            "title": value("Visie naar de raad"),
            "start_date": value("2027-03-01"),
            "end_date": value(""),
        },
        kwargs=pk("mijlpaal"),
    ),
    Endpoint(
        "sessies:sessie_create",
        "griffier",
        SESSIES,
        {
            "soort": value("raadswerksessie"),
            "title": value("Werksessie veiligheid"),
            "bob_fase": value("beeldvorming"),
            "start": _later(20),
            "end": _later(20, 21),
            "location": value("Raadzaal"),
            "online_url": value(""),
            "description": value(""),
            "capacity": value("30"),
            "openbaar": value("on"),
            "buurten": value([]),
        },
        writes={"sessies.Sessie": 1, "sessies.Sessie_buurten": range(0, 5)},
    ),
    Endpoint(
        "sessies:sessie_update",
        "griffier",
        SESSIES,
        {
            "title": value("Besloten"),
            "bob_fase": value("beeldvorming"),
            "start": _later(8),
            "end": _later(8, 21),
            "location": value("Raadzaal"),
            "capacity": value(""),
        },
        kwargs=pk("sessie"),
        writes={
            "sessies.VerzondenMail": range(0, 10),
            "sessies.Sessie_buurten": range(-5, 5),
        },
    ),
    Endpoint(
        "sessies:sessie_cancel",
        "griffier",
        SESSIES,
        {"reason": value("De zaal is niet beschikbaar.")},
        kwargs=pk("sessie"),
        writes={"sessies.VerzondenMail": range(0, 10)},
    ),
    Endpoint(
        "sessies:sessie_restore",
        "griffier",
        SESSIES,
        {"confirm": value("1")},
        kwargs=pk("geannuleerd"),
        writes={"sessies.VerzondenMail": range(0, 10)},
    ),
    Endpoint(
        "sessies:publieke_aanmelding",
        "procesbegeleider",
        SESSIES,
        {"actie": value("sluiten")},
        kwargs=pk("participatie"),
    ),
    Endpoint(
        "sessies:publiek_aanmelden",
        "anonymous",
        SESSIES,
        {
            "name": value("Jan de Bewoner"),
            "email": value("jan@example.org"),
            "akkoord": value("on"),
        },
        kwargs=lambda w: {"code": w["participatie"].aanmeldcode},
        writes={"sessies.Uitnodiging": 1, "sessies.VerzondenMail": range(0, 2)},
        # The page that says to confirm by mail; no redirect to a public page.
        success=200,
    ),
    Endpoint(
        "sessies:antwoord_link",
        "anonymous",
        SESSIES,
        {"note": value("Ik kom iets later.")},
        kwargs=lambda w: {"token": w["reply_token"], "antwoord": "misschien"},
    ),
    Endpoint(
        "sessies:raadskalender",
        "raadslid",
        SESSIES,
        {"maand": value("2027-03")},
        method="get",
        success=200,
    ),
    Endpoint(
        "sessies:rsvp",
        "raadslid",
        SESSIES,
        {"antwoord": value("aanmelden"), "note": value("")},
        kwargs=pk("sessie"),
    ),
    Endpoint(
        "sessies:agendapunt_create",
        "griffier",
        SESSIES,
        {
            "title": value("Presentatie gebiedsscan"),
            "duration_minutes": value("20"),
            "presenter": value("Eva"),
            "notes": value(""),
            "visie_versie": value(""),
            "visie_sectie": value(""),
            "gebiedsscan": value(""),
        },
        kwargs=pk("sessie"),
        writes={"sessies.Agendapunt": 1},
    ),
    Endpoint(
        "sessies:agendapunt_update",
        "griffier",
        SESSIES,
        {"title": value("Opening en mededelingen"), "duration_minutes": value("15")},
        kwargs=pk("agendapunt"),
    ),
    Endpoint(
        "sessies:agendapunt_delete",
        "griffier",
        SESSIES,
        {"confirm": value("1")},
        kwargs=pk("agendapunt"),
        writes={"sessies.Agendapunt": -1},
    ),
    Endpoint(
        "sessies:agendapunt_move",
        "griffier",
        SESSIES,
        {"richting": value("omlaag")},
        kwargs=pk("agendapunt"),
    ),
    Endpoint(
        "sessies:uitnodigen",
        "griffier",
        SESSIES,
        {
            "alle_raadsleden": value(""),
            "personen": value([]),
            "organisaties": lambda w: [w["personas"].welzijn.pk],
            "gasten": value("gast@example.org\nbuur@example.org"),
        },
        kwargs=pk("sessie"),
        writes={
            "sessies.Uitnodiging": range(1, 10),
            "sessies.VerzondenMail": range(0, 10),
        },
    ),
    Endpoint(
        "sessies:gast_link_renew",
        "griffier",
        SESSIES,
        {"confirm": value("1")},
        kwargs=pk("guest"),
        writes={"sessies.VerzondenMail": range(0, 2)},
    ),
    Endpoint(
        "sessies:gast_rsvp",
        "anonymous",
        SESSIES,
        {"antwoord": value("misschien"), "note": value("Ik kom later.")},
        kwargs=lambda w: {"token": w["guest_token"]},
    ),
    Endpoint(
        "sessies:verslag_detail",
        "raadslid",
        SESSIES,
        {
            "passage": value("Concept"),
            "text": value("Concept, met de Kerkstraat erbij"),
            "toelichting": value("De Kerkstraat is besproken."),
        },
        kwargs=pk("verleden"),
        writes={"sessies.Amendement": 1, "sessies.VerzondenMail": range(0, 2)},
    ),
    Endpoint(
        "sessies:verslag_edit",
        "griffier",
        SESSIES,
        {"text": value("Verslag van de avond."), "rubricering": value("openbaar")},
        kwargs=pk("verleden"),
    ),
    Endpoint(
        "sessies:verslag_share",
        "griffier",
        SESSIES,
        {"confirm": value("1")},
        kwargs=pk("verleden"),
        writes={"sessies.VerzondenMail": range(0, 10)},
    ),
    Endpoint(
        "sessies:verslag_finalise",
        "griffier",
        SESSIES,
        {"confirm": value("1")},
        kwargs=pk("verleden"),
        writes={"sessies.VerzondenMail": range(0, 10)},
    ),
    Endpoint(
        "sessies:aanwezigheid",
        "griffier",
        SESSIES,
        {"aanwezig": lambda w: [str(u.pk) for u in w["verleden"].uitnodigingen.all()]},
        kwargs=pk("verleden"),
    ),
    Endpoint(
        "sessies:amendement_decide",
        "griffier",
        SESSIES,
        {"status": value("verwerkt")},
        kwargs=pk("amendement"),
        writes={"sessies.VerzondenMail": range(0, 2)},
    ),
    Endpoint(
        "sessies:opbrengst_create",
        "griffier",
        SESSIES,
        {
            "title": value("Meer verlichting"),
            "description": value(""),
            "rubricering": value("openbaar"),
            "secties": value([]),
        },
        kwargs=pk("verleden"),
        writes={"sessies.Opbrengst": 1, "sessies.Opbrengst_secties": range(0, 5)},
    ),
    Endpoint(
        "sessies:index",
        "griffier",
        SESSIES,
        {"periode": value("verleden"), "page": value("1")},
        method="get",
        success=200,
    ),
    # rapportage -------------------------------------------------------------
    Endpoint(
        "rapportage:rapport_request",
        "coordinator",
        RAPPORTAGE,
        {
            "kind": value("begroting"),
            "audience": value("partners"),
            "gebied": value(""),
            "versie": value(""),
            "sessie": value(""),
            "title": value("Begroting voorjaar"),
        },
        writes={"rapportage.Rapport": 1, "audit.AuditEntry": range(0, 2)},
    ),
    Endpoint(
        "rapportage:rapport_publish",
        "griffier",
        RAPPORTAGE,
        {"confirm": value("1")},
        kwargs=lambda w: {"uid": w["concept"].uid},
        # one notice per raadslid, queued with the publication
        writes={"audit.AuditEntry": range(0, 2), "rapportage.Publicatiebericht": 1},
    ),
    Endpoint(
        "rapportage:rapport_retry",
        "coordinator",
        RAPPORTAGE,
        {"confirm": value("1")},
        kwargs=lambda w: {"uid": w["mislukt"].uid},
    ),
    Endpoint(
        "rapportage:rapport_correct",
        "griffier",
        RAPPORTAGE,
        {
            "title": value("Correctie"),
            "change_note": value("Bijlage 3 herzien"),
            "personal_data_confirmed": value(""),
        },
        kwargs=lambda w: {"uid": w["gepubliceerd"].uid},
        writes={
            "rapportage.Rapport": 1,
            "rapportage.Raadsinformatiebrief": 1,
            "audit.AuditEntry": range(0, 2),
        },
    ),
    Endpoint(
        "rapportage:brief_edit",
        "griffier",
        RAPPORTAGE,
        {
            "kenmerk": value("Z-2026-00412"),
            "date": value("2026-11-24"),
            "text": value("Wij informeren u over de voortgang."),
            "burgemeester": value("J. van der Linden"),
            "burgemeester_functie": value("burgemeester"),
            "secretaris": value("A.M. Verhoef"),
            "secretaris_functie": value("secretaris"),
            "personal_data_confirmed": value(""),
        },
        kwargs=lambda w: {"uid": w["briefconcept"].uid},
        # written once, revised after that
        writes={"rapportage.Raadsinformatiebrief": range(0, 2), "audit.AuditEntry": 1},
    ),
    Endpoint(
        "rapportage:verplichting_create",
        "beheerder",
        RAPPORTAGE,
        {
            "date": value("2025-03-01"),
            "amount": value("1.234,56"),
            "description": value("Zaalhuur werksessies"),
            "gebied": value(""),
            "organisation": value(""),
            "actie": value(""),
        },
        # the structural years up to next year appear on the first entry
        writes={
            "rapportage.Uitgave": 1,
            "rapportage.Begroting": range(0, 10),
            "audit.AuditEntry": 1,
        },
    ),
    Endpoint(
        "rapportage:betaling_create",
        "beheerder",
        RAPPORTAGE,
        {
            "verplichting": obj_pk("verplichting"),
            "date": value("2025-06-01"),
            "amount": value("1.000,00"),
            "description": value("Eerste termijn"),
            "gebied": value(""),
            "organisation": value(""),
            "actie": value(""),
        },
        writes={
            "rapportage.Uitgave": 1,
            "rapportage.Begroting": range(0, 10),
            "audit.AuditEntry": 1,
        },
    ),
    Endpoint(
        "rapportage:notitie_create",
        "raadslid",
        RAPPORTAGE,
        {
            "page": value("1"),
            "passage": value("Geachte raad"),
            "text": value("Vraag aan de wethouder"),
            "shared": value(""),
            "personal_data_confirmed": value(""),
        },
        kwargs=lambda w: {"uid": w["gepubliceerd"].uid},
        writes={"rapportage.Notitie": 1},
    ),
    Endpoint(
        "rapportage:notitie_share",
        "raadslid",
        RAPPORTAGE,
        {"shared": value("1")},
        kwargs=lambda w: {"uid": w["gepubliceerd"].uid, "pk": w["notitie"].pk},
    ),
    Endpoint(
        "rapportage:notitie_delete",
        "raadslid",
        RAPPORTAGE,
        {"confirm": value("1")},
        kwargs=lambda w: {"uid": w["gepubliceerd"].uid, "pk": w["notitie"].pk},
        writes={"rapportage.Notitie": -1},
    ),
    Endpoint(
        "rapportage:index",
        "medewerker",
        RAPPORTAGE,
        {
            "q": value("begroting"),
            "kind": value("begroting"),
            "gebied": value(""),
            "date_from": value("2025-01-01"),
            "date_to": value("2027-12-31"),
            "page": value("1"),
        },
        method="get",
        success=200,
    ),
    # search -----------------------------------------------------------------
    Endpoint(
        "zoeken:zoeken",
        "medewerker",
        RAPPORTAGE,
        {"q": value("buurt")},
        method="get",
        success=200,
    ),
    # audit ------------------------------------------------------------------
    Endpoint(
        "audit:entry_list",
        "beheerder",
        AUDIT,
        {
            "actor": value("sanne"),
            "action": value("view"),
            "object_type": value(""),
            "since": value("2025-01-01"),
            "until": value("2027-12-31"),
            "page": value("1"),
        },
        method="get",
        success=200,
    ),
    Endpoint(
        "audit:entry_export",
        "beheerder",
        AUDIT,
        {
            "actor": value("sanne"),
            "action": value("view"),
            "since": value("2025-01-01"),
            "until": value("2027-12-31"),
        },
        method="get",
        success=200,
        writes={"audit.AuditEntry": 1},
    ),
]

# URLs that accept no form input at all (pages, downloads, feeds), each with
# the reason it is left out of the hostile-input table.
NO_FORM = {
    "start": "page without a form",
    "health": "health check, no input",
    "partners:organisation_list": "list without filters",
    "partners:organisation_detail": "page without a form",
    "partners:invitation_list": "list without filters",
    "scans:gebied_list": "map page without a form",
    "scans:gebied_detail": "page without a form",
    "scans:overzicht": "under performance work; covered by the access matrix",
    "scans:export_geojson": "fixed export, no input",
    "scans:gebieden_kaart": "map data, no input",
    "scans:overzicht_kaart": "map data; an unknown round or domain falls back",
    "scans:scan_detail": "page without a form",
    "scans:scan_history": "page without a form",
    "scans:signaal_detail": "page without a form",
    "scans:actie_detail": "page without a form",
    "visie:index": "page without a form",
    "visie:document_detail": "page without a form",
    "visie:bron_list": "list without filters",
    "visie:bron_detail": "page without a form",
    "visie:bron_download": "download, no input",
    "visie:sectie_detail": "page; its forms post to their own URLs",
    "visie:sectie_history": "list without filters",
    "visie:versie_detail": "page; its forms post to versie_opmerking",
    "visie:ondertekening_overview": "page without a form",
    "visie:afspraak_list": "page without a form",
    "sessies:tijdlijn": "page without a form",
    "sessies:kalender": "page without a form",
    "sessies:sessie_detail": "page; its forms post to their own URLs",
    "sessies:sessie_ics": "download, no input",
    "sessies:feed": "calendar feed, no input besides the token",
    "rapportage:begroting": "page without a form",
    "rapportage:rapport_detail": "page; its forms post to their own URLs",
    "rapportage:rapport_status": "JSON status, no input",
    "rapportage:rapport_download": "download, no input",
    "archief:export": "one required reason; tests/archief/test_export.py",
    "admin:index": "third-party admin",
}
