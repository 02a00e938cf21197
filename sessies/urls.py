from django.urls import path

from sessies.views import kalender, sessie, uitnodiging, verslag

app_name = "sessies"

urlpatterns = [
    path("", sessie.SessieListView.as_view(), name="index"),
    path("tijdlijn/", sessie.TijdlijnView.as_view(), name="tijdlijn"),
    path(
        "tijdlijn/mijlpaal/nieuw/",
        sessie.MijlpaalFormView.as_view(),
        name="mijlpaal_create",
    ),
    path(
        "tijdlijn/mijlpaal/<int:pk>/wijzigen/",
        sessie.MijlpaalFormView.as_view(),
        name="mijlpaal_update",
    ),
    path("nieuw/", sessie.SessieCreateView.as_view(), name="sessie_create"),
    path("<int:pk>/", sessie.SessieDetailView.as_view(), name="sessie_detail"),
    path("<int:pk>/wijzigen/", sessie.SessieUpdateView.as_view(), name="sessie_update"),
    path(
        "<int:pk>/annuleren/",
        sessie.SessieCancelView.as_view(),
        name="sessie_cancel",
    ),
    path(
        "<int:pk>/herstellen/",
        sessie.SessieRestoreView.as_view(),
        name="sessie_restore",
    ),
    path(
        "<int:pk>/publieke-aanmelding/",
        sessie.publieke_aanmelding,
        name="publieke_aanmelding",
    ),
    path("raad/", sessie.raadskalender, name="raadskalender"),
    path("<int:pk>/sessie.ics", sessie.sessie_ics, name="sessie_ics"),
    path("<int:pk>/antwoord/", sessie.rsvp, name="rsvp"),
    path(
        "<int:pk>/agenda/nieuw/",
        sessie.AgendapuntCreateView.as_view(),
        name="agendapunt_create",
    ),
    path(
        "agendapunt/<int:pk>/wijzigen/",
        sessie.AgendapuntUpdateView.as_view(),
        name="agendapunt_update",
    ),
    path(
        "agendapunt/<int:pk>/verwijderen/",
        sessie.agendapunt_delete,
        name="agendapunt_delete",
    ),
    path(
        "agendapunt/<int:pk>/verplaatsen/",
        sessie.agendapunt_move,
        name="agendapunt_move",
    ),
    path(
        "<int:pk>/uitnodigen/",
        uitnodiging.UitnodigenView.as_view(),
        name="uitnodigen",
    ),
    path(
        "uitnodiging/<int:pk>/nieuwe-link/",
        uitnodiging.gast_link_renew,
        name="gast_link_renew",
    ),
    path("antwoord/<str:token>/", uitnodiging.gast_rsvp, name="gast_rsvp"),
    path(
        "antwoord/<str:token>/<str:antwoord>/",
        uitnodiging.antwoord_link,
        name="antwoord_link",
    ),
    path(
        "aanmelden/<str:code>/",
        uitnodiging.publiek_aanmelden,
        name="publiek_aanmelden",
    ),
    path("<int:pk>/verslag/", verslag.verslag_detail, name="verslag_detail"),
    path("<int:pk>/verslag/schrijven/", verslag.verslag_edit, name="verslag_edit"),
    path(
        "<int:pk>/verslag/definitief/",
        verslag.verslag_finalise,
        name="verslag_finalise",
    ),
    path(
        "<int:pk>/verslag/delen/",
        verslag.verslag_share,
        name="verslag_share",
    ),
    path("<int:pk>/aanwezigheid/", verslag.aanwezigheid, name="aanwezigheid"),
    path(
        "amendement/<int:pk>/afhandelen/",
        verslag.amendement_decide,
        name="amendement_decide",
    ),
    path(
        "<int:pk>/opbrengst/nieuw/", verslag.opbrengst_create, name="opbrengst_create"
    ),
    path("kalender/", kalender.kalender, name="kalender"),
    path("kalender/<str:token>.ics", kalender.feed, name="feed"),
]
