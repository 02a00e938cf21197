"""Reports (the Rapport pipeline) and the budget (Begroting, Uitgave)."""

import uuid
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext_lazy as _


class Audience(models.TextChoices):
    RAAD = "raad", _("council")
    PARTNERS = "partners", _("partners")


class RapportQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published_at__isnull=False)

    def for_raad(self):
        return self.filter(audience=Audience.RAAD)


class Rapport(models.Model):
    """One requested report and, once rendered, its PDF.

    The row is the source of truth for the request: the Celery message only
    says "look at row N", so a lost message never loses a request.
    """

    class Status(models.TextChoices):
        WACHTRIJ = "wachtrij", _("queued")
        BEZIG = "bezig", _("rendering")
        KLAAR = "klaar", _("ready")
        MISLUKT = "mislukt", _("failed")

    # The public identifier in URLs: not guessable, unlike the primary key.
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(_("kind"), max_length=40)
    title = models.CharField(_("title"), max_length=200)
    audience = models.CharField(_("audience"), max_length=10, choices=Audience.choices)
    gebied = models.ForeignKey(
        "scans.Gebied",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="rapporten",
        verbose_name=_("area"),
    )
    # Generic subject reference for kinds whose subject is not a gebied (a
    # visie version, a verslag); the kind resolves it and reports a deleted one.
    subject_pk = models.PositiveBigIntegerField(_("subject"), null=True, blank=True)
    parameters = models.JSONField(_("parameters"), default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.WACHTRIJ
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    error = models.TextField(_("reason of failure"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("requested by"),
    )
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    claimed_at = models.DateTimeField(_("started at"), null=True, blank=True)
    lease_until = models.DateTimeField(null=True, blank=True)
    enqueued_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    file = models.FileField(_("file"), upload_to="rapporten/%Y/", blank=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    page_count = models.PositiveIntegerField(_("pages"), null=True, blank=True)
    size_bytes = models.PositiveIntegerField(null=True, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("published by"),
    )
    # RESTRICT: an original cannot be deleted while its correction exists.
    supersedes = models.OneToOneField(
        "self",
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="superseded_by",
        verbose_name=_("correction of"),
    )

    objects = RapportQuerySet.as_manager()

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["-requested_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "lease_until"]),
            models.Index(fields=["audience", "published_at"]),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("rapportage:rapport_detail", kwargs={"uid": self.uid})

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    @property
    def is_finished(self) -> bool:
        return self.status in {self.Status.KLAAR, self.Status.MISLUKT}


class Begroting(models.Model):
    """The budget the raad set for one year of the ingroeimodel."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    amount = models.DecimalField(
        _("budget (euro)"),
        max_digits=12,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0"))],
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("budget")
        verbose_name_plural = _("budgets")
        ordering = ["year"]

    def __str__(self) -> str:
        return f"{self.year}"


class Uitgave(models.Model):
    """A commitment (verplichting) or an expense (besteding) against a budget."""

    class Soort(models.TextChoices):
        VERPLICHTING = "verplichting", _("commitment")
        BESTEDING = "besteding", _("expense")

    begroting = models.ForeignKey(
        Begroting,
        on_delete=models.PROTECT,
        related_name="uitgaven",
        verbose_name=_("budget year"),
    )
    soort = models.CharField(_("type"), max_length=15, choices=Soort.choices)
    amount = models.DecimalField(
        _("amount (euro)"),
        max_digits=12,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    date = models.DateField(_("date"))
    description = models.CharField(_("description"), max_length=300)
    gebied = models.ForeignKey(
        "scans.Gebied",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="uitgaven",
        verbose_name=_("area"),
    )
    organisation = models.ForeignKey(
        "partners.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="uitgaven",
        verbose_name=_("partner"),
    )
    # PROTECT: money committed to or spent on an actie must keep saying so;
    # an actie with expenses cannot silently disappear from the books.
    actie = models.ForeignKey(
        "scans.Actie",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="uitgaven",
        verbose_name=_("action"),
    )

    class Meta:
        verbose_name = _("commitment or expense")
        verbose_name_plural = _("commitments and expenses")
        ordering = ["begroting__year", "date", "pk"]

    def __str__(self) -> str:
        amount = number_format(self.amount, 2, force_grouping=True)
        return f"{date_format(self.date, 'd-m-Y')}: {self.description} (€ {amount})"

    def clean(self):
        if self.actie_id and self.gebied_id and self.actie.gebied_id != self.gebied_id:
            raise ValidationError(
                {"actie": _("This action belongs to another area than the one chosen.")}
            )
        if self.begroting_id and self.date and self.date.year != self.begroting.year:
            raise ValidationError(
                {
                    "date": _("The date must fall in the budget year %(year)s.")
                    % {"year": self.begroting.year}
                }
            )
