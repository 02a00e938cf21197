import uuid
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class BobFase(models.TextChoices):
    """The phases of the raad's BOB model."""

    BEELDVORMING = "beeldvorming", _("forming a picture (beeldvorming)")
    OORDEELSVORMING = "oordeelsvorming", _("forming an opinion (oordeelsvorming)")
    BESLUITVORMING = "besluitvorming", _("decision-making (besluitvorming)")


class Sessie(models.Model):
    """A meeting in the Buurtaanpak: a raad work session, participation, partners."""

    class Soort(models.TextChoices):
        RAADSWERKSESSIE = "raadswerksessie", _("council work session")
        PARTICIPATIESESSIE = "participatiesessie", _("participation session")
        PARTNEROVERLEG = "partneroverleg", _("partner meeting")

    class Status(models.TextChoices):
        GEPLAND = "gepland", _("planned")
        VERPLAATST = "verplaatst", _("moved")
        GEANNULEERD = "geannuleerd", _("cancelled")
        AFGEROND = "afgerond", _("completed")

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    title = models.CharField(_("title"), max_length=200)
    soort = models.CharField(_("kind"), max_length=20, choices=Soort.choices)
    bob_fase = models.CharField(
        _("BOB phase"),
        max_length=20,
        choices=BobFase.choices,
        blank=True,
        help_text=_("Only for council work sessions."),
    )
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    location = models.CharField(
        _("location or room"),
        max_length=200,
        blank=True,
        help_text=_("For example: Raadzaal, Gemeentehuis."),
    )
    online_url = models.URLField(_("online meeting link"), blank=True)
    description = models.TextField(_("description"), blank=True)
    capacity = models.PositiveIntegerField(
        _("capacity"),
        null=True,
        blank=True,
        help_text=_("Leave empty for no limit."),
    )
    openbaar = models.BooleanField(
        _("public"),
        default=False,
        help_text=_("Public council sessions are visible to every council member."),
    )
    buurten = models.ManyToManyField(
        "scans.Gebied",
        blank=True,
        related_name="sessies",
        verbose_name=_("neighbourhoods"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.GEPLAND
    )
    # Raised on every change that invitees must see; calendar clients replace
    # an event only when the SEQUENCE grows.
    sequence = models.PositiveIntegerField(default=0, editable=False)
    organiser = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="georganiseerde_sessies",
        verbose_name=_("organiser"),
    )
    organisation = models.ForeignKey(
        "partners.Organisation",
        on_delete=models.PROTECT,
        related_name="sessies",
        verbose_name=_("organising organisation"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["start", "pk"]
        indexes = [models.Index(fields=["start", "end"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gt=models.F("start")),
                name="sessie_end_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("sessies:sessie_detail", kwargs={"pk": self.pk})

    def clean(self):
        errors = {}
        if self.start and self.end and self.end <= self.start:
            errors["end"] = _("The end must be after the start.")
        if self.soort == self.Soort.RAADSWERKSESSIE and not self.bob_fase:
            errors["bob_fase"] = _("Choose the BOB phase of this council work session.")
        if self.soort != self.Soort.RAADSWERKSESSIE and self.bob_fase:
            errors["bob_fase"] = _("Only council work sessions have a BOB phase.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_raad(self) -> bool:
        return self.soort == self.Soort.RAADSWERKSESSIE

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.GEANNULEERD

    @property
    def duration(self) -> timedelta:
        return self.end - self.start

    @property
    def duration_minutes(self) -> int:
        return int(self.duration.total_seconds() // 60)


class Agendapunt(models.Model):
    """One item on a session's agenda, in order, with its time."""

    sessie = models.ForeignKey(
        Sessie,
        on_delete=models.CASCADE,
        related_name="agendapunten",
        verbose_name=_("session"),
    )
    order = models.PositiveIntegerField(_("order"), default=0)
    title = models.CharField(_("title"), max_length=200)
    duration_minutes = models.PositiveIntegerField(
        _("duration (minutes)"), help_text=_("Between 1 and 480 minutes.")
    )
    presenter = models.CharField(_("presenter"), max_length=150, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    # What the item is about. A report is deliberately not linkable here:
    # reports live in a higher app (see ADR 0303).
    visie_versie = models.ForeignKey(
        "visie.Versie",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="agendapunten",
        verbose_name=_("visie version"),
    )
    visie_sectie = models.ForeignKey(
        "visie.Sectie",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="agendapunten",
        verbose_name=_("visie section"),
    )
    gebiedsscan = models.ForeignKey(
        "scans.Gebiedsscan",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="agendapunten",
        verbose_name=_("area scan"),
    )

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["sessie", "order", "pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def links(self) -> list:
        return [
            obj
            for obj in (self.visie_versie, self.visie_sectie, self.gebiedsscan)
            if obj is not None
        ]

    def clean(self):
        if self.duration_minutes is not None and not 1 <= self.duration_minutes <= 480:
            raise ValidationError(
                {"duration_minutes": _("Give a duration between 1 and 480 minutes.")}
            )


class Mijlpaal(models.Model):
    """A milestone of the traject, shown on the timeline with the sessions."""

    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    start_date = models.DateField(_("date or start date"))
    end_date = models.DateField(
        _("end date"), null=True, blank=True, help_text=_("For a period.")
    )

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["start_date", "pk"]

    def __str__(self) -> str:
        return self.title

    def clean(self):
        if self.end_date and self.end_date < self.start_date:
            raise ValidationError(
                {"end_date": _("The end date must not be before the start date.")}
            )
