from django.urls import path

from portal.archief import views

app_name = "archief"

urlpatterns = [
    path("", views.ArchiefExportView.as_view(), name="export"),
]
