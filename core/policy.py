"""Who may read classified text: one table, one meaning.

Every free-text record partners write carries a level (`Rubricering`), chosen
at entry. `TABLE` states, for every kind of record and every role, whether a
record at each level is visible; for *organisatie* it tells the author's own
organisation apart from every other. Everything that reads classified records
asks this module: querysets through `q()` (or `q_for()` with the model's own
declaration), single objects through `can_read()` (or `can_read_object()`).
No other module compares levels; tests/security/test_policy_single_home.py
fails when one does.

The policy imports no app. The reader is plain data, a `Reader` with the
organisation and role of each membership, which
`partners.selectors.reader_of(user)` builds from the memberships already
cached on the request's user. Raad reports are read as `RAAD`: the raadslid's
row of the table, with no organisation.

A classified model declares its row and where its organisation is:

    class Signaal(models.Model):
        policy_kind = Kind.SIGNAAL
        policy_organisation = "organisation_id"

The decisions behind the table (the griffier and the beheerder are not
partners; measured figures are partner-level; the archive export is the one
audited exception) are recorded in docs/adr/0602-one-classification-policy.md.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


class Rubricering(models.TextChoices):
    """Data classification of free text, chosen at entry."""

    OPENBAAR = "openbaar", gettext_lazy("public")
    PARTNERS = "partners", gettext_lazy("partners")
    ORGANISATIE = "organisatie", gettext_lazy("own organisation only")


#: The levels from the least to the most restricted.
LEVELS: tuple[str, ...] = tuple(Rubricering.values)


class Kind(models.TextChoices):
    """The kinds of record the table speaks about."""

    SIGNAAL = "signaal", gettext_lazy("signal")
    OPMERKING = "opmerking", gettext_lazy("comment")
    OORDEEL = "oordeel", gettext_lazy("professional judgement")
    METING = "meting", gettext_lazy("measured figure")
    METING_NOTE = "meting_note", gettext_lazy("note with a measurement")
    OPBRENGST = "opbrengst", gettext_lazy("session outcome")
    BRON = "bron", gettext_lazy("source document and its file")
    VERSLAG = "verslag", gettext_lazy("session minutes")
    RAPPORT = "rapport", gettext_lazy("report")


# The roles, spelled as partners.models.Role spells them (core imports no app;
# tests/security/test_policy.py keeps the two equal).
MEDEWERKER = "medewerker"
COORDINATOR = "coordinator"
PROCESBEGELEIDER = "procesbegeleider"
GRIFFIER = "griffier"
RAADSLID = "raadslid"
BEHEERDER = "beheerder"
ROLES = (MEDEWERKER, COORDINATOR, PROCESBEGELEIDER, GRIFFIER, RAADSLID, BEHEERDER)

#: The columns of a row: openbaar, partners, organisatie of the reader's own
#: organisation, organisatie of another organisation.
COLUMNS = ("openbaar", "partners", "organisatie (own)", "organisatie (other)")
OPENBAAR, PARTNERS, OWN, OTHER = range(4)

Y = True  # visible
N = False  # not visible
X = None  # the kind has no record at this level

#: Free text written with a chosen level: partners and the procesbegeleider
#: read openbaar and partners; the griffier and the beheerder read what the
#: raad reads; nobody reads another organisation's organisatie text.
_CHOSEN = {
    # role:           openbaar, partners, own org, other org
    MEDEWERKER: (Y, Y, Y, N),
    COORDINATOR: (Y, Y, Y, N),
    PROCESBEGELEIDER: (Y, Y, Y, N),
    GRIFFIER: (Y, N, Y, N),
    RAADSLID: (Y, N, N, N),
    BEHEERDER: (Y, N, Y, N),
}

TABLE: dict[str, dict[str, tuple[bool | None, ...]]] = {
    Kind.SIGNAAL: _CHOSEN,
    Kind.OPMERKING: _CHOSEN,
    Kind.OORDEEL: _CHOSEN,
    Kind.METING_NOTE: _CHOSEN,
    Kind.OPBRENGST: _CHOSEN,
    Kind.BRON: _CHOSEN,
    Kind.VERSLAG: _CHOSEN,
    # The figures themselves (value, source, respondents) are partner-level
    # data, whoever entered them; indices and aggregates are raad-safe.
    Kind.METING: {
        MEDEWERKER: (X, Y, X, X),
        COORDINATOR: (X, Y, X, X),
        PROCESBEGELEIDER: (X, Y, X, X),
        GRIFFIER: (X, N, X, X),
        RAADSLID: (X, N, X, X),
        BEHEERDER: (X, N, X, X),
    },
    # A report for the raad is openbaar (built from openbaar text and
    # aggregates only), a report for partners is partners; the beheerder keeps
    # the budget whose lines a partner report lists.
    Kind.RAPPORT: {
        MEDEWERKER: (Y, Y, X, X),
        COORDINATOR: (Y, Y, X, X),
        PROCESBEGELEIDER: (Y, Y, X, X),
        GRIFFIER: (Y, N, X, X),
        RAADSLID: (Y, N, X, X),
        BEHEERDER: (Y, Y, X, X),
    },
}


@dataclass(frozen=True)
class Reader:
    """Who reads: the organisation and role of each of their memberships."""

    memberships: frozenset[tuple[int | None, str]] = field(default_factory=frozenset)

    @classmethod
    def of_role(cls, role: str, organisation_id: int | None = None) -> "Reader":
        return cls(frozenset({(organisation_id, role)}))

    @property
    def roles(self) -> frozenset[str]:
        return frozenset(role for _org, role in self.memberships)

    @property
    def organisation_ids(self) -> frozenset[int]:
        return frozenset(org for org, _role in self.memberships if org is not None)


#: Nobody: no role, no organisation (anonymous or inactive).
NOBODY = Reader()
#: What the raad reads, and so what every raad report may show.
RAAD = Reader.of_role(RAADSLID)
#: What every partner organisation reads: the audience of a shared page.
PARTNER = Reader.of_role(MEDEWERKER)


def levels_of(kind: str) -> tuple[str, ...]:
    """The levels a record of this kind can have."""
    rows = TABLE[kind].values()
    return tuple(
        level
        for level, column in zip(LEVELS, (OPENBAAR, PARTNERS, OWN), strict=True)
        if any(row[column] is not None for row in rows)
    )


def fixed_level(kind: str) -> str | None:
    """The one level of a kind whose records are not classified one by one."""
    levels = levels_of(kind)
    return levels[0] if len(levels) == 1 else None


def _cell(kind: str, role: str, column: int) -> bool:
    row = TABLE[kind].get(role)
    return bool(row and row[column])


def _column(level: str) -> int:
    return {LEVELS[0]: OPENBAAR, LEVELS[1]: PARTNERS}[level]


def can_read(
    reader: Reader, kind: str, level: str, organisation_id: int | None = None
) -> bool:
    """The predicate: may this reader see a record of this kind and level?"""
    if level not in levels_of(kind):
        return False
    if level != Rubricering.ORGANISATIE:
        return any(_cell(kind, role, _column(level)) for role in reader.roles)
    for org, role in reader.memberships:
        own = organisation_id is not None and org == organisation_id
        if _cell(kind, role, OWN if own else OTHER):
            return True
    return False


def can_read_kind(reader: Reader, kind: str) -> bool:
    """For a kind with one fixed level (the measured figures)."""
    level = fixed_level(kind)
    return level is not None and can_read(reader, kind, level)


def q(
    reader: Reader,
    kind: str,
    *,
    level_field: str = "rubricering",
    organisation_field: str = "organisation_id",
) -> Q:
    """The Q-builder: the records of this kind the reader may see."""
    shared = [
        level
        for level in levels_of(kind)
        if level != Rubricering.ORGANISATIE and can_read(reader, kind, level)
    ]
    condition = Q(**{f"{level_field}__in": shared}) if shared else Q(pk__in=[])
    if Rubricering.ORGANISATIE not in levels_of(kind):
        return condition
    if any(_cell(kind, role, OTHER) for role in reader.roles):
        return condition | Q(**{level_field: Rubricering.ORGANISATIE})
    own = sorted(org for org, role in reader.memberships if _cell(kind, role, OWN))
    if own:
        condition |= Q(
            **{level_field: Rubricering.ORGANISATIE, f"{organisation_field}__in": own}
        )
    return condition


def writable_levels(reader: Reader, kind: str, organisation_id: int | None) -> list:
    """The levels a writer may choose: those at which they still read the text."""
    return [
        level
        for level in levels_of(kind)
        if can_read(reader, kind, level, organisation_id)
    ]


def writable_choices(reader: Reader, kind: str, organisation_id: int | None) -> list:
    """`writable_levels` as form choices, with their labels."""
    allowed = writable_levels(reader, kind, organisation_id)
    return [(value, label) for value, label in Rubricering.choices if value in allowed]


def suggested_level(reader: Reader, kind: str, organisation_id: int | None) -> str:
    """The level a form starts on: partners when the writer may choose it,
    else the most restricted level they may choose."""
    allowed = writable_levels(reader, kind, organisation_id)
    if Rubricering.PARTNERS in allowed:
        return Rubricering.PARTNERS
    return allowed[-1] if allowed else Rubricering.ORGANISATIE


def check_writable(
    reader: Reader, kind: str, level: str, organisation_id: int | None
) -> None:
    """Refuse a level the writer could not read back (or that does not exist)."""
    if level not in writable_levels(reader, kind, organisation_id):
        raise ValidationError(
            {
                "rubricering": _(
                    "Choose a classification you may read yourself: "
                    "with this one the text would be hidden from you."
                )
            },
            code="classification",
        )


def restricted_levels() -> tuple[str, ...]:
    """The levels above openbaar: what an audit entry names by id."""
    return LEVELS[1:]


def is_public(level: str) -> bool:
    return level == Rubricering.OPENBAAR


def most_restricted(levels: Iterable[str]) -> str:
    return max(levels, key=LEVELS.index)


# --- a model's own declaration ----------------------------------------------


def kind_of(model) -> str | None:
    """The row of a classified model (its `policy_kind`), or None."""
    return getattr(model, "policy_kind", None)


def q_for(model, reader: Reader, *, prefix: str = "") -> Q:
    """`q()` for a classified model, reached through `prefix` (e.g. "signaal__")."""
    organisation = getattr(model, "policy_organisation", "organisation_id")
    return q(
        reader,
        kind_of(model),
        level_field=f"{prefix}rubricering",
        organisation_field=f"{prefix}{organisation}",
    )


def organisation_of(obj) -> int | None:
    """Follow the model's `policy_organisation` path ("sessie__organisation_id")."""
    value = obj
    for part in getattr(obj, "policy_organisation", "organisation_id").split("__"):
        value = getattr(value, part, None)
        if value is None:
            return None
    return value


def can_read_object(reader: Reader, obj) -> bool:
    """`can_read()` for one record of a classified model."""
    return can_read(reader, kind_of(obj), obj.rubricering, organisation_of(obj))


# --- the table as documentation -----------------------------------------------


def markdown_table() -> str:
    """The table as docs/security.md shows it (a test keeps the two equal)."""
    marks = {True: "yes", False: "no", None: "–"}
    header = "| kind | role | " + " | ".join(COLUMNS) + " |"
    lines = [header, "|---|---|" + "---|" * len(COLUMNS)]
    for kind in Kind:
        for role in ROLES:
            cells = " | ".join(marks[c] for c in TABLE[kind][role])
            lines.append(f"| {kind.value} | {role} | {cells} |")
    return "\n".join(lines)
