"""No code compares classification levels but core/policy.py.

Every selector, manager, citation, admin and export asks the policy; a module
that compares a record's level with a level of its own (``== "openbaar"``,
``rubricering=Rubricering.PARTNERS`` in a filter, ``in [OPENBAAR, ...]``)
makes a second home for the rule. This test reads the source of every app
and every template and fails on such a comparison. Naming a level to *store*
it (a default, demo data, a new record) is fine.
"""

import ast
import re
from pathlib import Path

from core.policy import LEVELS, Rubricering

BASE = Path(__file__).resolve().parents[2]
PACKAGES = ["buurtaanpak", "core", "partners", "scans", "visie", "sessies", "portal"]
POLICY = BASE / "core" / "policy.py"
LOOKUPS = {"filter", "exclude", "get", "Q", "When"}
MEMBERS = {m.name for m in Rubricering}


def _is_level(node: ast.AST) -> bool:
    if isinstance(node, ast.Constant) and node.value in LEVELS:
        return True
    if isinstance(node, ast.Attribute) and node.attr in MEMBERS:
        # Rubricering.PARTNERS is a level; Audience.PARTNERS is not.
        return _name_of(node.value) == "Rubricering"
    if isinstance(node, ast.Name) and node.id in MEMBERS:
        return True  # a module's own alias, e.g. OPENBAAR = "openbaar"
    if isinstance(node, ast.List | ast.Tuple | ast.Set):
        return any(_is_level(e) for e in node.elts)
    return False


def _name_of(func: ast.AST) -> str:
    if isinstance(func, ast.Attribute):
        return func.attr
    if isinstance(func, ast.Name):
        return func.id
    return ""


def comparisons(source: str) -> list[int]:
    """The lines where a level is compared or looked up."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Compare):
            if any(_is_level(o) for o in [node.left, *node.comparators]):
                found.append(node.lineno)
        elif (
            isinstance(node, ast.Call)
            and _name_of(node.func) in LOOKUPS
            and any(_is_level(k.value) for k in node.keywords)
        ):
            found.append(node.lineno)
    return found


_ANY_LEVEL = "|".join(LEVELS)
TEMPLATE_COMPARISON = re.compile(
    rf"""(==|!=|\bin)\s*["'](?:{_ANY_LEVEL})["']|rubricering\s*(==|!=)"""
)


def _sources():
    for package in PACKAGES:
        for path in sorted((BASE / package).rglob("*.py")):
            if "migrations" in path.parts or path == POLICY:
                continue
            yield path


def test_no_module_but_the_policy_compares_levels():
    offenders = []
    for path in _sources():
        for line in comparisons(path.read_text(encoding="utf-8")):
            offenders.append(f"{path.relative_to(BASE)}:{line}")
    assert not offenders, "levels compared outside core/policy.py: " + ", ".join(
        offenders
    )


def test_no_template_compares_levels():
    offenders = [
        str(path.relative_to(BASE))
        for path in sorted((BASE / "templates").rglob("*.html"))
        if TEMPLATE_COMPARISON.search(path.read_text(encoding="utf-8"))
    ]
    assert not offenders


def test_the_check_finds_every_form_of_comparison():
    """The check can fail: each of these is a second home for the rule."""
    cases = [
        'if signaal.rubricering != "openbaar": pass',
        "if level == Rubricering.OPENBAAR: pass",
        'ok = level in ["openbaar", "partners"]',
        "qs.filter(rubricering=Rubricering.ORGANISATIE)",
        "qs.exclude(rubricering__in=[Rubricering.OPENBAAR, Rubricering.PARTNERS])",
        'Q(rubricering="partners") | Q(pk=1)',
        'OPENBAAR = "openbaar"\nqs.filter(rubricering=OPENBAAR)',
    ]
    for case in cases:
        assert comparisons(case), case
    stored = [
        'Signaal(text="x", rubricering="openbaar")',
        "Opbrengst.objects.create(rubricering=Rubricering.PARTNERS)",
        'defaults = {"rubricering": "partners"}',
        "qs.filter(rubricering=self.filters['rubricering'])",
    ]
    for case in stored:
        assert not comparisons(case), case
    assert TEMPLATE_COMPARISON.search('{% if o.rubricering == "partners" %}')
    assert TEMPLATE_COMPARISON.search("{% if level != 'organisatie' %}")
