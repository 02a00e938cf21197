from django.urls import path

from partners import views

app_name = "partners"

urlpatterns = [
    path("", views.OrganisationListView.as_view(), name="organisation_list"),
    path(
        "organisatie/<slug:slug>/",
        views.OrganisationDetailView.as_view(),
        name="organisation_detail",
    ),
    path("uitnodigingen/", views.InvitationListView.as_view(), name="invitation_list"),
    path(
        "uitnodigingen/nieuw/",
        views.InvitationCreateView.as_view(),
        name="invitation_create",
    ),
    path(
        "uitnodigingen/<int:pk>/intrekken/",
        views.invitation_revoke,
        name="invitation_revoke",
    ),
    path(
        "uitnodiging/<str:token>/",
        views.invitation_accept,
        name="invitation_accept",
    ),
]
