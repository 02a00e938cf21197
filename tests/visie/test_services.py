from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from core.policy import Rubricering
from tests.visie.factories import make_afspraak, make_document, make_opmerking
from visie import services
from visie.models import Ondertekening, Revisie, VermeldingMail
from visie.tasks import notify_mentions

pytestmark = pytest.mark.django_db


def test_every_save_is_a_new_revision_with_author_organisation_and_note(personas):
    _doc, (sectie,) = make_document(personas)
    result = services.sectie_save(
        sectie=sectie,
        user=personas.outsider,
        text="Nieuwe tekst",
        message="Jongerenwerk toegevoegd",
        base_revisie_id=sectie.current_revisie_id,
    )
    sectie.refresh_from_db()
    assert result.applied
    assert sectie.text == "Nieuwe tekst"
    assert sectie.revisies.count() == 2
    assert result.revisie.organisation == personas.welzijn
    assert result.revisie.message == "Jongerenwerk toegevoegd"


def test_a_revision_cannot_be_changed_or_deleted(personas):
    _doc, (sectie,) = make_document(personas)
    revisie = sectie.current_revisie
    revisie.text = "vervalst"
    with pytest.raises(ValueError):
        revisie.save()
    with pytest.raises(ValueError):
        revisie.delete()


def test_restoring_an_old_revision_adds_a_new_one_and_keeps_history(personas):
    _doc, (sectie,) = make_document(personas)
    first = sectie.current_revisie
    services.sectie_save(
        sectie=sectie,
        user=personas.medewerker,
        text="Anders",
        message="",
        base_revisie_id=first.pk,
    )
    result = services.revisie_restore(revisie=first, user=personas.coordinator)
    sectie.refresh_from_db()
    assert sectie.text == first.text
    assert result.revisie.number == 3
    assert result.revisie.restored_from == first
    assert sectie.revisies.count() == 3


def test_a_save_from_a_stale_revision_is_kept_as_draft_and_not_applied(personas):
    _doc, (sectie,) = make_document(personas)
    base = sectie.current_revisie_id
    services.sectie_save(
        sectie=sectie,
        user=personas.coordinator,
        text="Eerst",
        message="",
        base_revisie_id=base,
    )
    late = services.sectie_save(
        sectie=sectie,
        user=personas.medewerker,
        text="Later",
        message="",
        base_revisie_id=base,
    )
    sectie.refresh_from_db()
    assert not late.applied
    assert sectie.text == "Eerst"
    assert late.revisie.is_open_draft and late.revisie.text == "Later"


def test_saving_the_merge_settles_the_draft(personas):
    _doc, (sectie,) = make_document(personas)
    base = sectie.current_revisie_id
    services.sectie_save(
        sectie=sectie,
        user=personas.coordinator,
        text="Eerst",
        message="",
        base_revisie_id=base,
    )
    draft = services.sectie_save(
        sectie=sectie,
        user=personas.medewerker,
        text="Later",
        message="",
        base_revisie_id=base,
    ).revisie
    sectie.refresh_from_db()
    merged = services.sectie_save(
        sectie=sectie,
        user=personas.medewerker,
        text="Eerst en later",
        message="samengevoegd",
        base_revisie_id=sectie.current_revisie_id,
        settles=draft,
    )
    draft.refresh_from_db()
    assert merged.applied
    assert not draft.is_open_draft


def test_a_section_over_200_kb_is_refused_and_nothing_is_saved(personas):
    _doc, (sectie,) = make_document(personas)
    with pytest.raises(ValidationError) as exc:
        services.sectie_save(
            sectie=sectie,
            user=personas.medewerker,
            text="x" * (200 * 1024 + 1),
            message="",
            base_revisie_id=sectie.current_revisie_id,
        )
    assert "200 KB" in exc.value.messages[0]
    assert sectie.revisies.count() == 1


def test_a_vastgestelde_visie_cannot_be_edited(personas):
    document, (sectie,) = make_document(personas)
    versie = services.versie_release(document=document, user=personas.procesbegeleider)
    services.versie_vaststellen(versie=versie, user=personas.procesbegeleider)
    sectie.refresh_from_db()
    with pytest.raises(ValidationError, match="vastgesteld"):
        services.sectie_save(
            sectie=sectie,
            user=personas.medewerker,
            text="Toch wijzigen",
            message="",
            base_revisie_id=sectie.current_revisie_id,
        )
    assert Revisie.objects.filter(text="Toch wijzigen").count() == 0


def test_release_numbers_versions_freezes_text_and_hashes_content(personas):
    document, (sectie,) = make_document(personas)
    v1 = services.versie_release(document=document, user=personas.procesbegeleider)
    services.sectie_save(
        sectie=sectie,
        user=personas.medewerker,
        text="Gewijzigd",
        message="",
        base_revisie_id=sectie.current_revisie_id,
    )
    v2 = services.versie_release(document=document, user=personas.procesbegeleider)
    document.refresh_from_db()
    assert (v1.number, v2.number) == (1, 2)
    assert v1.secties.get().text.startswith("De buurt is")
    assert v2.secties.get().text == "Gewijzigd"
    assert len(v1.content_hash) == 64 and v1.content_hash != v2.content_hash
    assert document.status == "consultatie"


def test_a_partner_medewerker_cannot_release_a_version(personas):
    document, _ = make_document(personas)
    with pytest.raises(PermissionDenied):
        services.versie_release(document=document, user=personas.medewerker)


def _sign(personas, versie, user=None, org=None, **kw):
    return services.ondertekening_create(
        versie=versie,
        user=user or personas.coordinator,
        organisation=org or personas.woonkracht10,
        besluit=kw.pop("besluit", Ondertekening.Besluit.AKKOORD),
        **kw,
    )


def test_a_coordinator_signs_once_per_version(personas):
    document, _ = make_document(personas)
    versie = services.versie_release(document=document, user=personas.procesbegeleider)
    _sign(personas, versie)
    with pytest.raises(ValidationError, match="al ondertekend"):
        _sign(personas, versie)
    assert versie.ondertekeningen.count() == 1


def test_only_a_coordinator_of_the_organisation_can_sign(personas):
    document, _ = make_document(personas)
    versie = services.versie_release(document=document, user=personas.procesbegeleider)
    with pytest.raises(PermissionDenied):
        _sign(personas, versie, user=personas.medewerker)
    with pytest.raises(PermissionDenied):
        _sign(personas, versie, org=personas.welzijn)
    assert versie.ondertekeningen.count() == 0


def test_a_reservation_needs_its_text(personas):
    document, _ = make_document(personas)
    versie = services.versie_release(document=document, user=personas.procesbegeleider)
    with pytest.raises(ValidationError):
        _sign(
            personas, versie, besluit=Ondertekening.Besluit.VOORBEHOUD, voorbehoud=" "
        )


def test_an_older_version_cannot_be_signed_once_a_newer_one_exists(personas):
    document, _ = make_document(personas)
    v1 = services.versie_release(document=document, user=personas.procesbegeleider)
    services.versie_release(document=document, user=personas.procesbegeleider)
    with pytest.raises(ValidationError, match="nieuwere versie"):
        _sign(personas, v1)


def test_an_afspraak_with_two_accountable_organisations_is_refused(personas):
    document, _ = make_document(personas)
    with pytest.raises(ValidationError, match="eindverantwoordelijk"):
        services.afspraak_save(
            document=document,
            user=personas.procesbegeleider,
            title="Twee baas",
            rollen={personas.welzijn: "A", personas.woonkracht10: "A"},
        )
    assert document.afspraken.count() == 0


def test_an_afspraak_needs_one_accountable_organisation(personas):
    document, _ = make_document(personas)
    with pytest.raises(ValidationError, match="eindverantwoordelijk"):
        services.afspraak_save(
            document=document,
            user=personas.procesbegeleider,
            title="Niemand",
            rollen={personas.welzijn: "R"},
        )


def test_an_afspraak_keeps_money_as_decimal_and_is_frozen_in_the_version(personas):
    document, _ = make_document(personas)
    afspraak = make_afspraak(personas, document)
    afspraak = services.afspraak_save(
        document=document,
        user=personas.procesbegeleider,
        afspraak=afspraak,
        title="Buurtoverleg",
        rollen={personas.welzijn: "A"},
        budget=Decimal("1250.50"),
    )
    afspraak.refresh_from_db()
    assert afspraak.budget == Decimal("1250.50")
    versie = services.versie_release(document=document, user=personas.procesbegeleider)
    assert versie.afspraken[0]["budget"] == "1250.50"
    assert versie.afspraken[0]["rollen"] == {"Stichting Welzijn Alblasserdam": "A"}


def test_mentioning_an_organisation_mails_its_members_once(
    personas, django_capture_on_commit_callbacks
):
    _doc, (sectie,) = make_document(personas)
    with django_capture_on_commit_callbacks(execute=True):
        opmerking = make_opmerking(
            personas,
            sectie,
            text="Wat vindt @welzijn hiervan?",
            user=personas.medewerker,
        )
    assert [m.to for m in mail.outbox] == [[personas.outsider.email]]
    notify_mentions(opmerking.pk)
    assert len(mail.outbox) == 1
    assert VermeldingMail.objects.count() == 1


def test_members_who_may_not_read_the_comment_get_no_mail(
    personas, django_capture_on_commit_callbacks
):
    _doc, (sectie,) = make_document(personas)
    with django_capture_on_commit_callbacks(execute=True):
        make_opmerking(
            personas,
            sectie,
            text="Alleen intern, maar @welzijn genoemd",
            rubricering=Rubricering.ORGANISATIE,
        )
    assert mail.outbox == []


def test_a_raadslid_comment_is_always_openbaar(personas):
    document, (sectie,) = make_document(personas)
    versie = services.versie_release(document=document, user=personas.procesbegeleider)
    opmerking = services.opmerking_create(
        sectie=sectie,
        versie=versie,
        user=personas.raadslid,
        text="Vraag van de raad",
        rubricering=Rubricering.ORGANISATIE,
    )
    assert opmerking.rubricering == Rubricering.OPENBAAR


def test_a_raadslid_cannot_comment_on_the_living_draft(personas):
    _doc, (sectie,) = make_document(personas)
    with pytest.raises(PermissionDenied):
        make_opmerking(personas, sectie, user=personas.raadslid)


def test_a_reply_takes_the_classification_of_its_thread(personas):
    _doc, (sectie,) = make_document(personas)
    thread = make_opmerking(personas, sectie, rubricering=Rubricering.ORGANISATIE)
    reply = services.opmerking_create(
        sectie=sectie,
        user=personas.coordinator,
        text="Eens",
        rubricering=Rubricering.OPENBAAR,
        parent=thread,
    )
    assert reply.rubricering == Rubricering.ORGANISATIE


def test_resolving_and_reopening_a_thread(personas):
    _doc, (sectie,) = make_document(personas)
    thread = make_opmerking(personas, sectie)
    services.opmerking_resolve(opmerking=thread, user=personas.outsider)
    assert thread.is_resolved and thread.resolved_by == personas.outsider
    services.opmerking_reopen(opmerking=thread, user=personas.outsider)
    thread.refresh_from_db()
    assert not thread.is_resolved


def test_a_quoted_passage_must_occur_in_the_section(personas):
    _doc, (sectie,) = make_document(personas)
    with pytest.raises(ValidationError, match="komt niet voor"):
        make_opmerking(personas, sectie, quote="iets wat er niet staat")
    anchored = make_opmerking(personas, sectie, quote="is **mooi**  en veilig")
    assert anchored.quote == "is **mooi** en veilig"


def test_a_passage_copied_from_the_rendered_page_anchors_too(personas):
    _doc, (sectie,) = make_document(personas)
    anchored = make_opmerking(personas, sectie, quote="De buurt is mooi en veilig")
    assert anchored.quote == "De buurt is mooi en veilig"


def test_a_merge_that_loses_again_becomes_the_new_draft(personas):
    _doc, (sectie,) = make_document(personas)
    base = sectie.current_revisie_id
    services.sectie_save(
        sectie=sectie,
        user=personas.coordinator,
        text="A",
        message="",
        base_revisie_id=base,
    )
    first = services.sectie_save(
        sectie=sectie,
        user=personas.medewerker,
        text="B",
        message="",
        base_revisie_id=base,
    ).revisie
    sectie.refresh_from_db()
    stale = sectie.current_revisie_id
    services.sectie_save(
        sectie=sectie,
        user=personas.outsider,
        text="C",
        message="",
        base_revisie_id=stale,
    )
    second = services.sectie_save(
        sectie=sectie,
        user=personas.medewerker,
        text="A en B",
        message="",
        base_revisie_id=stale,
        settles=first,
    )
    first.refresh_from_db()
    assert not second.applied and second.revisie.text == "A en B"
    assert second.revisie.is_open_draft and not first.is_open_draft


def test_nobody_comments_on_a_superseded_version(personas):
    document, (sectie,) = make_document(personas)
    old = services.versie_release(document=document, user=personas.procesbegeleider)
    services.versie_release(document=document, user=personas.procesbegeleider)
    with pytest.raises(PermissionDenied):
        services.opmerking_create(
            sectie=sectie,
            versie=old,
            user=personas.raadslid,
            text="Te laat",
            rubricering=Rubricering.OPENBAAR,
        )
