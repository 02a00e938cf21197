from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

#: Section text is Markdown; 200 KB is far more than any section needs.
MAX_TEXT_BYTES = 200 * 1024


def validate_text_size(value: str) -> None:
    if len(value.encode("utf-8")) > MAX_TEXT_BYTES:
        raise ValidationError(
            _("The text is longer than 200 KB. Split it over several sections."),
            code="too_long",
        )


class VisieDocument(models.Model):
    """The shared visie with its samenwerkingsafspraken, drafted section by section."""

    class Status(models.TextChoices):
        CONCEPT = "concept", _("draft")
        CONSULTATIE = "consultatie", _("consultation")
        VASTGESTELD = "vastgesteld", _("adopted")

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("short name"), max_length=80, unique=True)
    summary = models.TextField(_("summary"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.CONCEPT
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("vision document")
        verbose_name_plural = _("vision documents")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("visie:document_detail", kwargs={"slug": self.slug})

    @property
    def is_read_only(self) -> bool:
        return self.status == self.Status.VASTGESTELD


class Sectie(models.Model):
    """One ordered part of the visie; its penvoerder organisation owns the text."""

    document = models.ForeignKey(
        VisieDocument,
        on_delete=models.CASCADE,
        related_name="secties",
        verbose_name=_("vision document"),
    )
    position = models.PositiveIntegerField(_("position"))
    title = models.CharField(_("title"), max_length=200)
    penvoerder = models.ForeignKey(
        "partners.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("lead organisation"),
    )
    current_revisie = models.ForeignKey(
        "visie.Revisie",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("current revision"),
    )

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        ordering = ["document", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["document", "position"], name="sectie_document_position_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("visie:sectie_detail", kwargs={"pk": self.pk})

    @property
    def text(self) -> str:
        return self.current_revisie.text if self.current_revisie else ""


class Revisie(models.Model):
    """An immutable saved state of a section's text.

    A draft revision holds text that could not be applied because someone else
    saved first; it stays until its author has merged it.
    """

    sectie = models.ForeignKey(
        Sectie,
        on_delete=models.CASCADE,
        related_name="revisies",
        verbose_name=_("section"),
    )
    number = models.PositiveIntegerField(_("number"))
    text = models.TextField(_("text"), blank=True, validators=[validate_text_size])
    message = models.CharField(_("change note"), max_length=200, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("author"),
    )
    organisation = models.ForeignKey(
        "partners.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("organisation"),
    )
    created_at = models.DateTimeField(_("saved at"), auto_now_add=True)
    base = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("started from"),
    )
    restored_from = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("restored from"),
    )
    is_draft = models.BooleanField(_("unapplied draft"), default=False)
    draft_settled_at = models.DateTimeField(_("draft merged at"), null=True, blank=True)

    #: The only field that may change after a revision has been written.
    MUTABLE_FIELDS = frozenset({"draft_settled_at"})

    class Meta:
        verbose_name = _("revision")
        verbose_name_plural = _("revisions")
        ordering = ["sectie", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["sectie", "number"], name="revisie_sectie_number_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.sectie} — r{self.number}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            fields = set(kwargs.get("update_fields") or ())
            if not fields or not fields <= self.MUTABLE_FIELDS:
                raise ValueError("Revisions are immutable; save a new one instead.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("Revisions are immutable and cannot be deleted.")

    @property
    def is_open_draft(self) -> bool:
        return self.is_draft and self.draft_settled_at is None
