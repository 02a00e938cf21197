from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _


class Raci(models.TextChoices):
    R = "R", _("Responsible (does the work)")
    A = "A", _("Accountable (answers for it)")
    C = "C", _("Consulted")
    I = "I", _("Informed")  # noqa: E741 - the RACI letter


class Afspraak(models.Model):
    """One samenwerkingsafspraak: a row of the RACI matrix."""

    class Status(models.TextChoices):
        GEPLAND = "gepland", _("planned")
        LOPEND = "lopend", _("in progress")
        GEREED = "gereed", _("done")
        VERVALLEN = "vervallen", _("dropped")

        @classmethod
        def from_frozen(cls, frozen: str | None):
            """The label of a status as a released version froze it.

            A version freezes the status label shown at release; a release
            made with translations off holds the English source text, and a
            code reads as well. Each comes back as the label, translated when
            rendered.
            """
            for value, label in cls.choices:
                with translation.override(None):
                    source = str(label)
                if frozen in (value, source, str(label)):
                    return label
            return frozen or ""

    document = models.ForeignKey(
        "visie.VisieDocument",
        on_delete=models.CASCADE,
        related_name="afspraken",
        verbose_name=_("vision document"),
    )
    position = models.PositiveIntegerField(_("position"), default=0)
    title = models.CharField(_("agreement"), max_length=300)
    contactpersoon = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("contact person"),
    )
    uren = models.DecimalField(
        _("hours"),
        max_digits=8,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    budget = models.DecimalField(
        _("budget (euro)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.GEPLAND
    )

    class Meta:
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        ordering = ["document", "position", "pk"]

    def __str__(self) -> str:
        return self.title


class AfspraakRol(models.Model):
    """The RACI letter of one organisation in one afspraak."""

    afspraak = models.ForeignKey(
        Afspraak, on_delete=models.CASCADE, related_name="rollen"
    )
    organisation = models.ForeignKey(
        "partners.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    rol = models.CharField(_("role"), max_length=1, choices=Raci.choices)

    class Meta:
        ordering = ["afspraak", "organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["afspraak", "organisation"], name="afspraakrol_once"
            ),
            # Exactly one organisation answers for each afspraak; the service
            # checks "at least one", the database forbids a second.
            models.UniqueConstraint(
                fields=["afspraak"],
                condition=models.Q(rol="A"),
                name="afspraakrol_one_accountable",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.afspraak}: {self.organisation} {self.rol}"
