from django.urls import path

from visie.views import bewerken, bronnen, discussie, documents, versies

app_name = "visie"

urlpatterns = [
    path("", documents.IndexView.as_view(), name="index"),
    path("nieuw/", documents.DocumentCreateView.as_view(), name="document_create"),
    path("bronnen/", bronnen.BronListView.as_view(), name="bron_list"),
    path("bronnen/nieuw/", bronnen.BronCreateView.as_view(), name="bron_create"),
    path("bronnen/<int:pk>/", bronnen.BronDetailView.as_view(), name="bron_detail"),
    path("bronnen/<int:pk>/bestand/", bronnen.bron_download, name="bron_download"),
    path(
        "sectie/<int:pk>/", documents.SectieDetailView.as_view(), name="sectie_detail"
    ),
    path(
        "sectie/<int:pk>/bewerken/",
        bewerken.SectieEditView.as_view(),
        name="sectie_edit",
    ),
    path(
        "sectie/<int:pk>/aanwezig/",
        bewerken.sectie_presence,
        name="sectie_presence",
    ),
    path(
        "sectie/<int:pk>/samenvoegen/<int:draft_pk>/",
        bewerken.SectieMergeView.as_view(),
        name="sectie_merge",
    ),
    path(
        "sectie/<int:pk>/instellingen/",
        documents.SectieSettingsView.as_view(),
        name="sectie_settings",
    ),
    path("sectie/<int:pk>/verplaatsen/", documents.sectie_move, name="sectie_move"),
    path(
        "sectie/<int:pk>/geschiedenis/",
        documents.SectieHistoryView.as_view(),
        name="sectie_history",
    ),
    path(
        "sectie/<int:pk>/vergelijken/",
        documents.SectieCompareView.as_view(),
        name="sectie_compare",
    ),
    path(
        "revisie/<int:pk>/herstellen/",
        documents.revisie_restore,
        name="revisie_restore",
    ),
    path(
        "sectie/<int:pk>/opmerking/",
        discussie.opmerking_create,
        name="opmerking_create",
    ),
    path(
        "sectie/<int:pk>/onderbouwing/",
        discussie.CitatieCreateView.as_view(),
        name="citatie_create",
    ),
    path(
        "onderbouwing/<int:pk>/verwijderen/",
        discussie.citatie_delete,
        name="citatie_delete",
    ),
    path(
        "opmerking/<int:pk>/reageren/",
        discussie.opmerking_reply,
        name="opmerking_reply",
    ),
    path(
        "opmerking/<int:pk>/afgerond/",
        discussie.opmerking_resolve,
        name="opmerking_resolve",
    ),
    path(
        "opmerking/<int:pk>/heropenen/",
        discussie.opmerking_reopen,
        name="opmerking_reopen",
    ),
    path("versie/<int:pk>/", versies.versie_detail, name="versie_detail"),
    path(
        "versie/<int:pk>/sectie/<int:sectie_pk>/opmerking/",
        discussie.versie_opmerking,
        name="versie_opmerking",
    ),
    path(
        "versie/<int:pk>/vaststellen/",
        versies.versie_vaststellen,
        name="versie_vaststellen",
    ),
    path(
        "versie/<int:pk>/ondertekenen/",
        versies.OndertekeningCreateView.as_view(),
        name="ondertekening_create",
    ),
    path(
        "afspraak/<int:pk>/bewerken/",
        versies.AfspraakEditView.as_view(),
        name="afspraak_edit",
    ),
    path(
        "<slug:slug>/", documents.DocumentDetailView.as_view(), name="document_detail"
    ),
    path(
        "<slug:slug>/sectie/nieuw/",
        documents.SectieCreateView.as_view(),
        name="sectie_create",
    ),
    path(
        "<slug:slug>/vrijgeven/",
        versies.VersieReleaseView.as_view(),
        name="versie_release",
    ),
    path(
        "<slug:slug>/versies/vergelijken/",
        versies.VersieCompareView.as_view(),
        name="versie_compare",
    ),
    path(
        "<slug:slug>/ondertekeningen/",
        versies.OndertekeningOverviewView.as_view(),
        name="ondertekening_overview",
    ),
    path(
        "<slug:slug>/afspraken/",
        versies.AfspraakListView.as_view(),
        name="afspraak_list",
    ),
    path(
        "<slug:slug>/afspraken/nieuw/",
        versies.AfspraakCreateView.as_view(),
        name="afspraak_create",
    ),
]
