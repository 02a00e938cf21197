from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.policy import Kind, Rubricering


class Opmerking(models.Model):
    """A comment on a section; a comment without a parent starts a thread."""

    sectie = models.ForeignKey(
        "visie.Sectie",
        on_delete=models.CASCADE,
        related_name="opmerkingen",
        verbose_name=_("section"),
    )
    versie = models.ForeignKey(
        "visie.Versie",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="opmerkingen",
        verbose_name=_("version commented on"),
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="replies",
        verbose_name=_("reply to"),
    )
    quote = models.CharField(_("quoted passage"), max_length=500, blank=True)
    text = models.TextField(_("comment"), max_length=5000)
    rubricering = models.CharField(
        _("classification"), max_length=20, choices=Rubricering.choices
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("author"),
    )
    organisation = models.ForeignKey(
        "partners.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("organisation"),
    )
    created_at = models.DateTimeField(_("written at"), auto_now_add=True)
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("resolved by"),
    )
    mentioned = models.ManyToManyField(
        "partners.Organisation",
        blank=True,
        related_name="+",
        verbose_name=_("mentioned organisations"),
    )

    policy_kind = Kind.OPMERKING
    policy_organisation = "organisation_id"

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["sectie", "rubricering"])]

    def __str__(self) -> str:
        return f"{self.author} — {self.sectie}"

    @property
    def is_resolved(self) -> bool:
        return self.resolved_at is not None


class VermeldingMail(models.Model):
    """One notification e-mail for one person about one comment, sent once."""

    opmerking = models.ForeignKey(Opmerking, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["opmerking", "user"], name="vermeldingmail_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.opmerking_id}"
