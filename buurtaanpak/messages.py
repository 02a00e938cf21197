"""Extract and compile the Dutch catalogue of every app.

Templates live in the top-level templates/ folder, but each app keeps its own
catalogue in <app>/locale so that apps can be translated independently. For
each catalogue this script lays the app's code and its templates side by side
in a temporary folder (symlinks) and runs Django's makemessages there.

    python -m buurtaanpak.messages            # update and compile all
    python -m buurtaanpak.messages --check    # fail if a catalogue is stale

The overrides catalogue (buurtaanpak/locale_overrides) gives third-party
strings (django-allauth, a few of Django's admin) the portal's own voice. It
is kept by hand, never extracted, and only compiled here.
"""

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

BASE = Path(__file__).resolve().parent.parent
TEMPLATES = BASE / "templates"

#: catalogue folder -> the code and template paths whose strings it holds. A
#: folder listed here leaves out whatever another catalogue claims inside it,
#: so "portal" with "templates" holds every template no app claims.
CATALOGUES: dict[str, list[str]] = {
    "buurtaanpak": ["buurtaanpak"],
    "core": ["core"],
    "core/audit": ["core/audit"],
    "partners": ["partners", "templates/partners"],
    "scans": ["scans", "templates/scans"],
    "visie": ["visie", "templates/visie"],
    "sessies": ["sessies", "templates/sessies"],
    "portal/rapportage": [
        "portal/rapportage",
        "templates/rapportage",
        "templates/pdf",
    ],
    "portal/archief": ["portal/archief", "templates/archief"],
    "portal/bewaartermijnen": ["portal/bewaartermijnen"],
    "portal": ["portal", "templates"],
}
_SKIP = {"locale", "locale_overrides", "__pycache__", "migrations"}
#: Dutch for third-party msgids, kept by hand (first in LOCALE_PATHS).
OVERRIDES = BASE / "buurtaanpak" / "locale_overrides" / "nl" / "LC_MESSAGES"
OVERRIDES_PO = OVERRIDES / "django.po"


def _sources(catalogue: str) -> list[Path]:
    claimed = {
        BASE / p
        for other, paths in CATALOGUES.items()
        if other != catalogue
        for p in paths
    }
    sources: list[Path] = []
    for path in (BASE / p for p in CATALOGUES[catalogue]):
        sources.extend(_unclaimed(path, claimed))
    return sources


def _unclaimed(path: Path, claimed: set[Path]) -> list[Path]:
    """`path`, or its parts that no other catalogue claims."""
    if path.name in _SKIP or not path.exists():
        return []
    if not any(c.is_relative_to(path) for c in claimed):
        return [path]
    return [
        part
        for child in sorted(path.iterdir())
        if child not in claimed
        for part in _unclaimed(child, claimed)
    ]


def _po_path(catalogue: str) -> Path:
    return BASE / catalogue / "locale" / "nl" / "LC_MESSAGES" / "django.po"


def extract(catalogue: str, locale_dir: Path) -> None:
    """Run makemessages for one catalogue, writing into locale_dir."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for i, source in enumerate(_sources(catalogue)):
            (root / f"{i:02d}_{source.name}").symlink_to(source)
        (root / "locale").symlink_to(locale_dir)
        env = dict(os.environ, DJANGO_SETTINGS_MODULE="buurtaanpak.settings")
        env["PYTHONPATH"] = str(BASE)
        subprocess.run(
            [
                sys.executable,
                "-m",
                "django",
                "makemessages",
                "-l",
                "nl",
                "--symlinks",
                "--no-obsolete",
                "--no-location",
                "--add-location=never",
                "-i",
                "locale",
            ],
            cwd=root,
            env=env,
            check=True,
            capture_output=True,
        )


def msgids(po: Path) -> set[str]:
    ids, current, in_id = set(), [], False
    for line in po.read_text(encoding="utf-8").splitlines():
        if line.startswith("msgid "):
            current, in_id = [line[6:].strip('"')], True
        elif line.startswith('"') and in_id:
            current.append(line.strip('"'))
        else:
            if in_id:
                ids.add("".join(current))
            in_id = False
    return ids - {""}


def _entries(text: str) -> list[list[str]]:
    """A catalogue's entries, each as its lines."""
    return [block.splitlines() for block in text.strip().split("\n\n")]


def _key(lines: list[str]) -> str:
    """msgctxt, msgid and msgid_plural of an entry, as written."""
    key, keep = [], False
    for line in lines:
        if line.startswith(("msgctxt ", "msgid ", "msgid_plural ")):
            keep = True
        elif line.startswith("msgstr"):
            keep = False
        if keep and not line.startswith("#"):
            key.append(line)
    return "\n".join(key)


def _translation(lines: list[str]) -> list[str]:
    start = next((i for i, line in enumerate(lines) if line.startswith("msgstr")), None)
    return [] if start is None else lines[start:]


def _is_empty(translation: list[str]) -> bool:
    return all(line.endswith('""') or line == '""' for line in translation)


def translations() -> dict[str, list[str]]:
    """Every translated entry of every catalogue, by its msgid."""
    pool: dict[str, list[str]] = {}
    for catalogue in CATALOGUES:
        po = _po_path(catalogue)
        if po.exists():
            for lines in _entries(po.read_text(encoding="utf-8"))[1:]:
                translation = _translation(lines)
                if translation and not _is_empty(translation):
                    pool.setdefault(_key(lines), translation)
    return pool


def carry_over(po: Path, pool: dict[str, list[str]]) -> None:
    """A string that moved to another catalogue keeps its translation."""
    entries = _entries(po.read_text(encoding="utf-8"))
    for n, lines in enumerate(entries[1:], start=1):
        translation = _translation(lines)
        found = pool.get(_key(lines))
        guessed = "#, fuzzy" in lines
        if found and translation and (_is_empty(translation) or guessed):
            head = [
                line
                for line in lines[: len(lines) - len(translation)]
                if line != "#, fuzzy" and not line.startswith("#|")
            ]
            entries[n] = head + found
    po.write_text("\n\n".join("\n".join(e) for e in entries) + "\n", "utf-8")


def compile_catalogue(po: Path) -> None:
    subprocess.run(
        ["msgfmt", "--check-format", "-o", str(po.with_suffix(".mo")), str(po)],
        check=True,
    )


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    stale = []
    pool = {} if args.check else translations()
    for catalogue in CATALOGUES:
        po = _po_path(catalogue)
        if args.check:
            with tempfile.TemporaryDirectory() as tmp:
                tmp_locale = Path(tmp) / "locale"
                (tmp_locale / "nl" / "LC_MESSAGES").mkdir(parents=True)
                extract(catalogue, tmp_locale)
                fresh = tmp_locale / "nl" / "LC_MESSAGES" / "django.po"
                wanted = msgids(fresh) if fresh.exists() else set()
                have = msgids(po) if po.exists() else set()
                missing = wanted - have
                if missing:
                    stale.append(f"{catalogue}: {sorted(missing)[:10]}")
            continue
        po.parent.mkdir(parents=True, exist_ok=True)
        extract(catalogue, po.parent.parent.parent)
        if po.exists():
            carry_over(po, pool)
            compile_catalogue(po)
    if not args.check:
        compile_catalogue(OVERRIDES_PO)
    if stale:
        print("Catalogues missing strings (run make messages):", *stale, sep="\n")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
