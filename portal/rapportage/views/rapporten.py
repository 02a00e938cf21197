from csp.constants import SELF
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.generic import DetailView, FormView, ListView
from django_ratelimit.decorators import ratelimit

from core.audit.services import Action, record
from core.ratelimits import RATES
from core.views import KeptPageMixin, RequiresMixin, add_form_errors
from partners.permissions import is_griffier
from partners.selectors import access_signature
from portal.rapportage import kinds, permissions, selectors, services
from portal.rapportage.forms import (
    CorrectionForm,
    NotitieForm,
    RapportRequestForm,
    RapportSearchForm,
)
from portal.rapportage.models import Rapport
from portal.rapportage.templatetags.rapportage import rapport_rows
from scans.services import index_cache


class RapportListView(KeptPageMixin, ListView):
    """The reading room: reports by date, kind and area, with a title search."""

    template_name = "rapportage/rapport_list.html"
    context_object_name = "rapporten"
    paginate_by = 20

    def kept_page_parts(self) -> tuple:
        # The rows are kept rendered: their dates and labels are in the
        # language of the page.
        return (access_signature(self.request.user), get_language())

    def kept_page_extra(self, rows: list):
        return rapport_rows(rows)

    def kept_page_rows(self, rows: list) -> list:
        return []  # the page shows them rendered only

    def get_queryset(self):
        # Without a query the form is the same for every reader: it is
        # rendered once per version of the areas and per language.
        self.form = RapportSearchForm(self.request.GET) if self.request.GET else None
        filters = {}
        if self.form is not None and self.form.is_valid():
            data = self.form.cleaned_data
            filters = {
                "q": data["q"].strip(),
                "kind": data["kind"],
                "gebied_id": data["gebied"],
                "date_from": data["date_from"],
                "date_to": data["date_to"],
            }
        return selectors.rapporten_search(self.request.user, **filters)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.copy()
        query.pop("page", None)
        context.update(
            rows=self.kept_extra,
            form_html=render_to_string("includes/form.html", {"form": self.form})
            if self.form is not None
            else index_cache.kept(
                "rapport-search-form",
                compute=lambda: render_to_string(
                    "includes/form.html", {"form": RapportSearchForm()}
                ),
            ),
            query_string=query.urlencode(),
            can_request=permissions.can_request_any(self.request.user),
        )
        return context


class RapportRequestView(RequiresMixin, FormView):
    template_name = "rapportage/rapport_form.html"
    form_class = RapportRequestForm

    permission = permissions.can_request_any

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def form_valid(self, form):
        try:
            data = form.cleaned_data
            self.rapport = services.rapport_request(
                user=self.request.user,
                kind=data["kind"],
                audience=data["audience"],
                gebied=data["gebied"],
                subject_pk=data["subject_pk"],
                title=data["title"],
                personal_data_confirmed=data["personal_data_confirmed"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
            return self.form_invalid(form)
        except PermissionDenied:
            form.add_error(
                "audience", _("You may not request reports for this audience.")
            )
            return self.form_invalid(form)
        if permissions.can_edit_brief(self.request.user, self.rapport):
            messages.success(
                self.request,
                _(
                    "The council information letter has been requested. Write "
                    "the college's text now: the annexes are added when it is made."
                ),
            )
            return redirect("rapportage:brief_edit", uid=self.rapport.uid)
        messages.success(
            self.request,
            _(
                "Your report has been requested. "
                "You will receive an e-mail when it is ready."
            ),
        )
        return redirect(self.rapport.get_absolute_url())


class RapportDetailView(DetailView):
    """A report: its status and download; for a raadslid the PDF with notes."""

    template_name = "rapportage/rapport_detail.html"
    context_object_name = "rapport"
    slug_field = slug_url_kwarg = "uid"

    def get_queryset(self):
        return selectors.rapporten_visible_to(self.request.user).select_related(
            "brief__written_by"
        )

    def get_context_data(self, note_form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        user, rapport = self.request.user, self.object
        keeps_notes = permissions.can_keep_notes(user, rapport)
        context.update(
            # A correction shows here once the reader may see it.
            correction=selectors.rapporten_visible_to(user)
            .filter(supersedes=rapport)
            .first(),
            kind_label=kinds.label(rapport.kind),
            brief=_brief_of(rapport),
            is_brief=rapport.kind == permissions.BRIEF_KIND,
            can_edit_brief=permissions.can_edit_brief(user, rapport),
            can_publish=permissions.can_publish(user, rapport),
            can_retry=permissions.can_retry(user, rapport),
            can_correct=permissions.can_correct(user, rapport),
            berichten=(
                selectors.berichten_summary(rapport)
                if rapport.is_published and is_griffier(user)
                else None
            ),
            keeps_notes=keeps_notes,
            notities=(
                list(selectors.notities_for(user, rapport)) if keeps_notes else []
            ),
            note_form=note_form
            or (NotitieForm(page_count=rapport.page_count) if keeps_notes else None),
        )
        return context


def _brief_of(rapport: Rapport):
    try:
        return rapport.brief
    except Rapport.brief.RelatedObjectDoesNotExist:
        return None


def _visible(request: HttpRequest, uid) -> Rapport:
    return get_object_or_404(selectors.rapporten_visible_to(request.user), uid=uid)


def rapport_status(request: HttpRequest, uid) -> JsonResponse:
    """What the page's poller asks every few seconds."""
    rapport = _visible(request, uid)
    return JsonResponse(
        {
            "status": rapport.status,
            "label": rapport.get_status_display(),
            "finished": rapport.is_finished,
            "error": rapport.error,
            "page_count": rapport.page_count,
        }
    )


@ratelimit(key="user_or_ip", rate=RATES["download"])
def rapport_download(request: HttpRequest, uid) -> FileResponse:
    """The only way to a report file: scoped to the user, never a media URL.

    With ?bekijken=1 the PDF opens in the page itself: the reading room shows
    it next to the notes, so that response may be framed by the portal's own
    pages (never by another site).
    """
    rapport = _visible(request, uid)
    if rapport.status != Rapport.Status.KLAAR or not rapport.file:
        raise Http404
    try:
        handle = rapport.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    inline = request.GET.get("bekijken") == "1"
    response = FileResponse(
        handle,
        as_attachment=not inline,
        filename=f"{rapport.title}.pdf",
        content_type="application/pdf",
    )
    response["Cache-Control"] = "private, no-store"
    if inline:
        response["X-Frame-Options"] = "SAMEORIGIN"
        response._csp_replace = {"frame-ancestors": [SELF]}
    if rapport.published_at is None:
        record(
            actor=request.user,
            action=Action.EXPORT,
            obj=rapport,
            classification="ongepubliceerd",
            request=request,
            details={"sha256": rapport.sha256},
        )
    return response


@require_POST
def rapport_publish(request: HttpRequest, uid) -> HttpResponse:
    rapport = _visible(request, uid)
    try:
        services.rapport_publish(rapport=rapport, by=request.user)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(
            request,
            _(
                "The report has been published; every council member gets an "
                "e-mail about it."
            ),
        )
    return redirect(rapport.get_absolute_url())


@require_POST
def rapport_retry(request: HttpRequest, uid) -> HttpResponse:
    rapport = _visible(request, uid)
    if rapport.status != Rapport.Status.MISLUKT:
        messages.info(request, _("Only a failed report can be tried again."))
        return redirect(rapport.get_absolute_url())
    if not permissions.can_retry(request.user, rapport):
        raise PermissionDenied
    services.rapport_retry(rapport=rapport, by=request.user)
    messages.success(request, _("The report is queued again."))
    return redirect(rapport.get_absolute_url())


def rapport_correct(request: HttpRequest, uid) -> HttpResponse:
    """The correction form: a title and what changed; the original stays."""
    rapport = _visible(request, uid)
    if not is_griffier(request.user):
        raise PermissionDenied
    if not permissions.can_correct(request.user, rapport):
        messages.error(
            request,
            _(
                "Only a published report that has not been corrected yet "
                "can be corrected."
            ),
        )
        return redirect(rapport.get_absolute_url())
    if request.method != "POST":
        form = CorrectionForm(
            initial={"title": _("%(title)s (correction)") % {"title": rapport.title}}
        )
        return _correction_page(request, rapport, form)
    form = CorrectionForm(request.POST)
    if not form.is_valid():
        return _correction_page(request, rapport, form)
    data = form.cleaned_data
    try:
        correction = services.rapport_correct(
            rapport=rapport,
            by=request.user,
            title=data["title"],
            change_note=data["change_note"],
            personal_data_confirmed=data["personal_data_confirmed"],
        )
    except ValidationError as exc:
        add_form_errors(form, exc)
        return _correction_page(request, rapport, form)
    messages.success(
        request, _("The correction has been requested; the original stays available.")
    )
    return redirect(correction.get_absolute_url())


def _correction_page(request, rapport: Rapport, form) -> HttpResponse:
    return render(
        request,
        "rapportage/rapport_correct.html",
        {"rapport": rapport, "form": form, "is_brief": _brief_of(rapport) is not None},
    )
