"""REST API of the referral package: the head's decision not to refer a flagged case, and
the referral dashboard. Referrals and transfers move by the generic transitions
(``POST /api/v1/cases/<id>/transitions/<name>/``)."""

from __future__ import annotations

from typing import cast

from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.exceptions import PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from cases.models import Role, User
from cases.referral import selectors
from cases.referral.services import waive_flag
from cases.text_limits import REASON_MAX


def _user(request: Request) -> User:
    return cast(User, request.user)


class WaiverSerializer(serializers.Serializer):
    # Checked by the service, after scope and role: an empty reason is a 400 there.
    reason = serializers.CharField(required=False, allow_blank=True, default="",
                                   max_length=REASON_MAX)


class WaiverView(APIView):
    @extend_schema(request=WaiverSerializer, responses=inline_serializer(
        "ThresholdWaiver", {"summary": serializers.CharField(),
                            "waiver_reason": serializers.CharField(),
                            "waived_by": serializers.CharField()}))
    def post(self, request: Request, case_id: int) -> Response:
        """The head of office records why a case over a threshold is not referred."""
        serializer = WaiverSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        flag = waive_flag(case_id=case_id, actor=_user(request),
                          reason=serializer.validated_data["reason"])
        return Response({"summary": flag.summary, "waiver_reason": flag.waiver_reason,
                         "waived_by": _user(request).display_name})


def _item(item: selectors.OpenItem) -> dict[str, object]:
    clock = item.clock
    return {"id": item.case.pk, "number": item.case.number, "office": item.case.office.name,
            "workflow": item.case.workflow, "state": item.case.state,
            "state_display": item.state_label, "overdue": item.overdue,
            "next_deadline": None if clock is None else {
                "code": clock.code, "name": clock.rule.name, "due": clock.due_at.isoformat()}}


class DashboardView(APIView):
    @extend_schema(responses=inline_serializer("ReferralDashboard", {
        "referrals": serializers.ListField(child=serializers.DictField()),
        "transfers": serializers.ListField(child=serializers.DictField()),
        "flagged_not_referred": serializers.ListField(child=serializers.DictField()),
        "uncovered_offences": serializers.ListField(child=serializers.CharField())}))
    def get(self, request: Request) -> Response:
        """Open referrals and transfers with their next clock, and cases over a threshold
        not referred: for heads and legal staff, over their office and its subordinates."""
        user = _user(request)
        if not (user.has_role(Role.HEAD, Role.LEGAL) or user.is_system_admin):
            raise PermissionDenied()
        board = selectors.dashboard(user)
        return Response({
            "referrals": [_item(i) for i in board.referrals],
            "transfers": [_item(i) for i in board.transfers],
            "flagged_not_referred": [
                {"id": c.pk, "number": c.number, "office": c.office.name,
                 "summary": c.threshold_flag.summary} for c in board.flagged],
            "uncovered_offences": board.uncovered_offences,
        })
