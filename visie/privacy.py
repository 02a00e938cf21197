"""The personal-data guard for free text, provided by the scans app.

scans.privacy refuses BSNs and asks for confirmation on phone numbers, e-mail
addresses and postcode + huisnummer. Until that module is installed the guard
lets text through, so the visie works on its own.
"""

try:
    from scans.privacy import check_personal_data as _check
except ImportError:  # pragma: no cover - depends on the scans app's version
    _check = None


def guard_available() -> bool:
    return _check is not None


def check_personal_data(text: str, *, confirmed: bool = False) -> None:
    """Raise ValidationError for personal data in text (see scans.privacy)."""
    if _check is not None and text:
        _check(text, confirmed=confirmed)
