import uuid
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.models import ChoicesDisplayMixin
from core.paths import record_path


class BobFase(models.TextChoices):
    """The phases of the raad's BOB model."""

    BEELDVORMING = "beeldvorming", _("forming a picture (beeldvorming)")
    OORDEELSVORMING = "oordeelsvorming", _("forming an opinion (oordeelsvorming)")
    BESLUITVORMING = "besluitvorming", _("decision-making (besluitvorming)")


class Sessie(ChoicesDisplayMixin, models.Model):
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
    zaal = models.ForeignKey(
        "sessies.Zaal",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sessies",
        verbose_name=_("room"),
        help_text=_("The rooms of the gemeentehuis and other regular places."),
    )
    location = models.CharField(
        _("other location"),
        max_length=200,
        blank=True,
        help_text=_(
            "Only when the session is not in one of the rooms, for example a "
            "community centre."
        ),
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
    cancel_reason = models.TextField(_("reason for cancelling"), blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    # Residents sign up through a public page; the code in its address is
    # made when the page is first opened and kept, so a printed flyer stays
    # valid when sign-up is closed and opened again.
    publieke_aanmelding = models.BooleanField(
        _("open for sign-up by residents"), default=False
    )
    aanmeldcode = models.CharField(
        max_length=32, unique=True, null=True, blank=True, editable=False
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
        return record_path("sessies:sessie_detail", self.pk)

    def clean(self):
        errors = {}
        if self.start and self.end and self.end <= self.start:
            errors["end"] = _("The end must be after the start.")
        if self.soort == self.Soort.RAADSWERKSESSIE and not self.bob_fase:
            errors["bob_fase"] = _("Choose the BOB phase of this council work session.")
        if self.soort != self.Soort.RAADSWERKSESSIE and self.bob_fase:
            errors["bob_fase"] = _("Only council work sessions have a BOB phase.")
        if self.zaal_id and self.location.strip():
            errors["location"] = _("Choose a room or type another location, not both.")
        seats = self.zaal.capacity if self.zaal_id else None
        if seats and self.capacity and self.capacity > seats:
            errors["capacity"] = _(
                "%(room)s seats %(n)d people; the capacity cannot be higher."
            ) % {"room": self.zaal, "n": seats}
        if self.publieke_aanmelding and self.soort != self.Soort.PARTICIPATIESESSIE:
            errors["publieke_aanmelding"] = _(
                "Only participation sessions are open to residents."
            )
        if errors:
            raise ValidationError(errors)

    @property
    def is_raad(self) -> bool:
        return self.soort == self.Soort.RAADSWERKSESSIE

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.GEANNULEERD

    @property
    def is_over(self) -> bool:
        return self.end <= timezone.now()

    @property
    def plaats(self) -> str:
        """Where the session is, as invitees read it."""
        return str(self.zaal) if self.zaal_id else self.location.strip()

    @property
    def duration(self) -> timedelta:
        return self.end - self.start

    @property
    def duration_minutes(self) -> int:
        return int(self.duration.total_seconds() // 60)


class AgendapuntQuerySet(models.QuerySet):
    def in_agenda_order(self) -> "AgendapuntQuerySet":
        """Main items in order, each directly followed by its sub-items."""
        return self.annotate(
            main_order=Coalesce("parent__order", "order"),
            main_pk=Coalesce("parent_id", "pk"),
        ).order_by(
            "main_order",
            "main_pk",
            models.F("parent_id").asc(nulls_first=True),
            "order",
            "pk",
        )


class Agendapunt(models.Model):
    """One item on a session's agenda, in order, with its time."""

    sessie = models.ForeignKey(
        Sessie,
        on_delete=models.CASCADE,
        related_name="agendapunten",
        verbose_name=_("session"),
    )
    # One level of sub-items: a sub-item's time is part of its parent's.
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="subpunten",
        verbose_name=_("part of"),
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

    objects = AgendapuntQuerySet.as_manager()

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

    @property
    def is_sub_item(self) -> bool:
        return self.parent_id is not None

    def clean(self):
        errors = {}
        if self.duration_minutes is not None and not 1 <= self.duration_minutes <= 480:
            errors["duration_minutes"] = _("Give a duration between 1 and 480 minutes.")
        if self.parent_id:
            parent = self.parent
            if parent.sessie_id != self.sessie_id or (self.pk and parent.pk == self.pk):
                errors["parent"] = _("Choose a main item of this session.")
            elif parent.parent_id:
                errors["parent"] = _(
                    "A sub-item cannot have sub-items of its own: choose a main item."
                )
            elif self.pk and self.subpunten.exists():
                errors["parent"] = _(
                    "This item has sub-items of its own, so it cannot become a "
                    "sub-item."
                )
        if errors:
            raise ValidationError(errors)


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
