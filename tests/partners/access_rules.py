from tests.access import ALL_SIGNED_IN, Rule, allow


def build(world):
    from partners import services

    invitation, token = services.invitation_create(
        invited_by=world["personas"].coordinator,
        email="nieuw@woonkracht10.test",
        organisation=world["personas"].woonkracht10,
        role="medewerker",
    )
    world["invitation"] = invitation
    world["invitation_token"] = token


_not_raad = [p for p in ALL_SIGNED_IN if p != "raadslid"]

RULES = {
    "start": Rule(expect=allow(*ALL_SIGNED_IN)),
    "health": Rule(expect=allow(*ALL_SIGNED_IN, anonymous=200)),
    "partners:organisation_list": Rule(expect=allow(*_not_raad)),
    "partners:organisation_detail": Rule(
        kwargs=lambda w: {"slug": w["personas"].woonkracht10.slug},
        expect=allow(*_not_raad),
    ),
    "partners:invitation_list": Rule(expect=allow("coordinator", "beheerder")),
    "partners:invitation_create": Rule(expect=allow("coordinator", "beheerder")),
    # Revoking: only the inviting organisation's coördinator and the beheerder
    # find the invitation; the others get 404 so its existence is not revealed.
    "partners:invitation_revoke": Rule(
        method="post",
        kwargs=lambda w: {"pk": w["invitation"].pk},
        expect=allow("coordinator", "beheerder", status=302, other=404),
        fresh_world=True,
    ),
    # The invitation link is public; a signed-in user is sent to the start page.
    "partners:invitation_accept": Rule(
        kwargs=lambda w: {"token": w["invitation_token"]},
        expect=allow(anonymous=200, other=302),
    ),
    "admin:index": Rule(expect=allow("beheerder")),
}
