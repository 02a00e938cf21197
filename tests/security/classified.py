"""A world of classified records, generated from core.policy's table.

For every kind of record in the table, every level the kind can have and
every organisation of the cast, one record with its own canary text. The
policy matrix and the IDOR sweep both build on it; nothing here decides who
may read what: `expected(reader, record)` asks the table.
"""

from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal
from itertools import count

from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.utils import timezone

from core import policy
from partners.models import Organisation, User
from partners.selectors import reader_of
from tests.conftest import Personas

K = policy.Kind


@dataclass
class Record:
    kind: str
    level: str
    organisation: Organisation | None
    obj: object
    canary: str

    @property
    def organisation_id(self) -> int | None:
        return self.organisation.pk if self.organisation else None


@dataclass
class World:
    personas: Personas
    records: list[Record] = field(default_factory=list)
    gebied: dict = field(default_factory=dict)  # organisation slug -> Gebied
    scan: dict = field(default_factory=dict)  # organisation slug -> Gebiedsscan
    sessies: list = field(default_factory=list)
    actie: object = None
    sectie: object = None
    versie: object = None

    def of(self, *kinds: str, organisation=None, obj=None) -> list[Record]:
        return [
            r
            for r in self.records
            if r.kind in kinds
            and (organisation is None or r.organisation == organisation)
            and (obj is None or r.obj == obj)
        ]

    def hidden_from(self, user) -> list[Record]:
        reader = reader_of(user)
        return [r for r in self.records if not expected(reader, r)]


def expected(reader: policy.Reader, record: Record) -> bool:
    """What the table says: may this reader see this record?"""
    return policy.can_read(reader, record.kind, record.level, record.organisation_id)


def writers(p: Personas) -> dict[Organisation, User]:
    """Every organisation of the cast with the member who writes for it."""
    return {
        p.woonkracht10: p.medewerker,
        p.welzijn: p.outsider,
        p.politie: p.politie_medewerker,
        p.koersbekenners: p.procesbegeleider,
        p.griffie: p.griffier,
        p.raad: p.raadslid,
        p.beheer: p.beheerder,
    }


#: A canary is fixed-width, so no canary is part of another.
_serial = count(1)


def canary(kind: str) -> str:
    return f"KANARIE{next(_serial):04d}{kind.upper()[:3]}X"


def figure(n: int) -> tuple[Decimal, str]:
    """A measured value and how both the page and the CSV write it."""
    value = Decimal(f"{600 + n}.125")
    return value, f"{600 + n},125"


def pdf_with(text: str) -> bytes:
    return (
        b"%PDF-1.4\n%" + text.encode() + b"\n1 0 obj<</Type/Catalog/Pages 2 0 R>>"
        b"endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
        b"trailer<</Root 1 0 R>>\n%%EOF\n"
    )


def build(p: Personas) -> World:  # noqa: C901 (one builder, one kind after another)
    from portal.rapportage.models import Audience
    from scans.models import Oordeel, Signaal
    from sessies.models import Opbrengst, Sessie, Verslag
    from tests.rapportage.factories import make_rapport
    from tests.scans import factories as f
    from tests.sessies.factories import invite, make_sessie
    from tests.visie.factories import make_document
    from visie import services as visie_services
    from visie.models import Bron, Citatie, Opmerking

    world = World(personas=p)
    everyone = [p.medewerker, p.coordinator, p.outsider, p.politie_medewerker]
    everyone += [p.procesbegeleider, p.griffier, p.raadslid, p.beheerder]
    chosen = policy.levels_of(K.SIGNAAL)
    ronde = f.ronde()
    themas = [f.thema(f"thema-{i}") for i in range(len(chosen))]
    indicators = [
        f.indicator(f"indicator-{i}", thema_code=f"thema-{i}", max_value="1000")
        for i in range(len(chosen))
    ]
    document, [sectie] = make_document(p)
    world.sectie = sectie
    world.versie = visie_services.versie_release(
        document=document, user=p.procesbegeleider
    )
    world.actie = f.actie(f.buurt(90), p.woonkracht10, title="Gedeelde actie")
    bron_type = ContentType.objects.get_for_model(Bron)
    past = timezone.now() - timedelta(days=2)
    figures = count(1)

    for n, (org, writer) in enumerate(writers(p).items()):
        gebied = f.buurt(10 + n, name=f"Buurt van {org.slug}")
        scan = f.scan(gebied, ronde)
        world.gebied[org.slug] = gebied
        world.scan[org.slug] = scan
        soort = {
            p.griffie: Sessie.Soort.RAADSWERKSESSIE,
            p.koersbekenners: Sessie.Soort.PARTICIPATIESESSIE,
        }.get(org, Sessie.Soort.PARTNEROVERLEG)
        for i, level in enumerate(chosen):
            text = canary(K.SIGNAAL)
            signaal = f.signaal(gebied, org, level, text=text, days_ago=1 + i)
            world.records.append(Record(K.SIGNAAL, level, org, signaal, text))

            text = canary(K.OORDEEL)
            oordeel = Oordeel.objects.create(
                scan=scan,
                thema=themas[i],
                organisation=org,
                score=3,
                toelichting=text,
                rubricering=level,
                author=writer,
            )
            world.records.append(Record(K.OORDEEL, level, org, oordeel, text))

            text = canary(K.METING_NOTE)
            value, shown = figure(next(figures))
            meting = f.meting(scan, indicators[i], value, org)
            meting.note, meting.rubricering = text, level
            meting.save()
            world.records.append(Record(K.METING_NOTE, level, org, meting, text))
            world.records.append(
                Record(K.METING, policy.fixed_level(K.METING), org, meting, shown)
            )

            text = canary(K.OPMERKING)
            opmerking = Opmerking.objects.create(
                sectie=sectie,
                versie=world.versie,
                text=text,
                rubricering=level,
                author=writer,
                organisation=org,
            )
            world.records.append(Record(K.OPMERKING, level, org, opmerking, text))

            text = canary(K.BRON)
            bron = Bron(
                title=f"Bron {text}",
                soort=Bron.Soort.ONDERZOEK,
                description=text,
                rubricering=level,
                organisation=org,
                added_by=writer,
                content_type="application/pdf",
                filename="bron.pdf",
            )
            bron.file.save(f"bron-{text}.pdf", ContentFile(pdf_with(text)), save=False)
            bron.save()
            world.records.append(Record(K.BRON, level, org, bron, text))
            if policy.can_read(policy.PARTNER, K.BRON, level, org.pk):
                Citatie.objects.create(
                    sectie=sectie, content_type=bron_type, object_id=bron.pk
                )

            sessie = make_sessie(
                writer,
                org,
                soort=soort,
                start=past - timedelta(days=i),
                openbaar=True,
                title=f"Sessie {org.slug} {level}",
            )
            for user in everyone:
                invite(sessie, user)
            world.sessies.append(sessie)
            text = canary(K.VERSLAG)
            verslag = Verslag.objects.create(
                sessie=sessie,
                text=text,
                rubricering=level,
                status=Verslag.Status.DEFINITIEF,
                finalised_at=timezone.now(),
                finalised_by=writer,
            )
            world.records.append(Record(K.VERSLAG, level, org, verslag, text))

            text = canary(K.OPBRENGST)
            opbrengst = Opbrengst.objects.create(
                sessie=sessie,
                title=f"Opbrengst {text}",
                description=text,
                rubricering=level,
                created_by=writer,
            )
            opbrengst.visie_secties.set([sectie])
            world.records.append(Record(K.OPBRENGST, level, org, opbrengst, text))
    world.actie.signalen.set(Signaal.objects.all())

    audiences = {
        policy.Rubricering.OPENBAAR: Audience.RAAD,
        policy.Rubricering.PARTNERS: Audience.PARTNERS,
    }
    for level in policy.levels_of(K.RAPPORT):
        text = canary(K.RAPPORT)
        raad = audiences[level] == Audience.RAAD
        rapport = make_rapport(
            requested_by=p.griffier if raad else p.coordinator,
            published_by=p.griffier if raad else None,
            audience=audiences[level],
            kind="voortgang" if raad else "begroting",
            title=f"Rapport {text}",
        )
        world.records.append(Record(K.RAPPORT, level, None, rapport, text))

    made = {(r.kind, r.level) for r in world.records}
    wanted = {(kind, level) for kind in K for level in policy.levels_of(kind)}
    assert made == wanted, f"the world misses {wanted - made}"
    return world
