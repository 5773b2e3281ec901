"""REST API of the referral package: the head's decision not to refer a flagged case, and
the referral dashboard. Referrals and transfers move by the generic transitions
(``POST /api/v1/cases/<id>/transitions/<name>/``)."""

from __future__ import annotations

from typing import cast

from django.urls import reverse
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.exceptions import PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from cases.api_pages import KeysetPagination
from cases.models import Role, User
from cases.referral import selectors
from cases.referral.models.police import REFERRAL
from cases.referral.models.transfer import TRANSFER
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


class _Clock(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField(source="rule.name")
    due = serializers.DateTimeField(source="due_at")


class OpenItemSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="case.pk")
    number = serializers.CharField(source="case.number")
    office = serializers.CharField(source="case.office.name")
    workflow = serializers.CharField(source="case.workflow")
    state = serializers.CharField(source="case.state")
    state_display = serializers.CharField(source="state_label")
    overdue = serializers.BooleanField()
    next_deadline = _Clock(source="clock", allow_null=True)


class _Threshold(serializers.Serializer):
    """A threshold the case's figures reach, as the dashboard lists it."""

    offence = serializers.CharField()
    article = serializers.CharField(default="")
    text = serializers.CharField()
    legal_basis = serializers.CharField(default="")


class FlaggedSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    number = serializers.CharField()
    office = serializers.CharField(source="office.name")
    summary = serializers.CharField(source="threshold_flag.summary")
    thresholds = _Threshold(source="threshold_flag.hits", many=True)
    open = serializers.BooleanField(source="is_open")


class _OfficeRow(serializers.Serializer):
    office = serializers.CharField(source="office.name")
    referrals = serializers.IntegerField()
    transfers = serializers.IntegerField()
    overdue = serializers.IntegerField()
    flagged_not_referred = serializers.IntegerField(source="flagged")


class _Counts(serializers.Serializer):
    referrals = serializers.IntegerField()
    transfers = serializers.IntegerField()
    overdue = serializers.IntegerField()
    flagged_not_referred = serializers.IntegerField(source="flagged")


def _check_watcher(user: User) -> None:
    if not (user.has_role(Role.HEAD, Role.LEGAL) or user.is_system_admin):
        raise PermissionDenied()


class DashboardView(APIView):
    @extend_schema(responses=inline_serializer("ReferralDashboard", {
        "counts": _Counts(), "by_office": _OfficeRow(many=True),
        "lists": inline_serializer("ReferralDashboardLists", {
            name: serializers.URLField() for name in
            ("referrals", "transfers", "flagged_not_referred")}),
        "uncovered_offences": serializers.ListField(child=serializers.CharField())}))
    def get(self, request: Request) -> Response:
        """The figures of the dashboard (heads and legal staff, over their office and its
        subordinates): open referrals and transfers, overdue answers, cases over a
        threshold not referred, in all and by office; the lists are paged at ``lists``."""
        user = _user(request)
        _check_watcher(user)
        board = selectors.dashboard(user)
        return Response({
            "counts": _Counts(board).data,
            "by_office": _OfficeRow(board.by_office, many=True).data,
            "lists": {name: request.build_absolute_uri(reverse(f"api-referral-{name}"))
                      for name in ("referrals", "transfers", "flagged_not_referred")},
            "uncovered_offences": board.uncovered_offences,
        })


class OpenPagination(KeysetPagination):
    spec = selectors.OPEN_ORDER


class _OpenListView(APIView):
    workflow: str
    pagination_class = OpenPagination

    @extend_schema(responses=OpenItemSerializer(many=True))
    def get(self, request: Request) -> Response:
        user = _user(request)
        _check_watcher(user)
        paginator = OpenPagination()
        rows = paginator.paginate(request, selectors.open_cases(user, self.workflow),
                                  selectors.open_rows(user))
        return paginator.get_paginated_response(
            OpenItemSerializer(selectors.open_items(rows), many=True).data)


class ReferralListView(_OpenListView):
    """Open referrals to public security, nearest running clock first."""

    workflow = REFERRAL


class TransferListView(_OpenListView):
    """Open transfers, nearest running clock first."""

    workflow = TRANSFER


class FlaggedPagination(KeysetPagination):
    spec = selectors.FLAGGED_ORDER


class FlaggedListView(APIView):
    pagination_class = FlaggedPagination

    @extend_schema(responses=FlaggedSerializer(many=True))
    def get(self, request: Request) -> Response:
        """Cases over a threshold neither referred nor excused (够罪不移), open or
        finished, oldest first."""
        user = _user(request)
        _check_watcher(user)
        paginator = FlaggedPagination()
        rows = paginator.paginate(request, selectors.flagged_cases(user),
                                  selectors.flagged_rows(user))
        return paginator.get_paginated_response(FlaggedSerializer(rows, many=True).data)
