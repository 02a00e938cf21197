"""Writing the college's letter of a raadsinformatiebrief."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from core.views import add_form_errors
from portal.rapportage import permissions, selectors
from portal.rapportage.forms import BriefForm
from portal.rapportage.models import Rapport
from portal.rapportage.services import brieven


def brief_edit(request: HttpRequest, uid) -> HttpResponse:
    """The letter's text, reference, date and signatories; saving renders again."""
    rapport = get_object_or_404(
        selectors.rapporten_visible_to(request.user).select_related("brief"), uid=uid
    )
    if not permissions.can_edit_brief(request.user, rapport):
        raise PermissionDenied
    try:
        brief = rapport.brief
    except Rapport.brief.RelatedObjectDoesNotExist:
        brief = None
    if request.method != "POST":
        form = BriefForm(
            instance=brief,
            initial=None if brief else {"date": timezone.localdate()},
        )
        return _page(request, rapport, form)
    form = BriefForm(request.POST, instance=brief)
    if not form.is_valid():
        return _page(request, rapport, form)
    try:
        brieven.brief_save(rapport=rapport, by=request.user, **form.cleaned_data)
    except ValidationError as exc:
        add_form_errors(form, exc)
        return _page(request, rapport, form)
    messages.success(
        request,
        _("The letter has been saved; the report is being made again with it."),
    )
    return redirect(rapport.get_absolute_url())


def _page(request, rapport: Rapport, form) -> HttpResponse:
    return render(
        request, "rapportage/brief_form.html", {"rapport": rapport, "form": form}
    )
