from datetime import timedelta

from tests.access import ALL_SIGNED_IN, Rule, allow


def build(world):
    from django.utils import timezone

    from partners.models import hash_token
    from sessies import mail, services
    from sessies.models import Antwoord, KalenderToken, Mijlpaal
    from tests.sessies.factories import invite, make_sessie

    p = world["personas"]
    sessie = make_sessie(p.griffier, p.griffie, openbaar=False, title="Besloten")
    uitnodiging = invite(sessie, p.raadslid)
    guest = invite(sessie, email="bewoner@example.org")
    item = services.agendapunt_create(
        sessie=sessie, by=p.griffier, title="Opening", duration_minutes=10
    )
    services.agendapunt_create(
        sessie=sessie, by=p.griffier, title="Rondvraag", duration_minutes=10
    )
    verleden = make_sessie(
        p.griffier,
        p.griffie,
        openbaar=False,
        title="Geweest",
        start=timezone.now() - timedelta(days=3),
    )
    invite(verleden, p.raadslid, antwoord=Antwoord.AANMELDEN, aanwezig=True)
    services.verslag_save(sessie=verleden, by=p.griffier, text="Concept")
    amendement = services.amendement_create(
        sessie=verleden, by=p.raadslid, text="Graag aanvullen."
    )
    KalenderToken.objects.create(
        user=p.raadslid, scope="persoonlijk", token_hash=hash_token("feed-token")
    )
    mijlpaal = Mijlpaal.objects.create(
        title="Visie naar de raad", start_date=timezone.localdate()
    )
    geannuleerd = make_sessie(p.griffier, p.griffie, openbaar=False, title="Werkbezoek")
    invite(geannuleerd, p.raadslid)
    # Cancelled directly: the service's audit entry would outlive the
    # personas when the matrix clears the world between personas.
    geannuleerd.status = "geannuleerd"
    geannuleerd.cancel_reason = "Storm"
    geannuleerd.save()
    participatie = make_sessie(
        p.procesbegeleider,
        p.koersbekenners,
        soort="participatiesessie",
        title="Bewonersavond",
        capacity=20,
    )
    participatie = services.publieke_aanmelding_zetten(
        sessie=participatie, by=p.procesbegeleider, open=True
    )
    world.update(
        geannuleerd=geannuleerd,
        participatie=participatie,
        reply_token=mail.rsvp_token(uitnodiging),
        mijlpaal=mijlpaal,
        sessie=sessie,
        guest=guest,
        guest_token=mail.rsvp_token(guest),
        agendapunt=item,
        verleden=verleden,
        amendement=amendement,
    )


def _pk(name):
    return lambda w: {"pk": w[name].pk}


# The raad session is visible to the griffier, the invited raadslid and beheer;
# everyone else gets 404 so its existence is not revealed.
_seen = {"griffier": 200, "raadslid": 200, "beheerder": 200}


def _visible(ok=200, seen_other=403):
    expect = allow(other=404)
    expect.update({"raadslid": seen_other, "beheerder": seen_other, "griffier": ok})
    return expect


_planners = ["medewerker", "coordinator", "outsider", "politie", "procesbegeleider"]

RULES = {
    "sessies:index": Rule(expect=allow(*ALL_SIGNED_IN)),
    "sessies:tijdlijn": Rule(expect=allow(*ALL_SIGNED_IN)),
    "sessies:kalender": Rule(expect=allow(*ALL_SIGNED_IN)),
    "sessies:sessie_create": Rule(expect=allow("griffier", *_planners)),
    "sessies:sessie_detail": Rule(
        kwargs=_pk("sessie"), expect=allow(*_seen, other=404)
    ),
    "sessies:sessie_ics": Rule(kwargs=_pk("sessie"), expect=allow(*_seen, other=404)),
    "sessies:sessie_update": Rule(kwargs=_pk("sessie"), expect=_visible()),
    "sessies:uitnodigen": Rule(kwargs=_pk("sessie"), expect=_visible()),
    "sessies:agendapunt_create": Rule(kwargs=_pk("sessie"), expect=_visible()),
    "sessies:agendapunt_update": Rule(kwargs=_pk("agendapunt"), expect=_visible()),
    # Cancelling and restoring first ask to confirm: GET shows that page.
    "sessies:sessie_cancel": Rule(kwargs=_pk("sessie"), expect=_visible()),
    "sessies:sessie_restore": Rule(kwargs=_pk("geannuleerd"), expect=_visible()),
    # Participation sessions: the procesbegeleider runs them all; beheer
    # sees them but does not run them; nobody else is invited.
    "sessies:publieke_aanmelding": Rule(
        method="post",
        kwargs=_pk("participatie"),
        data=lambda w: {"actie": "sluiten"},
        expect={**allow(other=404), "procesbegeleider": 302, "beheerder": 403},
        fresh_world=True,
    ),
    "sessies:raadskalender": Rule(expect=allow(*ALL_SIGNED_IN)),
    "sessies:agendapunt_delete": Rule(
        method="post", kwargs=_pk("agendapunt"), expect=_visible(302), fresh_world=True
    ),
    "sessies:agendapunt_move": Rule(
        method="post", kwargs=_pk("agendapunt"), expect=_visible(302), fresh_world=True
    ),
    "sessies:gast_link_renew": Rule(
        method="post", kwargs=_pk("guest"), expect=_visible(302), fresh_world=True
    ),
    # Only invitees answer; the griffier and beheer see the session but have
    # no invitation of their own.
    "sessies:rsvp": Rule(
        method="post",
        kwargs=_pk("sessie"),
        data=lambda w: {"antwoord": "aanmelden"},
        expect={
            **allow(other=404),
            "raadslid": 302,
            "griffier": 403,
            "beheerder": 403,
        },
        fresh_world=True,
    ),
    # The guest page and the feed are public: the secret is in the URL.
    "sessies:gast_rsvp": Rule(
        kwargs=lambda w: {"token": w["guest_token"]},
        expect=allow(*ALL_SIGNED_IN, anonymous=200),
    ),
    # The one-click answer and the residents' sign-up page are public: the
    # signed link or the published code is the key. GET changes nothing.
    "sessies:antwoord_link": Rule(
        kwargs=lambda w: {"token": w["reply_token"], "antwoord": "aanmelden"},
        expect=allow(*ALL_SIGNED_IN, anonymous=200),
    ),
    "sessies:publiek_aanmelden": Rule(
        kwargs=lambda w: {"code": w["participatie"].aanmeldcode},
        expect=allow(*ALL_SIGNED_IN, anonymous=200),
    ),
    "sessies:feed": Rule(
        kwargs=lambda w: {"token": "feed-token"},
        expect=allow(*ALL_SIGNED_IN, anonymous=200),
    ),
    "sessies:verslag_detail": Rule(
        kwargs=_pk("verleden"), expect=allow(*_seen, other=404)
    ),
    "sessies:verslag_edit": Rule(kwargs=_pk("verleden"), expect=_visible()),
    "sessies:aanwezigheid": Rule(kwargs=_pk("verleden"), expect=_visible()),
    "sessies:opbrengst_create": Rule(kwargs=_pk("verleden"), expect=_visible()),
    "sessies:verslag_share": Rule(
        method="post", kwargs=_pk("verleden"), expect=_visible(302), fresh_world=True
    ),
    "sessies:verslag_finalise": Rule(
        method="post", kwargs=_pk("verleden"), expect=_visible(302), fresh_world=True
    ),
    "sessies:amendement_decide": Rule(
        method="post",
        kwargs=_pk("amendement"),
        data=lambda w: {"status": "verwerkt"},
        expect=_visible(302),
        fresh_world=True,
    ),
}

RULES.update(
    {
        "sessies:mijlpaal_create": Rule(expect=allow("griffier", "procesbegeleider")),
        "sessies:mijlpaal_update": Rule(
            kwargs=_pk("mijlpaal"), expect=allow("griffier", "procesbegeleider")
        ),
    }
)
