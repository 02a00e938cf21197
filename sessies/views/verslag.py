from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.audit.services import record_shown
from core.views import add_form_errors
from sessies import permissions, selectors, services
from sessies.forms import AanwezigheidForm, AmendementForm, OpbrengstForm, VerslagForm
from sessies.models import Amendement
from sessies.views.common import (
    error_text,
    shown_opbrengsten,
    visible_sessie,
)


def _managed_sessie(request, pk):
    sessie = visible_sessie(request, pk)
    if not permissions.can_manage(request.user, sessie):
        raise PermissionDenied
    return sessie


def verslag_detail(request, pk: int):
    """The minutes as everyone who may see the session reads them."""
    sessie = visible_sessie(request, pk)
    # Minutes the policy hides look like no minutes at all.
    verslag = selectors.verslag_visible_to(request.user, sessie)
    can_manage = permissions.can_manage(request.user, sessie)
    if verslag is None and not can_manage:
        return render(request, "sessies/verslag_detail.html", {"sessie": sessie})
    if verslag is not None:
        record_shown(
            actor=request.user,
            objects=[verslag],
            request=request,
            what=f"verslag van {sessie.title}"[:255],
        )
    can_amend = permissions.can_propose_amendment(request.user, sessie, verslag)
    form = AmendementForm(request.POST or None) if can_amend else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.amendement_create(
                    sessie=sessie, by=request.user, **form.cleaned_data
                )
            except ValidationError as exc:
                add_form_errors(form, exc)
            else:
                messages.success(
                    request,
                    _(
                        "Your amendment has been sent to %(name)s, who organises "
                        "the session."
                    )
                    % {"name": sessie.organiser.get_full_name()},
                )
                return redirect("sessies:verslag_detail", pk=sessie.pk)
    return render(
        request,
        "sessies/verslag_detail.html",
        {
            "sessie": sessie,
            "verslag": verslag,
            "amendementen": verslag.amendementen.select_related("author", "decided_by")
            if verslag
            else [],
            "present": sessie.uitnodigingen.filter(aanwezig=True).select_related(
                "user"
            ),
            "opbrengsten": shown_opbrengsten(request, sessie),
            "can_manage": can_manage,
            "form": form,
            "can_finalise": sessie.is_over,
        },
    )


def verslag_edit(request, pk: int):
    sessie = _managed_sessie(request, pk)
    verslag = selectors.verslag_visible_to(request.user, sessie)
    if verslag is None and selectors.verslag_of(sessie) is not None:
        raise PermissionDenied
    form = VerslagForm(
        request.POST or None,
        initial={
            "text": verslag.text if verslag else "",
            "rubricering": verslag.rubricering
            if verslag
            else services.default_verslag_level(sessie),
        },
        levels=services.writable_levels(request.user, sessie),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.verslag_save(sessie=sessie, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_form_errors(form, exc)
        else:
            messages.success(request, _("The draft minutes have been saved."))
            return redirect("sessies:verslag_detail", pk=sessie.pk)
    return render(
        request, "sessies/verslag_form.html", {"sessie": sessie, "form": form}
    )


def aanwezigheid(request, pk: int):
    sessie = _managed_sessie(request, pk)
    invitees = list(selectors.uitnodigingen_of(sessie))
    form = AanwezigheidForm(
        request.POST or None,
        uitnodigingen=invitees,
        initial={"aanwezig": [str(u.pk) for u in invitees if u.aanwezig]},
    )
    if request.method == "POST" and form.is_valid():
        try:
            n = services.aanwezigheid_register(
                sessie=sessie,
                by=request.user,
                present_ids=[int(pk) for pk in form.cleaned_data["aanwezig"]],
            )
        except ValidationError as exc:
            add_form_errors(form, exc)
        else:
            messages.success(request, _("Attendance saved: %(n)d present.") % {"n": n})
            return redirect("sessies:verslag_detail", pk=sessie.pk)
    return render(
        request, "sessies/aanwezigheid_form.html", {"sessie": sessie, "form": form}
    )


@require_POST
def verslag_finalise(request, pk: int):
    sessie = _managed_sessie(request, pk)
    try:
        services.verslag_finalise(sessie=sessie, by=request.user)
    except ValidationError as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(request, _("The minutes are final."))
    return redirect("sessies:verslag_detail", pk=sessie.pk)


@require_POST
def verslag_share(request, pk: int):
    sessie = _managed_sessie(request, pk)
    try:
        services.verslag_share_draft(sessie=sessie, by=request.user)
    except ValidationError as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(
            request,
            _("The draft has been sent to everyone who was present."),
        )
    return redirect("sessies:verslag_detail", pk=sessie.pk)


@require_POST
def amendement_decide(request, pk: int):
    amendement = get_object_or_404(
        Amendement.objects.select_related("verslag__sessie").filter(
            verslag__sessie__in=selectors.sessies_visible_to(request.user)
        ),
        pk=pk,
    )
    sessie = amendement.verslag.sessie
    if not permissions.can_manage(request.user, sessie):
        raise PermissionDenied
    try:
        services.amendement_decide(
            amendement=amendement,
            by=request.user,
            status=request.POST.get("status", ""),
        )
    except ValidationError as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(request, _("The amendment has been handled."))
    return redirect("sessies:verslag_detail", pk=sessie.pk)


def opbrengst_create(request, pk: int):
    sessie = _managed_sessie(request, pk)
    form = OpbrengstForm(
        request.POST or None,
        levels=services.writable_levels(request.user, sessie),
        initial={"rubricering": services.suggested_level(request.user, sessie)},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.opbrengst_create(
                sessie=sessie, by=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            add_form_errors(form, exc)
        else:
            messages.success(request, _("The outcome has been recorded."))
            return redirect("sessies:verslag_detail", pk=sessie.pk)
    return render(
        request, "sessies/opbrengst_form.html", {"sessie": sessie, "form": form}
    )
