"""Approvals as real steps (审批): submit, approve, return.

An officer *submits* an action marked ``needs_approval`` (e.g. acceptance, extension, the
ruling): everything the runner checks is checked now (state 409, the submitter's
permission 403, input 400, dates and guards), nothing changes on the case, and an
:class:`~cases.models.ApprovalRequest` waits for a head of the case's office or of a
superior office. Approving runs the action through the one runner with the head as the
actor (the timeline names the approver, the submitter in its details); returning closes
the request with the head's reasons. One request of an action per case may be pending
(a second submission: 409).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import prefetch_related_objects
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext

from cases import permissions, workflows
from cases.errors import OutOfScope, TransitionNotAllowed
from cases.models import ApprovalOutcome, ApprovalRequest, Case, Notification, Role, User
from cases.models.events import EventKind
from cases.models.notifications import NotificationKind
from cases.selectors.scope import case_scope_q
from cases.services import runner
from cases.text_limits import check_typed_text

# Timeline entries of approvals (labelled through workflows.register_event_labels).
SUBMITTED = "approval_submitted"
RETURNED = "approval_returned"


def _plain(data: Mapping[str, Any] | None) -> dict[str, Any]:
    """The input as JSON: a web form's lists stay lists only where they hold several."""
    if isinstance(data, QueryDict):
        return {k: (v if len(v) > 1 else v[0]) for k, v in data.lists()
                if k not in {"csrfmiddlewaretoken", "expected_state"}}
    plain: dict[str, Any] = {}
    for key, value in (data or {}).items():
        if key in {"csrfmiddlewaretoken", "expected_state"}:
            continue
        plain[key] = value.isoformat() if hasattr(value, "isoformat") else value
    return plain


def _summary(case: Case, actor: User, name: str, data: dict[str, Any]) -> list[list[str]]:
    """[label, value] pairs of the submitted input, as the head reads them."""
    form = runner.make_form(case, actor, name, data)
    form.is_valid()
    action = runner.action_of(case, name)
    rows = []
    for field_name, field in form.fields.items():
        if field_name in {"expected_state", "reason"}:
            continue
        if action is not None and field_name == action.approved_on_field:
            rows.append([str(field.label or field_name), gettext("The day of approval")])
            continue
        value = form.cleaned_data.get(field_name)
        if value in (None, "", [], False) and not isinstance(value, bool):
            continue
        if isinstance(value, bool):
            text = gettext("Yes") if value else gettext("No")
        elif hasattr(value, "display_name"):
            text = value.display_name
        elif hasattr(value, "__iter__") and not isinstance(value, str):
            text = "、".join(getattr(v, "display_name", str(v)) for v in value)
        elif hasattr(field, "choices") and not hasattr(value, "pk"):
            text = str(dict(field.choices).get(value, value))
        elif hasattr(value, "isoformat"):
            text = (timezone.localtime(value).strftime("%Y-%m-%d %H:%M")
                    if hasattr(value, "hour") else value.isoformat())
        else:
            text = str(value)
        rows.append([str(field.label or field_name), text])
    return rows


def _heads_of(case: Case) -> list[User]:
    offices = [case.office_id, *[o.pk for o in case.office.ancestors()]]
    return list(User.objects.filter(office_id__in=offices, groups__name=Role.HEAD,
                                    is_active=True).distinct())


def submit(*, case_id: int, actor: User, name: str,
           data: Mapping[str, Any] | None = None) -> ApprovalRequest:
    """Submit action ``name`` of the case for the head's approval."""
    plain = _plain(data)
    with transaction.atomic():
        case = runner.lock_case(case_id, actor)
        action = runner.action_of(case, name)
        if action is None:
            raise TransitionNotAllowed(gettext("Unknown action “%(name)s”.") % {"name": name})
        if not action.needs_approval:
            raise TransitionNotAllowed(gettext("“%(action)s” needs no approval: perform it "
                                               "directly.") % {"action": action.label})
        if case.approval_requests.filter(action=name,
                                         outcome=ApprovalOutcome.PENDING).exists():
            raise TransitionNotAllowed(gettext(
                "“%(action)s” has already been submitted and is waiting for approval.")
                % {"action": action.label})
        if action.approved_on_field:
            # The day of approval, set when the head approves; checked as today meanwhile
            # (a date sent with the submission is not the one the step will carry).
            plain[action.approved_on_field] = timezone.localdate().isoformat()
        runner.check_transition(case_id=case_id, actor=actor, name=name, data=plain)
        try:
            with transaction.atomic():
                request = ApprovalRequest.objects.create(
                    case=case, action=name, payload=plain,
                    summary=_summary(case, actor, name, plain),
                    note=str(plain.get("reason") or ""), requested_by=actor)
        except IntegrityError:
            raise TransitionNotAllowed(gettext(
                "“%(action)s” has already been submitted and is waiting for approval.")
                % {"action": action.label}) from None
        runner.record_event(case, actor=actor, kind=EventKind.CHANGE, name=SUBMITTED,
                            reason=request.note,
                            payload={"request": request.pk, "action": name,
                                     "action_label": str(action.label)})
        message = gettext("%(number)s: “%(action)s” submitted by %(who)s for your "
                          "approval.") % {"number": case.number, "action": action.label,
                                          "who": actor.display_name}
        Notification.objects.bulk_create(
            [Notification(recipient=head, case=case, kind=NotificationKind.APPROVAL_NEEDED,
                          dedupe_key=f"approval:{request.pk}", message=message[:300])
             for head in _heads_of(case)], ignore_conflicts=True)
    return request


def missing_before_approval(request: ApprovalRequest) -> str:
    """What must be done before the head can approve ``request`` (its action's precheck,
    e.g. the ruling document issued), or "" when nothing is missing: the queue says it
    before the head clicks, the refusal says it again if the head does."""
    action = runner.action_of(request.case, request.action)
    if action is None or action.precheck is None or not request.pending:
        return ""
    try:
        action.precheck(workflows.flow_of(request.case))
    except TransitionNotAllowed as exc:
        return str(exc.message)
    return ""


def missing_before_approvals(requests: Iterable[ApprovalRequest]) -> list[str]:
    """:func:`missing_before_approval` of each of ``requests``, in a number of queries
    that does not grow with them: the workflow records of their cases and what the
    prechecks read (``Action.precheck_reads``) are fetched once for all."""
    requests = list(requests)
    cases = [r.case for r in requests]
    by_workflow: dict[str, list[Case]] = {}
    reads: dict[str, list[Case]] = {}
    for request, case in zip(requests, cases, strict=True):
        by_workflow.setdefault(workflows.of(case).related_name, []).append(case)
        action = runner.action_of(case, request.action)
        if action is not None and action.precheck is not None and request.pending:
            for lookup in action.precheck_reads:
                reads.setdefault(lookup, []).append(case)
    for related_name, group in by_workflow.items():
        prefetch_related_objects(group, related_name)
    for lookup, group in reads.items():
        prefetch_related_objects(group, lookup)
    return [missing_before_approval(r) for r in requests]


def _lock_request(request_id: int, actor: User) -> ApprovalRequest:
    """The request, locked, if the actor may see its case (else 404)."""
    try:
        return (ApprovalRequest.objects.select_for_update(of=("self",))
                .select_related("case", "case__office", "requested_by")
                .filter(case__in=Case.objects.filter(case_scope_q(actor)))
                .get(pk=request_id))
    except ApprovalRequest.DoesNotExist:
        raise OutOfScope() from None


def _check_decider(request: ApprovalRequest, actor: User) -> None:
    if not request.pending:
        raise TransitionNotAllowed(gettext("This request has already been decided (%(outcome)s).")
                                   % {"outcome": request.get_outcome_display()})
    if not permissions.is_head(request.case, actor):
        raise PermissionDenied(gettext("Only a head of the case's office or of a superior "
                                       "office decides on approvals."))


def approve(*, request_id: int, actor: User, on: date | None = None) -> ApprovalRequest:
    """Approve: run the action with the head as its actor. When the action is refused now
    (the case moved on, a condition of the head's own is missing), nothing changes and
    the request stays pending. ``on``: the day of approval (today; the demo data dates
    its history back)."""
    with transaction.atomic():
        request = _lock_request(request_id, actor)
        _check_decider(request, actor)
        action = runner.action_of(request.case, request.action)
        data = dict(request.payload)
        if action is not None and action.approved_on_field:
            data[action.approved_on_field] = (on or timezone.localdate()).isoformat()
        runner.perform_transition(case_id=request.case_id, actor=actor, name=request.action,
                                  data=data, approval=request)
        request.outcome = ApprovalOutcome.APPROVED
        request.decided_by = actor
        request.decided_at = timezone.now()
        request.save(update_fields=["outcome", "decided_by", "decided_at"])
    return request


def return_request(*, request_id: int, actor: User, reasons: str) -> ApprovalRequest:
    """Return the request to the submitter with the head's reasons (required)."""
    reasons = (reasons or "").strip()
    with transaction.atomic():
        request = _lock_request(request_id, actor)
        _check_decider(request, actor)
        if not reasons:
            raise ValidationError({"reasons": [gettext(
                "Give the reasons for returning it: the officer reads them.")]})
        check_typed_text("reasons", reasons)
        case = runner.lock_case(request.case_id, actor)
        action = runner.action_of(case, request.action)
        if action is not None and action.on_return:
            runner.perform_transition(case_id=case.pk, actor=actor, name=action.on_return,
                                      data={"reason": reasons})
        request.outcome = ApprovalOutcome.RETURNED
        request.decided_by = actor
        request.decided_at = timezone.now()
        request.reasons = reasons
        request.save(update_fields=["outcome", "decided_by", "decided_at", "reasons"])
        runner.record_event(case, actor=actor, kind=EventKind.CHANGE, name=RETURNED,
                            reason=reasons,
                            payload={"request": request.pk, "action": request.action,
                                     "action_label": str(action.label if action else
                                                         request.action),
                                     "requested_by": request.requested_by.display_name})
        Notification.objects.bulk_create([Notification(
            recipient=request.requested_by, case=case,
            kind=NotificationKind.APPROVAL_RETURNED, dedupe_key=f"returned:{request.pk}",
            message=(gettext("%(number)s: “%(action)s” returned by %(who)s: %(reasons)s")
                     % {"number": case.number,
                        "action": action.label if action else request.action,
                        "who": actor.display_name, "reasons": reasons})[:300])],
            ignore_conflicts=True)
    return request
