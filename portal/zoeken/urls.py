from django.urls import path

from portal.zoeken import views

app_name = "zoeken"

urlpatterns = [path("", views.zoeken, name="zoeken")]
