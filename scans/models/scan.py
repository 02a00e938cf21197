from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.formats import localize
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.models import ChoicesDisplayMixin
from core.paths import record_path
from core.policy import Kind, Rubricering
from scans.models.gebied import Gebied
from scans.models.indicator import Indicator, Thema


def plain(value: Decimal) -> str:
    """A Decimal without exponent or trailing zeros, with a decimal comma."""
    return format(value.normalize(), "f").replace(".", ",")


class ScanRonde(models.Model):
    """A round of scans, e.g. "Voorjaar 2025". One round is the base round."""

    name = models.CharField(_("name"), max_length=80, unique=True)
    peildatum = models.DateField(_("reference date"))
    is_basis = models.BooleanField(
        _("base round"),
        default=False,
        help_text=_("Scores are standardised on the buurten of the base round."),
    )

    class Meta:
        verbose_name = _("scan round")
        verbose_name_plural = _("scan rounds")
        ordering = ["peildatum"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_basis"], condition=Q(is_basis=True), name="one_base_round"
            )
        ]

    def __str__(self) -> str:
        return self.name


class Gebiedsscan(ChoicesDisplayMixin, models.Model):
    """The scan of one gebied in one round. A correction makes a new version."""

    class Status(models.TextChoices):
        CONCEPT = "concept", _("draft")
        REVIEW = "review", _("in review")
        VASTGESTELD = "vastgesteld", _("adopted")

    gebied = models.ForeignKey(
        Gebied, on_delete=models.PROTECT, related_name="scans", verbose_name=_("area")
    )
    ronde = models.ForeignKey(
        ScanRonde,
        on_delete=models.PROTECT,
        related_name="scans",
        verbose_name=_("round"),
    )
    versie = models.PositiveSmallIntegerField(_("version"), default=1)
    vorige = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="correctie",
        verbose_name=_("corrects"),
    )
    is_actueel = models.BooleanField(_("current version"), default=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.CONCEPT
    )
    samenvatting = models.TextField(_("summary"), blank=True)
    correctie_reden = models.TextField(_("reason for correction"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    vastgesteld_at = models.DateTimeField(_("adopted at"), null=True, blank=True)
    vastgesteld_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("adopted by"),
    )

    history = HistoricalRecords(excluded_fields=["created_at"])

    class Meta:
        verbose_name = _("area scan")
        verbose_name_plural = _("area scans")
        ordering = ["gebied__code", "ronde__peildatum", "versie"]
        constraints = [
            models.UniqueConstraint(
                fields=["gebied", "ronde", "versie"], name="scan_version_unique"
            ),
            models.UniqueConstraint(
                fields=["gebied", "ronde"],
                condition=Q(is_actueel=True),
                name="one_current_scan_per_round",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.gebied.name} — {self.ronde.name} (v{self.versie})"

    def get_absolute_url(self) -> str:
        return record_path("scans:scan_detail", self.pk)

    @property
    def is_read_only(self) -> bool:
        return self.status == self.Status.VASTGESTELD or not self.is_actueel


class Meting(models.Model):
    """A value of one indicator in one scan."""

    scan = models.ForeignKey(
        Gebiedsscan,
        on_delete=models.CASCADE,
        related_name="metingen",
        verbose_name=_("scan"),
    )
    indicator = models.ForeignKey(
        Indicator,
        on_delete=models.PROTECT,
        related_name="metingen",
        verbose_name=_("indicator"),
    )
    value = models.DecimalField(_("value"), max_digits=12, decimal_places=3)
    bron = models.CharField(_("source"), max_length=150, blank=True)
    gemeten_op = models.DateField(_("date"))
    respondenten = models.PositiveIntegerField(
        _("respondents"),
        null=True,
        blank=True,
        help_text=_("For survey indicators: how many people answered."),
    )
    note = models.TextField(_("note"), blank=True)
    rubricering = models.CharField(
        _("classification of the note"),
        max_length=20,
        choices=Rubricering.choices,
        default=Rubricering.ORGANISATIE,
        help_text=_(
            "Who may read the note. The value itself is for partners only; "
            "the council sees indices."
        ),
    )
    organisation = models.ForeignKey(
        "partners.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("entered by organisation"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords(excluded_fields=["created_at"])

    #: The note's row in the classification table; the figure is Kind.METING.
    policy_kind = Kind.METING_NOTE
    policy_organisation = "organisation_id"

    class Meta:
        verbose_name = _("measurement")
        verbose_name_plural = _("measurements")
        ordering = ["indicator__code"]
        constraints = [
            models.UniqueConstraint(
                fields=["scan", "indicator"], name="one_measurement_per_indicator"
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code}: {localize(self.value)}"

    def clean(self) -> None:
        indicator = getattr(self, "indicator", None)
        if indicator is None or self.value is None:
            return
        if not indicator.min_value <= self.value <= indicator.max_value:
            raise ValidationError(
                {
                    "value": _(
                        "The value %(value)s lies outside the allowed range "
                        "%(min)s–%(max)s for %(indicator)s."
                    )
                    % {
                        "value": self.value,
                        "min": plain(indicator.min_value),
                        "max": plain(indicator.max_value),
                        "indicator": indicator.name,
                    }
                }
            )


class Oordeel(ChoicesDisplayMixin, models.Model):
    """A partner's 1–5 judgement of a theme; never averaged into the index."""

    scan = models.ForeignKey(
        Gebiedsscan,
        on_delete=models.CASCADE,
        related_name="oordelen",
        verbose_name=_("scan"),
    )
    thema = models.ForeignKey(Thema, on_delete=models.PROTECT, verbose_name=_("theme"))
    organisation = models.ForeignKey(
        "partners.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("organisation"),
    )
    score = models.PositiveSmallIntegerField(
        _("score (1–5)"),
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text=_("1 = very worrying, 3 = neutral, 5 = very good."),
    )
    toelichting = models.TextField(_("reasoning"))
    rubricering = models.CharField(
        _("classification"), max_length=20, choices=Rubricering.choices
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords(excluded_fields=["created_at"])

    policy_kind = Kind.OORDEEL
    policy_organisation = "organisation_id"

    class Meta:
        verbose_name = _("professional judgement")
        verbose_name_plural = _("professional judgements")
        ordering = ["thema__domein", "thema__order", "organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["scan", "thema", "organisation"],
                name="one_judgement_per_partner",
            )
        ]

    def __str__(self) -> str:
        return f"{self.thema}: {self.score}"
