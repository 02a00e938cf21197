from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import ChoicesDisplayMixin
from core.paths import record_path
from scans.models.gebied import Gebied
from scans.models.indicator import Domein, Thema


class Drempels(models.Model):
    """Thresholds of the early-warning rules; one row, tuned by the beheerder."""

    index_daling = models.PositiveSmallIntegerField(
        _("domain index drop (points)"),
        default=10,
        help_text=_("Warn when a domain index falls this much or more between rounds."),
    )
    signalen_aantal = models.PositiveSmallIntegerField(
        _("signals on one theme"),
        default=3,
        help_text=_("Warn at this many signals on one theme in one area..."),
    )
    signalen_dagen = models.PositiveSmallIntegerField(
        _("within days"), default=30, help_text=_("...within this many days.")
    )
    acties_te_laat = models.BooleanField(_("warn on overdue actions"), default=True)

    class Meta:
        verbose_name = _("early-warning thresholds")
        verbose_name_plural = _("early-warning thresholds")

    def __str__(self) -> str:
        return str(self._meta.verbose_name)

    @classmethod
    def current(cls) -> "Drempels":
        obj, _created = cls.objects.get_or_create(pk=1)
        return obj


class Waarschuwing(ChoicesDisplayMixin, models.Model):
    """An early warning for one organisation about one gebied.

    Warnings are per organisation so that their evidence only ever counts what
    that organisation may see.
    """

    class Regel(models.TextChoices):
        INDEX_DALING = "index_daling", _("domain index falling")
        SIGNALEN = "signalen", _("signals piling up on a theme")
        ACTIE_TE_LAAT = "actie_te_laat", _("action past its due date")

    regel = models.CharField(_("rule"), max_length=20, choices=Regel.choices)
    sleutel = models.CharField(
        _("key"),
        max_length=120,
        help_text=_("What the warning is about, for deduplication."),
    )
    organisation = models.ForeignKey(
        "partners.Organisation",
        on_delete=models.CASCADE,
        related_name="waarschuwingen",
        verbose_name=_("organisation"),
    )
    gebied = models.ForeignKey(
        Gebied,
        on_delete=models.CASCADE,
        related_name="waarschuwingen",
        verbose_name=_("area"),
    )
    thema = models.ForeignKey(
        Thema, on_delete=models.CASCADE, null=True, blank=True, verbose_name=_("theme")
    )
    domein = models.CharField(
        _("domain"), max_length=20, choices=Domein.choices, blank=True
    )
    actie = models.ForeignKey(
        "scans.Actie", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    signalen = models.ManyToManyField("scans.Signaal", blank=True, related_name="+")
    details = models.JSONField(_("details"), default=dict, blank=True)
    created_at = models.DateTimeField(_("raised at"), auto_now_add=True)
    resolved_at = models.DateTimeField(
        _("no longer applies since"), null=True, blank=True
    )
    gemaild_at = models.DateTimeField(null=True, blank=True)
    acknowledged_at = models.DateTimeField(_("acknowledged at"), null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("acknowledged by"),
    )
    acknowledgement_note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("early warning")
        verbose_name_plural = _("early warnings")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "sleutel"], name="one_warning_per_key"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_regel_display()} — {self.gebied.name}"

    def get_absolute_url(self) -> str:
        return record_path("scans:waarschuwing_detail", self.pk)

    @property
    def is_active(self) -> bool:
        return self.resolved_at is None and self.acknowledged_at is None
