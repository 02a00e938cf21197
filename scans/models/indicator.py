from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import ChoicesDisplayMixin


class Domein(models.TextChoices):
    SOCIAAL = "sociaal", _("social")
    FYSIEK = "fysiek", _("physical")
    VEILIGHEID = "veiligheid", _("safety")


class Thema(ChoicesDisplayMixin, models.Model):
    """A theme within a domain, e.g. wonen (fysiek) or overlast (veiligheid)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=100)
    domein = models.CharField(_("domain"), max_length=20, choices=Domein.choices)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering = ["domein", "order", "name"]

    def __str__(self) -> str:
        return self.name


class Indicator(ChoicesDisplayMixin, models.Model):
    """A measured quantity; the beheerder manages these in the admin."""

    class Laag(models.TextChoices):
        OBJECTIEF = "objectief", _("objective (registrations)")
        SUBJECTIEF = "subjectief", _("subjective (survey)")

    class Polariteit(models.IntegerChoices):
        HOGER_BETER = 1, _("higher is better")
        HOGER_SLECHTER = -1, _("higher is worse")

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=150)
    thema = models.ForeignKey(
        Thema,
        on_delete=models.PROTECT,
        related_name="indicators",
        verbose_name=_("theme"),
    )
    laag = models.CharField(_("layer"), max_length=20, choices=Laag.choices)
    unit = models.CharField(_("unit"), max_length=60)
    polariteit = models.SmallIntegerField(
        _("polarity"), choices=Polariteit.choices, default=Polariteit.HOGER_BETER
    )
    bron = models.ForeignKey(
        "partners.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("source organisation"),
    )
    min_value = models.DecimalField(
        _("lowest allowed value"), max_digits=12, decimal_places=3, default=0
    )
    max_value = models.DecimalField(
        _("highest allowed value"), max_digits=12, decimal_places=3
    )
    active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["thema__domein", "thema__order", "code"]

    def __str__(self) -> str:
        return f"{self.name} ({self.unit})"

    def clean(self) -> None:
        if (
            self.min_value is not None
            and self.max_value is not None
            and self.min_value >= self.max_value
        ):
            raise ValidationError(
                {"max_value": _("The highest value must be above the lowest value.")}
            )
