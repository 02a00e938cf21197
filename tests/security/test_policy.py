"""core.policy: the table, its decisions, and its two faces (Q and predicate)."""

from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError

from core import policy
from core.policy import Kind, Reader, Rubricering
from partners.models import Organisation, Role
from partners.selectors import reader_of
from tests.conftest import make_user
from tests.scans import factories as f

DOCS = Path(__file__).resolve().parents[2] / "docs" / "security.md"
OPENBAAR, PARTNERS, ORGANISATIE = Rubricering.values
CHOSEN = [k for k in Kind if policy.levels_of(k) == tuple(Rubricering.values)]


def test_the_roles_are_the_portals_roles():
    assert set(policy.ROLES) == set(Role.values)


def test_the_table_has_a_row_for_every_role_and_kind():
    for kind in Kind:
        assert set(policy.TABLE[kind]) == set(policy.ROLES), kind
        for row in policy.TABLE[kind].values():
            assert len(row) == len(policy.COLUMNS)


def test_docs_security_shows_the_table_as_the_code_states_it():
    assert policy.markdown_table() in DOCS.read_text(encoding="utf-8")


@pytest.mark.parametrize("kind", list(Kind))
def test_nobody_reads_another_organisations_organisatie_text(kind):
    for role in policy.ROLES:
        reader = Reader.of_role(role, organisation_id=1)
        assert not policy.can_read(reader, kind, ORGANISATIE, 2), (kind, role)


@pytest.mark.parametrize("kind", CHOSEN)
def test_the_griffier_and_the_beheerder_read_what_the_raad_reads(kind):
    for role in (policy.GRIFFIER, policy.BEHEERDER, policy.RAADSLID):
        reader = Reader.of_role(role)
        assert policy.can_read(reader, kind, OPENBAAR)
        assert not policy.can_read(reader, kind, PARTNERS), (kind, role)


@pytest.mark.parametrize("kind", CHOSEN)
def test_partners_and_the_procesbegeleider_read_partners_text(kind):
    for role in (policy.MEDEWERKER, policy.COORDINATOR, policy.PROCESBEGELEIDER):
        assert policy.can_read(Reader.of_role(role), kind, PARTNERS), (kind, role)


def test_measured_figures_are_partner_level_and_reports_follow_their_audience():
    readers = {role: Reader.of_role(role) for role in policy.ROLES}
    figures = {r for r, rd in readers.items() if policy.can_read_kind(rd, Kind.METING)}
    assert figures == {policy.MEDEWERKER, policy.COORDINATOR, policy.PROCESBEGELEIDER}
    assert policy.fixed_level(Kind.METING) == PARTNERS
    assert policy.levels_of(Kind.RAPPORT) == (OPENBAAR, PARTNERS)
    # The one exception: partner reports list the budget the beheerder keeps.
    beheerder = readers[policy.BEHEERDER]
    assert policy.can_read(beheerder, Kind.RAPPORT, PARTNERS)
    assert not policy.can_read(readers[policy.GRIFFIER], Kind.RAPPORT, PARTNERS)


def test_the_raad_reader_and_the_partner_audience():
    assert policy.can_read(policy.RAAD, Kind.SIGNAAL, OPENBAAR)
    assert not policy.can_read(policy.RAAD, Kind.SIGNAAL, PARTNERS)
    assert policy.can_read(policy.PARTNER, Kind.BRON, PARTNERS)
    assert not policy.can_read(policy.PARTNER, Kind.BRON, ORGANISATIE, None)
    assert not policy.can_read(policy.NOBODY, Kind.SIGNAAL, OPENBAAR)


def test_writers_choose_only_levels_they_can_read_back():
    own = 7
    assert policy.writable_levels(
        Reader.of_role(policy.MEDEWERKER, own), Kind.SIGNAAL, own
    ) == [OPENBAAR, PARTNERS, ORGANISATIE]
    griffier = Reader.of_role(policy.GRIFFIER, own)
    assert policy.writable_levels(griffier, Kind.OPBRENGST, own) == [
        OPENBAAR,
        ORGANISATIE,
    ]
    assert policy.suggested_level(griffier, Kind.OPBRENGST, own) == ORGANISATIE
    raad = Reader.of_role(policy.RAADSLID, own)
    assert policy.writable_levels(raad, Kind.OPMERKING, own) == [OPENBAAR]
    with pytest.raises(ValidationError):
        policy.check_writable(griffier, Kind.VERSLAG, PARTNERS, own)
    with pytest.raises(ValidationError):
        policy.check_writable(griffier, Kind.VERSLAG, "geheim", own)


def test_the_audit_helpers_order_the_levels():
    assert policy.restricted_levels() == (PARTNERS, ORGANISATIE)
    assert policy.most_restricted([OPENBAAR, ORGANISATIE, PARTNERS]) == ORGANISATIE
    assert policy.is_public(OPENBAAR) and not policy.is_public(PARTNERS)


@pytest.mark.django_db
def test_the_q_builder_and_the_predicate_agree_on_every_cell(personas):
    """Both faces come from the table: on real rows they select the same."""
    from scans.models import Signaal

    p = personas
    gebied = f.buurt()
    orgs = [p.woonkracht10, p.politie, p.griffie, p.koersbekenners, p.beheer]
    for org in orgs:
        for level in Rubricering.values:
            f.signaal(gebied, org, level)
    # Two roles in two organisations: each role counts in its own organisation.
    both = make_user("dubbel@woonkracht10.test", p.woonkracht10, Role.MEDEWERKER)
    both.memberships.create(organisation=p.raad, role=Role.RAADSLID)
    readers = [reader_of(u) for u in p.by_name().values() if u is not None]
    readers += [reader_of(both), policy.RAAD, policy.PARTNER, policy.NOBODY]
    rows = list(Signaal.objects.all())
    for kind in CHOSEN:
        for reader in readers:
            selected = set(
                Signaal.objects.filter(policy.q(reader, kind)).values_list(
                    "pk", flat=True
                )
            )
            allowed = {
                s.pk
                for s in rows
                if policy.can_read(reader, kind, s.rubricering, s.organisation_id)
            }
            assert selected == allowed, (kind, reader)


@pytest.mark.django_db
def test_the_reader_is_built_from_the_memberships(personas):
    p = personas
    assert reader_of(AnonymousUser()) == policy.NOBODY
    assert reader_of(p.medewerker).memberships == {
        (p.woonkracht10.pk, policy.MEDEWERKER)
    }
    p.outsider.is_active = False
    assert reader_of(p.outsider) == policy.NOBODY
    # A partner role counts only in a partner organisation or municipal team.
    odd = make_user("medewerker@griffie.test", p.griffie, Role.MEDEWERKER)
    assert reader_of(odd) == policy.NOBODY
    assert Organisation.objects.get(pk=p.griffie.pk).kind == "griffie"


def test_every_model_with_a_level_declares_its_row_of_the_table():
    classified = [
        model
        for model in apps.get_models()
        if "rubricering" in {f.name for f in model._meta.get_fields()}
        and not model.__name__.startswith("Historical")
    ]
    assert len(classified) >= 7
    for model in classified:
        assert policy.kind_of(model) in Kind.values, model
        path = model.policy_organisation.split("__")
        target = model
        for part in path[:-1]:
            target = target._meta.get_field(part).related_model
        names = {f.attname for f in target._meta.concrete_fields}
        assert path[-1] in names, (model, model.policy_organisation)
    declared = [m for m in apps.get_models() if policy.kind_of(m) is not None]
    assert set(declared) == set(classified)
