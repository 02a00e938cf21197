"""What the portal runs on is declared, pinned, and apart from the tools."""

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions

from buurtaanpak.messages import BASE

PYPROJECT = tomllib.loads((BASE / "pyproject.toml").read_text())
PORTAL_PACKAGES = [
    "buurtaanpak",
    "core",
    "partners",
    "scans",
    "visie",
    "sessies",
    "portal",
]


def _name(requirement: str) -> str:
    return (
        re.split(r"[\[<>=!~ ;]", requirement, maxsplit=1)[0].lower().replace("_", "-")
    )


def _pinned(lock: str) -> set[str]:
    text = (BASE / lock).read_text()
    return {m.lower() for m in re.findall(r"^([A-Za-z0-9_.\-]+)==", text, re.M)}


RUNTIME = {_name(r) for r in PYPROJECT["project"]["dependencies"]}
DEV = {_name(r) for r in PYPROJECT["dependency-groups"]["dev"]}


def _imported_distributions() -> dict[str, set[str]]:
    """Distribution -> the portal modules that import it (tests not included)."""
    owners = packages_distributions()
    found: dict[str, set[str]] = {}
    for package in PORTAL_PACKAGES:
        for path in (BASE / package).rglob("*.py"):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                if isinstance(node, ast.Import):
                    roots = [a.name.split(".")[0] for a in node.names]
                elif isinstance(node, ast.ImportFrom) and node.level == 0:
                    roots = [node.module.split(".")[0]]
                else:
                    continue
                for root in roots:
                    if root in sys.stdlib_module_names or root in PORTAL_PACKAGES:
                        continue
                    for dist in owners.get(root, [root]):
                        found.setdefault(dist.lower().replace("_", "-"), set()).add(
                            str(path.relative_to(BASE))
                        )
    return found


def test_the_image_installs_the_runtime_lock_only():
    dockerfile = (BASE / "Dockerfile").read_text()
    assert "requirements.lock" in dockerfile
    assert "requirements-dev.lock" not in dockerfile


def test_no_test_or_benchmark_tool_is_in_the_runtime_lock():
    tools = {"pytest", "playwright", "locust", "gevent", "moto", "ruff", "pypdf"}
    assert tools <= _pinned("requirements-dev.lock")
    assert not _pinned("requirements.lock") & (DEV | tools)


def test_the_development_lock_pins_the_runtime_lock_unchanged():
    runtime = (BASE / "requirements.lock").read_text()
    dev = (BASE / "requirements-dev.lock").read_text()
    for name, version in re.findall(r"^([A-Za-z0-9_.\-]+)==(\S+)", runtime, re.M):
        assert f"\n{name}=={version} " in dev, f"{name}=={version} differs"


def test_every_library_the_portal_imports_is_a_declared_runtime_dependency():
    # Reached through a declared package's extra or its own dependency.
    via_declared = {"django", "kombu", "botocore", "boto3", "allauth"}
    undeclared = {
        dist: sorted(paths)
        for dist, paths in _imported_distributions().items()
        if dist not in RUNTIME and not any(dist.startswith(v) for v in via_declared)
    }
    assert not undeclared


def test_every_declared_runtime_dependency_is_used():
    code = "\n".join(
        path.read_text(encoding="utf-8")
        for package in PORTAL_PACKAGES
        for path in (BASE / package).rglob("*.py")
    )
    # Named in the settings or the image rather than imported.
    named_in = {
        "gunicorn": ("Dockerfile", "gunicorn"),
        "psycopg": ("docker-compose.yml", "postgres://"),
        "django-storages": ("buurtaanpak/settings.py", "storages.backends"),
        "whitenoise": ("buurtaanpak/settings.py", "whitenoise"),
    }
    module_of = {
        "django-allauth": "allauth",
        "dj-database-url": "dj_database_url",
        "django-leaflet": "leaflet",
        "django-simple-history": "simple_history",
        "django-csp": "csp",
        "django-ratelimit": "django_ratelimit",
        "python-dateutil": "dateutil",
        "markdown-it-py": "markdown_it",
    }
    unused = []
    for dist in sorted(RUNTIME):
        if dist in named_in:
            path, text = named_in[dist]
            if text not in (BASE / path).read_text():
                unused.append(dist)
            continue
        module = module_of.get(dist, dist.replace("-", "_"))
        if not re.search(rf"\b{re.escape(module)}\b", code):
            unused.append(dist)
    assert not unused
