"""The map of gebieden, the gebied page and drawing a straatcluster."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView, View

from core import table_versions
from core.audit.services import ShownRecord, record_shown_together
from core.views import RequiresMixin, add_form_errors
from partners.selectors import policy_signature
from scans import permissions, selectors
from scans.forms import StraatclusterForm
from scans.geojson import feature_collection
from scans.models import Gebied
from scans.services import gebieden as gebied_services
from scans.services import index_cache
from scans.views.common import (
    ViewGebiedenMixin,
    map_response,
)

AREAS_PAGE_SIZE = 50
GEBIED_SIGNALEN = 20


class GebiedListView(ViewGebiedenMixin, TemplateView):
    template_name = "scans/gebied_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Every buurt and straatcluster, from the cache: the table shows
        # names, codes and figures that change with the generation only. A
        # request reads the count and its page of them, not all (at the
        # region some 650 rows for a page of 50).
        context["page_obj"], context["areas"] = index_cache.kept_page(
            "areas",
            wanted=self.request.GET.get("page"),
            size=AREAS_PAGE_SIZE,
            rows=lambda: index_cache.areas_table()["areas"],
        )
        context["map_url"] = "{}?v={}".format(
            reverse("scans:gebieden_kaart"), index_cache.map_tag("areas-map")
        )
        context["wijken"] = index_cache.kept(
            "areas-wijken", compute=lambda: index_cache.areas_table()["wijken"]
        )
        # The rows are rendered once per version of the table (ADR 0015).
        context["table_tag"] = index_cache.map_tag("areas-table")
        context["can_draw"] = permissions.can_draw_straatcluster(self.request.user)
        context["warning_count"] = (
            selectors.warnings_for(self.request.user).count()
            if permissions.can_see_warnings(self.request.user)
            else 0
        )
        return context


class GebiedenKaartView(ViewGebiedenMixin, View):
    """The map of buurten and straatclusters as GeoJSON."""

    def get(self, request, *args, **kwargs):
        return map_response(request, index_cache.areas_map())


class GebiedDetailView(ViewGebiedenMixin, TemplateView):
    template_name = "scans/gebied_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        try:
            context.update(index_cache.gebied_page(self.kwargs["code"]))
        except Gebied.DoesNotExist as exc:
            raise Http404 from exc
        gebied = context["gebied"]
        # Judgements of the newest current scan, whether or not it has figures yet.
        current = next((s for s in context["scans"] if s.is_actueel), None)
        # What this reader may see of the area, rendered and kept until a
        # table it was read from changes (core.table_versions) or the area's
        # shared part is computed again; the date because actions become
        # overdue.
        can_record = permissions.can_record(user)
        context.update(
            table_versions.cached(
                "gebied-reader",
                # Signalen, judgements and warnings are read by the policy's
                # reader and the roles, not by the person (ADR 0016).
                policy_signature(user),
                gebied.pk,
                # The area and its scans as the page has them (a rename).
                context["page_tag"],
                get_language(),
                timezone.localdate(),
                compute=lambda: _reader_part(user, gebied, current, can_record),
            ),
            can_record=can_record,
        )
        record_shown_together(
            actor=user,
            shown=[
                (context["signalen"], f"signalen op de pagina van {gebied.name}"),
                (context["oordelen"], f"oordelen op de pagina van {gebied.name}"),
            ],
            request=self.request,
        )
        return context


def _reader_part(user, gebied: Gebied, current, can_record: bool) -> dict:
    acties = list(selectors.acties_of_gebied(gebied))
    # The newest few; the list of signalen filtered on the area has them all.
    signalen = list(selectors.signalen_in_gebied(user, gebied)[: GEBIED_SIGNALEN + 1])
    part = {
        "gebied": gebied,
        "can_record": can_record,
        "oordelen": list(selectors.oordelen_for_table(user, current))
        if current
        else [],
        "signalen": signalen[:GEBIED_SIGNALEN],
        "more_signalen": len(signalen) > GEBIED_SIGNALEN,
        "acties": acties,
        "acties_progress": selectors.actie_progress(acties),
        "acties_per_thema": selectors.progress_per_thema(acties),
    }
    return {
        # Rendered below: the audit trail needs their ids and levels only.
        "oordelen": [ShownRecord.of(o) for o in part["oordelen"]],
        "signalen": [ShownRecord.of(s) for s in part["signalen"]],
        "oordelen_html": render_to_string("scans/includes/gebied_oordelen.html", part),
        "activity_html": render_to_string("scans/includes/gebied_activity.html", part),
        # A link per warning: its rule, nothing joined.
        "warnings": list(
            selectors.warnings_for(user)
            .filter(gebied=gebied)
            .select_related(None)
            .only("regel")
        )
        if permissions.can_see_warnings(user)
        else [],
        "signal_points": {
            "type": "FeatureCollection",
            "features": [
                {
                    "type": "Feature",
                    "geometry": s.point,
                    "properties": {"name": s.get_soort_display(), "text": s.thema.name},
                }
                for s in part["signalen"]
                if s.point
            ],
        },
    }


class StraatclusterCreateView(RequiresMixin, FormView):
    template_name = "scans/straatcluster_form.html"
    form_class = StraatclusterForm

    permission = permissions.can_draw_straatcluster

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        buurten = list(selectors.gebieden_for_map().filter(level=Gebied.Level.BUURT))
        context["buurten"] = buurten
        context["map_data"] = feature_collection(buurten)
        return context

    def form_valid(self, form):
        try:
            gebied = gebied_services.straatcluster_create(
                user=self.request.user,
                name=form.cleaned_data["name"],
                description=form.cleaned_data["description"],
                streets=form.cleaned_data["streets"],
                geometry_json=form.cleaned_data["geometry"],
                personal_data_confirmed=form.cleaned_data["personal_data_confirmed"],
            )
        except ValidationError as exc:
            if not hasattr(exc, "error_dict"):
                exc = ValidationError({"geometry": exc.messages})
            add_form_errors(form, exc)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Straatcluster %(name)s has been saved. It overlaps %(buurten)s.")
            % {
                "name": gebied.name,
                "buurten": ", ".join(b.name for b in gebied.overlapping_buurten.all()),
            },
        )
        return redirect(gebied)
