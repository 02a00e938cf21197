from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.models import ChoicesDisplayMixin


class Antwoord(models.TextChoices):
    OPEN = "open", _("no answer yet")
    AANMELDEN = "aanmelden", _("attending")
    MISSCHIEN = "misschien", _("maybe")
    AFMELDEN = "afmelden", _("not attending")


class Uitnodiging(ChoicesDisplayMixin, models.Model):
    """An invitation to one session: for an account holder or an external guest.

    A guest has no account; they answer through a signed link that carries the
    invitation id and `token_version`. Raising the version kills every link
    handed out before.
    """

    sessie = models.ForeignKey(
        "sessies.Sessie",
        on_delete=models.CASCADE,
        related_name="uitnodigingen",
        verbose_name=_("session"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="sessie_uitnodigingen",
        verbose_name=_("person"),
    )
    organisation = models.ForeignKey(
        "partners.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="sessie_uitnodigingen",
        verbose_name=_("invited as part of"),
    )
    email = models.EmailField(_("e-mail address"))
    name = models.CharField(_("name"), max_length=150, blank=True)
    antwoord = models.CharField(
        _("answer"), max_length=20, choices=Antwoord.choices, default=Antwoord.OPEN
    )
    note = models.TextField(_("note"), blank=True)
    # Set while a sign-up waits for a free place; the oldest moves up first.
    wachtlijst_sinds = models.DateTimeField(
        _("on waiting list since"), null=True, blank=True
    )
    aanwezig = models.BooleanField(_("present"), null=True, blank=True)
    # Signed up on the public page of a participation session: name and
    # e-mail are removed some days after the session (see ADR 0306).
    publiek = models.BooleanField(_("signed up on the public page"), default=False)
    gegevens_gewist_at = models.DateTimeField(
        _("personal details removed at"), null=True, blank=True
    )
    token_version = models.PositiveIntegerField(default=1, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("invited by"),
    )
    created_at = models.DateTimeField(_("invited at"), auto_now_add=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["sessie", "name", "email"]
        constraints = [
            models.UniqueConstraint(
                fields=["sessie", "user"],
                condition=Q(user__isnull=False),
                name="uitnodiging_sessie_user_unique",
            ),
            models.UniqueConstraint(
                fields=["sessie", "email"], name="uitnodiging_sessie_email_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.display_name} — {self.sessie}"

    @property
    def display_name(self) -> str:
        if self.gegevens_gewist_at:
            return str(_("participant (details removed)"))
        if self.user_id:
            return self.user.get_full_name()
        return self.name or self.email

    @property
    def is_guest(self) -> bool:
        return self.user_id is None

    @property
    def on_waiting_list(self) -> bool:
        return self.wachtlijst_sinds is not None

    @property
    def has_place(self) -> bool:
        return self.antwoord == Antwoord.AANMELDEN and self.wachtlijst_sinds is None


class KalenderToken(models.Model):
    """A secret feed URL. Only a hash is stored; renewing revokes the old one."""

    class Scope(models.TextChoices):
        PERSOONLIJK = "persoonlijk", _("my sessions")
        RAAD = "raad", _("all council sessions")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="kalender_tokens",
        verbose_name=_("user"),
    )
    scope = models.CharField(_("feed"), max_length=20, choices=Scope.choices)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "scope"],
                condition=Q(revoked_at__isnull=True),
                name="kalendertoken_one_active_per_scope",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_scope_display()}"


class VerzondenMail(models.Model):
    """One row per mail that must go out once, keyed by what it is about.

    A task claims the key before sending; a retry finds the key taken and
    sends nothing. A claim whose send failed is released so the retry can
    send; a claim left by a crashed worker is taken over after a lease.
    """

    key = models.CharField(max_length=200, unique=True)
    recipient = models.EmailField()
    claimed_at = models.DateTimeField()
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("sent e-mail")
        verbose_name_plural = _("sent e-mails")
        ordering = ["-claimed_at"]

    def __str__(self) -> str:
        return self.key
