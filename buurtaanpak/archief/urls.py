from django.urls import path

from buurtaanpak.archief import views

app_name = "archief"

urlpatterns = [
    path("", views.ArchiefExportView.as_view(), name="export"),
]
