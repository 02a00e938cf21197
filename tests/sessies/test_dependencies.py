"""Sessies sits below the reports: it never imports them."""

from pathlib import Path

import sessies

HIGHER = ("portal.rapportage",)


def test_sessies_imports_no_higher_app():
    root = Path(sessies.__file__).parent
    offenders = [
        str(path.relative_to(root))
        for path in root.rglob("*.py")
        if any(name in path.read_text(encoding="utf-8") for name in HIGHER)
    ]
    assert offenders == []
