"""Referral of a suspected crime to public security (行刑衔接; DOMAIN.md, Workflow D1;
国务院令第310号, 2020 revision).

:class:`ReferralCase` is the referral workflow's record of a case, one-to-one with the
generic :class:`cases.models.Case` header; its ``origin`` is the administrative case
(a complaint, a ruling case…) in which the crime was suspected. A task force of at least
two officers writes the report, the head approves within 3 days (or rejects with
reasons), the package goes to the police within 24 hours of approval, and the police's
receipt, filing decision, reconsideration, procuratorate supervision and the hand-over of
exhibits are recorded with their clocks.
"""

from __future__ import annotations

import re
from typing import Any

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import RETURN_VALUE, ConcurrentTransitionMixin, FSMField, transition

from cases import permissions
from cases.models.participants import AssignmentRole
from cases.referral.models.thresholds import OFFENCE_ARTICLES, Offence

REFERRAL = "referral"
TASK_FORCE_MIN = 2


class ReferralState(models.TextChoices):
    DRAFTING = "drafting", _("Task force preparing the referral")
    PENDING_APPROVAL = "pending_approval", _("Awaiting the head's approval")
    REJECTED = "rejected", _("Referral not approved")
    APPROVED = "approved", _("Approved, to be sent within 24 hours")
    SENT = "sent", _("Sent, awaiting the police's receipt")
    WITH_POLICE = "with_police", _("Police deciding whether to file")
    FILED = "filed", _("Filed by the police")
    NOT_FILED = "not_filed", _("Not filed by the police")
    RECONSIDERATION = "reconsideration", _("Reconsideration requested")
    SUPERVISION = "supervision", _("Procuratorate supervision")
    CLOSED = "closed", _("Closed")


class FilingPeriod(models.TextChoices):
    """How long the police have to decide, as the officer records it (3/10/30 days)."""

    ORDINARY = "ordinary", _("Ordinary case (3 days)")
    ECONOMIC = "economic", _("Economic crime (10 days)")
    COMPLEX = "complex", _("Major or complex case (30 days, extendable by 30)")


FILING_CLOCKS = {
    FilingPeriod.ORDINARY: "referral.police_filing",
    FilingPeriod.ECONOMIC: "referral.police_filing_economic",
    FilingPeriod.COMPLEX: "referral.police_filing_complex",
}


class PackageItem(models.TextChoices):
    """The referral package (国务院令第310号 art. 6)."""

    TRANSFER_LETTER = "transfer_letter", _("Letter of referral of a suspected crime")
    INVESTIGATION_REPORT = "investigation_report", _("Investigation report")
    SEIZED_ITEMS = "seized_items", _("List of the items involved")
    APPRAISAL = "appraisal", _("Inspection or appraisal reports")
    OTHER_EVIDENCE = "other_evidence", _("Other evidence of the suspected crime")


# The package checklist as the attachment list prints it.
PACKAGE_TITLES: dict[str, str] = {
    PackageItem.TRANSFER_LETTER: "涉嫌犯罪案件移送书",
    PackageItem.INVESTIGATION_REPORT: "涉嫌犯罪案件调查报告",
    PackageItem.SEIZED_ITEMS: "涉案物品清单",
    PackageItem.APPRAISAL: "有关检验报告或者鉴定意见",
    PackageItem.OTHER_EVIDENCE: "其他有关涉嫌犯罪的材料",
}


def package_detail(item: str, detail: str) -> str:
    """What was sent for ``item``, or "" when it only repeats the item's name (officers
    often enter the title itself: 涉案物品清单 for 涉案物品清单), so that neither the page
    nor the attachment list prints 「涉案物品清单：涉案物品清单」."""
    def bare(text: str) -> str:
        return re.sub(r"[\s《》〈〉“”\"。．.]", "", text)

    names = {bare(PACKAGE_TITLES.get(item, "")), bare(str(PackageItem(item).label))}
    return "" if bare(detail) in names else detail.strip()


# Without these the police cannot receive the referral; appraisals and other evidence
# are sent when there are any.
REQUIRED_PACKAGE = (PackageItem.TRANSFER_LETTER, PackageItem.INVESTIGATION_REPORT,
                    PackageItem.SEIZED_ITEMS)


class ReconsiderationResult(models.TextChoices):
    FILED = "filed", _("The police filed the case")
    UPHELD = "upheld", _("The police upheld not filing")


S = ReferralState


# --- who may run a transition -------------------------------------------------------------


def is_task_force_or_head(referral: Any, user: Any) -> bool:
    return permissions.is_case_officer_or_head(referral.case, user)


def is_head(referral: Any, user: Any) -> bool:
    return permissions.is_head(referral.case, user)


# --- guards -------------------------------------------------------------------------------


def task_force_formed(referral: Any) -> bool:
    return referral.case.assignments.filter(role=AssignmentRole.MEMBER).count() \
        >= TASK_FORCE_MIN


def complex_not_extended(referral: Any) -> bool:
    return referral.filing_period == FilingPeriod.COMPLEX and not referral.filing_extended


def not_reconsidered(referral: Any) -> bool:
    return referral.reconsideration_result == ""


class ReferralCase(ConcurrentTransitionMixin, models.Model):
    """A referral to public security: the referral workflow's record of a case."""

    case = models.OneToOneField(
        "cases.Case", verbose_name=_("case"), primary_key=True, on_delete=models.CASCADE,
        related_name="referral",
    )
    state = FSMField(_("state"), default=S.DRAFTING, choices=ReferralState.choices,
                     protected=True, db_index=True)
    offence = models.CharField(_("suspected offence"), max_length=3, choices=Offence.choices)
    suspicion = models.TextField(_("grounds of suspicion"))
    threshold_summary = models.TextField(_("threshold reached"), blank=True)

    # The report and its approval.
    report = models.TextField(_("referral report"), blank=True)
    submitted_on = models.DateField(_("submitted for approval on"), null=True, blank=True)
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    rejection_reasons = models.TextField(_("reasons for not approving"), blank=True)

    # Sending and the police's receipt.
    police_bureau = models.CharField(_("public security bureau"), max_length=200, blank=True)
    package = models.JSONField(_("referral package"), default=dict, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    receipt_at = models.DateTimeField(_("receipt signed at"), null=True, blank=True)
    receipt_signed_by = models.CharField(_("receipt signed by"), max_length=100, blank=True)
    filing_period = models.CharField(_("filing period"), max_length=10,
                                     choices=FilingPeriod.choices, blank=True)
    filing_extended = models.BooleanField(_("filing period extended"), default=False)

    # The police's decision and what follows it.
    police_decided_on = models.DateField(_("police decided on"), null=True, blank=True)
    police_case_number = models.CharField(_("police case number"), max_length=60,
                                          blank=True)
    not_filed_reasons = models.TextField(_("police's reasons for not filing"), blank=True)
    reconsideration_requested_on = models.DateField(_("reconsideration requested on"),
                                                    null=True, blank=True)
    reconsideration_answered_on = models.DateField(_("reconsideration answered on"),
                                                   null=True, blank=True)
    reconsideration_result = models.CharField(
        _("reconsideration result"), max_length=10, choices=ReconsiderationResult.choices,
        blank=True)
    procuratorate = models.CharField(_("people's procuratorate"), max_length=200, blank=True)
    supervision_requested_on = models.DateField(_("supervision requested on"), null=True,
                                                blank=True)
    supervision_result = models.TextField(_("supervision result"), blank=True)
    exhibits = models.JSONField(_("exhibits handed over"), default=list, blank=True)
    exhibits_handed_over_on = models.DateField(_("exhibits handed over on"), null=True,
                                               blank=True)
    closing_summary = models.TextField(_("closing note"), blank=True)

    class Meta:
        verbose_name = _("referral to public security")
        verbose_name_plural = _("referrals to public security")

    def __str__(self) -> str:
        return str(self.case)

    def threshold_lines(self) -> list[str]:
        """The thresholds of the offence referred that the origin's figures reached, one a
        line with its legal basis, as recorded when the referral was opened. A summary
        recorded before it was limited to that offence (one line, every offence reached,
        joined by "；") is shown without the other offences' articles."""
        article = OFFENCE_ARTICLES.get(self.offence, "")
        lines = [part.strip() for part in re.split(r"\n|；(?=刑法第)", self.threshold_summary)]
        return [line for line in lines if line and not (
            article and line.startswith("刑法第") and not line.startswith(article))]

    def package_rows(self) -> list[tuple[str, bool, str]]:
        """Each item of the package checklist: its name, whether it was sent and what was
        sent for it ("" when that only repeats the name)."""
        return [(str(label), bool(self.package.get(item)),
                 package_detail(item, self.package.get(item, "")))
                for item, label in PackageItem.choices]

    # Clock triggers (cases.workflows.ClockEffects look fields up by name).
    @property
    def approved_on(self) -> Any:
        return timezone.localdate(self.approved_at) if self.approved_at else None

    @property
    def receipt_on(self) -> Any:
        return timezone.localdate(self.receipt_at) if self.receipt_at else None

    def _filing_trigger(self, period: str) -> Any:
        return self.receipt_on if self.filing_period == period else None

    @property
    def ordinary_filing_from(self) -> Any:
        return self._filing_trigger(FilingPeriod.ORDINARY)

    @property
    def economic_filing_from(self) -> Any:
        return self._filing_trigger(FilingPeriod.ECONOMIC)

    @property
    def complex_filing_from(self) -> Any:
        return self._filing_trigger(FilingPeriod.COMPLEX)

    @property
    def filed_after_reconsideration_on(self) -> Any:
        if self.reconsideration_result == ReconsiderationResult.FILED:
            return self.reconsideration_answered_on
        return None

    # --- report and approval --------------------------------------------------------------

    @transition(field=state, source=S.DRAFTING, target=S.PENDING_APPROVAL,
                conditions=[task_force_formed], permission=is_task_force_or_head)
    def submit_report(self, *, report: str, on: Any) -> None:
        self.report = report
        self.submitted_on = on

    @transition(field=state, source=S.PENDING_APPROVAL, target=S.APPROVED, permission=is_head)
    def approve(self, *, at: Any) -> None:
        self.approved_at = at

    @transition(field=state, source=S.PENDING_APPROVAL, target=S.REJECTED, permission=is_head)
    def reject(self, *, reasons: str, on: Any) -> None:
        """Not approved: the reasons are recorded and the administrative case goes on."""
        self.rejection_reasons = reasons
        self.case.closed_on = on

    # --- to the police -------------------------------------------------------------------

    # The package checklist is the action's input (SendForm refuses an incomplete one).
    @transition(field=state, source=S.APPROVED, target=S.SENT,
                permission=is_task_force_or_head)
    def send(self, *, at: Any, police_bureau: str) -> None:
        self.sent_at = at
        self.police_bureau = police_bureau

    @transition(field=state, source=S.SENT, target=S.WITH_POLICE,
                permission=is_task_force_or_head)
    def record_receipt(self, *, at: Any, signed_by: str, filing_period: str) -> None:
        self.receipt_at = at
        self.receipt_signed_by = signed_by
        self.filing_period = filing_period

    @transition(field=state, source=S.WITH_POLICE, target=None,
                conditions=[complex_not_extended], permission=is_task_force_or_head)
    def extend_filing_period(self) -> None:
        """The police extended their review of a complex case by 30 days, once."""
        self.filing_extended = True

    @transition(field=state, source=(S.WITH_POLICE, S.SUPERVISION), target=S.FILED,
                permission=is_task_force_or_head)
    def record_filed(self, *, on: Any, police_case_number: str) -> None:
        self.police_decided_on = on
        self.police_case_number = police_case_number

    @transition(field=state, source=S.WITH_POLICE, target=S.NOT_FILED,
                permission=is_task_force_or_head)
    def record_not_filed(self, *, on: Any, reasons: str) -> None:
        self.police_decided_on = on
        self.not_filed_reasons = reasons

    @transition(field=state, source=S.NOT_FILED, target=S.RECONSIDERATION,
                conditions=[not_reconsidered], permission=is_task_force_or_head)
    def request_reconsideration(self, *, on: Any) -> None:
        """提请复议 within 3 days of the notice of not filing."""
        self.reconsideration_requested_on = on

    @transition(field=state, source=S.RECONSIDERATION,
                target=RETURN_VALUE(S.FILED, S.NOT_FILED), permission=is_task_force_or_head)
    def record_reconsideration(self, *, on: Any, result: str,
                               police_case_number: str = "") -> str:
        self.reconsideration_answered_on = on
        self.reconsideration_result = result
        if result == ReconsiderationResult.FILED:
            self.police_decided_on = on
            self.police_case_number = police_case_number
            return S.FILED
        return S.NOT_FILED

    @transition(field=state, source=S.NOT_FILED, target=S.SUPERVISION,
                permission=is_task_force_or_head)
    def request_supervision(self, *, on: Any, procuratorate: str) -> None:
        """建议人民检察院依法进行立案监督."""
        self.supervision_requested_on = on
        self.procuratorate = procuratorate

    @transition(field=state, source=S.SUPERVISION, target=S.NOT_FILED,
                permission=is_task_force_or_head)
    def record_supervision_declined(self, *, result: str) -> None:
        """The procuratorate found the police's decision justified."""
        self.supervision_result = result

    @transition(field=state, source=S.FILED, target=S.CLOSED, permission=is_task_force_or_head)
    def hand_over_exhibits(self, *, on: Any, items: list[str]) -> None:
        self.exhibits = list(items)
        self.exhibits_handed_over_on = on
        self.case.closed_on = on

    @transition(field=state, source=S.NOT_FILED, target=S.CLOSED,
                permission=is_task_force_or_head)
    def finish(self, *, on: Any, summary: str) -> None:
        """The police declined for good: the office finishes its administrative case."""
        self.closing_summary = summary
        self.case.closed_on = on
