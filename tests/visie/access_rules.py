from tests.access import ALL_SIGNED_IN, Rule, allow

READERS = ["medewerker", "coordinator", "outsider", "politie", "procesbegeleider"]
DRAFT_READERS = [*READERS, "beheerder"]
DRAFTERS = READERS
MANAGERS = ["procesbegeleider", "beheerder"]


def build(world):
    from core.policy import Rubricering
    from tests.visie.factories import make_afspraak, make_bron, make_document
    from visie import services

    p = world["personas"]
    document, (sectie,) = make_document(p)
    services.sectie_save(
        sectie=sectie,
        user=p.coordinator,
        text="Tweede tekst.",
        message="",
        base_revisie_id=sectie.current_revisie_id,
    )
    first = sectie.revisies.order_by("number").first()
    draft = services.sectie_save(
        sectie=sectie,
        user=p.medewerker,
        text="Mijn tekst die botste.",
        message="",
        base_revisie_id=first.pk,
    ).revisie
    opmerking = services.opmerking_create(
        sectie=sectie,
        user=p.medewerker,
        text="Helder?",
        rubricering=Rubricering.PARTNERS,
    )
    bron = make_bron(p)
    citatie = services.citatie_create(sectie=sectie, user=p.medewerker, target=bron)
    afspraak = make_afspraak(p, document)
    versie = services.versie_release(document=document, user=p.procesbegeleider)
    world.update(
        document=document,
        sectie=sectie,
        first_revisie=first,
        draft=draft,
        opmerking=opmerking,
        bron=bron,
        citatie=citatie,
        afspraak=afspraak,
        versie=versie,
    )


def _slug(w):
    return {"slug": w["document"].slug}


def _sectie(w):
    return {"pk": w["sectie"].pk}


def _merge_expect():
    expect = allow("medewerker")
    # Another drafter does not find someone else's draft.
    for persona in ("coordinator", "outsider", "politie", "procesbegeleider"):
        expect[persona] = 404
    return expect


def _visible_comment_expect():
    """A partners-level comment: not found for those the policy keeps it from."""
    expect = allow(*DRAFTERS, status=302)
    expect["raadslid"] = expect["griffier"] = 404
    return expect


RULES = {
    "visie:index": Rule(expect=allow(*ALL_SIGNED_IN)),
    "visie:document_create": Rule(expect=allow(*MANAGERS)),
    "visie:document_detail": Rule(kwargs=_slug, expect=allow(*ALL_SIGNED_IN)),
    "visie:sectie_create": Rule(kwargs=_slug, expect=allow(*MANAGERS)),
    "visie:versie_release": Rule(kwargs=_slug, expect=allow(*MANAGERS)),
    "visie:versie_compare": Rule(kwargs=_slug, expect=allow(*ALL_SIGNED_IN)),
    "visie:ondertekening_overview": Rule(kwargs=_slug, expect=allow(*ALL_SIGNED_IN)),
    "visie:afspraak_list": Rule(kwargs=_slug, expect=allow(*DRAFT_READERS)),
    "visie:afspraak_create": Rule(kwargs=_slug, expect=allow(*DRAFTERS)),
    "visie:afspraak_edit": Rule(
        kwargs=lambda w: {"pk": w["afspraak"].pk}, expect=allow(*DRAFTERS)
    ),
    "visie:bron_list": Rule(expect=allow(*DRAFT_READERS)),
    "visie:bron_create": Rule(expect=allow(*DRAFTERS)),
    # A partners-level bron: the beheerder reads the library, not this entry.
    "visie:bron_detail": Rule(
        kwargs=lambda w: {"pk": w["bron"].pk},
        expect={**allow(*DRAFT_READERS), "beheerder": 404},
    ),
    "visie:bron_download": Rule(
        kwargs=lambda w: {"pk": w["bron"].pk},
        expect={**allow(*DRAFT_READERS), "beheerder": 404},
    ),
    "visie:sectie_detail": Rule(kwargs=_sectie, expect=allow(*DRAFT_READERS)),
    "visie:sectie_edit": Rule(kwargs=_sectie, expect=allow(*DRAFTERS)),
    "visie:sectie_merge": Rule(
        kwargs=lambda w: {"pk": w["sectie"].pk, "draft_pk": w["draft"].pk},
        expect=_merge_expect(),
    ),
    # The edit page's heartbeat: only those who may edit the section.
    "visie:sectie_presence": Rule(
        method="post", kwargs=_sectie, expect=allow(*DRAFTERS)
    ),
    "visie:sectie_history": Rule(kwargs=_sectie, expect=allow(*DRAFT_READERS)),
    "visie:sectie_compare": Rule(kwargs=_sectie, expect=allow(*DRAFT_READERS)),
    "visie:revisie_restore": Rule(
        method="post",
        kwargs=lambda w: {"pk": w["first_revisie"].pk},
        expect=allow(*DRAFTERS, status=302),
        fresh_world=True,
    ),
    "visie:opmerking_create": Rule(
        method="post",
        kwargs=_sectie,
        data=lambda w: {"text": "Goed punt.", "rubricering": "partners"},
        expect=allow(*DRAFTERS, status=302),
        fresh_world=True,
    ),
    "visie:opmerking_reply": Rule(
        method="post",
        kwargs=lambda w: {"pk": w["opmerking"].pk},
        data=lambda w: {f"reply{w['opmerking'].pk}-text": "Eens."},
        expect={**_visible_comment_expect(), "beheerder": 404},
        fresh_world=True,
    ),
    "visie:opmerking_resolve": Rule(
        method="post",
        kwargs=lambda w: {"pk": w["opmerking"].pk},
        expect={**_visible_comment_expect(), "beheerder": 404},
        fresh_world=True,
    ),
    "visie:opmerking_reopen": Rule(
        method="post",
        kwargs=lambda w: {"pk": w["opmerking"].pk},
        expect={**_visible_comment_expect(), "beheerder": 404},
        fresh_world=True,
    ),
    "visie:sectie_settings": Rule(kwargs=_sectie, expect=allow(*MANAGERS)),
    "visie:sectie_move": Rule(
        method="post",
        kwargs=_sectie,
        data=lambda w: {"richting": "omhoog"},
        expect=allow(*MANAGERS, status=302),
        fresh_world=True,
    ),
    "visie:citatie_create": Rule(kwargs=_sectie, expect=allow(*DRAFTERS)),
    "visie:citatie_delete": Rule(
        method="post",
        kwargs=lambda w: {"pk": w["citatie"].pk},
        expect=allow(*DRAFTERS, status=302),
        fresh_world=True,
    ),
    "visie:versie_detail": Rule(
        kwargs=lambda w: {"pk": w["versie"].pk}, expect=allow(*ALL_SIGNED_IN)
    ),
    "visie:versie_opmerking": Rule(
        method="post",
        kwargs=lambda w: {"pk": w["versie"].pk, "sectie_pk": w["sectie"].pk},
        data=lambda w: {
            f"s{w['sectie'].pk}-text": "Vraag van de raad.",
            f"s{w['sectie'].pk}-rubricering": "openbaar",
        },
        expect=allow(*DRAFTERS, "raadslid", status=302),
        fresh_world=True,
    ),
    "visie:versie_vaststellen": Rule(
        method="post",
        kwargs=lambda w: {"pk": w["versie"].pk},
        expect=allow(*MANAGERS, status=302),
        fresh_world=True,
    ),
    "visie:ondertekening_create": Rule(
        kwargs=lambda w: {"pk": w["versie"].pk}, expect=allow("coordinator")
    ),
}
