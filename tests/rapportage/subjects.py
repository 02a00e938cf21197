"""Subjects for the visie and sessieverslag kinds, with canaries planted.

Built through the data apps' own test factories.
"""

from django.utils import timezone

OPMERKING_CANARIES = {
    "partners": "KANARIE-OPMERKING-PARTNERS-6H2",
    "organisatie": "KANARIE-OPMERKING-ORGANISATIE-1W7",
}
OPBRENGST_CANARY = "KANARIE-OPBRENGST-PARTNERS-3D5"
VERSLAG_TEXT = "De raad sprak over de hangplek bij het Makkerspad."


def released_versie(p) -> int:
    from core.policy import Rubricering
    from tests.visie import factories as f
    from visie import services

    document, secties = f.make_document(p, secties=2)
    f.make_afspraak(p, document, title="Buurtoverleg Souburgh")
    f.make_opmerking(
        p, secties[0], rubricering=Rubricering.OPENBAAR, text="Openbare vraag"
    )
    for level, canary in OPMERKING_CANARIES.items():
        f.make_opmerking(p, secties[0], rubricering=level, text=canary)
    versie = services.versie_release(document=document, user=p.procesbegeleider)
    services.ondertekening_create(
        versie=versie,
        user=p.coordinator,
        organisation=p.woonkracht10,
        besluit="akkoord",
    )
    return versie.pk


def sessie_with_verslag(p) -> int:
    from sessies.models import Opbrengst, Verslag
    from tests.sessies import factories as f

    sessie = f.make_sessie(
        p.griffier,
        p.griffie,
        start=timezone.now() - timezone.timedelta(days=3),
        openbaar=True,
        title="Raadswerksessie Souburgh",
    )
    f.invite(sessie, p.raadslid, aanwezig=True)
    f.invite(sessie, p.coordinator, aanwezig=False)
    Verslag.objects.create(
        sessie=sessie,
        text=VERSLAG_TEXT,
        rubricering="openbaar",
        status=Verslag.Status.DEFINITIEF,
        finalised_at=timezone.now(),
        finalised_by=p.griffier,
    )
    Opbrengst.objects.create(
        sessie=sessie,
        title="Speelplek opknappen",
        rubricering="openbaar",
        created_by=p.griffier,
    )
    Opbrengst.objects.create(
        sessie=sessie,
        title=OPBRENGST_CANARY,
        rubricering="partners",
        created_by=p.griffier,
    )
    return sessie.pk


SUBJECTS = {"versie": released_versie, "sessie": sessie_with_verslag}
ALL_CANARIES = [*OPMERKING_CANARIES.values(), OPBRENGST_CANARY]
