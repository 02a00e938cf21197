"""Small builders for visie test data, going through the services."""

from django.core.files.uploadedfile import SimpleUploadedFile

from core.policy import Rubricering
from visie import services
from visie.models import Bron

PDF_BYTES = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


def pdf_upload(name: str = "coalitieakkoord.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF_BYTES, content_type="application/pdf")


def make_document(p, *, secties: int = 1, title: str = "Visie Buurtaanpak"):
    document = services.document_create(user=p.procesbegeleider, title=title)
    made = [
        services.sectie_create(
            user=p.procesbegeleider,
            document=document,
            title=f"Sectie {i + 1}",
            penvoerder=p.woonkracht10,
            text=f"De buurt is **mooi** en veilig, deel {i + 1}.",
        )
        for i in range(secties)
    ]
    return document, made


def make_bron(
    p, *, with_file: bool = True, rubricering=Rubricering.PARTNERS, user=None
) -> Bron:
    return services.bron_create(
        user=user or p.procesbegeleider,
        title="Coalitieakkoord “Samen zijn wij Alblasserdam”",
        soort=Bron.Soort.BELEID,
        url="https://www.alblasserdam.nl/",
        rubricering=rubricering,
        upload=pdf_upload() if with_file else None,
    )


def make_afspraak(p, document, *, title: str = "Buurtoverleg"):
    return services.afspraak_save(
        document=document,
        user=p.procesbegeleider,
        title=title,
        rollen={p.welzijn: "A", p.woonkracht10: "R"},
    )


def make_opmerking(p, sectie, *, rubricering=Rubricering.PARTNERS, user=None, **kw):
    return services.opmerking_create(
        sectie=sectie,
        user=user or p.medewerker,
        text=kw.pop("text", "Kan dit concreter?"),
        rubricering=rubricering,
        **kw,
    )
