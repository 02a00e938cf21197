from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import ChoicesDisplayMixin
from core.paths import record_path
from core.policy import Kind, Rubricering
from scans.models.gebied import Gebied
from scans.models.indicator import Thema


class Signaal(ChoicesDisplayMixin, models.Model):
    """A partner's observation in a gebied: a hot spot, hot group or hot facility."""

    class Soort(models.TextChoices):
        HOT_SPOT = "hot_spot", _("hot spot (place)")
        HOT_GROUP = "hot_group", _("hot group (people)")
        HOT_FACILITY = "hot_facility", _("hot facility")
        OVERIG = "overig", _("other")

    gebied = models.ForeignKey(
        Gebied,
        on_delete=models.PROTECT,
        related_name="signalen",
        verbose_name=_("area"),
    )
    thema = models.ForeignKey(
        Thema,
        on_delete=models.PROTECT,
        related_name="signalen",
        verbose_name=_("theme"),
    )
    soort = models.CharField(_("kind"), max_length=20, choices=Soort.choices)
    text = models.TextField(_("observation"))
    waargenomen_op = models.DateField(_("date observed"))
    point = models.JSONField(
        _("point on the map"),
        null=True,
        blank=True,
        help_text=_("GeoJSON point (WGS84)."),
    )
    rubricering = models.CharField(
        _("classification"), max_length=20, choices=Rubricering.choices
    )
    organisation = models.ForeignKey(
        "partners.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("organisation"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    #: Its row in the classification table (core.policy).
    policy_kind = Kind.SIGNAAL
    policy_organisation = "organisation_id"

    class Meta:
        verbose_name = _("signal")
        verbose_name_plural = _("signals")
        ordering = ["-waargenomen_op", "-pk"]
        indexes = [
            models.Index(fields=["gebied", "thema", "waargenomen_op"]),
            # The lists: newest first, all areas or one.
            models.Index(fields=["-waargenomen_op", "-id"], name="signaal_recent"),
            models.Index(
                fields=["gebied", "-waargenomen_op", "-id"],
                name="signaal_gebied_recent",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_soort_display()} — {self.gebied.name}"

    def get_absolute_url(self) -> str:
        return record_path("scans:signaal_detail", self.pk)
