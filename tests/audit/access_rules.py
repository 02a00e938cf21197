from tests.access import Rule, allow

RULES = {
    "audit:entry_list": Rule(expect=allow("beheerder")),
    "audit:entry_export": Rule(expect=allow("beheerder")),
}
