"""The gemeente overview (choropleth), comparing rounds and the exports."""

import json
from urllib.parse import urlencode

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.http import HttpResponse
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.views.generic import TemplateView, View

from core import csv
from core.audit.services import Action, record
from core.views import RequiresMixin
from scans import permissions, selectors
from scans.forms import CompareForm
from scans.geojson import feature_collection
from scans.models import Domein, ScanRonde
from scans.services import index_cache
from scans.services.index import IndexCalculator
from scans.views.common import (
    ViewGebiedenMixin,
    map_response,
)


def _ronde_from(request, rondes) -> ScanRonde | None:
    wanted = request.GET.get("ronde", "")
    for r in rondes:
        if str(r.pk) == wanted:
            return r
    return rondes[-1] if rondes else None


OVERVIEW_PAGE_SIZE = 50


def _sorted_rows(rows: list[dict], sort: str) -> list[dict]:
    """Rows by area name or by a domain index; areas without an index last."""
    key, descending = sort.lstrip("-"), sort.startswith("-")
    if key in Domein.values:
        known = [r for r in rows if r["values"][key] is not None]
        unknown = [r for r in rows if r["values"][key] is None]
        known.sort(key=lambda r: (r["values"][key], r["name"]), reverse=descending)
        return known + sorted(unknown, key=lambda r: r["name"])
    return sorted(
        rows, key=lambda r: (r["name"].casefold(), r["code"]), reverse=descending
    )


def _overview_page(ronde: ScanRonde | None, sort: str, wanted) -> tuple[Page, list]:
    """The page of the overview's table and its rows: every area's row of the
    round is sorted once per order and version of the index, not on every
    request (at the region some 650 rows for a page of 50)."""
    if ronde is None:
        return Paginator([], OVERVIEW_PAGE_SIZE).get_page(1), []
    return index_cache.kept_page(
        "overview",
        ronde.pk,
        sort,
        wanted=wanted,
        size=OVERVIEW_PAGE_SIZE,
        rows=lambda: _sorted_rows(index_cache.ronde_rows(ronde), sort),
    )


class OverzichtView(ViewGebiedenMixin, TemplateView):
    template_name = "scans/overzicht.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rondes = index_cache.rondes()
        ronde = _ronde_from(self.request, rondes)
        domein = self.request.GET.get("domein", Domein.VEILIGHEID)
        if domein not in Domein.values:
            domein = Domein.VEILIGHEID
        sort = self.request.GET.get("sort", "gebied")
        if sort.lstrip("-") not in ("gebied", *Domein.values):
            sort = "gebied"
        page, rows = _overview_page(ronde, sort, self.request.GET.get("page"))
        base = {"ronde": ronde.pk if ronde else "", "domein": domein}
        # The map's link carries its version, so browsers may keep it.
        tag = index_cache.map_tag(*index_cache.overview_map_parts(ronde, domein))
        columns = [("gebied", _("Area"))] + [
            (key, capfirst(label)) for key, label in Domein.choices
        ]
        context.update(
            rondes=rondes,
            ronde=ronde,
            domein=domein,
            domeinen=Domein.choices,
            domein_label=Domein(domein).label,
            page_obj=page,
            rows=rows,
            # The table's body is cached under the rows it shows (ADR 0015).
            rows_tag=index_cache.ronde_rows_tag(ronde) if ronde else "",
            sort=sort,
            columns=[_sort_column(key, label, sort, base) for key, label in columns],
            query_string=urlencode({**base, "sort": sort}),
            map_url=reverse("scans:overzicht_kaart")
            + "?"
            + urlencode({**base, "v": tag}),
            can_import=permissions.can_import_csv(self.request.user),
            can_export=permissions.can_export_measurements(self.request.user),
        )
        return context


def _sort_column(key: str, label: str, sort: str, base: dict) -> dict:
    """A column header: its sort link (toggling the direction) and aria-sort."""
    current = sort.lstrip("-") == key
    descending = sort.startswith("-")
    following = f"-{key}" if current and not descending else key
    return {
        "key": key,
        "label": label,
        "url": "?" + urlencode({**base, "sort": following}),
        "aria_sort": ("descending" if descending else "ascending") if current else "",
    }


class OverzichtKaartView(ViewGebiedenMixin, View):
    """The overview map's GeoJSON for one round and domain."""

    def get(self, request, *args, **kwargs):
        ronde = _ronde_from(request, index_cache.rondes())
        domein = request.GET.get("domein", Domein.VEILIGHEID)
        if domein not in Domein.values:
            domein = Domein.VEILIGHEID
        return map_response(request, index_cache.overview_map(ronde, domein))


class CompareView(ViewGebiedenMixin, TemplateView):
    template_name = "scans/compare.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rondes = index_cache.rondes()
        initial = {}
        if len(rondes) >= 2:
            initial = {"van": rondes[-2].pk, "naar": rondes[-1].pk}
        form = CompareForm(self.request.GET or None, initial=initial)
        van = naar = None
        if form.is_bound and form.is_valid():
            van, naar = form.cleaned_data["van"], form.cleaned_data["naar"]
        elif not form.is_bound and len(rondes) >= 2:
            van, naar = rondes[-2], rondes[-1]
        rows = []
        if van and naar:
            before = {r["pk"]: r for r in index_cache.ronde_rows(van)}
            for now in index_cache.ronde_rows(naar):
                then = before.get(now["pk"])
                if then is None:
                    continue
                for domein, label in Domein.choices:
                    a, b = then["values"][domein], now["values"][domein]
                    if a is None or b is None:
                        continue
                    rows.append(
                        {
                            "gebied": now,
                            "domein": label,
                            "van": a,
                            "naar": b,
                            "verschil": round(b - a, 1),
                        }
                    )
        rows.sort(key=lambda r: r["verschil"], reverse=True)
        context.update(
            form=form,
            van=van,
            naar=naar,
            risers=[r for r in rows if r["verschil"] > 0][:15],
            fallers=sorted(
                [r for r in rows if r["verschil"] < 0], key=lambda r: r["verschil"]
            )[:15],
        )
        return context


class MeasurementsCsvView(RequiresMixin, TemplateView):
    """All current measurements as CSV (partner level: not for the raad)."""

    permission = permissions.can_export_measurements

    def get(self, request, *args, **kwargs):
        rondes = index_cache.rondes()
        ronde = None
        if request.GET.get("ronde"):
            ronde = _ronde_from(request, rondes)
        # Partner-level figures, the police's among them: who took them, when.
        record(
            actor=request.user,
            action=Action.EXPORT,
            object_type="scans.meting",
            label=f"metingen (CSV), {ronde.name if ronde else 'alle rondes'}",
            classification="partners",
            request=request,
        )
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="metingen.csv"'
        response.write("\ufeff")
        writer = csv.writer(response)
        writer.writerow(
            [
                "ronde",
                "gebied",
                "gebiednaam",
                "indicator",
                "thema",
                "laag",
                "waarde",
                "eenheid",
                "datum",
                "bron",
                "respondenten",
                "organisatie",
            ]
        )
        for m in selectors.measurements_for_export(ronde).iterator(chunk_size=2000):
            writer.writerow(
                [
                    m.scan.ronde.name,
                    m.scan.gebied.code,
                    m.scan.gebied.name,
                    m.indicator.code,
                    m.indicator.thema.name,
                    m.indicator.laag,
                    m.value,
                    m.indicator.unit,
                    m.gemeten_op.isoformat(),
                    m.bron,
                    m.respondenten,
                    m.organisation.name,
                ]
            )
        return response


class GebiedenGeoJsonView(ViewGebiedenMixin, TemplateView):
    """Gebieden with their public indices: aggregates only, nothing above openbaar."""

    def get(self, request, *args, **kwargs):
        rondes = index_cache.rondes()
        ronde = _ronde_from(request, rondes)
        indices = IndexCalculator().for_ronde(ronde) if ronde else {}
        gebieden = list(selectors.gebieden_for_map())

        def props(g):
            idx = indices.get(g.pk)
            return {
                "ronde": ronde.name if ronde else None,
                "inwoners": g.inhabitants,
                "benaderd": g.approximate,
                "klein_gebied": idx.is_flagged if idx else None,
                **{
                    f"index_{d}": (idx.domein(d) if idx else None)
                    for d in Domein.values
                },
            }

        data = feature_collection(gebieden, props)
        data["name"] = _("Areas of %(gemeente)s with their public indices") % {
            "gemeente": settings.GEMEENTE_NAAM
        }
        response = HttpResponse(
            json.dumps(data, ensure_ascii=False), content_type="application/geo+json"
        )
        response["Content-Disposition"] = 'attachment; filename="gebieden.geojson"'
        return response
