"""The gemeente overview (choropleth), comparing rounds and the exports."""

import csv
import json

from django.http import HttpResponse
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from scans import permissions, selectors
from scans.forms import CompareForm
from scans.models import Domein, Gebied, ScanRonde
from scans.services.index import IndexCalculator
from scans.views.common import (
    LoginRequiredMixin,
    UserPassesTestMixin,
    ViewGebiedenMixin,
    feature_collection,
    index_properties,
)


def _ronde_from(request, rondes) -> ScanRonde | None:
    wanted = request.GET.get("ronde", "")
    for r in rondes:
        if str(r.pk) == wanted:
            return r
    return rondes[-1] if rondes else None


class OverzichtView(ViewGebiedenMixin, TemplateView):
    template_name = "scans/overzicht.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rondes = selectors.rondes()
        ronde = _ronde_from(self.request, rondes)
        domein = self.request.GET.get("domein", Domein.VEILIGHEID)
        if domein not in Domein.values:
            domein = Domein.VEILIGHEID
        gebieden = list(Gebied.objects.scan_areas().order_by("code"))
        indices = IndexCalculator().for_ronde(ronde) if ronde else {}
        rows = []
        for g in gebieden:
            idx = indices.get(g.pk)
            rows.append(
                {
                    "gebied": g,
                    "index": idx,
                    "values": {
                        d: (idx.domein(d) if idx else None) for d in Domein.values
                    },
                }
            )
        context.update(
            rondes=rondes,
            ronde=ronde,
            domein=domein,
            domeinen=Domein.choices,
            domein_label=Domein(domein).label,
            rows=rows,
            map_data=feature_collection(
                gebieden,
                lambda g: index_properties(
                    indices[g.pk].domein(domein) if g.pk in indices else None
                ),
            ),
            can_import=permissions.can_import_csv(self.request.user),
            can_export=permissions.can_export_measurements(self.request.user),
        )
        return context


class CompareView(ViewGebiedenMixin, TemplateView):
    template_name = "scans/compare.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rondes = selectors.rondes()
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
            calc = IndexCalculator()
            before, after = calc.for_ronde(van), calc.for_ronde(naar)
            gebieden = {g.pk: g for g in Gebied.objects.scan_areas()}
            for gebied_id, now in after.items():
                then = before.get(gebied_id)
                if then is None or gebied_id not in gebieden:
                    continue
                for domein, label in Domein.choices:
                    a, b = then.domein(domein), now.domein(domein)
                    if a is None or b is None:
                        continue
                    rows.append(
                        {
                            "gebied": gebieden[gebied_id],
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


class MeasurementsCsvView(LoginRequiredMixin, UserPassesTestMixin, TemplateView):
    """All current measurements as CSV (partner level: not for the raad)."""

    def test_func(self) -> bool:
        return permissions.can_export_measurements(self.request.user)

    def get(self, request, *args, **kwargs):
        rondes = selectors.rondes()
        ronde = None
        if request.GET.get("ronde"):
            ronde = _ronde_from(request, rondes)
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="metingen.csv"'
        response.write("\ufeff")
        writer = csv.writer(response, delimiter=";")
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
                    str(m.value).replace(".", ","),
                    m.indicator.unit,
                    m.gemeten_op.isoformat(),
                    m.bron,
                    m.respondenten if m.respondenten is not None else "",
                    m.organisation.name,
                ]
            )
        return response


class GebiedenGeoJsonView(ViewGebiedenMixin, TemplateView):
    """Gebieden with their public indices: aggregates only, nothing above openbaar."""

    def get(self, request, *args, **kwargs):
        rondes = selectors.rondes()
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
        data["name"] = _("Areas of Alblasserdam with their public indices")
        response = HttpResponse(
            json.dumps(data, ensure_ascii=False), content_type="application/geo+json"
        )
        response["Content-Disposition"] = 'attachment; filename="gebieden.geojson"'
        return response
