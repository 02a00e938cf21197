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
    from datetime import date
    from decimal import Decimal

    from portal.rapportage.models import Begroting, Notitie, Uitgave
    from tests.rapportage.factories import make_rapport

    p = world["personas"]
    world["gepubliceerd"] = make_rapport(
        requested_by=p.griffier, published_by=p.griffier
    )
    world["concept"] = make_rapport(
        requested_by=p.griffier, title="Concept voor de raad"
    )
    # A raadsinformatiebrief whose college text is still to be written.
    world["briefconcept"] = make_rapport(
        requested_by=p.griffier, title="Brief in wording", brief=False
    )
    world["notitie"] = Notitie.objects.create(
        rapport=world["gepubliceerd"], author=p.raadslid, text="Vraag stellen"
    )
    begroting = Begroting.objects.create(year=2025, amount=Decimal("100000.00"))
    world["verplichting"] = Uitgave.objects.create(
        begroting=begroting,
        soort=Uitgave.Soort.VERPLICHTING,
        amount=Decimal("30000.00"),
        date=date(2025, 1, 15),
        description="Inzet jongerenwerker",
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


def _notitie(w):
    return {"uid": w["gepubliceerd"].uid, "pk": w["notitie"].pk}


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
        data=lambda w: {"title": "Correctie", "change_note": "Bijlage 3 herzien"},
        expect=allow("griffier", status=302, other=403),
        fresh_world=True,
    ),
    # The college's letter: the griffier and the gemeente's teams (no persona
    # here; tests/rapportage/test_brief.py) write it; beheer sees the draft,
    # the others do not.
    "rapportage:brief_edit": Rule(
        kwargs=_uid("concept"),
        expect={**allow("griffier", other=404), "beheerder": 403},
    ),
    # Budget entry: beheer and the gemeente's team coördinators (no persona
    # here; tests/rapportage/test_budget.py).
    "rapportage:verplichting_create": Rule(expect=allow("beheerder")),
    "rapportage:betaling_create": Rule(expect=allow("beheerder")),
    # Notes belong to raadsleden; everyone else who sees the report may not.
    "rapportage:notitie_create": Rule(
        method="post",
        kwargs=_uid("gepubliceerd"),
        data=lambda w: {"page": "1", "text": "Vraag aan de wethouder"},
        expect=allow("raadslid", status=302),
        fresh_world=True,
    ),
    "rapportage:notitie_share": Rule(
        method="post",
        kwargs=_notitie,
        data=lambda w: {"shared": "1"},
        expect=allow("raadslid", status=302),
        fresh_world=True,
    ),
    "rapportage:notitie_delete": Rule(
        method="post",
        kwargs=_notitie,
        expect=allow("raadslid", status=302),
        fresh_world=True,
    ),
}
