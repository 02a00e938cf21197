from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.policy import Kind, Rubricering


class Bron(models.Model):
    """A source document: a link, an uploaded file, or both."""

    class Soort(models.TextChoices):
        BELEID = "beleid", _("policy document")
        ONDERZOEK = "onderzoek", _("research report")
        RAADSSTUK = "raadsstuk", _("council document")
        OVERIG = "overig", _("other")

    title = models.CharField(_("title"), max_length=300)
    soort = models.CharField(_("kind"), max_length=20, choices=Soort.choices)
    publisher = models.CharField(_("publisher"), max_length=200, blank=True)
    published_on = models.DateField(_("publication date"), null=True, blank=True)
    url = models.URLField(_("web address"), blank=True, max_length=500)
    description = models.TextField(_("description"), blank=True, max_length=2000)
    file = models.FileField(_("file"), upload_to="bronnen/%Y/", blank=True)
    filename = models.CharField(_("file name"), max_length=255, blank=True)
    content_type = models.CharField(_("file type"), max_length=120, blank=True)
    size = models.PositiveBigIntegerField(_("size in bytes"), null=True, blank=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    rubricering = models.CharField(
        _("classification"),
        max_length=20,
        choices=Rubricering.choices,
        help_text=_("Applies to the description and the file alike."),
    )
    organisation = models.ForeignKey(
        "partners.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisation"),
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("added by"),
    )
    added_at = models.DateTimeField(_("added at"), auto_now_add=True)

    #: The title, the description and the file share the one level.
    policy_kind = Kind.BRON
    policy_organisation = "organisation_id"

    class Meta:
        verbose_name = _("source document")
        verbose_name_plural = _("source documents")
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("visie:bron_detail", kwargs={"pk": self.pk})


class Citatie(models.Model):
    """Evidence cited by a section: a bron or a finding from the scans.

    The cited object is generic so a section can point at whatever kind of
    evidence exists; visie/citations.py lists the kinds and who may see them.
    """

    sectie = models.ForeignKey(
        "visie.Sectie",
        on_delete=models.CASCADE,
        related_name="citaties",
        verbose_name=_("section"),
    )
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    toelichting = models.CharField(_("why it is cited"), max_length=500, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("added by"),
    )
    added_at = models.DateTimeField(_("added at"), auto_now_add=True)

    class Meta:
        verbose_name = _("citation")
        verbose_name_plural = _("citations")
        ordering = ["sectie", "added_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["sectie", "content_type", "object_id"], name="citatie_once"
            )
        ]

    def __str__(self) -> str:
        # Not the target's own title: that is classified text of its kind,
        # and this label shows in places (the admin) that do not ask the policy.
        return f"{self.sectie} → {self.content_type.model} {self.object_id}"
