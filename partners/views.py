from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from django.views.generic import DetailView, FormView, ListView
from django_ratelimit.decorators import ratelimit

from core.ratelimits import RATES
from core.views import RequiresMixin
from partners import permissions, selectors, services
from partners.forms import AcceptInvitationForm, InvitationForm
from partners.models import Organisation


class OrganisationListView(RequiresMixin, ListView):
    template_name = "partners/organisation_list.html"
    context_object_name = "organisations"

    permission = permissions.can_view_organisations

    def get_queryset(self):
        return selectors.organisations_with_member_counts()


class OrganisationDetailView(RequiresMixin, DetailView):
    template_name = "partners/organisation_detail.html"
    context_object_name = "organisation"
    model = Organisation

    permission = permissions.can_view_organisations

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["members"] = selectors.members_of(self.object)
        context["can_invite"] = permissions.can_invite(self.request.user, self.object)
        return context


class InvitationListView(RequiresMixin, ListView):
    template_name = "partners/invitation_list.html"
    context_object_name = "invitations"
    paginate_by = 50

    permission = permissions.can_invite_anyone

    def get_queryset(self):
        return selectors.invitations_visible_to(self.request.user)


@method_decorator(
    ratelimit(key="user", rate=RATES["invitation_send"], method="POST"),
    name="post",
)
class InvitationCreateView(RequiresMixin, FormView):
    template_name = "partners/invitation_form.html"
    form_class = InvitationForm
    success_url = reverse_lazy("partners:invitation_list")

    permission = permissions.can_invite_anyone

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["user"] = self.request.user
        return kwargs

    def get_initial(self):
        initial = super().get_initial()
        organisation = self.request.GET.get("organisatie", "")
        if organisation.isdigit():
            initial["organisation"] = int(organisation)
        return initial

    def form_valid(self, form):
        try:
            invitation, _token = services.invitation_create(
                invited_by=self.request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            form.add_error(None, exc)
            return self.form_invalid(form)
        except PermissionDenied:
            form.add_error(
                "role", _("You may not grant this role in this organisation.")
            )
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("The invitation has been sent to %(email)s. It is valid for 7 days.")
            % {"email": invitation.email},
        )
        return super().form_valid(form)


@require_POST
def invitation_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    invitation = get_object_or_404(
        selectors.invitations_visible_to(request.user), pk=pk
    )
    services.invitation_revoke(invitation=invitation, by=request.user)
    messages.success(request, _("The invitation has been revoked."))
    return redirect("partners:invitation_list")


@login_not_required
@ratelimit(key="ip", rate=RATES["token_page"])
def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    """Public: the link from the invitation e-mail. Creates the account."""
    if request.user.is_authenticated:
        messages.info(request, _("You are already logged in."))
        return redirect("start")
    try:
        invitation = services.invitation_for_token(token)
    except ValidationError as exc:
        return render(
            request,
            "partners/invitation_invalid.html",
            {"reason": exc.messages[0]},
            status=410 if exc.code in {"used", "expired"} else 404,
        )
    form = AcceptInvitationForm(request.POST or None, email=invitation.email)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.invitation_accept(
                token=token,
                full_name=form.cleaned_data["full_name"],
                password=form.cleaned_data["password1"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, _("Welcome! Your account has been created."))
            return redirect("start")
    return render(
        request,
        "partners/invitation_accept.html",
        {"form": form, "invitation": invitation},
    )


@require_GET
def account_email(request: HttpRequest) -> HttpResponse:
    """The account's address, read-only: functioneel beheer changes it.

    Replaces allauth's page, where anyone could add an address, make it
    primary and log in with it (docs/adr/0610-security-email-addresses-by-beheer.md).
    """
    return render(request, "account/email.html", {"email": request.user.email})
