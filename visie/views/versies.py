"""Versions, sign-offs and the samenwerkingsafspraken."""

from collections import defaultdict

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.generic import FormView, TemplateView

from core.audit.services import record_shown
from core.views import RequiresMixin, requires
from visie import permissions, selectors, services
from visie.forms import (
    AfspraakForm,
    OndertekeningForm,
    OpmerkingForm,
    VersieReleaseForm,
)
from visie.models import Afspraak, Versie, VisieDocument
from visie.text import word_diff
from visie.views.common import flash_errors


class DocumentMixin(RequiresMixin):
    def dispatch(self, request, *args, **kwargs):
        self.document = get_object_or_404(VisieDocument, slug=kwargs["slug"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(document=self.document, **kwargs)


class VersieReleaseView(DocumentMixin, FormView):
    template_name = "visie/versie_release.html"
    form_class = VersieReleaseForm

    def has_permission(self, user) -> bool:
        return permissions.can_manage_document(user, self.document)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            latest=selectors.latest_versie(self.document), **kwargs
        )

    def form_valid(self, form):
        try:
            versie = services.versie_release(
                document=self.document, user=self.request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            form.add_error(None, exc)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Version %(number)s has been released for consultation.")
            % {"number": versie.number},
        )
        return redirect(versie)


def render_versie(request: HttpRequest, versie: Versie, forms=None) -> HttpResponse:
    user = request.user
    data = selectors.versie_for_raad(versie)
    drafts = permissions.can_read_drafts(user)
    can_comment = permissions.can_comment_on_versie(user, versie)
    forms = forms or {}
    # Each reader sees the comments the policy lets them read (the raad:
    # openbaar only, as in versie_for_raad).
    by_sectie = defaultdict(list)
    for opmerking in selectors.opmerkingen_visible_to(user).filter(versie=versie):
        by_sectie[opmerking.sectie_id].append(opmerking)
    secties = []
    for vs in data.secties:
        visible = [
            o for o in by_sectie.get(vs.sectie_id, []) if o.versie_id == versie.pk
        ]
        form = forms.get(vs.sectie_id)
        if form is None and can_comment:
            form = OpmerkingForm(raad=not drafts, prefix=f"s{vs.sectie_id}")
        secties.append({"vs": vs, "opmerkingen": visible, "form": form})
    record_shown(
        actor=user,
        objects=[o for s in secties for o in s["opmerkingen"]],
        request=request,
        what=f"opmerkingen bij {versie}"[:255],
    )
    return render(
        request,
        "visie/versie_detail.html",
        {
            "versie": versie,
            "document": versie.document,
            "data": data,
            "secties": secties,
            "can_read_drafts": drafts,
            "can_comment": can_comment,
            "can_sign": permissions.can_sign(user, versie) and data.is_latest,
            "can_adopt": permissions.can_manage_document(user, versie.document)
            and data.is_latest,
        },
    )


@requires(permissions.can_read_versions)
def versie_detail(request: HttpRequest, pk: int) -> HttpResponse:
    versie = get_object_or_404(selectors.versies_visible_to(request.user), pk=pk)
    return render_versie(request, versie)


@require_POST
@requires(permissions.can_manage)
def versie_vaststellen(request: HttpRequest, pk: int) -> HttpResponse:
    versie = get_object_or_404(Versie.objects.select_related("document"), pk=pk)
    try:
        services.versie_vaststellen(versie=versie, user=request.user)
    except ValidationError as exc:
        flash_errors(request, exc)
    else:
        messages.success(
            request,
            _("Version %(number)s has been adopted. The vision is now read-only.")
            % {"number": versie.number},
        )
    return redirect(versie)


class VersieCompareView(DocumentMixin, TemplateView):
    template_name = "visie/versie_compare.html"

    permission = permissions.can_read_versions

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        versies = list(self.document.versies.order_by("-number"))
        by_number = {v.number: v for v in versies}
        b = by_number.get(_int(self.request.GET.get("b"))) or (
            versies[0] if versies else None
        )
        a = by_number.get(_int(self.request.GET.get("a")))
        if a is None and b is not None:
            a = next((v for v in versies if v.number < b.number), b)
        rows = []
        if a and b:
            old = {s.sectie_id: s for s in a.secties.all()}
            new = {s.sectie_id: s for s in b.secties.all()}
            for sectie_id in sorted(
                old.keys() | new.keys(),
                key=lambda i: (new.get(i) or old.get(i)).position,
            ):
                o, n = old.get(sectie_id), new.get(sectie_id)
                rows.append(
                    {
                        "title": (n or o).title,
                        "changed": (o.text if o else "") != (n.text if n else ""),
                        "diff": word_diff(o.text if o else "", n.text if n else ""),
                    }
                )
        context.update(versies=versies, a=a, b=b, rows=rows)
        return context


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


class OndertekeningCreateView(RequiresMixin, FormView):
    template_name = "visie/ondertekening_form.html"
    form_class = OndertekeningForm

    def dispatch(self, request, *args, **kwargs):
        self.versie = get_object_or_404(
            Versie.objects.select_related("document"), pk=kwargs["pk"]
        )
        return super().dispatch(request, *args, **kwargs)

    def has_permission(self, user) -> bool:
        return permissions.can_sign(user, self.versie)

    def handle_no_permission(self):
        return render(
            self.request,
            "visie/ondertekening_denied.html",
            {"versie": self.versie, "document": self.versie.document},
            status=403,
        )

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["organisations"] = permissions.signing_organisations(self.request.user)
        return kwargs

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            versie=self.versie,
            document=self.versie.document,
            data=selectors.versie_for_raad(self.versie),
            **kwargs,
        )

    def form_valid(self, form):
        try:
            services.ondertekening_create(
                versie=self.versie, user=self.request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            form.add_error(None, exc)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Version %(number)s has been signed for %(organisation)s.")
            % {
                "number": self.versie.number,
                "organisation": form.cleaned_data["organisation"].name,
            },
        )
        return redirect("visie:ondertekening_overview", slug=self.versie.document.slug)


class OndertekeningOverviewView(DocumentMixin, TemplateView):
    template_name = "visie/ondertekening_overview.html"

    permission = permissions.can_read_versions

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        versies, rows = selectors.ondertekening_overview(self.document)
        context.update(
            versies=versies, rows=rows, latest=versies[0] if versies else None
        )
        return context


class AfspraakListView(DocumentMixin, TemplateView):
    template_name = "visie/afspraak_list.html"

    permission = permissions.can_read_drafts

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        afspraken = list(selectors.afspraken_of(self.document))
        organisations = selectors.matrix_organisations(afspraken)
        rows = []
        for afspraak in afspraken:
            letters = {r.organisation_id: r.rol for r in afspraak.rollen.all()}
            rows.append(
                {
                    "afspraak": afspraak,
                    "cells": [letters.get(o.pk, "") for o in organisations],
                }
            )
        context.update(
            organisations=organisations,
            rows=rows,
            can_edit=permissions.can_edit_document(self.request.user, self.document),
        )
        return context


class AfspraakFormMixin(RequiresMixin):
    template_name = "visie/afspraak_form.html"
    form_class = AfspraakForm

    def has_permission(self, user) -> bool:
        return permissions.can_edit_document(user, self.document)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["organisations"] = selectors.matrix_organisations(
            [self.afspraak] if self.afspraak else []
        )
        kwargs["instance"] = self.afspraak
        if self.afspraak:
            kwargs["rollen"] = {
                r.organisation_id: r.rol for r in self.afspraak.rollen.all()
            }
        return kwargs

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            document=self.document, afspraak=self.afspraak, **kwargs
        )

    def form_valid(self, form):
        data = {k: form.cleaned_data[k] for k in AfspraakForm.Meta.fields}
        data["personal_data_confirmed"] = form.cleaned_data["personal_data_confirmed"]
        try:
            services.afspraak_save(
                document=self.document,
                user=self.request.user,
                afspraak=self.afspraak,
                rollen=form.rollen(),
                **data,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("The agreement has been saved."))
        return redirect("visie:afspraak_list", slug=self.document.slug)


class AfspraakCreateView(AfspraakFormMixin, FormView):
    def dispatch(self, request, *args, **kwargs):
        self.document = get_object_or_404(VisieDocument, slug=kwargs["slug"])
        self.afspraak = None
        return super().dispatch(request, *args, **kwargs)


class AfspraakEditView(AfspraakFormMixin, FormView):
    def dispatch(self, request, *args, **kwargs):
        self.afspraak = get_object_or_404(
            Afspraak.objects.select_related("document"), pk=kwargs["pk"]
        )
        self.document = self.afspraak.document
        return super().dispatch(request, *args, **kwargs)
