"""Hostile input to the main forms: never a 500, never a partial save."""

from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scans.models import Signaal
from tests.scans import factories as f
from tests.visie.factories import make_document
from visie.models import Opmerking

EXAMPLES = 25
HOSTILE = st.one_of(
    st.text(max_size=50),
    st.text(min_size=5000, max_size=12000, alphabet="aé<>'\";-"),
    st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=31), max_size=40),
    st.sampled_from(
        [
            "<script>alert(1)</script>",
            "'; DROP TABLE scans_signaal; --",
            "1 OR 1=1",
            "../../etc/passwd",
            "\x00",
            "９９",
            "-1",
            "2026-02-31",
            "[]",
        ]
    ),
    st.integers(min_value=-(2**63), max_value=2**63).map(str),
)
FIELD = st.one_of(st.none(), HOSTILE)
PROFILE = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)


def _payload(**fields):
    # None stands for a missing field.
    return {name: value for name, value in fields.items() if value is not None}


def _check(response, before, after):
    assert response.status_code < 500
    if response.status_code == 302:
        assert after - before <= 1
    else:
        assert after == before


@PROFILE
@given(
    thema=FIELD,
    soort=st.one_of(FIELD, st.just("hot_spot")),
    text=FIELD,
    datum=FIELD,
    rubricering=st.one_of(FIELD, st.just("partners")),
    point=FIELD,
)
def test_hostile_signalen_never_crash_or_half_save(
    client_for, personas, thema, soort, text, datum, rubricering, point
):
    gebied = f.buurt(2)
    client = client_for(personas.medewerker)
    before = Signaal.objects.count()
    response = client.post(
        reverse("scans:signaal_create", kwargs={"code": gebied.code}),
        _payload(
            thema=thema,
            soort=soort,
            text=text,
            waargenomen_op=datum,
            rubricering=rubricering,
            point=point,
        ),
    )
    _check(response, before, Signaal.objects.count())


@PROFILE
@given(text=FIELD, quote=FIELD, rubricering=st.one_of(FIELD, st.just("partners")))
def test_hostile_comments_never_crash_or_half_save(
    client_for, personas, text, quote, rubricering
):
    _, [sectie] = make_document(personas)
    client = client_for(personas.medewerker)
    before = Opmerking.objects.count()
    response = client.post(
        reverse("visie:opmerking_create", kwargs={"pk": sectie.pk}),
        _payload(text=text, quote=quote, rubricering=rubricering),
    )
    _check(response, before, Opmerking.objects.count())


@PROFILE
@given(pk=st.integers(min_value=-5, max_value=2**40))
def test_another_organisations_signaal_ids_reveal_nothing(client_for, personas, pk):
    own = f.signaal(f.buurt(3), personas.woonkracht10, "organisatie")
    client = client_for(personas.outsider)
    for candidate in (own.pk, pk):
        url = (
            f"/gebieden/signalen/{candidate}/"
            if candidate < 0
            else reverse("scans:signaal_detail", kwargs={"pk": candidate})
        )
        assert client.get(url).status_code == 404


@PROFILE
@given(
    kind=FIELD,
    audience=st.one_of(FIELD, st.just("partners")),
    gebied=FIELD,
    versie=FIELD,
    sessie=FIELD,
    title=FIELD,
)
def test_hostile_report_requests_never_crash_or_half_save(
    client_for, personas, kind, audience, gebied, versie, sessie, title
):
    from buurtaanpak.rapportage.models import Rapport

    client = client_for(personas.coordinator)
    before = Rapport.objects.count()
    response = client.post(
        reverse("rapportage:rapport_request"),
        _payload(
            kind=kind,
            audience=audience,
            gebied=gebied,
            versie=versie,
            sessie=sessie,
            title=title,
        ),
    )
    _check(response, before, Rapport.objects.count())


@PROFILE
@given(email=FIELD, organisation=FIELD, role=st.one_of(FIELD, st.just("medewerker")))
def test_hostile_invitations_never_crash_or_half_save(
    client_for, personas, email, organisation, role
):
    from partners.models import Invitation

    client = client_for(personas.coordinator)
    before = Invitation.objects.count()
    response = client.post(
        reverse("partners:invitation_create"),
        _payload(email=email, organisation=organisation, role=role),
    )
    _check(response, before, Invitation.objects.count())
