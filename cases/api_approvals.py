"""REST API of approvals (DESIGN.md "REST API conventions"): an officer submits an action
that needs approval (``POST /api/v1/cases/<id>/transitions/<name>/submit/``, the action's
own fields, 201); a head approves or returns the request
(``POST /api/v1/approvals/<id>/transitions/approve/`` or ``…/return/`` with ``reasons``).
409 when it is not possible now (already pending, already decided, the case moved on),
403 without permission, 400 with field errors, 404 outside the caller's scope.
"""

from __future__ import annotations

from typing import Any, cast

from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from cases import workflows
from cases.api_pages import CursorPages
from cases.api_parsers import body_fields
from cases.errors import OutOfScope
from cases.models import ApprovalOutcome, ApprovalRequest, AuditAction, User
from cases.selectors import approvals as selectors
from cases.selectors import cases as case_selectors
from cases.services import approvals, audit, runner
from cases.validators import parse_id


class ApprovalPagination(CursorPages):
    ordering = ("-requested_at", "-id")


class _Person(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    name = serializers.CharField(source="display_name")


class ApprovalSerializer(serializers.ModelSerializer):
    case_number = serializers.CharField(source="case.number")
    action_label = serializers.SerializerMethodField()
    outcome_display = serializers.CharField(source="get_outcome_display")
    requested_by = _Person()
    decided_by = _Person(allow_null=True)
    case_state = serializers.SerializerMethodField()
    missing = serializers.SerializerMethodField(
        help_text="What must be done before a head can approve (e.g. issue the ruling "
                  "document); empty when nothing is missing or the request is decided.")
    links = serializers.SerializerMethodField()

    class Meta:
        model = ApprovalRequest
        fields = ["id", "case", "case_number", "action", "action_label", "payload", "summary",
                  "note", "requested_by", "requested_at", "outcome", "outcome_display",
                  "decided_by", "decided_at", "reasons", "case_state", "missing", "links"]

    def get_action_label(self, obj: ApprovalRequest) -> str:
        return workflows.event_label(obj.case.workflow, obj.action) or obj.action

    def get_missing(self, obj: ApprovalRequest) -> str:
        known = self.context.get("missing", {})
        return known[obj.pk] if obj.pk in known else approvals.missing_before_approval(obj)

    def get_case_state(self, obj: ApprovalRequest) -> str:
        return str(workflows.flow_of(obj.case).state)

    def get_links(self, obj: ApprovalRequest) -> dict[str, str]:
        return {"case": reverse("api-case-detail", args=[obj.case_id]),
                "approve": reverse("api-approval-transition", args=[obj.pk, "approve"]),
                "return": reverse("api-approval-transition", args=[obj.pk, "return"])}


def _user(request: Request) -> User:
    return cast(User, request.user)


class SubmitForApprovalView(APIView):
    @extend_schema(request=OpenApiTypes.OBJECT, responses={201: ApprovalSerializer},
                   description="Submit an action that needs approval with its own fields "
                               "(the same as its transition's). Everything is checked now; "
                               "nothing changes on the case until a head approves. 409 when "
                               "the action needs no approval or one is already pending.")
    def post(self, request: Request, case_id: int, name: str) -> Response:
        case = case_selectors.case_detail(_user(request), case_id)  # 404 outside scope
        if runner.action_of(case, name) is None:
            raise NotFound(_("Unknown action “%(name)s”.") % {"name": name})
        data: dict[str, Any] = body_fields(request.data)
        created = approvals.submit(case_id=case_id, actor=_user(request), name=name,
                                   data=data)
        created = selectors.approvals_for(_user(request)).get(pk=created.pk)
        return Response(ApprovalSerializer(created).data, status=status.HTTP_201_CREATED)


class ApprovalListView(APIView):
    pagination_class = ApprovalPagination

    @extend_schema(parameters=[
        OpenApiParameter("outcome", OpenApiTypes.STR, enum=ApprovalOutcome.values,
                         description="pending (the default), approved or returned; "
                                     "`all` for every request"),
        OpenApiParameter("case", OpenApiTypes.INT)],
        responses=ApprovalSerializer(many=True))
    def get(self, request: Request) -> Response:
        outcome = request.query_params.get("outcome") or ApprovalOutcome.PENDING
        if outcome != "all" and outcome not in ApprovalOutcome.values:
            raise serializers.ValidationError({"outcome": [_("Unknown outcome.")]})
        qs = selectors.approvals_for(_user(request),
                                     outcome=None if outcome == "all" else outcome)
        if request.query_params.get("case"):
            case_id = parse_id(request.query_params["case"])
            if case_id is None:
                raise serializers.ValidationError({"case": [_("Expected a case id.")]})
            qs = qs.filter(case_id=case_id)
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(qs, request, view=self) or []
        audit.record(request, AuditAction.APPROVALS_READ,
                     detail=f"API {audit.query_text(request.GET)} ({len(page)})")
        missing = dict(zip((r.pk for r in page), approvals.missing_before_approvals(page),
                           strict=True))
        return paginator.get_paginated_response(
            ApprovalSerializer(page, many=True, context={"missing": missing}).data)


def _visible(request: Request, approval_id: int) -> ApprovalRequest:
    try:
        return selectors.approvals_for(_user(request)).get(pk=approval_id)
    except ApprovalRequest.DoesNotExist:
        raise OutOfScope() from None


class ApprovalDetailView(APIView):
    @extend_schema(responses=ApprovalSerializer)
    def get(self, request: Request, approval_id: int) -> Response:
        approval = _visible(request, approval_id)
        audit.record(request, AuditAction.APPROVALS_READ, obj=approval,
                     detail=f"API {approval.case.number}")
        return Response(ApprovalSerializer(approval).data)


class ApprovalTransitionView(APIView):
    @extend_schema(
        request=inline_serializer("ApprovalDecision", {
            "reasons": serializers.CharField(required=False,
                                             help_text="required to return")}),
        responses={200: ApprovalSerializer},
        description="`approve` runs the submitted action with the head as its actor (409 "
                    "and nothing changes when the action is refused now); `return` closes "
                    "the request with the head's `reasons` (required). Only a head of the "
                    "case's office or of a superior office decides (403).")
    def post(self, request: Request, approval_id: int, name: str) -> Response:
        _visible(request, approval_id)  # 404 outside scope
        if name == "approve":
            approvals.approve(request_id=approval_id, actor=_user(request))
        elif name == "return":
            data = body_fields(request.data)
            reasons = data.get("reasons", "")
            if not isinstance(reasons, str):
                raise serializers.ValidationError({"reasons": [_("Expected text.")]})
            approvals.return_request(request_id=approval_id, actor=_user(request),
                                     reasons=reasons)
        else:
            raise NotFound(_("Unknown action “%(name)s”.") % {"name": name})
        return Response(ApprovalSerializer(_visible(request, approval_id)).data)
