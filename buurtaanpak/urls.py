from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from partners.views import account_email
from portal import views

urlpatterns = [
    path("", views.StartView.as_view(), name="start"),
    path("gezondheid/", views.health, name="health"),
    # Before allauth's own page of that name: addresses are not self-service.
    path("accounts/email/", account_email, name="account_email"),
    path("accounts/", include("allauth.urls")),
    path("partners/", include("partners.urls")),
    path("gebieden/", include("scans.urls")),
    path("visie/", include("visie.urls")),
    path("sessies/", include("sessies.urls")),
    path("rapporten/", include("portal.rapportage.urls")),
    path("audittrail/", include("portal.audittrail.urls")),
    path("archief/", include("portal.archief.urls")),
    path("zoeken/", include("portal.zoeken.urls")),
    path("beheer/", admin.site.urls),
]

if settings.BENCHMARK_ENDPOINTS:
    urlpatterns.append(path("_bench/kaal/", views.bench_bare, name="bench_bare"))

handler400 = "portal.views.bad_request"
handler403 = "portal.views.permission_denied"
# allauth's login limits answer with this too.
handler429 = "portal.views.rate_limited"
handler404 = "portal.views.page_not_found"
handler500 = "portal.views.server_error"
