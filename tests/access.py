"""The role matrix: for every URL of the portal, who gets which response.

Each app's tests declare their rules in tests/<app>/access_rules.py:

    RULES = {
        "scans:gebied_list": Rule(expect=allow("medewerker", ..., other=403)),
        "scans:gebied_detail": Rule(kwargs=lambda w: {"code": w["buurt"].code}, ...),
    }
    def build(world): ...   # optional: adds the objects the kwargs need

tests/test_access_matrix.py walks the URLconf and fails for any URL without
a rule, so a new page cannot ship without deciding who may see it.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from tests.conftest import PERSONA_NAMES

LOGIN = 302  # anonymous users are sent to the login page


def allow(*personas: str, status: int = 200, other: int = 403, anonymous: int = LOGIN):
    """Expected statuses: `status` for the named personas, `other` for the rest."""
    expect = {name: other for name in PERSONA_NAMES}
    expect["anonymous"] = anonymous
    for name in personas:
        expect[name] = status
    return expect


ALL_SIGNED_IN = [p for p in PERSONA_NAMES if p != "anonymous"]
PARTNER_STAFF = ["medewerker", "coordinator", "outsider", "politie"]


@dataclass
class Rule:
    expect: dict[str, int]
    kwargs: Callable[[dict], dict] = lambda world: {}
    method: str = "get"
    data: Callable[[dict], dict] = lambda world: {}
    query: str = ""
    # Rules for POST actions that change state get a fresh world per persona.
    fresh_world: bool = False
    extra: dict = field(default_factory=dict)
