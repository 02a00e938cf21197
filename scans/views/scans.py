"""A scan: its measurements, judgements, status, corrections and history."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.generic import FormView, TemplateView

from core.audit.services import record_shown
from core.views import RequiresMixin, add_form_errors
from scans import permissions, selectors
from scans.forms import (
    CorrectieForm,
    CsvUploadForm,
    MetingForm,
    OordeelForm,
    ScanCreateForm,
)
from scans.models import Gebied, Gebiedsscan, ScanRonde
from scans.services import csv_import
from scans.services import scan as scan_services
from scans.services.index import IndexCalculator
from scans.views.common import RecordMixin, ViewGebiedenMixin


class ScanObjectMixin:
    def get_scan(self) -> Gebiedsscan:
        if not hasattr(self, "_scan"):
            try:
                self._scan = selectors.scan_with_details(self.kwargs["pk"])
            except Gebiedsscan.DoesNotExist as exc:
                raise Http404 from exc
        return self._scan


class ScanCreateView(RecordMixin, FormView):
    template_name = "scans/scan_form.html"
    form_class = ScanCreateForm

    def dispatch(self, request, *args, **kwargs):
        self.gebied = get_object_or_404(Gebied, code=kwargs["code"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(gebied=self.gebied, **kwargs)

    def form_valid(self, form):
        try:
            scan = scan_services.scan_create(
                user=self.request.user,
                gebied=self.gebied,
                ronde=form.cleaned_data["ronde"],
            )
        except ValidationError as exc:
            add_form_errors(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("The scan has been created as a draft."))
        return redirect(scan)


class ScanDetailView(ViewGebiedenMixin, ScanObjectMixin, TemplateView):
    template_name = "scans/scan_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        scan = self.get_scan()
        user = self.request.user
        index = (
            IndexCalculator().for_gebied(scan.gebied, scan.ronde)
            if scan.is_actueel
            else None
        )
        metingen = selectors.metingen_visible_to(user, scan)
        for m in metingen:
            m.score = index.indicator_scores.get(m.indicator_id) if index else None
        context.update(
            scan=scan,
            metingen=metingen,
            oordelen=list(selectors.oordelen_visible_to(user, scan)),
            figures=permissions.can_read_figures(user),
            index=index,
            can_edit=permissions.can_edit_scan(user, scan),
            can_adopt=permissions.can_adopt_scan(user, scan)
            and scan.status == Gebiedsscan.Status.REVIEW,
            can_correct=permissions.can_correct_scan(user, scan),
            correctie=getattr(scan, "correctie", None) if not scan.is_actueel else None,
        )
        record_shown(
            actor=user,
            objects=context["oordelen"],
            request=self.request,
            what=f"oordelen bij {scan}"[:255],
        )
        return context


class ScanEditMixin(RecordMixin, ScanObjectMixin):
    def dispatch(self, request, *args, **kwargs):
        if permissions.can_record(request.user):
            scan = self.get_scan()
            if scan.is_read_only:
                messages.error(
                    request,
                    _(
                        "This scan has been adopted and can no longer be changed. "
                        "Make a correction to change it."
                    ),
                )
                return redirect(scan)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(scan=self.get_scan(), **kwargs)


class MetingCreateView(ScanEditMixin, FormView):
    template_name = "scans/meting_form.html"
    form_class = MetingForm

    def get_initial(self):
        return {"gemeten_op": self.get_scan().ronde.peildatum}

    def form_valid(self, form):
        try:
            scan_services.meting_save(
                user=self.request.user, scan=self.get_scan(), **form.cleaned_data
            )
        except ValidationError as exc:
            add_form_errors(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("The measurement has been saved."))
        if "another" in self.request.POST:
            return redirect("scans:meting_create", pk=self.get_scan().pk)
        return redirect(self.get_scan())


class OordeelCreateView(ScanEditMixin, FormView):
    template_name = "scans/oordeel_form.html"
    form_class = OordeelForm

    def form_valid(self, form):
        try:
            scan_services.oordeel_save(
                user=self.request.user, scan=self.get_scan(), **form.cleaned_data
            )
        except ValidationError as exc:
            add_form_errors(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("Your judgement has been saved."))
        return redirect(self.get_scan())


@require_POST
def scan_transition(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    if not permissions.can_record(request.user) and not permissions.is_beheerder(
        request.user
    ):
        raise PermissionDenied
    scan = get_object_or_404(Gebiedsscan, pk=pk)
    service = {
        "indienen": scan_services.scan_submit,
        "terug": scan_services.scan_reopen,
        "vaststellen": scan_services.scan_adopt,
    }.get(action)
    if service is None:
        raise Http404
    try:
        service(user=request.user, scan=scan)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("The scan is now: %(status)s.") % {"status": scan.get_status_display()},
        )
    return redirect(scan)


class ScanCorrectView(RecordMixin, ScanObjectMixin, FormView):
    template_name = "scans/scan_correct.html"
    form_class = CorrectieForm

    def dispatch(self, request, *args, **kwargs):
        if permissions.can_record(request.user):
            scan = self.get_scan()
            if not permissions.can_correct_scan(request.user, scan):
                messages.error(
                    request, _("Only the current adopted version can be corrected.")
                )
                return redirect(scan)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(scan=self.get_scan(), **kwargs)

    def form_valid(self, form):
        try:
            new = scan_services.scan_correct(
                user=self.request.user,
                scan=self.get_scan(),
                reden=form.cleaned_data["reden"],
                personal_data_confirmed=form.cleaned_data["personal_data_confirmed"],
            )
        except ValidationError as exc:
            add_form_errors(form, exc)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Version %(n)s has been made as a draft; the adopted version is kept.")
            % {"n": new.versie},
        )
        return redirect(new)


class ScanHistoryView(ViewGebiedenMixin, ScanObjectMixin, TemplateView):
    template_name = "scans/scan_history.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        scan = self.get_scan()
        versions = list(
            Gebiedsscan.objects.filter(gebied=scan.gebied, ronde=scan.ronde)
            .select_related("created_by", "vastgesteld_by")
            .order_by("versie")
        )
        events = list(
            Gebiedsscan.history.filter(id__in=[v.pk for v in versions])
            .select_related("history_user")
            .order_by("-history_date")[:200]
        )
        meting_events = list(
            Gebiedsscan.metingen.rel.related_model.history.filter(
                scan_id__in=[v.pk for v in versions]
            )
            .select_related("history_user", "indicator")
            .order_by("-history_date")[:200]
        )
        context.update(
            scan=scan,
            versions=versions,
            events=events,
            meting_events=meting_events,
            figures=permissions.can_read_figures(self.request.user),
        )
        return context


class CsvImportView(RequiresMixin, TemplateView):
    """Upload a CSV, see a preview with row errors, then save all or nothing."""

    template_name = "scans/csv_import.html"
    session_key = "scans_csv_import"
    permission = permissions.can_import_csv

    def dispatch(self, request, *args, **kwargs):
        self.ronde = get_object_or_404(ScanRonde, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        return self._render(CsvUploadForm())

    def _render(self, form, result=None, status=200):
        return render(
            self.request,
            self.template_name,
            {"form": form, "ronde": self.ronde, "result": result},
            status=status,
        )

    def post(self, request, *args, **kwargs):
        if "confirm" in request.POST:
            return self._confirm()
        form = CsvUploadForm(request.POST, request.FILES)
        if not form.is_valid():
            return self._render(form)
        try:
            text = csv_import.decode(form.cleaned_data["file"].read())
        except ValidationError as exc:
            form.add_error("file", exc)
            return self._render(form)
        result = csv_import.parse(text, ronde=self.ronde)
        if result.errors:
            for error in result.errors:
                form.add_error("file", error)
            return self._render(form)
        if result.is_valid:
            request.session[self.session_key] = {"ronde": self.ronde.pk, "text": text}
        else:
            request.session.pop(self.session_key, None)
        return self._render(CsvUploadForm(), result)

    def _confirm(self):
        stored = self.request.session.get(self.session_key)
        if not stored or stored.get("ronde") != self.ronde.pk:
            messages.error(
                self.request, _("Upload the file again; the preview has expired.")
            )
            return redirect("scans:csv_import", pk=self.ronde.pk)
        try:
            count = csv_import.commit(
                user=self.request.user,
                ronde=self.ronde,
                text=stored["text"],
                personal_data_confirmed=bool(
                    self.request.POST.get("personal_data_confirmed")
                ),
            )
        except ValidationError as exc:
            messages.error(self.request, " ".join(exc.messages))
            if exc.code == "confirm":
                # The preview stays, with the question next to the button.
                result = csv_import.parse(stored["text"], ronde=self.ronde)
                return self._render(CsvUploadForm(), result)
            self.request.session.pop(self.session_key, None)
            return redirect("scans:csv_import", pk=self.ronde.pk)
        self.request.session.pop(self.session_key, None)
        messages.success(
            self.request,
            _("%(n)s measurements have been imported into %(ronde)s.")
            % {"n": count, "ronde": self.ronde.name},
        )
        return redirect("scans:overzicht")
