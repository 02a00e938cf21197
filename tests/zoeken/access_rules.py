from tests.access import ALL_SIGNED_IN, Rule, allow

RULES = {
    "zoeken:zoeken": Rule(expect=allow(*ALL_SIGNED_IN), query="q=buurt"),
}
