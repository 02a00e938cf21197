import pytest
from django.urls import reverse

from partners import services
from partners.models import Membership, Organisation, Role, User


def _grow(personas, n: int) -> None:
    """n extra organisations, each with two members and an invitation."""
    for i in range(n):
        org = Organisation.objects.create(
            name=f"Team {i}", slug=f"team-{i}", kind=Organisation.Kind.GEMEENTETEAM
        )
        for j in range(2):
            user = User.objects.create_user(email=f"u{i}-{j}@team.test")
            Membership.objects.create(user=user, organisation=org, role=Role.MEDEWERKER)
        services.invitation_create(
            invited_by=personas.beheerder,
            email=f"inv{i}@team.test",
            organisation=org,
            role=Role.MEDEWERKER,
        )


@pytest.mark.django_db
@pytest.mark.parametrize("size", [1, 50])
@pytest.mark.parametrize(
    "url_name,persona",
    [
        ("partners:organisation_list", "medewerker"),
        ("partners:invitation_list", "beheerder"),
        ("start", "medewerker"),
    ],
)
def test_list_pages_run_a_bounded_number_of_queries(
    client_for, personas, size, url_name, persona, django_assert_max_num_queries
):
    _grow(personas, size)
    client = client_for(personas.by_name()[persona])
    with django_assert_max_num_queries(10):
        response = client.get(reverse(url_name))
    assert response.status_code == 200


@pytest.mark.django_db
def test_an_organisation_page_lists_its_people_with_their_roles(
    client_for, medewerker, coordinator, personas
):
    page = client_for(medewerker).get(
        reverse("partners:organisation_detail", args=[personas.woonkracht10.slug])
    )
    body = page.content.decode()
    assert coordinator.full_name in body
    assert "coördinator" in body


@pytest.mark.django_db
def test_the_start_page_shows_each_role_what_it_can_do(client_for, personas):
    medewerker = client_for(personas.medewerker).get(reverse("start")).content.decode()
    assert "Partners" in medewerker
    assert "/beheer/" not in medewerker
    beheerder = client_for(personas.beheerder).get(reverse("start")).content.decode()
    assert "/beheer/" in beheerder
    assert "/audittrail/" in beheerder
    raadslid = client_for(personas.raadslid).get(reverse("start")).content.decode()
    assert "/partners/" not in raadslid
