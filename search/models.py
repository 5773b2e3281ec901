"""Precedents (decisions) for 类案检索, and the outbox that keeps the index in step.

The database is the source of truth; the search index is rebuilt from ``Decision`` rows.
"""

from __future__ import annotations

import re

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from search.masking import masked


class DecisionSource(models.TextChoices):
    RULING = "ruling", _("Ruling issued in this system")
    OFFICE = "office", _("Imported decision of an office")
    COURT = "court", _("Court judgment")
    MEDIATION = "mediation", _("Mediation settlement")
    CONFIRMATION = "confirmation", _("Judicial confirmation")


class DecisionOutcome(models.TextChoices):
    INFRINGEMENT_FOUND = "infringement_found", _("Infringement found")
    PARTIALLY_FOUND = "partially_found", _("Infringement partly found")
    DISMISSED = "dismissed", _("Request dismissed")
    SETTLED = "settled", _("Settled")
    CONFIRMED = "confirmed", _("Settlement confirmed by a court")
    WITHDRAWN = "withdrawn", _("Withdrawn")


PLATFORMS = ["淘宝", "天猫", "京东", "拼多多", "抖音", "快手", "1688", "亚马逊"]


class Decision(models.Model):
    source = models.CharField(_("source"), max_length=20, choices=DecisionSource.choices)
    external_id = models.CharField(_("external id"), max_length=100)
    case = models.OneToOneField("cases.Case", verbose_name=_("case"), null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="decision")
    title = models.CharField(_("title"), max_length=300)
    document_number = models.CharField(_("document number"), max_length=80, blank=True)
    office = models.ForeignKey("cases.Office", verbose_name=_("office"),
                               on_delete=models.PROTECT, related_name="decisions")
    office_path = models.CharField(_("office path"), max_length=255, db_index=True,
                                   editable=False)
    region_code = models.CharField(_("region code"), max_length=6, blank=True)
    decided_on = models.DateField(_("decided on"))
    ip_type = models.CharField(_("IP type"), max_length=30)
    infringing_acts = models.JSONField(_("infringing acts"), default=list, blank=True)
    platform = models.CharField(_("platform"), max_length=30, blank=True,
                                help_text=_("Empty for offline sales."))
    product_category = models.CharField(_("product category"), max_length=60, blank=True)
    outcome = models.CharField(_("outcome"), max_length=30, choices=DecisionOutcome.choices)
    damages_claimed = models.DecimalField(_("damages claimed"), max_digits=14,
                                          decimal_places=2, null=True, blank=True)
    damages_awarded = models.DecimalField(_("damages awarded"), max_digits=14,
                                          decimal_places=2, null=True, blank=True)
    settlement_amount = models.DecimalField(_("settlement amount"), max_digits=14,
                                            decimal_places=2, null=True, blank=True)
    illegal_turnover = models.DecimalField(_("illegal turnover"), max_digits=14,
                                           decimal_places=2, null=True, blank=True)
    illegal_gain = models.DecimalField(_("illegal gain"), max_digits=14, decimal_places=2,
                                       null=True, blank=True)
    fine = models.DecimalField(_("fine"), max_digits=14, decimal_places=2, null=True,
                               blank=True)
    statutes_cited = models.JSONField(_("statutes cited"), default=list, blank=True)
    disputed_issues = models.TextField(_("disputed issues"), blank=True)
    holding = models.TextField(_("holding"), blank=True)
    full_text = models.TextField(_("full text"), blank=True)
    is_guiding_case = models.BooleanField(_("guiding case"), default=False)
    guiding_marked_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                          on_delete=models.SET_NULL, related_name="+",
                                          verbose_name=_("marked as guiding case by"))
    guiding_marked_at = models.DateTimeField(_("marked as guiding case at"), null=True,
                                             blank=True)
    is_public = models.BooleanField(_("public"), default=False)
    is_deleted = models.BooleanField(_("deleted"), default=False)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("precedent")
        verbose_name_plural = _("precedents")
        ordering = ["-decided_on", "-id"]
        constraints = [models.UniqueConstraint(fields=["source", "external_id"],
                                               name="uniq_decision_source_external")]

    def __str__(self) -> str:
        # Masked as the pages show a title: the admin names a record by it everywhere.
        return self.document_number or masked(self.title)

    def save(self, *args: object, **kwargs: object) -> None:
        self.office_path = self.office.path
        if not self.region_code:
            self.region_code = self.office.region_code
        super().save(*args, **kwargs)  # type: ignore[arg-type]


class IndexRebuild(models.Model):
    """Progress of a rebuild into a new index, so an interrupted rebuild resumes."""

    backend = models.CharField(_("backend"), max_length=20)
    target = models.CharField(_("new index"), max_length=200)
    last_id = models.BigIntegerField(_("last decision indexed"), default=0)
    started_at = models.DateTimeField(_("started at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("index rebuild")
        verbose_name_plural = _("index rebuilds")

    def __str__(self) -> str:
        return f"{self.backend} {self.target} @ {self.last_id}"


class OutboxOp(models.TextChoices):
    UPSERT = "upsert", _("Index")
    DELETE = "delete", _("Remove")


class SearchOutbox(models.Model):
    """Work for the index, written in the same transaction as the change it reflects."""

    decision_id = models.BigIntegerField(_("decision"), db_index=True)
    op = models.CharField(_("operation"), max_length=10, choices=OutboxOp.choices)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt at"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    processed_at = models.DateTimeField(_("processed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("index outbox entry")
        verbose_name_plural = _("index outbox")
        indexes = [models.Index(fields=["processed_at", "next_attempt_at"],
                                name="outbox_pending")]

    def __str__(self) -> str:
        return f"{self.op} {self.decision_id}"


class SynonymKind(models.TextChoices):
    EQUIVALENT = "equivalent", _("Same meaning (any term finds all)")
    CATEGORY = "category", _("Category and members (the first term finds the others)")


class Synonym(models.Model):
    """One group of search terms: synonyms and abbreviations, or a category and its
    members. Seeded from ``search/dictionary/synonyms.txt``; legal staff edit them in the
    admin (changes are in the admin's history) and they apply to the next query."""

    kind = models.CharField(_("kind"), max_length=12, choices=SynonymKind.choices,
                            default=SynonymKind.EQUIVALENT)
    terms = models.TextField(_("terms"), help_text=_(
        "Separated by spaces, commas or new lines. For a category, the category first."))
    note = models.CharField(_("note"), max_length=200, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("search synonym")
        verbose_name_plural = _("search synonyms")
        ordering = ["kind", "id"]

    def __str__(self) -> str:
        return " / ".join(self.term_list()[:4])

    def term_list(self) -> list[str]:
        return [t.lower() for t in re.split(r"[\s,，、;；=>]+", self.terms or "") if t]
