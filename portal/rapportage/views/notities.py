"""A raadslid's notes next to the report: add, share or keep private, remove."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.views import add_form_errors, requires
from portal.rapportage import permissions, selectors
from portal.rapportage.forms import NotitieForm
from portal.rapportage.services import notities
from portal.rapportage.views.rapporten import RapportDetailView

#: the largest key a database column holds; a larger one in a URL is no note
_MAX_PK = 2**63 - 1


class NotitieCreateView(RapportDetailView):
    """POST a note; with a mistake, the report page again with the form's errors."""

    http_method_names = ["post"]

    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        self.object = rapport = self.get_object()
        if not permissions.can_keep_notes(request.user, rapport):
            raise PermissionDenied
        form = NotitieForm(request.POST, page_count=rapport.page_count)
        if form.is_valid():
            try:
                notities.notitie_create(
                    rapport=rapport, author=request.user, **form.cleaned_data
                )
            except ValidationError as exc:
                add_form_errors(form, exc)
            else:
                messages.success(request, _("Your note has been saved."))
                return redirect(f"{rapport.get_absolute_url()}#notities")
        context = self.get_context_data(object=rapport, note_form=form)
        return self.render_to_response(context)


def _own(request: HttpRequest, uid, pk: int):
    notitie = selectors.own_notitie(request.user, pk) if pk <= _MAX_PK else None
    if notitie is None or str(notitie.rapport.uid) != str(uid):
        raise Http404
    return notitie


@require_POST
@requires(permissions.reads_notes)
def notitie_share(request: HttpRequest, uid, pk: int) -> HttpResponse:
    """Share with the other council members, or make private again."""
    notitie = _own(request, uid, pk)
    shared = request.POST.get("shared") == "1"
    notities.notitie_share(notitie=notitie, by=request.user, shared=shared)
    if shared:
        messages.success(request, _("The other council members can read this note."))
    else:
        messages.success(request, _("Only you can read this note."))
    return redirect(f"{notitie.rapport.get_absolute_url()}#notities")


@require_POST
@requires(permissions.reads_notes)
def notitie_delete(request: HttpRequest, uid, pk: int) -> HttpResponse:
    notitie = _own(request, uid, pk)
    url = notitie.rapport.get_absolute_url()
    notities.notitie_delete(notitie=notitie, by=request.user)
    messages.success(request, _("Your note has been removed."))
    return redirect(f"{url}#notities")
