from django.urls import path

from portal.rapportage import views

app_name = "rapportage"

urlpatterns = [
    path("", views.RapportListView.as_view(), name="index"),
    path("aanvragen/", views.RapportRequestView.as_view(), name="rapport_request"),
    path("begroting/", views.BegrotingView.as_view(), name="begroting"),
    path(
        "begroting/verplichting/",
        views.VerplichtingCreateView.as_view(),
        name="verplichting_create",
    ),
    path(
        "begroting/betaling/",
        views.BetalingCreateView.as_view(),
        name="betaling_create",
    ),
    path("<uuid:uid>/", views.RapportDetailView.as_view(), name="rapport_detail"),
    path("<uuid:uid>/status/", views.rapport_status, name="rapport_status"),
    path("<uuid:uid>/download/", views.rapport_download, name="rapport_download"),
    path("<uuid:uid>/publiceren/", views.rapport_publish, name="rapport_publish"),
    path("<uuid:uid>/opnieuw/", views.rapport_retry, name="rapport_retry"),
    path("<uuid:uid>/corrigeren/", views.rapport_correct, name="rapport_correct"),
    path("<uuid:uid>/brief/", views.brief_edit, name="brief_edit"),
    path(
        "<uuid:uid>/notities/",
        views.NotitieCreateView.as_view(),
        name="notitie_create",
    ),
    path(
        "<uuid:uid>/notities/<int:pk>/delen/",
        views.notitie_share,
        name="notitie_share",
    ),
    path(
        "<uuid:uid>/notities/<int:pk>/verwijderen/",
        views.notitie_delete,
        name="notitie_delete",
    ),
]
