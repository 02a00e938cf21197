"""Bulk import of measurements from CSV: parse, preview, then all or nothing.

Accepted: UTF-8 with or without BOM and Windows-1252; ";" or "," as separator;
decimal commas ("12,5" and "1.234,5"). Columns (header names are not case
sensitive): gebied (or buurtcode), indicator, waarde, and optionally datum,
bron, respondenten, toelichting.
"""

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.privacy import check_personal_data
from scans import permissions
from scans.models import Gebied, Gebiedsscan, Indicator, Meting, ScanRonde
from scans.models.scan import plain

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 10_000

COLUMNS = {
    "gebied": ["gebied", "buurtcode", "gebiedcode", "code", "area"],
    "indicator": ["indicator", "indicatorcode"],
    "waarde": ["waarde", "value"],
    "datum": ["datum", "date", "peildatum"],
    "bron": ["bron", "source"],
    "respondenten": ["respondenten", "respondents"],
    "toelichting": ["toelichting", "note", "opmerking"],
}
REQUIRED = ["gebied", "indicator", "waarde"]


@dataclass
class Row:
    line: int
    gebied: Gebied | None = None
    indicator: Indicator | None = None
    value: Decimal | None = None
    gemeten_op: date | None = None
    bron: str = ""
    respondenten: int | None = None
    note: str = ""
    raw: dict = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    # Possible personal data: saved only once the importer confirms.
    warnings: list[str] = field(default_factory=list)


@dataclass
class ImportResult:
    rows: list[Row] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # file-level

    @property
    def row_errors(self) -> list[Row]:
        return [r for r in self.rows if r.errors]

    @property
    def is_valid(self) -> bool:
        return not self.errors and not self.row_errors and bool(self.rows)

    @property
    def needs_confirmation(self) -> bool:
        return any(r.warnings for r in self.rows)


def decode(data: bytes) -> str:
    """Bytes of an uploaded file to text; ValidationError on empty or binary files."""
    if not data or not data.strip():
        raise ValidationError(_("The file is empty."), code="empty")
    if len(data) > MAX_BYTES:
        raise ValidationError(
            _("The file is too large (at most 2 MB)."), code="too_large"
        )
    sample = data[:4096]
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 13))
    if b"\x00" in sample or controls > len(sample) * 0.01:
        raise ValidationError(
            _("This is not a CSV text file. Save the sheet as CSV and try again."),
            code="binary",
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise ValidationError(
            _("The file's character encoding is not recognised; use UTF-8."),
            code="encoding",
        ) from exc


def parse_decimal(text: str) -> Decimal:
    text = text.strip().replace("\u00a0", "").replace(" ", "")
    if re.fullmatch(r"-?\d{1,3}(\.\d{3})+(,\d+)?", text):
        text = text.replace(".", "").replace(",", ".")
    elif "," in text:
        text = text.replace(",", ".")
    if not re.fullmatch(r"-?\d+(\.\d+)?", text):
        raise InvalidOperation
    return Decimal(text)


def parse_date(text: str) -> date:
    text = text.strip()
    for fmt in ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y"):
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(text)


def _header_map(header: list[str]) -> dict[str, int]:
    found = {}
    normalised = [h.strip().lower().replace(" ", "").replace("_", "") for h in header]
    for key, names in COLUMNS.items():
        for i, h in enumerate(normalised):
            if h in names:
                found[key] = i
                break
    return found


def parse(text: str, *, ronde: ScanRonde) -> ImportResult:
    result = ImportResult()
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") >= first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        header = next(reader)
    except (StopIteration, csv.Error):
        result.errors.append(_("The file is empty."))
        return result
    columns = _header_map(header)
    missing = [c for c in REQUIRED if c not in columns]
    if missing:
        result.errors.append(
            _(
                "Missing column(s): %(missing)s. The first line must name the "
                "columns gebied, indicator and waarde."
            )
            % {"missing": ", ".join(missing)}
        )
        return result
    gebieden = {g.code.upper(): g for g in Gebied.objects.scan_areas()}
    indicators = {i.code.lower(): i for i in Indicator.objects.filter(active=True)}
    scans = {
        s.gebied_id: s for s in Gebiedsscan.objects.filter(ronde=ronde, is_actueel=True)
    }
    existing = set(
        Meting.objects.filter(scan__ronde=ronde, scan__is_actueel=True).values_list(
            "scan__gebied_id", "indicator_id"
        )
    )
    seen: dict[tuple[int, int], int] = {}
    try:
        for number, cells in enumerate(reader, start=2):
            if not any(c.strip() for c in cells):
                continue
            if len(result.rows) >= MAX_ROWS:
                result.errors.append(
                    _("The file has more than %(n)s rows.") % {"n": MAX_ROWS}
                )
                break
            result.rows.append(
                _parse_row(
                    number,
                    cells,
                    columns,
                    ronde,
                    gebieden,
                    indicators,
                    scans,
                    existing,
                    seen,
                )
            )
    except csv.Error as exc:
        result.errors.append(
            _("The file could not be read as CSV (%(error)s).") % {"error": exc}
        )
    if not result.rows and not result.errors:
        result.errors.append(_("The file has a header but no measurements."))
    return result


def _cell(cells, columns, key) -> str:
    i = columns.get(key)
    return cells[i].strip() if i is not None and i < len(cells) else ""


def _parse_row(
    number, cells, columns, ronde, gebieden, indicators, scans, existing, seen
):
    row = Row(line=number, raw={k: _cell(cells, columns, k) for k in COLUMNS})
    code = row.raw["gebied"].upper()
    row.gebied = gebieden.get(code)
    if row.gebied is None:
        row.errors.append(
            _("Unknown buurt or straatcluster code “%(code)s”.") % {"code": code}
        )
    row.indicator = indicators.get(row.raw["indicator"].lower())
    if row.indicator is None:
        row.errors.append(
            _("Unknown indicator “%(code)s”.") % {"code": row.raw["indicator"]}
        )
    try:
        row.value = parse_decimal(row.raw["waarde"])
    except (InvalidOperation, ValueError):
        row.errors.append(
            _("“%(value)s” is not a number.") % {"value": row.raw["waarde"]}
        )
    if row.value is not None and row.indicator is not None:
        ind = row.indicator
        if not ind.min_value <= row.value <= ind.max_value:
            row.errors.append(
                _("%(value)s lies outside the allowed range %(min)s–%(max)s.")
                % {
                    "value": row.raw["waarde"],
                    "min": plain(ind.min_value),
                    "max": plain(ind.max_value),
                }
            )
    if row.raw["datum"]:
        try:
            row.gemeten_op = parse_date(row.raw["datum"])
        except ValueError:
            row.errors.append(
                _("“%(value)s” is not a date (use 2025-03-31 or 31-03-2025).")
                % {"value": row.raw["datum"]}
            )
    else:
        row.gemeten_op = ronde.peildatum
    if row.raw["respondenten"]:
        if row.raw["respondenten"].isdigit():
            row.respondenten = int(row.raw["respondenten"])
        else:
            row.errors.append(
                _("Respondents must be a whole number, not “%(value)s”.")
                % {"value": row.raw["respondenten"]}
            )
    row.bron = row.raw["bron"][:150]
    row.note = row.raw["toelichting"]
    for text in (row.raw["bron"], row.note):
        try:
            check_personal_data(text)
        except ValidationError as exc:
            target = row.errors if exc.code == "bsn" else row.warnings
            target.extend(exc.messages)
    if row.gebied is not None and row.indicator is not None:
        key = (row.gebied.pk, row.indicator.pk)
        scan = scans.get(row.gebied.pk)
        if scan is not None and scan.is_read_only:
            row.errors.append(
                _(
                    "The scan of %(gebied)s in this round has been adopted; "
                    "make a correction first."
                )
                % {"gebied": row.gebied.name}
            )
        elif key in existing:
            row.errors.append(
                _("%(gebied)s already has a value for this indicator in this round.")
                % {"gebied": row.gebied.name}
            )
        elif key in seen:
            row.errors.append(
                _(
                    "Duplicate measurement: the same area and indicator "
                    "as line %(line)s."
                )
                % {"line": seen[key]}
            )
        else:
            seen[key] = number
    return row


@transaction.atomic
def commit(
    *, user, ronde: ScanRonde, text: str, personal_data_confirmed: bool = False
) -> int:
    """Re-parse and save every row, or nothing. Returns the number saved."""
    if not permissions.can_import_csv(user):
        raise PermissionDenied
    result = parse(text, ronde=ronde)
    if not result.is_valid:
        raise ValidationError(
            _("The file has errors; nothing has been saved."), code="invalid"
        )
    if result.needs_confirmation and not personal_data_confirmed:
        raise ValidationError(
            _(
                "Some lines seem to contain personal data. Check them and confirm "
                "that they are not about residents; nothing has been saved."
            ),
            code="confirm",
        )
    organisation = permissions.acting_organisation(user)
    scans = {
        s.gebied_id: s
        for s in Gebiedsscan.objects.select_for_update().filter(
            ronde=ronde, is_actueel=True
        )
    }
    for row in result.rows:
        scan = scans.get(row.gebied.pk)
        if scan is None:
            scan = Gebiedsscan(gebied=row.gebied, ronde=ronde, created_by=user)
            scan.full_clean()
            scan.save()
            scans[row.gebied.pk] = scan
        if scan.is_read_only:
            raise ValidationError(_("A scan was adopted meanwhile; nothing saved."))
        meting = Meting(
            scan=scan,
            indicator=row.indicator,
            value=row.value,
            gemeten_op=row.gemeten_op,
            bron=row.bron,
            respondenten=row.respondenten,
            note=row.note,
            organisation=organisation,
            created_by=user,
        )
        meting.full_clean()
        meting.save()
    return len(result.rows)
