from django.db import models
from django.utils.translation import gettext_lazy as _


class Zaal(models.Model):
    """A room that sessions book, managed by functioneel beheer in the admin.

    Sessions point at a room instead of typing its name, so two bookings of
    the same room are found however the room would have been written.
    """

    name = models.CharField(_("name"), max_length=100)
    building = models.CharField(
        _("building"),
        max_length=150,
        help_text=_("For example: Gemeentehuis."),
    )
    address = models.CharField(_("address"), max_length=200, blank=True)
    capacity = models.PositiveIntegerField(
        _("seats"), null=True, blank=True, help_text=_("Leave empty if unknown.")
    )
    active = models.BooleanField(
        _("can be booked"),
        default=True,
        help_text=_("A room that is no longer used keeps its past sessions."),
    )

    class Meta:
        verbose_name = _("room")
        verbose_name_plural = _("rooms")
        ordering = ["building", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["building", "name"], name="zaal_building_name_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name}, {self.building}"
