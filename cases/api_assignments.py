"""REST API of assignments: who handles a case, changed by the head of office, one case
or a batch (cases.services.assignments)."""

from __future__ import annotations

from typing import Any, cast

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from cases.api_parsers import body_fields
from cases.models import Case, Role, User
from cases.selectors import cases as case_selectors
from cases.selectors.scope import office_scope_q
from cases.services import assignments
from cases.validators import parse_id


def _brief(user: User | None) -> dict[str, Any] | None:
    return {"id": user.pk, "name": user.display_name} if user is not None else None


def representation(case: Case, user: User) -> dict[str, Any]:
    now = assignments.current(case)
    roles = assignments.roles_of(case)
    data: dict[str, Any] = {"case": case.pk, "number": case.number, "roles": list(roles),
                            "may_change": assignments.may_assign(case, user)}
    if assignments.OFFICER in roles:
        data["officer_in_charge"] = _brief(now.officer)
    if assignments.PANEL in roles:
        data["panel"] = [_brief(u) for u in now.panel]
    if assignments.MEDIATOR in roles:
        data["mediator"] = _brief(now.mediator)
    if data["may_change"]:
        slots = assignments.assignable(case, user)
        data["may_change_roles"] = list(slots)
        eligible: dict[str, list[dict[str, Any] | None]] = {}
        if assignments.OFFICER in slots or assignments.PANEL in slots:
            eligible["officer"] = [_brief(u) for u in
                                   assignments.eligible(case, assignments.OFFICER)]
        if assignments.MEDIATOR in slots:
            eligible["mediator"] = [_brief(u) for u in
                                    assignments.eligible(case, assignments.MEDIATOR)]
        data["eligible"] = eligible
    return data


def _user_id(value: Any, field: str) -> int:
    pk = parse_id(value) if isinstance(value, (int, str)) and not isinstance(value, bool) \
        else None
    if pk is None:
        raise serializers.ValidationError({field: [_("Expected a user id.")]})
    return pk


def _users(ids: list[int], field: str, actor: User) -> list[User]:
    """Users by id among those the actor may see; an unknown id is a 400 naming it."""
    found = {u.pk: u for u in User.objects.filter(office_scope_q(actor), pk__in=ids)}
    missing = [i for i in ids if i not in found]
    if missing:
        raise serializers.ValidationError({field: [
            _("No such user: %(ids)s.") % {"ids": ", ".join(str(i) for i in missing)}]})
    return [found[i] for i in ids]


def _reason(data: dict[str, Any]) -> str:
    reason = data.get("reason", "")
    if not isinstance(reason, str):
        raise serializers.ValidationError({"reason": [_("Expected text.")]})
    return reason


ASSIGNMENT_SCHEMA = inline_serializer("Assignment", {
    "case": serializers.IntegerField(), "number": serializers.CharField(),
    "roles": serializers.ListField(child=serializers.CharField()),
    "may_change": serializers.BooleanField(),
    "may_change_roles": serializers.ListField(child=serializers.CharField(), required=False),
    "officer_in_charge": serializers.DictField(required=False, allow_null=True),
    "panel": serializers.ListField(child=serializers.DictField(), required=False),
    "mediator": serializers.DictField(required=False, allow_null=True),
    "eligible": serializers.DictField(required=False),
})


class CaseAssignmentView(APIView):
    @extend_schema(operation_id="case_assignment_read", responses=ASSIGNMENT_SCHEMA,
                   description="Who handles the case, what its workflow assigns "
                               "(`roles`), whether the caller may change it and, if so, "
                               "who may be chosen.")
    def get(self, request: Request, case_id: int) -> Response:
        user = cast(User, request.user)
        case = case_selectors.case_detail(user, case_id)
        return Response(representation(case, user))

    @extend_schema(
        operation_id="case_assignment_change",
        request=inline_serializer("AssignmentChange", {
            "officer_in_charge": serializers.IntegerField(required=False),
            "panel": serializers.ListField(child=serializers.IntegerField(), required=False),
            "mediator": serializers.IntegerField(required=False),
            "reason": serializers.CharField(),
        }),
        responses=ASSIGNMENT_SCHEMA,
        description="Change the officer in charge, the panel (the officer in charge "
                    "presides and is added if missing) or the mediator, with a reason; "
                    "fields left out keep their assignees. The head of office changes "
                    "any, the officer in charge only the mediator (403); "
                    "400 for an assignee outside the case's office, a panel the workflow "
                    "refuses, no reason or no change; 409 on a closed case.",
    )
    def post(self, request: Request, case_id: int) -> Response:
        user = cast(User, request.user)
        case = case_selectors.case_detail(user, case_id)  # 404 outside scope
        if not assignments.assignable(case, user, open_only=False):
            raise PermissionDenied(assignments.refusal(case))
        data = body_fields(request.data)
        kwargs: dict[str, Any] = {}
        if "officer_in_charge" in data:
            kwargs["officer"] = _users(
                [_user_id(data["officer_in_charge"], "officer_in_charge")],
                "officer_in_charge", user)[0]
        if "panel" in data:
            if not isinstance(data["panel"], list):
                raise serializers.ValidationError({"panel": [_("Expected a list of user "
                                                               "ids.")]})
            kwargs["panel"] = _users([_user_id(v, "panel") for v in data["panel"]],
                                     "panel", user)
        if "mediator" in data:
            kwargs["mediator"] = _users([_user_id(data["mediator"], "mediator")],
                                        "mediator", user)[0]
        if not kwargs:
            raise serializers.ValidationError({"non_field_errors": [
                _("Name the officer in charge, the panel or the mediator to change.")]})
        assignments.change_assignment(case_id, user, reason=_reason(data), **kwargs)
        case = case_selectors.case_detail(user, case_id)
        return Response(representation(case, user))


class BatchAssignmentView(APIView):
    @extend_schema(
        operation_id="cases_batch_assignment",
        request=inline_serializer("BatchAssignment", {
            "cases": serializers.ListField(child=serializers.IntegerField()),
            "officer_in_charge": serializers.IntegerField(),
            "reason": serializers.CharField(),
        }),
        responses=inline_serializer("BatchAssignmentResult", {
            "changed": serializers.ListField(child=serializers.IntegerField()),
            "unchanged": serializers.ListField(child=serializers.IntegerField()),
        }),
        description="Give the selected cases one officer in charge (distributing new "
                    "requests, or handing over an officer's cases), with one reason. All "
                    "or nothing: 400 naming the cases not found or whose office the "
                    "officer is not of, 403 naming those the caller may not change, 409 "
                    "naming closed ones.",
    )
    def post(self, request: Request) -> Response:
        user = cast(User, request.user)
        if not user.has_role(Role.HEAD):
            raise PermissionDenied(_("Only a head of office distributes cases."))
        data = body_fields(request.data)
        raw = data.get("cases")
        if not isinstance(raw, list) or not raw:
            raise serializers.ValidationError({"cases": [_("Expected a list of case "
                                                           "ids.")]})
        ids = []
        for value in raw:
            pk = parse_id(value) if isinstance(value, (int, str)) \
                and not isinstance(value, bool) else None
            if pk is None:
                raise serializers.ValidationError({"cases": [_("Expected a list of case "
                                                               "ids.")]})
            ids.append(pk)
        if "officer_in_charge" not in data:
            raise serializers.ValidationError({"officer_in_charge": [
                _("This field is required.")]})
        officer = _users([_user_id(data["officer_in_charge"], "officer_in_charge")],
                         "officer_in_charge", user)[0]
        result = assignments.reassign_cases(ids, user, officer=officer,
                                            reason=_reason(data))
        return Response({"changed": [c.pk for c in result.changed],
                         "unchanged": [c.pk for c in result.unchanged]})
