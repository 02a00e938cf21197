from django import forms
from django.contrib.auth import password_validation
from django.utils.translation import gettext_lazy as _

from partners import permissions
from partners.models import Organisation, Role


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"), max_length=254)
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none()
    )
    role = forms.ChoiceField(label=_("Role"), choices=())

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if permissions.is_beheerder(user):
            organisations = Organisation.objects.all()
        else:
            organisations = Organisation.objects.filter(
                memberships__user=user, memberships__role=Role.COORDINATOR
            )
        self.fields["organisation"].queryset = organisations.order_by("name")
        roles = (
            Role.choices
            if permissions.is_beheerder(user)
            else [
                (Role.MEDEWERKER, Role.MEDEWERKER.label),
                (Role.COORDINATOR, Role.COORDINATOR.label),
            ]
        )
        self.fields["role"].choices = roles

    def clean(self):
        cleaned = super().clean()
        organisation = cleaned.get("organisation")
        role = cleaned.get("role")
        if (
            organisation
            and role
            and role not in permissions.invitable_roles(self.user, organisation)
        ):
            self.add_error(
                "role", _("You may not grant this role in this organisation.")
            )
        return cleaned


class AcceptInvitationForm(forms.Form):
    # The new user's own name, shown as the author of what they write.
    unguarded_fields = ("full_name",)

    full_name = forms.CharField(label=_("Your name"), max_length=150)
    password1 = forms.CharField(
        label=_("Password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 12 characters; not a common or only-numeric password."),
        strip=False,
    )
    password2 = forms.CharField(
        label=_("Password again"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        strip=False,
    )

    def __init__(self, *args, email: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email

    def clean(self):
        cleaned = super().clean()
        p1, p2 = cleaned.get("password1"), cleaned.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", _("The two passwords are not the same."))
        elif p1:
            from partners.models import User

            try:
                password_validation.validate_password(
                    p1, User(email=self.email, full_name=cleaned.get("full_name", ""))
                )
            except forms.ValidationError as exc:
                self.add_error("password1", exc)
        return cleaned
