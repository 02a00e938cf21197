from django.urls import path

from scans.views import gebieden, overzicht, scans, signalen, waarschuwingen

app_name = "scans"

urlpatterns = [
    path("", gebieden.GebiedListView.as_view(), name="gebied_list"),
    path("kaart.geojson", gebieden.GebiedenKaartView.as_view(), name="gebieden_kaart"),
    path("overzicht/", overzicht.OverzichtView.as_view(), name="overzicht"),
    path(
        "overzicht/kaart.geojson",
        overzicht.OverzichtKaartView.as_view(),
        name="overzicht_kaart",
    ),
    path("vergelijken/", overzicht.CompareView.as_view(), name="compare"),
    path(
        "export/metingen.csv",
        overzicht.MeasurementsCsvView.as_view(),
        name="export_csv",
    ),
    path(
        "export/gebieden.geojson",
        overzicht.GebiedenGeoJsonView.as_view(),
        name="export_geojson",
    ),
    path(
        "straatcluster/nieuw/",
        gebieden.StraatclusterCreateView.as_view(),
        name="straatcluster_create",
    ),
    path("rondes/<int:pk>/import/", scans.CsvImportView.as_view(), name="csv_import"),
    path("scans/<int:pk>/", scans.ScanDetailView.as_view(), name="scan_detail"),
    path(
        "scans/<int:pk>/meting/", scans.MetingCreateView.as_view(), name="meting_create"
    ),
    path(
        "scans/<int:pk>/oordeel/",
        scans.OordeelCreateView.as_view(),
        name="oordeel_create",
    ),
    path(
        "scans/<int:pk>/correctie/",
        scans.ScanCorrectView.as_view(),
        name="scan_correct",
    ),
    path(
        "scans/<int:pk>/geschiedenis/",
        scans.ScanHistoryView.as_view(),
        name="scan_history",
    ),
    path(
        "scans/<int:pk>/<slug:action>/", scans.scan_transition, name="scan_transition"
    ),
    path("signalen/", signalen.SignaalListView.as_view(), name="signaal_list"),
    path(
        "signalen/<int:pk>/",
        signalen.SignaalDetailView.as_view(),
        name="signaal_detail",
    ),
    path("acties/", signalen.ActieListView.as_view(), name="actie_list"),
    path("acties/<int:pk>/", signalen.ActieDetailView.as_view(), name="actie_detail"),
    path(
        "acties/<int:pk>/wijzigen/",
        signalen.ActieUpdateView.as_view(),
        name="actie_update",
    ),
    path(
        "waarschuwingen/",
        waarschuwingen.WaarschuwingListView.as_view(),
        name="waarschuwing_list",
    ),
    path(
        "waarschuwingen/<int:pk>/",
        waarschuwingen.WaarschuwingDetailView.as_view(),
        name="waarschuwing_detail",
    ),
    path("<str:code>/", gebieden.GebiedDetailView.as_view(), name="gebied_detail"),
    path("<str:code>/scan/nieuw/", scans.ScanCreateView.as_view(), name="scan_create"),
    path(
        "<str:code>/signaal/nieuw/",
        signalen.SignaalCreateView.as_view(),
        name="signaal_create",
    ),
    path(
        "<str:code>/actie/nieuw/",
        signalen.ActieCreateView.as_view(),
        name="actie_create",
    ),
]
