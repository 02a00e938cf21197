"""The budget: payments settle commitments, years extend themselves, overspending
is said in words, and the people who keep it enter it outside the admin."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from portal.rapportage import raad
from portal.rapportage.forms import DutchDecimalField
from portal.rapportage.models import Begroting, Uitgave
from portal.rapportage.services import begroting as budget
from scans.models import Actie
from tests.rapportage.conftest import make_gebied
from tests.rapportage.pdftext import text_of


@pytest.fixture
def jaar2025(db):
    return Begroting.objects.create(year=2025, amount=Decimal("100000.00"))


@pytest.fixture
def commitment(jaar2025, beheerder):
    return budget.verplichting_record(
        user=beheerder,
        amount=Decimal("30000.00"),
        date=date(2025, 1, 15),
        description="Inzet jongerenwerker 2025",
    )


def _year(year: int):
    return {jaar.year: jaar for jaar in raad.budget_per_year()}[year]


# --- settlement ---------------------------------------------------------------


def test_a_payment_that_settles_a_commitment_counts_the_money_once(
    commitment, beheerder
):
    budget.betaling_record(
        user=beheerder,
        amount=Decimal("12000.00"),
        date=date(2025, 6, 30),
        description="Eerste halfjaar",
        verplichting=commitment,
    )
    jaar = _year(2025)
    assert jaar.committed == Decimal("18000.00")  # 30.000 less the 12.000 paid
    assert jaar.spent == Decimal("12000.00")
    assert jaar.remaining == Decimal("70000.00")  # not 58.000: counted once
    assert commitment.paid_amount() == Decimal("12000.00")


def test_a_fully_paid_commitment_holds_nothing_open_and_leaves_the_payment_form(
    commitment, beheerder
):
    from portal.rapportage import selectors

    assert commitment in selectors.open_verplichtingen()
    budget.betaling_record(
        user=beheerder,
        amount=Decimal("30000.00"),
        date=date(2025, 12, 1),
        description="Alles betaald",
        verplichting=commitment,
    )
    assert _year(2025).committed == 0
    assert _year(2025).remaining == Decimal("70000.00")
    assert commitment not in selectors.open_verplichtingen()


def test_a_payment_above_the_open_amount_is_refused_and_nothing_is_saved(
    commitment, beheerder
):
    budget.betaling_record(
        user=beheerder,
        amount=Decimal("25000.00"),
        date=date(2025, 6, 1),
        description="Deel",
        verplichting=commitment,
    )
    with pytest.raises(ValidationError) as caught:
        budget.betaling_record(
            user=beheerder,
            amount=Decimal("5000.01"),
            date=date(2025, 7, 1),
            description="Te veel",
            verplichting=commitment,
        )
    assert "meer dan er nog openstaat op de verplichting (€ 5.000,00)" in str(
        caught.value
    )
    assert Uitgave.objects.filter(soort="betaling").count() == 1


def test_a_payment_the_next_year_is_charged_to_the_commitments_year(
    commitment, beheerder
):
    Begroting.objects.get_or_create(year=2026, amount=Decimal("100000.00"))
    payment = budget.betaling_record(
        user=beheerder,
        amount=Decimal("30000.00"),
        date=date(2026, 1, 20),
        description="Slottermijn",
        verplichting=commitment,
    )
    assert payment.begroting.year == 2025
    assert _year(2025).spent == Decimal("30000.00")
    assert _year(2026).spent == 0


def test_a_payment_cannot_precede_or_settle_what_is_not_a_commitment(
    commitment, beheerder
):
    with pytest.raises(ValidationError, match="niet eerder zijn dan de verplichting"):
        budget.betaling_record(
            user=beheerder,
            amount=Decimal("10.00"),
            date=date(2025, 1, 1),
            description="Te vroeg",
            verplichting=commitment,
        )
    payment = budget.betaling_record(
        user=beheerder,
        amount=Decimal("10.00"),
        date=date(2025, 2, 1),
        description="Los",
    )
    with pytest.raises(ValidationError, match="Kies een verplichting"):
        budget.betaling_record(
            user=beheerder,
            amount=Decimal("10.00"),
            date=date(2025, 2, 1),
            description="Op een betaling",
            verplichting=payment,
        )


def test_a_commitment_with_payments_cannot_shrink_below_them_or_be_deleted(
    commitment, beheerder
):
    from django.db.models.deletion import ProtectedError

    budget.betaling_record(
        user=beheerder,
        amount=Decimal("20000.00"),
        date=date(2025, 3, 1),
        description="Deel",
        verplichting=commitment,
    )
    commitment.amount = Decimal("10000.00")
    with pytest.raises(ValidationError, match="€ 20.000,00 betaald"):
        commitment.full_clean()
    with pytest.raises(ProtectedError):
        Uitgave.objects.get(pk=commitment.pk).delete()


def test_the_database_refuses_a_commitment_that_settles_another(commitment):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Uitgave.objects.create(
            begroting=commitment.begroting,
            soort="verplichting",
            verplichting=commitment,
            amount=Decimal("1.00"),
            date=date(2025, 2, 1),
            description="Fout",
        )


# --- years of the ingroeimodel ----------------------------------------------------


def test_the_structural_years_exist_up_to_next_year_without_gaps(db):
    Begroting.objects.create(year=2023, amount=Decimal("40000.00"))
    Begroting.objects.create(year=2026, amount=Decimal("95000.00"))
    created = budget.begroting_ensure_years(today=date(2028, 3, 1))
    assert created == [2025, 2027, 2028, 2029]
    years = dict(Begroting.objects.values_list("year", "amount"))
    assert [y for y in years if y >= 2025] == [2025, 2026, 2027, 2028, 2029]
    assert years[2025] == years[2029] == Decimal("100000.00")
    # What the raad set for a year stays; the start years are beheer's.
    assert years[2026] == Decimal("95000.00")
    assert 2024 not in years
    assert budget.begroting_ensure_years(today=date(2028, 3, 1)) == []


def test_reading_the_budget_page_adds_next_year(client_for, raadslid):
    from django.utils import timezone

    next_year = timezone.localdate().year + 1
    assert not Begroting.objects.filter(year=next_year).exists()
    page = client_for(raadslid).get(reverse("rapportage:begroting"))
    row_header = f'<th class="utrecht-table__header-cell" scope="row">{next_year}</th>'
    assert row_header in page.content.decode()
    assert Begroting.objects.get(year=next_year).amount == Decimal("100000.00")


# --- overspending -------------------------------------------------------------------


@pytest.fixture
def overspent(jaar2025, beheerder):
    jaar2025.amount = Decimal("20000.00")
    jaar2025.save()
    budget.verplichting_record(
        user=beheerder,
        amount=Decimal("15000.00"),
        date=date(2025, 1, 15),
        description="Jongerenwerk",
    )
    budget.betaling_record(
        user=beheerder,
        amount=Decimal("8000.00"),
        date=date(2025, 2, 1),
        description="Verlichting",
    )
    return jaar2025


def test_an_overspent_year_is_said_in_words_on_the_budget_page(
    overspent, client_for, raadslid
):
    page = client_for(raadslid).get(reverse("rapportage:begroting")).content.decode()
    assert "Overschreden:" in page
    assert "In 2025 is € 3.000,00 meer verplicht en betaald dan begroot." in page
    assert "-€ 3.000,00<br><strong>overschreden</strong>" in page


def test_an_overspent_year_is_said_in_words_in_the_annex(
    overspent, griffier, request_rapport
):
    rapport = request_rapport(user=griffier, kind="voortgang", audience="raad")
    text = " ".join(text_of(rapport).split())
    assert (
        "Overschreden: In 2025 is € 3.000,00 meer verplicht en betaald dan begroot."
        in (text)
    )


def test_a_year_within_budget_has_no_warning(jaar2025, client_for, raadslid):
    page = client_for(raadslid).get(reverse("rapportage:begroting")).content.decode()
    assert "Overschreden:" not in page
    assert "overschreden" not in page


# --- entry outside the admin ---------------------------------------------------------


@pytest.mark.parametrize(
    "typed, amount",
    [
        ("1.234,56", "1234.56"),
        ("€ 1.234,56", "1234.56"),
        ("1234,5", "1234.5"),
        ("1234.56", "1234.56"),
        ("12.000", "12000"),
        ("250", "250"),
    ],
)
def test_amounts_are_typed_the_dutch_way(typed, amount):
    assert DutchDecimalField(max_digits=12, decimal_places=2).clean(typed) == (
        Decimal(amount)
    )


@pytest.mark.parametrize(
    "typed", ["1,234.56", "1.23.4", "12,345", "NaN", "1e309", "９９", "--5", "€"]
)
def test_an_unclear_amount_gets_a_dutch_message(typed):
    with pytest.raises(
        ValidationError, match="Voer een getal in|cijfers achter de komma"
    ):
        DutchDecimalField(max_digits=12, decimal_places=2).clean(typed)


def test_a_gemeente_coordinator_records_a_commitment_with_a_dutch_amount(
    gemeente_coordinator, client_for, personas
):
    gebied = make_gebied()
    actie = Actie.objects.create(
        gebied=gebied, eigenaar=personas.welzijn, title="Jongerenwerk"
    )
    client = client_for(gemeente_coordinator)
    response = client.post(
        reverse("rapportage:verplichting_create"),
        {
            "date": "2025-03-01",
            "amount": "1.234,56",
            "description": "Zaalhuur werksessies",
            "organisation": personas.welzijn.pk,
            "actie": actie.pk,
        },
    )
    assert response.status_code == 302
    uitgave = Uitgave.objects.get()
    assert uitgave.amount == Decimal("1234.56")
    assert uitgave.soort == "verplichting"
    assert uitgave.begroting.year == 2025
    assert uitgave.gebied == gebied  # taken from the actie
    assert uitgave.recorded_by == gemeente_coordinator
    page = client.get(response["Location"]).content.decode()
    assert "De verplichting is vastgelegd in de begroting van 2025." in page


def test_a_payment_entered_on_the_page_settles_the_chosen_commitment(
    commitment, client_for, beheerder
):
    client = client_for(beheerder)
    form = client.get(reverse("rapportage:betaling_create")).content.decode()
    assert "2025 · Inzet jongerenwerker 2025 (nog open: € 30.000,00)" in form
    response = client.post(
        reverse("rapportage:betaling_create"),
        {
            "verplichting": commitment.pk,
            "date": "2025-07-01",
            "amount": "10.000,00",
            "description": "Tweede kwartaal",
        },
        follow=True,
    )
    assert "zij voldoet de verplichting ‘Inzet jongerenwerker 2025’" in (
        response.content.decode()
    )
    assert _year(2025).committed == Decimal("20000.00")


def test_a_bad_entry_shows_an_error_summary_and_saves_nothing(
    commitment, client_for, beheerder
):
    response = client_for(beheerder).post(
        reverse("rapportage:betaling_create"),
        {
            "verplichting": commitment.pk,
            "date": "2025-07-01",
            "amount": "40.000,00",
            "description": "Te veel",
        },
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert 'class="utrecht-alert utrecht-alert--error error-summary"' in content
    assert "Bedrag (euro)" in content
    assert "meer dan er nog openstaat" in content
    assert Uitgave.objects.filter(soort="betaling").count() == 0


def test_a_year_without_a_budget_is_refused_with_a_message(client_for, beheerder):
    response = client_for(beheerder).post(
        reverse("rapportage:verplichting_create"),
        {"date": "2021-03-01", "amount": "100", "description": "Te vroeg"},
    )
    assert "Er is geen begroting voor 2021." in response.content.decode()
    assert not Uitgave.objects.exists()


def test_partners_and_the_raad_do_not_keep_the_budget(
    personas, gemeente_medewerker, client_for
):
    for user in [
        personas.coordinator,  # of a partner organisation, not the gemeente
        gemeente_medewerker,
        personas.griffier,
        personas.raadslid,
    ]:
        client = client_for(user)
        for name in ["verplichting_create", "betaling_create"]:
            assert client.get(reverse(f"rapportage:{name}")).status_code == 403
    with pytest.raises(PermissionDenied):
        budget.verplichting_record(
            user=personas.coordinator,
            amount=Decimal("1"),
            date=date(2025, 1, 1),
            description="x",
        )


def test_the_budget_page_offers_entry_only_to_those_who_keep_it(
    client_for, personas, gemeente_coordinator
):
    url = reverse("rapportage:betaling_create")
    assert (
        url
        in client_for(gemeente_coordinator)
        .get(reverse("rapportage:begroting"))
        .content.decode()
    )
    assert (
        url
        not in client_for(personas.medewerker)
        .get(reverse("rapportage:begroting"))
        .content.decode()
    )


@pytest.mark.parametrize("n", [1, 40])
def test_the_payment_form_needs_a_fixed_number_of_queries(
    jaar2025, beheerder, client_for, django_assert_max_num_queries, n
):
    for i in range(n):
        budget.verplichting_record(
            user=beheerder,
            amount=Decimal("100.00"),
            date=date(2025, 1, 1),
            description=f"Verplichting {i}",
        )
    client = client_for(beheerder)
    with django_assert_max_num_queries(11):
        assert client.get(reverse("rapportage:betaling_create")).status_code == 200
