"""Judicial confirmation of a mediation agreement (司法确认, DOMAIN.md Workflow C).

Its own case, one-to-one with the generic header ``cases.Case`` (its ``origin`` is the
mediation case), run by the mediator of that mediation. Both parties apply jointly to the
competent court within 30 days of the agreement taking effect (民事诉讼法 art. 205); the
court decides whether to accept within 3 days and then rules within 30 days; those
court clocks are information for the mediator, not the office's own time limits.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_fsm import ConcurrentTransitionMixin, FSMField, transition

from cases.services.deadlines import due_on
from mediation import permissions as p


class ConfirmationState(models.TextChoices):
    PREPARING = "preparing", _("Application being prepared")
    FILED = "filed", _("Filed with the court")
    ACCEPTED = "court_accepted", _("Accepted by the court")
    NOT_ACCEPTED = "not_accepted", _("Not accepted by the court")
    CONFIRMED = "agreement_confirmed", _("Agreement confirmed")
    REJECTED = "confirmation_refused", _("Confirmation refused")
    ENFORCEMENT_APPLIED = "enforcement_applied", _("Enforcement applied for")
    WITHDRAWN = "application_withdrawn", _("Application withdrawn")


S = ConfirmationState

TERMINAL_STATES = frozenset({S.NOT_ACCEPTED, S.REJECTED, S.ENFORCEMENT_APPLIED, S.WITHDRAWN})

# What the court needs with a joint application (2011 规定 art. 3; 民诉法解释 art. 352).
MATERIALS: tuple[tuple[str, Any], ...] = (
    ("application", _("Joint application for judicial confirmation")),
    ("agreement", _("The mediation agreement")),
    ("identity", _("Proof of each party's identity")),
    ("mediation_proof", _("Proof that the agreement came from mediation by this office")),
    ("contact", _("Each party's address for service and contact details")),
)
MATERIAL_CODES = tuple(code for code, _label in MATERIALS)

# 调确字 (before 2016) or 民特 (the 2016 case-number rules) identify a confirmation case.
COURT_NUMBER_RE = re.compile(r"^（\d{4}）[\u4e00-\u9fff\d]+(?:调确字第?\d+号|民特\d+号)$")


def materials_complete(c: Any) -> bool:
    return all(c.materials.get(code) is True for code in MATERIAL_CODES)


FILING_CLOCK = "confirmation.filing"


def filing_window_ends_on(agreement: Any) -> date | None:
    """The last day to apply: the filing clock the agreement started on its mediation
    case (30 days from the agreement taking effect, on the working-day calendar)."""
    return due_on(agreement.mediation.case, FILING_CLOCK)


class ConfirmationCase(ConcurrentTransitionMixin, models.Model):
    """A joint application to a court to confirm a mediation agreement."""

    case = models.OneToOneField(
        "cases.Case", verbose_name=_("case"), primary_key=True, on_delete=models.CASCADE,
        related_name="confirmation",
    )
    state = FSMField(_("state"), default=S.PREPARING, choices=ConfirmationState.choices,
                     protected=True, db_index=True)
    agreement = models.ForeignKey(
        "mediation.Agreement", verbose_name=_("mediation agreement"),
        on_delete=models.PROTECT, related_name="confirmations",
    )
    court = models.ForeignKey("mediation.Court", verbose_name=_("court"),
                              on_delete=models.PROTECT, related_name="+")
    materials = models.JSONField(_("materials checklist"), default=dict, blank=True)
    filed_on = models.DateField(_("filed on"), null=True, blank=True)
    court_case_number = models.CharField(_("court case number"), max_length=60, blank=True)
    court_accepted_on = models.DateField(_("accepted by the court on"), null=True, blank=True)
    not_accepted_reason = models.TextField(_("why the court did not accept"), blank=True)
    decided_on = models.DateField(_("court decided on"), null=True, blank=True)
    rejection_reason = models.TextField(_("why confirmation was refused"), blank=True)
    enforcement_court = models.ForeignKey(
        "mediation.Court", verbose_name=_("enforcement court"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )
    enforcement_applied_on = models.DateField(_("enforcement applied for on"), null=True,
                                              blank=True)
    withdrawal_reason = models.TextField(_("reason for withdrawal"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("judicial confirmation")
        verbose_name_plural = _("judicial confirmations")

    def __str__(self) -> str:
        return str(self.case)

    @property
    def is_open(self) -> bool:
        return self.state not in TERMINAL_STATES

    @property
    def materials_list(self) -> list[tuple[str, Any, bool]]:
        """(code, label, ready) of every item the court needs."""
        return [(code, label, self.materials.get(code) is True) for code, label in MATERIALS]

    def clean(self) -> None:
        errors: dict[str, str] = {}
        effective_on = self.agreement.effective_on if self.agreement_id else None
        if self.filed_on is not None:
            last_day = filing_window_ends_on(self.agreement)
            if effective_on is None or last_day is None:
                errors["filed_on"] = gettext("Filed on: the agreement has not taken effect.")
            else:
                if self.filed_on > last_day:
                    errors["filed_on"] = gettext(
                        "Filed on: the application had to be made by %(last)s, within 30 "
                        "days of the agreement taking effect on %(effective_on)s; a court will "
                        "not accept it later. The parties may sue instead."
                    ) % {"last": last_day, "effective_on": effective_on}
                elif self.filed_on < effective_on:
                    errors["filed_on"] = gettext(
                        "Filed on: the application cannot precede the agreement taking "
                        "effect on %(effective_on)s.") % {"effective_on": effective_on}
        if self.court_case_number and not COURT_NUMBER_RE.match(self.court_case_number):
            errors["court_case_number"] = gettext(
                "Court case number: write it as the court does, e.g. （2026）桂01民特12号 or "
                "（2015）南市民调确字第12号.")
        unknown = set(self.materials) - set(MATERIAL_CODES)
        if unknown:
            errors["materials"] = gettext("Materials: unknown items %(items)s.") % {
                "items": ", ".join(sorted(unknown))}
        if errors:
            raise ValidationError(errors)

    # --- transitions ------------------------------------------------------------

    @transition(field=state, source=S.PREPARING, target=None,
                permission=p.is_assigned_mediator)
    def check_materials(self, *, materials: dict[str, bool]) -> None:
        """Tick the materials the application will include."""
        self.materials = dict(materials)

    @transition(field=state, source=S.PREPARING, target=S.FILED,
                conditions=[materials_complete], permission=p.is_assigned_mediator)
    def file_application(self, *, filed_on: date, court: Any) -> None:
        """Both parties applied jointly to the court. Recorded after the fact (filed
        before the application was opened here), the case began no later than the
        filing: its received date moves back to it, so its clocks and the statistics'
        working days never start after the court's."""
        self.filed_on = filed_on
        self.court = court
        if filed_on < self.case.received_on:
            self.case.received_on = filed_on

    @transition(field=state, source=S.FILED, target=S.ACCEPTED,
                permission=p.is_assigned_mediator)
    def record_acceptance(self, *, on: date, court_case_number: str) -> None:
        self.court_accepted_on = on
        self.court_case_number = court_case_number

    @transition(field=state, source=S.FILED, target=S.NOT_ACCEPTED,
                permission=p.is_assigned_mediator)
    def record_not_accepted(self, *, on: date, reason: str) -> None:
        self.decided_on = on
        self.not_accepted_reason = reason
        self.case.closed_on = on

    @transition(field=state, source=S.ACCEPTED, target=S.CONFIRMED,
                permission=p.is_assigned_mediator)
    def record_confirmation(self, *, on: date) -> None:
        """裁定有效: the agreement is now enforceable by the court."""
        self.decided_on = on

    @transition(field=state, source=S.ACCEPTED, target=S.REJECTED,
                permission=p.is_assigned_mediator)
    def record_rejection(self, *, on: date, reason: str) -> None:
        """裁定驳回: the parties may amend it, make a new agreement, or sue."""
        self.decided_on = on
        self.rejection_reason = reason
        self.case.closed_on = on

    @transition(field=state, source=S.CONFIRMED, target=S.ENFORCEMENT_APPLIED,
                permission=p.is_assigned_mediator)
    def apply_for_enforcement(self, *, on: date, court: Any) -> None:
        """A party did not perform the confirmed agreement."""
        self.enforcement_applied_on = on
        self.enforcement_court = court
        self.case.closed_on = on

    @transition(field=state, source=(S.PREPARING, S.FILED), target=S.WITHDRAWN,
                permission=p.is_assigned_mediator)
    def withdraw_application(self, *, reason: str, on: date) -> None:
        self.withdrawal_reason = reason
        self.case.closed_on = on
