from tests.access import ALL_SIGNED_IN, PARTNER_STAFF, Rule, allow

NOT_RAAD = [p for p in ALL_SIGNED_IN if p != "raadslid"]
# Measured figures are partner-level data (core.policy, Kind.METING).
FIGURE_READERS = [*PARTNER_STAFF, "procesbegeleider"]


def build(world):
    from tests.scans import factories as f

    p = world["personas"]
    buurt = f.buurt(2, name="Redersbuurt")
    ind = f.indicator()
    ronde = f.ronde()
    concept = f.scan(buurt, ronde)
    f.meting(concept, ind, 5, p.woonkracht10)
    adopted = f.scan(f.buurt(3), ronde, status="vastgesteld")
    world.update(
        buurt=buurt,
        ronde=ronde,
        scan=concept,
        adopted=adopted,
        signaal=f.signaal(buurt, p.woonkracht10, "openbaar"),
        actie=f.actie(buurt, p.woonkracht10),
        waarschuwing=f.waarschuwing(buurt, p.woonkracht10),
    )


def _buurt(w):
    return {"code": w["buurt"].code}


def _scan(w):
    return {"pk": w["scan"].pk}


RULES = {
    "scans:gebied_list": Rule(expect=allow(*NOT_RAAD)),
    "scans:gebied_detail": Rule(kwargs=_buurt, expect=allow(*NOT_RAAD)),
    "scans:overzicht": Rule(expect=allow(*NOT_RAAD)),
    "scans:overzicht_kaart": Rule(expect=allow(*NOT_RAAD)),
    "scans:gebieden_kaart": Rule(expect=allow(*NOT_RAAD)),
    "scans:compare": Rule(expect=allow(*NOT_RAAD)),
    "scans:export_csv": Rule(expect=allow(*FIGURE_READERS)),
    "scans:export_geojson": Rule(expect=allow(*NOT_RAAD)),
    "scans:straatcluster_create": Rule(expect=allow(*PARTNER_STAFF, "beheerder")),
    "scans:csv_import": Rule(
        kwargs=lambda w: {"pk": w["ronde"].pk}, expect=allow(*PARTNER_STAFF)
    ),
    "scans:scan_create": Rule(kwargs=_buurt, expect=allow(*PARTNER_STAFF)),
    "scans:scan_detail": Rule(kwargs=_scan, expect=allow(*NOT_RAAD)),
    "scans:scan_history": Rule(kwargs=_scan, expect=allow(*NOT_RAAD)),
    "scans:meting_create": Rule(kwargs=_scan, expect=allow(*PARTNER_STAFF)),
    "scans:oordeel_create": Rule(kwargs=_scan, expect=allow(*PARTNER_STAFF)),
    "scans:scan_correct": Rule(
        kwargs=lambda w: {"pk": w["adopted"].pk}, expect=allow(*PARTNER_STAFF)
    ),
    # Sending a draft for review: partner staff are redirected back to the scan.
    "scans:scan_transition": Rule(
        method="post",
        kwargs=lambda w: {"pk": w["scan"].pk, "action": "indienen"},
        expect=allow(*PARTNER_STAFF, status=302),
        fresh_world=True,
    ),
    "scans:signaal_list": Rule(expect=allow(*NOT_RAAD)),
    "scans:signaal_detail": Rule(
        kwargs=lambda w: {"pk": w["signaal"].pk}, expect=allow(*NOT_RAAD)
    ),
    "scans:signaal_create": Rule(kwargs=_buurt, expect=allow(*PARTNER_STAFF)),
    "scans:actie_list": Rule(expect=allow(*NOT_RAAD)),
    "scans:actie_detail": Rule(
        kwargs=lambda w: {"pk": w["actie"].pk}, expect=allow(*NOT_RAAD)
    ),
    "scans:actie_create": Rule(kwargs=_buurt, expect=allow(*PARTNER_STAFF)),
    # Only the owner and the partners involved change an actie.
    "scans:actie_update": Rule(
        kwargs=lambda w: {"pk": w["actie"].pk},
        expect=allow("medewerker", "coordinator"),
    ),
    "scans:waarschuwing_list": Rule(expect=allow(*PARTNER_STAFF)),
    # Another organisation's warning is not found, so its existence is not revealed.
    "scans:waarschuwing_detail": Rule(
        kwargs=lambda w: {"pk": w["waarschuwing"].pk},
        expect={
            **allow("medewerker", "coordinator"),
            "outsider": 404,
            "politie": 404,
        },
    ),
}
