"""The library of source documents, with authorised downloads."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.generic import DetailView, FormView, ListView
from django_ratelimit.decorators import ratelimit

from core import policy
from core.audit.services import Action, record
from core.ratelimits import RATES
from core.views import RequiresMixin, requires
from visie import permissions, selectors, services
from visie.forms import BronForm


class BronListView(RequiresMixin, ListView):
    template_name = "visie/bron_list.html"
    context_object_name = "bronnen"
    paginate_by = 50

    permission = permissions.can_read_drafts

    def get_queryset(self):
        return selectors.bronnen_visible_to(self.request.user)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            can_add=permissions.can_manage_bronnen(self.request.user), **kwargs
        )


class BronDetailView(RequiresMixin, DetailView):
    template_name = "visie/bron_detail.html"
    context_object_name = "bron"

    permission = permissions.can_read_drafts

    def get_queryset(self):
        # Not readable and not there look the same: a 404.
        return selectors.bronnen_visible_to(self.request.user)

    def get_object(self, queryset=None):
        bron = super().get_object(queryset)
        _record_view(self.request, bron)
        return bron


def _record_view(request: HttpRequest, bron) -> None:
    """A bron above openbaar, or its file, read: on the audit trail."""
    if not policy.is_public(bron.rubricering):
        record(
            actor=request.user,
            action=Action.VIEW,
            obj=bron,
            # Not the title: it is classified too, and the trail is read by
            # the beheerder.
            label=f"bron {bron.pk}",
            classification=bron.rubricering,
            request=request,
        )


class BronCreateView(RequiresMixin, FormView):
    template_name = "visie/bron_form.html"
    form_class = BronForm

    permission = permissions.can_manage_bronnen

    def form_valid(self, form):
        data = dict(form.cleaned_data)
        upload = data.pop("upload", None)
        try:
            bron = services.bron_create(user=self.request.user, upload=upload, **data)
        except ValidationError as exc:
            target = (
                "upload"
                if upload is not None and not hasattr(exc, "error_dict")
                else None
            )
            form.add_error(target, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("The source document has been added."))
        return redirect(bron)


@requires(permissions.can_read_drafts)
@ratelimit(key="user_or_ip", rate=RATES["download"])
def bron_download(request: HttpRequest, pk: int) -> HttpResponse:
    """The only way to a stored file: authorised, as an attachment, not sniffable.

    The file shares its bron's level: the policy decides, as for the page.
    """
    bron = get_object_or_404(selectors.bronnen_visible_to(request.user), pk=pk)
    if not bron.file:
        raise Http404
    _record_view(request, bron)
    try:
        handle = bron.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=bron.filename or bron.file.name.rsplit("/", 1)[-1],
        content_type=bron.content_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
