"""Raadsleden's notes on published reports: theirs, shared only with raadsleden,
never read by the griffie, the partners or beheer."""

import io
import json
import zipfile

import pytest
from django.contrib import admin
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from partners.models import Role
from portal.rapportage import selectors
from portal.rapportage.models import Notitie
from portal.rapportage.services import notities
from tests.conftest import make_user
from tests.rapportage.factories import make_rapport

PRIVATE = "Vragen in de commissie over de jongerenwerker"
SHARED = "Navragen bij de wethouder wanneer de rest volgt"


@pytest.fixture
def published(personas):
    rapport = make_rapport(
        requested_by=personas.griffier, published_by=personas.griffier
    )
    rapport.page_count = 6
    rapport.save(update_fields=["page_count"])
    return rapport


@pytest.fixture
def collega(personas):
    return make_user("ahmed@raad.test", personas.raad, Role.RAADSLID)


@pytest.fixture
def notes(published, personas, collega):
    """One private and one shared note of the raadslid; one private of a colleague."""
    private = notities.notitie_create(
        rapport=published, author=personas.raadslid, text=PRIVATE, page=3
    )
    shared = notities.notitie_create(
        rapport=published,
        author=personas.raadslid,
        text=SHARED,
        page=5,
        passage="Begroting en besteding",
        shared=True,
    )
    notities.notitie_create(
        rapport=published, author=collega, text="Eigen aantekening van Ahmed"
    )
    return {"private": private, "shared": shared}


def _texts(user, rapport) -> set[str]:
    return {n.text for n in selectors.notities_for(user, rapport)}


def test_a_raadslid_adds_a_note_at_a_page_and_passage_next_to_the_pdf(
    published, raadslid, client_for
):
    client = client_for(raadslid)
    page = client.get(published.get_absolute_url()).content.decode()
    assert "?bekijken=1" in page and "<iframe" in page
    assert '<label class="utrecht-form-label" for="id_page">Pagina' in page
    assert (
        '<label class="utrecht-form-label" for="id_passage">Geciteerde passage' in page
    )
    response = client.post(
        reverse("rapportage:notitie_create", kwargs={"uid": published.uid}),
        {"page": "4", "passage": "Acties en voortgang", "text": "Waarom 40%?"},
    )
    assert response.status_code == 302
    note = Notitie.objects.get()
    assert (note.page, note.passage, note.text, note.shared) == (
        4,
        "Acties en voortgang",
        "Waarom 40%?",
        False,
    )
    page = client.get(published.get_absolute_url()).content.decode()
    assert "Pagina 4 — van u, privé" in page
    assert "Acties en voortgang" in page


def test_a_note_is_never_visible_to_another_raadslid_unless_shared(
    notes, published, personas, collega
):
    assert _texts(personas.raadslid, published) == {PRIVATE, SHARED}
    assert _texts(collega, published) == {SHARED, "Eigen aantekening van Ahmed"}


def test_no_note_reaches_the_griffie_partners_or_beheer_even_when_shared(
    notes, published, personas, client_for
):
    others = [
        personas.griffier,
        personas.beheerder,
        personas.medewerker,
        personas.coordinator,
        personas.outsider,
        personas.politie_medewerker,
        personas.procesbegeleider,
    ]
    for user in others:
        assert _texts(user, published) == set(), user
        page = client_for(user).get(published.get_absolute_url()).content.decode()
        assert SHARED not in page and PRIVATE not in page, user
        assert "notitie_create" not in page and "Notitie toevoegen" not in page


def test_the_shared_note_shows_who_shared_it(notes, published, collega, client_for):
    page = client_for(collega).get(published.get_absolute_url()).content.decode()
    assert "Pagina 5 — gedeeld door marieke" in page
    assert SHARED in page
    assert PRIVATE not in page


def test_only_the_author_shares_or_removes_a_note(
    notes, published, personas, collega, client_for
):
    private = notes["private"]
    share = reverse(
        "rapportage:notitie_share", kwargs={"uid": published.uid, "pk": private.pk}
    )
    delete = reverse(
        "rapportage:notitie_delete", kwargs={"uid": published.uid, "pk": private.pk}
    )
    # A colleague cannot tell the note exists; the griffie may not even try.
    assert client_for(collega).post(share, {"shared": "1"}).status_code == 404
    assert client_for(collega).post(delete).status_code == 404
    assert client_for(personas.griffier).post(share, {"shared": "1"}).status_code == 403
    assert _texts(collega, published) == {SHARED, "Eigen aantekening van Ahmed"}

    author = client_for(personas.raadslid)
    assert author.post(share, {"shared": "1"}).status_code == 302
    assert PRIVATE in _texts(collega, published)
    assert author.post(share, {"shared": "0"}).status_code == 302
    assert PRIVATE not in _texts(collega, published)
    assert author.post(delete).status_code == 302
    assert not Notitie.objects.filter(pk=private.pk).exists()
    with pytest.raises(PermissionDenied):
        notities.notitie_delete(notitie=notes["shared"], by=collega)


def test_notes_are_only_for_published_raad_reports(personas, gebied):
    concept = make_rapport(requested_by=personas.griffier)
    with pytest.raises(PermissionDenied):
        notities.notitie_create(rapport=concept, author=personas.raadslid, text="x")
    published = make_rapport(
        requested_by=personas.griffier, published_by=personas.griffier
    )
    with pytest.raises(PermissionDenied):
        notities.notitie_create(rapport=published, author=personas.griffier, text="x")


def test_a_page_beyond_the_report_is_refused_with_a_dutch_message(
    published, raadslid, client_for
):
    response = client_for(raadslid).post(
        reverse("rapportage:notitie_create", kwargs={"uid": published.uid}),
        {"page": "9", "text": "Te ver"},
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert 'class="utrecht-alert utrecht-alert--error error-summary"' in content
    assert "Het rapport heeft 6 pagina&#x27;s." in content
    assert not Notitie.objects.exists()
    with pytest.raises(ValidationError):
        notities.notitie_create(rapport=published, author=raadslid, text="x", page=7)


def test_a_bsn_in_a_note_is_refused(published, raadslid):
    with pytest.raises(ValidationError, match="burgerservicenummer"):
        notities.notitie_create(
            rapport=published, author=raadslid, text="Bewoner BSN 111222333"
        )
    assert not Notitie.objects.exists()


def test_notes_stay_out_of_the_admin_and_the_archive(notes, beheerder):
    from portal.archief.services import write_archive

    assert Notitie not in admin.site._registry
    buffer = io.BytesIO()
    manifest = write_archive(
        buffer, actor=beheerder, reden="Overdracht aan het archief"
    )
    assert "rapportage.notitie" not in {m["model"] for m in manifest["models"]}
    with zipfile.ZipFile(buffer) as archive:
        everything = " ".join(
            archive.read(name).decode("utf-8", "ignore")
            for name in archive.namelist()
            if name.endswith(".json")
        )
    assert SHARED not in everything and PRIVATE not in everything
    assert json.loads(json.dumps(manifest))  # the manifest itself still writes


def test_the_inline_pdf_may_be_framed_by_the_portal_only(
    published, raadslid, client_for
):
    url = reverse("rapportage:rapport_download", kwargs={"uid": published.uid})
    inline = client_for(raadslid).get(url + "?bekijken=1")
    assert inline["X-Frame-Options"] == "SAMEORIGIN"
    assert "frame-ancestors 'self'" in inline["Content-Security-Policy"]
    assert "inline" in inline["Content-Disposition"]
    download = client_for(raadslid).get(url)
    assert download["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in download["Content-Security-Policy"]


@pytest.mark.parametrize("n", [2, 60])
def test_the_report_page_with_notes_needs_a_fixed_number_of_queries(
    published, personas, collega, client_for, django_assert_max_num_queries, n
):
    for i in range(n):
        notities.notitie_create(
            rapport=published,
            author=collega if i % 2 else personas.raadslid,
            text=f"Notitie {i}",
            page=1 + i % 6,
            shared=bool(i % 3),
        )
    client = client_for(personas.raadslid)
    with django_assert_max_num_queries(12):
        assert client.get(published.get_absolute_url()).status_code == 200
