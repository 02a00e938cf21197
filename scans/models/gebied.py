from functools import cached_property

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from shapely.geometry import shape

from core.models import ChoicesDisplayMixin
from core.paths import record_path


class GebiedQuerySet(models.QuerySet):
    def buurten(self):
        return self.filter(level=Gebied.Level.BUURT)

    def straatclusters(self):
        return self.filter(level=Gebied.Level.STRAATCLUSTER)

    def scan_areas(self):
        """The areas a gebiedsscan is made for: buurten and straatclusters."""
        return self.filter(level__in=[Gebied.Level.BUURT, Gebied.Level.STRAATCLUSTER])

    def cbs_areas_of(self, gemeente_code: str):
        """The gemeente, its wijken and its buurten, by their CBS codes.

        A CBS wijk code is WK plus the gemeente's four digits plus two; a buurt
        code BU plus those six plus two (GM0482, WK048201, BU04820102).
        """
        digits = gemeente_code[2:]
        return self.filter(
            models.Q(code=gemeente_code, level=Gebied.Level.GEMEENTE)
            | models.Q(code__startswith=f"WK{digits}", level=Gebied.Level.WIJK)
            | models.Q(code__startswith=f"BU{digits}", level=Gebied.Level.BUURT)
        )


class Gebied(ChoicesDisplayMixin, models.Model):
    """An area: the gemeente, a wijk, a buurt (CBS codes) or a straatcluster."""

    class Level(models.TextChoices):
        GEMEENTE = "gemeente", _("municipality")
        WIJK = "wijk", _("district")
        BUURT = "buurt", _("neighbourhood")
        STRAATCLUSTER = "straatcluster", _("street cluster")

    code = models.CharField(
        _("code"),
        max_length=20,
        unique=True,
        help_text=_("CBS code (GM0482, WK048201, BU04820102) or SC-number."),
    )
    name = models.CharField(_("name"), max_length=150)
    level = models.CharField(_("level"), max_length=20, choices=Level.choices)
    parent = models.ForeignKey(
        "self",
        # A removed wijk leaves its buurten in place rather than blocking.
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("part of"),
    )
    geometry = models.JSONField(_("shape (GeoJSON, WGS84)"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True)
    streets = models.TextField(
        _("streets covered"), blank=True, help_text=_("One street per line.")
    )
    inhabitants = models.PositiveIntegerField(_("inhabitants"), null=True, blank=True)
    approximate = models.BooleanField(
        _("approximate shape"),
        default=False,
        help_text=_("The outline is a sketch, not the official CBS boundary."),
    )
    overlapping_buurten = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="straatclusters",
        verbose_name=_("overlapping buurten"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("drawn by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = GebiedQuerySet.as_manager()

    class Meta:
        verbose_name = _("area")
        verbose_name_plural = _("areas")
        ordering = ["code"]
        indexes = [models.Index(fields=["level", "code"])]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"

    def get_absolute_url(self) -> str:
        return record_path("scans:gebied_detail", self.code)

    @cached_property
    def shape(self):
        return shape(self.geometry) if self.geometry else None

    @property
    def is_scan_area(self) -> bool:
        return self.level in {self.Level.BUURT, self.Level.STRAATCLUSTER}
