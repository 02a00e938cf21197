"""Signalen and acties."""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.generic import FormView, ListView, TemplateView

from core import policy
from core.audit.services import Action, ShownRecord, record, record_shown
from core.policy import Rubricering
from core.views import KeptPageMixin, add_form_errors
from core.widgets import option_tags
from partners.selectors import policy_signature
from scans import permissions, selectors
from scans.forms import ActieForm, SignaalForm
from scans.geojson import feature_collection
from scans.models import Actie, Gebied, Signaal
from scans.services import acties as actie_services
from scans.services import index_cache
from scans.services import signalen as signaal_services
from scans.templatetags.scans_tags import actie_rows, signaal_rows
from scans.views.common import (
    RecordMixin,
    ViewGebiedenMixin,
)


class SignaalListView(ViewGebiedenMixin, KeptPageMixin, ListView):
    template_name = "scans/signaal_list.html"
    context_object_name = "signalen"
    paginate_by = 25

    def kept_page_parts(self) -> tuple:
        # Visible by the policy's reader, not by the person (ADR 0016); the
        # rows are kept rendered, and their dates and labels are in the
        # language of the page.
        return (policy_signature(self.request.user), get_language())

    def kept_page_extra(self, rows: list):
        return signaal_rows(rows, show_gebied=True)

    def kept_page_rows(self, rows: list) -> list:
        # Rendered already: the audit trail needs their ids and levels only.
        return [ShownRecord.of(s) for s in rows]

    def get_queryset(self):
        qs = selectors.signalen_for_table(self.request.user)
        self.filters = {
            # A NUL cannot be stored or searched for in PostgreSQL text.
            key: self.request.GET.get(key, "").replace("\x00", "")
            for key in ("gebied", "thema", "rubricering", "q")
        }
        if self.filters["gebied"]:
            qs = qs.filter(gebied__code=self.filters["gebied"])
        if self.filters["thema"]:
            qs = qs.filter(thema__code=self.filters["thema"])
        if self.filters["rubricering"] in Rubricering.values:
            qs = qs.filter(rubricering=self.filters["rubricering"])
        if self.filters["q"]:
            # Search runs on the visible set only, so it cannot reveal a signaal.
            qs = qs.filter(text__icontains=self.filters["q"][:100])
        return qs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        record_shown(
            actor=self.request.user,
            objects=context["signalen"],
            request=self.request,
            what="lijst van signalen",
        )
        context.update(
            rows=self.kept_extra,
            filters=self.filters,
            gebied_options=_area_options(self.filters["gebied"]),
            themas=index_cache.thema_choices(),
            levels=Rubricering.choices,
            query_string=urlencode({k: v for k, v in self.filters.items() if v}),
        )
        return context


def _area_options(selected: str) -> str:
    """Every area of the gemeente as options, written directly, not by a
    template loop; with none selected, once per version of the areas."""

    def options():
        return option_tags(
            ((code, name) for _pk, code, name in index_cache.area_choices()),
            selected=selected,
        )

    return options() if selected else index_cache.kept("area-options", compute=options)


class SignaalDetailView(ViewGebiedenMixin, TemplateView):
    template_name = "scans/signaal_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Not found and not visible look the same: existence is not revealed.
        try:
            signaal = selectors.signalen_visible_to(self.request.user).get(
                pk=self.kwargs["pk"]
            )
        except Signaal.DoesNotExist as exc:
            raise Http404 from exc
        if not policy.is_public(signaal.rubricering):
            record(
                actor=self.request.user,
                action=Action.VIEW,
                obj=signaal,
                classification=signaal.rubricering,
                request=self.request,
            )
        context["signaal"] = signaal
        context["acties"] = signaal.acties.select_related("eigenaar")
        return context


class GebiedFormMixin(RecordMixin):
    def dispatch(self, request, *args, **kwargs):
        self.gebied = get_object_or_404(Gebied, code=kwargs["code"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(gebied=self.gebied, **kwargs)
        context["map_data"] = feature_collection([self.gebied])
        return context


class SignaalCreateView(GebiedFormMixin, FormView):
    template_name = "scans/signaal_form.html"
    form_class = SignaalForm

    def form_valid(self, form):
        data = dict(form.cleaned_data)
        try:
            signaal_services.signaal_create(
                user=self.request.user,
                gebied=self.gebied,
                thema=data["thema"],
                soort=data["soort"],
                text=data["text"],
                waargenomen_op=data["waargenomen_op"],
                rubricering=data["rubricering"],
                point=data.get("point") or None,
                personal_data_confirmed=data.get("personal_data_confirmed", False),
            )
        except ValidationError as exc:
            add_form_errors(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("The signal has been saved."))
        return redirect(self.gebied)


class ActieFormMixin(GebiedFormMixin):
    template_name = "scans/actie_form.html"
    form_class = ActieForm
    actie = None

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["signalen"] = selectors.signalen_visible_to(self.request.user).filter(
            gebied=self.gebied
        )
        if self.actie is not None:
            kwargs["instance"] = self.actie
        return kwargs

    def get_initial(self):
        initial = super().get_initial()
        org = permissions.acting_organisation(self.request.user)
        if org and self.actie is None:
            initial["eigenaar"] = org.pk
        return initial

    def get_context_data(self, **kwargs):
        return super().get_context_data(actie=self.actie, **kwargs)

    def form_valid(self, form):
        data = dict(form.cleaned_data)
        if self.actie is not None:
            # Links to signalen the editor cannot see are kept as they were.
            hidden = self.actie.signalen.exclude(
                pk__in=form.fields["signalen"].queryset.values("pk")
            )
            data["signalen"] = list(data["signalen"]) + list(hidden)
        try:
            actie = actie_services.actie_save(
                user=self.request.user,
                gebied=self.gebied,
                actie=self.actie,
                personal_data_confirmed=data.pop("personal_data_confirmed", False),
                **data,
            )
        except ValidationError as exc:
            add_form_errors(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("The action has been saved."))
        return redirect(actie)


class ActieCreateView(ActieFormMixin, FormView):
    pass


class ActieUpdateView(ActieFormMixin, FormView):
    def dispatch(self, request, *args, **kwargs):
        self.actie = get_object_or_404(Actie, pk=kwargs["pk"])
        kwargs["code"] = self.actie.gebied.code
        return super().dispatch(request, *args, **kwargs)

    def has_permission(self, user) -> bool:
        return permissions.can_record(user) and permissions.can_edit_actie(
            user, self.actie
        )


class ActieDetailView(ViewGebiedenMixin, TemplateView):
    template_name = "scans/actie_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        try:
            actie = selectors.actie_with_details(self.kwargs["pk"], self.request.user)
        except Actie.DoesNotExist as exc:
            raise Http404 from exc
        context["actie"] = actie
        context["can_edit"] = permissions.can_edit_actie(self.request.user, actie)
        return context


class ActieListView(ViewGebiedenMixin, KeptPageMixin, ListView):
    """Every reader of the areas sees the same acties (ADR 0602), so the rows
    are kept rendered, per language and per day (an actie becomes overdue)."""

    template_name = "scans/actie_list.html"
    context_object_name = "acties"
    paginate_by = 50

    def kept_page_parts(self) -> tuple:
        return (get_language(), timezone.localdate())

    def kept_page_extra(self, rows: list):
        return actie_rows(rows, show_gebied=True)

    def get_queryset(self):
        qs = selectors.acties_for_list()
        status = self.request.GET.get("status")
        if status in Actie.Status.values:
            qs = qs.filter(status=status)
        return qs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["rows"] = self.kept_extra
        context["statuses"] = Actie.Status.choices
        context["current_status"] = self.request.GET.get("status", "")
        context["query_string"] = (
            f"status={context['current_status']}" if context["current_status"] else ""
        )
        return context
