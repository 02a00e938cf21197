"""The layers are enforced: an import from a higher layer fails the build."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

BASE = Path(__file__).resolve().parent.parent
PACKAGES = ["buurtaanpak", "core", "partners", "scans", "visie", "sessies", "portal"]
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


def _copy_of_the_code(tmp_path: Path) -> Path:
    """The packages and the contracts, in a folder this test owns."""
    for name in PACKAGES:
        shutil.copytree(
            BASE / name,
            tmp_path / name,
            ignore=shutil.ignore_patterns("__pycache__", "locale", "*.mo", "*.po"),
        )
    shutil.copy(BASE / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def _lint(root: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", "--config", "pyproject.toml"],
        cwd=root,
        env={"PYTHONPATH": str(root), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
    )


def _add_import(path: Path, line: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + f"\n{line}  # noqa\n")


def test_the_code_keeps_every_import_contract(tmp_path):
    result = _lint(_copy_of_the_code(tmp_path))
    assert result.returncode == 0, result.stdout


@pytest.mark.parametrize(
    ("module", "upward"),
    [
        ("core/fields.py", "import partners.models"),
        ("partners/permissions.py", "from scans import selectors"),
        ("scans/selectors.py", "from visie.models import Sectie"),
        ("visie/services/__init__.py", "import sessies.models"),
        ("sessies/selectors.py", "from portal.rapportage import models"),
        ("portal/start.py", "from buurtaanpak import urls"),
    ],
)
def test_an_upward_import_fails_the_build(tmp_path, module, upward):
    root = _copy_of_the_code(tmp_path)
    _add_import(root / module, upward)
    result = _lint(root)
    assert result.returncode != 0
    assert "Layers" in result.stdout and "BROKEN" in result.stdout


def test_a_model_importing_a_view_fails_the_build(tmp_path):
    root = _copy_of_the_code(tmp_path)
    _add_import(root / "scans/models/signaal.py", "from scans.views import common")
    result = _lint(root)
    assert result.returncode != 0
    assert "Models import no views" in result.stdout
