from tests.access import Rule, allow

RULES = {
    "archief:export": Rule(expect=allow("beheerder")),
}
