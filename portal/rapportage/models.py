"""Reports (the Rapport pipeline, letters, notices, notes) and the budget."""

import uuid
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext_lazy as _

from core.models import ChoicesDisplayMixin
from core.paths import record_path
from portal.rapportage.money import euro


class Audience(models.TextChoices):
    RAAD = "raad", _("council")
    PARTNERS = "partners", _("partners")


class RapportQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published_at__isnull=False)

    def for_raad(self):
        return self.filter(audience=Audience.RAAD)


class Rapport(ChoicesDisplayMixin, models.Model):
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
    # The rendered report's text, for search; written with its file.
    text = models.TextField(_("text"), blank=True, editable=False)
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
    # What a correction changes, in the griffier's words: on the report page,
    # in the PDF and in the notice to the raad. Required for a correction.
    change_note = models.TextField(_("what changed"), blank=True, max_length=2000)

    objects = RapportQuerySet.as_manager()

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["-requested_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "lease_until"]),
            models.Index(fields=["audience", "published_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(supersedes__isnull=True) | ~Q(change_note=""),
                name="rapportage_correction_says_what_changed",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return record_path("rapportage:rapport_detail", self.uid)

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    @property
    def is_finished(self) -> bool:
        return self.status in {self.Status.KLAAR, self.Status.MISLUKT}

    def clean(self):
        if self.supersedes_id and not self.change_note.strip():
            raise ValidationError(
                {"change_note": _("Say what the correction changes.")}
            )


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
    """A commitment (verplichting) or a payment (betaling) against a budget year.

    A payment may settle a commitment: it then belongs to the commitment's
    budget year, and the commitment's open amount drops by the payment, so
    every euro counts once in the totals (ADR 0422).
    """

    class Soort(models.TextChoices):
        VERPLICHTING = "verplichting", _("commitment")
        BETALING = "betaling", _("payment")

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
    # PROTECT: a commitment that has been (partly) paid keeps its payments.
    verplichting = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="betalingen",
        limit_choices_to={"soort": "verplichting"},
        verbose_name=_("settles commitment"),
    )
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
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(
        _("recorded at"), default=timezone.now, editable=False
    )

    class Meta:
        verbose_name = _("commitment or payment")
        verbose_name_plural = _("commitments and payments")
        ordering = ["begroting__year", "date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(verplichting__isnull=True) | Q(soort="betaling"),
                name="rapportage_only_a_payment_settles",
            )
        ]

    def __str__(self) -> str:
        amount = number_format(self.amount, 2, force_grouping=True)
        return f"{date_format(self.date, 'd-m-Y')}: {self.description} (€ {amount})"

    def paid_amount(self) -> Decimal:
        """What the payments that settle this commitment add up to."""
        if self.pk is None:
            return Decimal("0.00")
        total = self.betalingen.aggregate(s=Sum("amount"))["s"]
        return total or Decimal("0.00")

    def clean(self):
        if self.actie_id and self.gebied_id and self.actie.gebied_id != self.gebied_id:
            raise ValidationError(
                {"actie": _("This action belongs to another area than the one chosen.")}
            )
        if self.verplichting_id:
            self._clean_settlement()
        elif self.begroting_id and self.date and self.date.year != self.begroting.year:
            raise ValidationError(
                {
                    "date": _("The date must fall in the budget year %(year)s.")
                    % {"year": self.begroting.year}
                }
            )
        if self.pk and self.soort == self.Soort.VERPLICHTING:
            paid = self.paid_amount()
            if paid and self.amount is not None and self.amount < paid:
                raise ValidationError(
                    {
                        "amount": _(
                            "Payments of %(paid)s already settle this commitment; "
                            "it cannot be smaller than that."
                        )
                        % {"paid": euro(paid)}
                    }
                )
        if (
            self.pk
            and self.soort != self.Soort.VERPLICHTING
            and self.betalingen.exists()
        ):
            raise ValidationError(
                {"soort": _("Payments settle this commitment; it stays a commitment.")}
            )

    def _clean_settlement(self) -> None:
        """A payment that settles a commitment: its year, date and open amount."""
        commitment = self.verplichting
        if self.soort != self.Soort.BETALING:
            raise ValidationError(
                {"verplichting": _("Only a payment can settle a commitment.")}
            )
        if commitment.soort != self.Soort.VERPLICHTING or commitment.pk == self.pk:
            raise ValidationError({"verplichting": _("Choose a commitment.")})
        if self.begroting_id and self.begroting_id != commitment.begroting_id:
            raise ValidationError(
                {
                    "verplichting": _(
                        "A payment that settles a commitment belongs to the "
                        "budget year of that commitment (%(year)s)."
                    )
                    % {"year": commitment.begroting.year}
                }
            )
        if self.date and self.date < commitment.date:
            raise ValidationError(
                {"date": _("A payment cannot come before the commitment it settles.")}
            )
        others = commitment.betalingen.exclude(pk=self.pk).aggregate(s=Sum("amount"))
        open_amount = commitment.amount - (others["s"] or Decimal("0.00"))
        if self.amount is not None and self.amount > open_amount:
            raise ValidationError(
                {
                    "amount": _(
                        "This is more than is still open on the commitment "
                        "(%(open)s). Record the difference as a separate payment."
                    )
                    % {"open": euro(open_amount)}
                }
            )


class Raadsinformatiebrief(models.Model):
    """The college's letter that a progress report carries to the raad.

    The college writes the letter; the portal adds the generated annexes
    behind it. Written by the griffie or the gemeente's own teams before
    publication; a published letter, like its report, never changes.
    """

    rapport = models.OneToOneField(
        Rapport,
        on_delete=models.CASCADE,
        related_name="brief",
        verbose_name=_("report"),
    )
    kenmerk = models.CharField(
        _("reference"),
        max_length=60,
        help_text=_("The college's reference number, for example Z-2026-01234."),
    )
    date = models.DateField(_("date of the letter"))
    text = models.TextField(
        _("text of the college"),
        max_length=20000,
        help_text=_(
            "Markdown: a blank line between paragraphs, ## for a heading, - for a list."
        ),
    )
    burgemeester = models.CharField(_("name of the mayor"), max_length=120)
    burgemeester_functie = models.CharField(
        _("function of the first signatory"), max_length=60, default="burgemeester"
    )
    secretaris = models.CharField(_("name of the secretary"), max_length=120)
    secretaris_functie = models.CharField(
        _("function of the second signatory"), max_length=60, default="secretaris"
    )
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("written by"),
    )
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        verbose_name = _("council information letter")
        verbose_name_plural = _("council information letters")

    def __str__(self) -> str:
        return f"{self.kenmerk} ({date_format(self.date, 'j F Y')})"


class Publicatiebericht(models.Model):
    """One notice of one publication to one raadslid: the outbox row.

    Like a Rapport row it is the source of truth: the task only says "send
    row N", claims the row atomically, and a failed send is retried with
    backoff. Unique per report and recipient, so nobody is told twice.
    """

    class Status(models.TextChoices):
        WACHTRIJ = "wachtrij", _("queued")
        BEZIG = "bezig", _("sending")
        VERZONDEN = "verzonden", _("sent")
        MISLUKT = "mislukt", _("failed")

    rapport = models.ForeignKey(
        Rapport,
        on_delete=models.CASCADE,
        related_name="berichten",
        verbose_name=_("report"),
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("recipient"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.WACHTRIJ
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("queued at"), auto_now_add=True)
    enqueued_at = models.DateTimeField(null=True, blank=True)
    lease_until = models.DateTimeField(null=True, blank=True)
    #: the earliest time the sweep may send a failed notice again
    retry_after = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("publication notice")
        verbose_name_plural = _("publication notices")
        ordering = ["rapport", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["rapport", "recipient"],
                name="rapportage_one_notice_per_report_and_recipient",
            )
        ]
        indexes = [models.Index(fields=["status", "lease_until"])]

    def __str__(self) -> str:
        return f"{self.rapport} → {self.recipient}"


class Notitie(models.Model):
    """A raadslid's own note on a published report, at a page or a passage.

    Private to its author unless shared, and then only with other raadsleden:
    never with the griffie, the partners or beheer (not in the admin, not in
    the archive export).
    """

    rapport = models.ForeignKey(
        Rapport,
        on_delete=models.CASCADE,
        related_name="notities",
        verbose_name=_("report"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("author"),
    )
    page = models.PositiveIntegerField(
        _("page"), null=True, blank=True, validators=[MinValueValidator(1)]
    )
    passage = models.TextField(
        _("quoted passage"),
        blank=True,
        max_length=1000,
        help_text=_("Optional: copy the sentence the note is about."),
    )
    text = models.TextField(_("your note"), max_length=4000)
    shared = models.BooleanField(
        _("share with the other council members"),
        default=False,
        help_text=_(
            "Shared notes are read by council members only: never by the "
            "griffie, the partners or functioneel beheer."
        ),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    #: Personal working notes are not records of the gemeente: the archive
    #: export leaves them out.
    archived = False

    class Meta:
        verbose_name = _("note on a report")
        verbose_name_plural = _("notes on reports")
        ordering = ["rapport", "page", "created_at", "pk"]
        indexes = [models.Index(fields=["rapport", "author"])]

    def __str__(self) -> str:
        return f"{self.rapport}: p. {self.page or '–'}"

    def clean(self):
        pages = self.rapport.page_count if self.rapport_id else None
        if self.page and pages and self.page > pages:
            raise ValidationError(
                {"page": _("The report has %(pages)s pages.") % {"pages": pages}}
            )
