from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Versie(models.Model):
    """A numbered, frozen release of the whole visie and its afspraken."""

    class Status(models.TextChoices):
        CONSULTATIE = "consultatie", _("consultation")
        VASTGESTELD = "vastgesteld", _("adopted")

    document = models.ForeignKey(
        "visie.VisieDocument",
        on_delete=models.CASCADE,
        related_name="versies",
        verbose_name=_("vision document"),
    )
    number = models.PositiveIntegerField(_("version number"))
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=Status.choices,
        default=Status.CONSULTATIE,
    )
    content_hash = models.CharField(_("content hash (SHA-256)"), max_length=64)
    afspraken = models.JSONField(_("agreements at release"), default=list, blank=True)
    note = models.CharField(_("release note"), max_length=300, blank=True)
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("released by"),
    )
    released_at = models.DateTimeField(_("released at"), auto_now_add=True)

    class Meta:
        verbose_name = _("version")
        verbose_name_plural = _("versions")
        ordering = ["document", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["document", "number"], name="versie_document_number_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.document} — versie {self.number}"

    def get_absolute_url(self) -> str:
        return reverse("visie:versie_detail", kwargs={"pk": self.pk})


class VersieSectie(models.Model):
    """A section as it was frozen in a version."""

    versie = models.ForeignKey(Versie, on_delete=models.CASCADE, related_name="secties")
    sectie = models.ForeignKey(
        "visie.Sectie", on_delete=models.CASCADE, related_name="+"
    )
    revisie = models.ForeignKey(
        "visie.Revisie", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    position = models.PositiveIntegerField(_("position"))
    title = models.CharField(_("title"), max_length=200)
    penvoerder = models.ForeignKey(
        "partners.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    text = models.TextField(_("text"), blank=True)

    class Meta:
        ordering = ["versie", "position"]

    def __str__(self) -> str:
        return f"{self.versie} — {self.title}"


class Ondertekening(models.Model):
    """An organisation's commitment to one version, given by its coördinator."""

    class Besluit(models.TextChoices):
        AKKOORD = "akkoord", _("agreed")
        VOORBEHOUD = "voorbehoud", _("agreed with reservation")
        NIET_AKKOORD = "niet_akkoord", _("not agreed")

    versie = models.ForeignKey(
        Versie,
        on_delete=models.CASCADE,
        related_name="ondertekeningen",
        verbose_name=_("version"),
    )
    organisation = models.ForeignKey(
        "partners.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("organisation"),
    )
    besluit = models.CharField(_("decision"), max_length=20, choices=Besluit.choices)
    voorbehoud = models.TextField(_("reservation"), blank=True, max_length=2000)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("signed by"),
    )
    signed_at = models.DateTimeField(_("signed at"), auto_now_add=True)

    class Meta:
        verbose_name = _("sign-off")
        verbose_name_plural = _("sign-offs")
        ordering = ["versie", "organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["versie", "organisation"], name="ondertekening_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} — {self.versie}: {self.get_besluit_display()}"
