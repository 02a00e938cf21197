from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.policy import Kind, Rubricering


class Verslag(models.Model):
    """The minutes of a session: drafted by the organiser, then made final."""

    class Status(models.TextChoices):
        CONCEPT = "concept", _("draft")
        DEFINITIEF = "definitief", _("final")

    sessie = models.OneToOneField(
        "sessies.Sessie",
        on_delete=models.CASCADE,
        related_name="verslag",
        verbose_name=_("session"),
    )
    text = models.TextField(_("minutes"))
    rubricering = models.CharField(
        _("classification"),
        max_length=20,
        choices=Rubricering.choices,
        help_text=_(
            "Who may read the minutes among those who see the session. Only "
            "public minutes of a public council session reach council reports."
        ),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.CONCEPT
    )
    finalised_at = models.DateTimeField(_("finalised at"), null=True, blank=True)
    finalised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("finalised by"),
    )
    concept_gedeeld_at = models.DateTimeField(
        _("draft shared at"), null=True, blank=True
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    #: Its organisation is the session's: the organiser writes for it.
    policy_kind = Kind.VERSLAG
    policy_organisation = "sessie__organisation_id"

    class Meta:
        verbose_name = _("minutes")
        verbose_name_plural = _("minutes")

    def __str__(self) -> str:
        return str(self.sessie)

    @property
    def is_final(self) -> bool:
        return self.status == self.Status.DEFINITIEF


class Amendement(models.Model):
    """A change to the draft minutes proposed by someone who attended.

    It names a passage of the minutes and the text to put in its place (an
    empty text deletes the passage); without a passage the text is added at
    the end. Incorporating it applies that change to the minutes.
    """

    class Status(models.TextChoices):
        VOORGESTELD = "voorgesteld", _("proposed")
        VERWERKT = "verwerkt", _("incorporated")
        AFGEWEZEN = "afgewezen", _("declined")

    verslag = models.ForeignKey(
        Verslag,
        on_delete=models.CASCADE,
        related_name="amendementen",
        verbose_name=_("minutes"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("proposed by"),
    )
    passage = models.TextField(
        _("passage to replace"),
        blank=True,
        help_text=_(
            "Copy the words from the minutes exactly. Leave empty to add new text "
            "at the end."
        ),
    )
    text = models.TextField(
        _("new text"),
        blank=True,
        help_text=_("Leave empty to delete the passage."),
    )
    toelichting = models.TextField(_("explanation"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.VOORGESTELD
    )
    created_at = models.DateTimeField(_("proposed at"), auto_now_add=True)
    decided_at = models.DateTimeField(_("handled at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("handled by"),
    )

    class Meta:
        verbose_name = _("amendment")
        verbose_name_plural = _("amendments")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return (self.text or self.passage)[:60]

    def clean(self):
        if not self.passage.strip() and not self.text.strip():
            raise ValidationError(
                {"text": _("Give the new text, or the passage to delete, or both.")}
            )


class Opbrengst(models.Model):
    """What a session produced; it can feed sections of the visie."""

    sessie = models.ForeignKey(
        "sessies.Sessie",
        on_delete=models.CASCADE,
        related_name="opbrengsten",
        verbose_name=_("session"),
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    rubricering = models.CharField(
        _("classification"),
        max_length=20,
        choices=Rubricering.choices,
        default=Rubricering.PARTNERS,
        help_text=_("Only public outcomes appear in council reports."),
    )
    visie_secties = models.ManyToManyField(
        "visie.Sectie",
        blank=True,
        related_name="opbrengsten",
        verbose_name=_("visie sections"),
        help_text=_("The sections of the visie this outcome feeds."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    #: Every read goes through core.policy (sessies.selectors and the visie
    #: section page): no manager hides or shows a level on its own.
    policy_kind = Kind.OPBRENGST
    policy_organisation = "sessie__organisation_id"

    class Meta:
        verbose_name = _("outcome")
        verbose_name_plural = _("outcomes")
        ordering = ["sessie", "pk"]

    def __str__(self) -> str:
        return self.title
