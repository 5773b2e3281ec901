"""The office tree (自治区 → 市 → 县/区) and each office's document-number prefixes."""

from __future__ import annotations

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class OfficeLevel(models.TextChoices):
    PROVINCE = "province", _("Province / autonomous region")
    CITY = "city", _("City")
    COUNTY = "county", _("County / district")


region_code_validator = RegexValidator(
    r"^\d{6}$", _("The region code must be 6 digits (GB/T 2260), e.g. 450100.")
)


class Office(models.Model):
    """An intellectual-property authority (知识产权局) at one level of the region tree.

    ``path`` is the chain of region codes from the root, e.g. ``450000/450100/``; the
    subtree of an office is one indexed ``LIKE 'prefix%'`` query.
    """

    name = models.CharField(_("name"), max_length=100, unique=True)
    short_name = models.CharField(_("short name"), max_length=30, blank=True)
    level = models.CharField(_("level"), max_length=10, choices=OfficeLevel.choices)
    region_code = models.CharField(
        _("region code"), max_length=6, unique=True, validators=[region_code_validator]
    )
    region_name = models.CharField(_("region name"), max_length=60)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent office"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    path = models.CharField(_("tree path"), max_length=255, editable=False, db_index=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    competent_court = models.CharField(
        _("competent court"), max_length=100, blank=True,
        help_text=_("The court that hears suits against this office's rulings, named in "
                    "their notice of remedy. Empty: the intermediate people's court of the "
                    "office's city."),
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("office")
        verbose_name_plural = _("offices")
        ordering = ["path"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: object, **kwargs: object) -> None:
        old_path = self.path
        self.path = (self.parent.path if self.parent else "") + f"{self.region_code}/"
        super().save(*args, **kwargs)  # type: ignore[arg-type]
        if old_path and old_path != self.path:
            # Moving an office moves its whole subtree.
            for child in Office.objects.filter(parent=self):
                child.save()

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        if self.parent_id and self.pk:
            ancestor = self.parent
            while ancestor is not None:
                if ancestor.pk == self.pk:
                    raise ValidationError(
                        {
                            "parent": _(
                                "The parent office cannot be this office "
                                "or one of its descendants."
                            )
                        }
                    )
                ancestor = ancestor.parent

    def is_within(self, other: Office) -> bool:
        """True when this office is ``other`` or one of its descendants."""
        return self.path.startswith(other.path)

    def ancestors(self) -> models.QuerySet[Office]:
        codes = [c for c in self.path.split("/") if c]
        return Office.objects.filter(region_code__in=codes).exclude(pk=self.pk)

    def subtree(self) -> models.QuerySet[Office]:
        return Office.objects.filter(path__startswith=self.path)


class DocumentKind(models.TextChoices):
    """Kinds of formal document (公文) that carry a document number (文号)."""

    ACCEPTANCE_NOTICE = "acceptance_notice", _("Acceptance notice")
    REJECTION_NOTICE = "rejection_notice", _("Rejection notice")
    CORRECTION_NOTICE = "correction_notice", _("Correction notice")
    ANSWER_NOTICE = "answer_notice", _("Notice to answer")
    HEARING_NOTICE = "hearing_notice", _("Hearing notice")
    SUSPENSION_NOTICE = "suspension_notice", _("Suspension notice")
    RESUMPTION_NOTICE = "resumption_notice", _("Resumption notice")
    EXTENSION_APPROVAL = "extension_approval", _("Extension approval form")
    RULING = "ruling", _("Administrative ruling")
    SERVICE_RECEIPT = "service_receipt", _("Proof of service")
    REMINDER = "reminder", _("Demand for performance")
    ENFORCEMENT_APPLICATION = "enforcement_application", _("Application for enforcement")
    CLOSING_REPORT = "closing_report", _("Closing report")
    MEDIATION_REQUEST_NOTICE = "mediation_request_notice", _("Notice of a mediation request")
    MEDIATION_SESSION_NOTICE = "mediation_session_notice", _("Notice of a mediation session")
    MEDIATION_RECORD = "mediation_record", _("Mediation record")
    MEDIATION_AGREEMENT = "mediation_agreement", _("Mediation agreement")
    MEDIATION_TERMINATION_NOTICE = "mediation_termination_notice", _(
        "Notice of termination of mediation")
    CONFIRMATION_APPLICATION = "confirmation_application", _(
        "Application for judicial confirmation")
    CONFIRMATION_MATERIALS = "confirmation_materials", _(
        "List of materials for judicial confirmation")
    REFERRAL_LETTER = "referral_letter", _("Criminal referral letter")
    REFERRAL_ATTACHMENTS = "referral_attachments", _("List of attachments of a referral")
    RECONSIDERATION_REQUEST = "reconsideration_request", _("Request for reconsideration")
    EXHIBIT_TRANSFER_LIST = "exhibit_transfer_list", _("List of exhibits handed over")
    TRANSFER_LETTER = "transfer_letter", _("Case transfer letter")
    COMPLAINT_REPLY = "complaint_reply", _("Reply to a complaint")
    CASE_NUMBER = "case_number", _("Case number")


prefix_validator = RegexValidator(
    r"^[\u4e00-\u9fff]{1,12}$",
    _("A document-number code is 1 to 12 Chinese characters, e.g. 桂知裁字."),
)


class DocumentNumberPrefix(models.Model):
    """The 代字 an office uses for one kind of document, e.g. 桂知裁字 → 桂知裁字〔2026〕12号."""

    office = models.ForeignKey(
        Office, verbose_name=_("office"), on_delete=models.CASCADE, related_name="number_prefixes"
    )
    kind = models.CharField(_("document kind"), max_length=40, choices=DocumentKind.choices)
    prefix = models.CharField(_("number code"), max_length=12, validators=[prefix_validator])

    class Meta:
        verbose_name = _("document-number code")
        verbose_name_plural = _("document-number codes")
        constraints = [
            models.UniqueConstraint(fields=["office", "kind"], name="uniq_prefix_office_kind"),
        ]

    def __str__(self) -> str:
        return f"{self.office} · {self.get_kind_display()} · {self.prefix}"

    def format_number(self, year: int, sequence: int) -> str:
        """文号: code + 〔year〕 + sequence + 号, no leading zeros, no 第."""
        return f"{self.prefix}〔{year}〕{sequence}号"
