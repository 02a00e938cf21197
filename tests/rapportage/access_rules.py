from tests.access import ALL_SIGNED_IN, Rule, allow

REQUESTERS = [
    "medewerker",
    "coordinator",
    "outsider",
    "politie",
    "procesbegeleider",
    "griffier",
    "beheerder",
]
PARTNER_READERS = [
    "medewerker",
    "coordinator",
    "outsider",
    "politie",
    "procesbegeleider",
    "beheerder",
]


def build(world):
    from tests.rapportage.factories import make_rapport

    p = world["personas"]
    world["gepubliceerd"] = make_rapport(
        requested_by=p.griffier, published_by=p.griffier
    )
    world["concept"] = make_rapport(
        requested_by=p.griffier, title="Concept voor de raad"
    )
    world["partnerrapport"] = make_rapport(
        requested_by=p.coordinator, audience="partners", kind="begroting"
    )
    world["mislukt"] = make_rapport(
        requested_by=p.coordinator,
        audience="partners",
        kind="begroting",
        status="mislukt",
    )


def _uid(key):
    return lambda w: {"uid": w[key].uid}


RULES = {
    "rapportage:index": Rule(expect=allow(*ALL_SIGNED_IN)),
    "rapportage:begroting": Rule(expect=allow(*ALL_SIGNED_IN)),
    "rapportage:rapport_request": Rule(expect=allow(*REQUESTERS)),
    # A partner report does not exist for the griffie and the raad.
    "rapportage:rapport_detail": Rule(
        kwargs=_uid("partnerrapport"), expect=allow(*PARTNER_READERS, other=404)
    ),
    # Before publication a raad report is seen by the griffie and beheer only.
    "rapportage:rapport_status": Rule(
        kwargs=_uid("concept"), expect=allow("griffier", "beheerder", other=404)
    ),
    # Once published, every signed-in user may download it.
    "rapportage:rapport_download": Rule(
        kwargs=_uid("gepubliceerd"), expect=allow(*ALL_SIGNED_IN)
    ),
    "rapportage:rapport_publish": Rule(
        method="post",
        kwargs=_uid("concept"),
        expect={
            **allow("griffier", status=302, other=404),
            "beheerder": 403,
        },
        fresh_world=True,
    ),
    "rapportage:rapport_retry": Rule(
        method="post",
        kwargs=_uid("mislukt"),
        expect={
            **allow("coordinator", "beheerder", status=302, other=404),
            "medewerker": 403,
            "outsider": 403,
            "politie": 403,
            "procesbegeleider": 403,
        },
        fresh_world=True,
    ),
    "rapportage:rapport_correct": Rule(
        method="post",
        kwargs=_uid("gepubliceerd"),
        data=lambda w: {"title": "Correctie"},
        expect=allow("griffier", status=302, other=403),
        fresh_world=True,
    ),
}
