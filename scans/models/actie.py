from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.models import ChoicesDisplayMixin
from core.paths import record_path
from scans.models.gebied import Gebied
from scans.models.indicator import Thema
from scans.models.signaal import Signaal


class Actie(ChoicesDisplayMixin, models.Model):
    """An integral action in a gebied, owned by one organisation."""

    class Status(models.TextChoices):
        GEPLAND = "gepland", _("planned")
        LOPEND = "lopend", _("in progress")
        AFGEROND = "afgerond", _("completed")
        GESTOPT = "gestopt", _("stopped")

    gebied = models.ForeignKey(
        Gebied, on_delete=models.PROTECT, related_name="acties", verbose_name=_("area")
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    eigenaar = models.ForeignKey(
        "partners.Organisation",
        on_delete=models.PROTECT,
        related_name="acties",
        verbose_name=_("owner organisation"),
    )
    partners = models.ManyToManyField(
        "partners.Organisation",
        blank=True,
        related_name="betrokken_acties",
        verbose_name=_("partners involved"),
    )
    signalen = models.ManyToManyField(
        Signaal, blank=True, related_name="acties", verbose_name=_("linked signals")
    )
    themas = models.ManyToManyField(
        Thema, blank=True, related_name="acties", verbose_name=_("themes")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.GEPLAND
    )
    deadline = models.DateField(_("due date"), null=True, blank=True)
    voortgang = models.PositiveSmallIntegerField(
        _("progress (%)"),
        default=0,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    budget = models.DecimalField(
        _("budget (euros)"),
        max_digits=12,
        decimal_places=2,
        default=Decimal("0.00"),
        validators=[MinValueValidator(Decimal("0"))],
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        ordering = ["deadline", "title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return record_path("scans:actie_detail", self.pk)

    @property
    def is_open(self) -> bool:
        return self.status in {self.Status.GEPLAND, self.Status.LOPEND}

    @property
    def is_overdue(self) -> bool:
        return bool(
            self.is_open and self.deadline and self.deadline < timezone.localdate()
        )
