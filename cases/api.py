"""REST API for cases of every workflow (DESIGN.md "REST API conventions").

Thin: validate input, call one service or selector; errors are mapped to HTTP answers in
``cases.api_errors``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, cast

from django import forms
from django.conf import settings
from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_field,
    inline_serializer,
)
from rest_framework import serializers, status
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from cases import workflows
from cases.api_fields import PrimaryKeyRelatedField
from cases.api_pages import CursorPages, KeysetPagination
from cases.api_parsers import body_fields
from cases.api_schema import transition_request
from cases.models import AuditAction, Case, CaseEvent, Party, Role, User
from cases.selectors import cases as case_selectors
from cases.selectors.scope import office_scope_q
from cases.services import audit, runner
from cases.validators import parse_id
from cases.views.timeline import TIMELINE_ORDER


class CasePagination(CursorPages):
    ordering = ("-received_on", "-id")


# --- representations ------------------------------------------------------------------


class PartyBriefSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="party.id")
    name = serializers.CharField(source="party.name")
    role = serializers.CharField()
    agent = serializers.CharField(source="agent.name", default=None, allow_null=True)


class CaseListSerializer(serializers.ModelSerializer):
    state_display = serializers.CharField(source="get_state_display")
    office = serializers.CharField(source="office.name")
    officer_in_charge = serializers.CharField(source="officer_in_charge.display_name",
                                              default=None, allow_null=True)
    url = serializers.SerializerMethodField()

    class Meta:
        model = Case
        fields = ["id", "number", "title", "state", "state_display", "office", "received_on",
                  "officer_in_charge", "url"]

    def get_url(self, obj: Case) -> str:
        return reverse("api-case-detail", args=[obj.pk])


class PartyRefSerializer(serializers.Serializer):
    """A party a workflow record names (a complaint's accused party and complainant): its
    id and name, as the case's ``parties`` give theirs; a client needs the name, not
    only the id to look it up by."""

    id = serializers.IntegerField()
    name = serializers.CharField()


def _flow_serializer(spec: workflows.Workflow) -> type[serializers.ModelSerializer]:
    """The workflow record's fields in the case representation (Workflow.api_fields); a
    party is its id and name."""
    meta = type("Meta", (), {"model": spec.model, "fields": list(spec.api_fields)})
    attrs: dict[str, Any] = {"Meta": meta}
    for field in spec.model._meta.get_fields():  # api_fields also name properties
        if (field.name in spec.api_fields and field.many_to_one
                and field.related_model is Party):
            attrs[field.name] = PartyRefSerializer(read_only=True, allow_null=True)
    return type(f"{spec.model.__name__}Serializer", (serializers.ModelSerializer,), attrs)


class CaseDetailSerializer(CaseListSerializer):
    parties = serializers.SerializerMethodField()
    panel = serializers.SerializerMethodField()
    rights = serializers.SerializerMethodField()
    available_transitions = serializers.SerializerMethodField()
    deadlines = serializers.SerializerMethodField()
    links = serializers.SerializerMethodField()

    class Meta(CaseListSerializer.Meta):
        fields = CaseListSerializer.Meta.fields + [
            "workflow", "parties", "panel", "rights", "closed_on", "origin",
            "available_transitions", "deadlines", "links",
        ]

    def to_representation(self, instance: Case) -> dict[str, Any]:
        data: dict[str, Any] = super().to_representation(instance)
        spec = workflows.of(instance)
        flow = _flow_serializer(spec)(instance.flow, context=self.context).data
        omitted = spec.api_omitted(instance.flow) if spec.api_omitted else ()
        data.update({k: v for k, v in flow.items() if k not in omitted})
        if spec.header_parties is not None:
            # Who a case whose case parties are not its requesters and respondents is
            # between, as its page's header names them (a referral's suspect).
            data["sides"] = [{"label": str(label), "names": list(names)}
                             for label, names in spec.header_parties(instance)]
        return data

    def get_parties(self, obj: Case) -> list[dict[str, Any]]:
        return [
            {"id": cp.party_id, "name": cp.party.name, "role": cp.role,
             "role_display": cp.get_role_display(),
             "agent": cp.agent.name if cp.agent else None}
            for cp in obj.case_parties.all()
        ]

    def get_panel(self, obj: Case) -> list[dict[str, Any]]:
        return [{"id": m.user_id, "name": m.user.display_name, "role": m.role}
                for m in obj.assignments.all()]

    def get_rights(self, obj: Case) -> list[dict[str, Any]]:
        return [{"id": r.pk, "kind": r.kind, "number": r.number, "title": r.title}
                for r in obj.rights.all()]

    def get_available_transitions(self, obj: Case) -> list[dict[str, Any]]:
        """Each action the caller may take, and where to POST it: the transition, or, for
        an action the caller submits for the head's approval, its submission (running it
        directly would be refused, 403)."""
        actor = self.context["request"].user
        out = []
        for spec in runner.available_actions(obj, actor):
            submits = runner.submits_for_approval(obj, actor, spec)
            out.append({
                "name": spec.name, "label": str(spec.label), "secondary": spec.secondary,
                "submits_for_approval": submits,
                "url": reverse("api-case-submit" if submits else "api-case-transition",
                               args=[obj.pk, spec.name]),
                "blocked_reason": runner.blocked_reason(obj, actor, spec)})
        return out

    def get_deadlines(self, obj: Case) -> list[dict[str, Any]]:
        return [d.as_dict() for d in case_selectors.deadline_views(obj)]

    def get_links(self, obj: Case) -> dict[str, str]:
        return {"timeline": reverse("api-case-timeline", args=[obj.pk]),
                "self": reverse("api-case-detail", args=[obj.pk])}


class TimelineEventSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    at = serializers.DateTimeField()
    actor = serializers.CharField(source="actor.display_name", default=None,
                                  allow_null=True)
    kind = serializers.CharField()
    kind_display = serializers.CharField(source="get_kind_display")
    name = serializers.CharField()
    label = serializers.SerializerMethodField()  # type: ignore[assignment]  # DRF pops declared fields
    detail = serializers.SerializerMethodField()
    from_state = serializers.CharField()
    to_state = serializers.CharField()
    to_state_display = serializers.SerializerMethodField()
    reason = serializers.CharField()
    payload = serializers.JSONField()
    recorded = serializers.SerializerMethodField(
        help_text="The payload's fields as the case page shows them: the action form's "
                  "label and the value as people read it (choices by label, local times, "
                  "people by name, amounts grouped: 30,000.00); no ids.")

    @extend_schema_field(inline_serializer("TimelineField", {
        "name": serializers.CharField(), "label": serializers.CharField(),
        "value": serializers.CharField()}, many=True))
    def get_recorded(self, event: CaseEvent) -> list[dict[str, str]]:
        return [{"name": f.name, "label": f.label, "value": f.value}
                for f in case_selectors.event_fields(event)]

    def get_label(self, event: CaseEvent) -> str:
        return case_selectors.event_label(event.name, event.case.workflow)

    def get_detail(self, event: CaseEvent) -> str:
        return case_selectors.event_detail(event)

    def get_to_state_display(self, event: CaseEvent) -> str:
        return str(dict(workflows.of(event.case).states).get(event.to_state, ""))


# --- input ----------------------------------------------------------------------------


@extend_schema_field(OpenApiTypes.INT)
class ScopedRelatedField(PrimaryKeyRelatedField):
    """A primary key resolved only among the records the requesting user may see, so an
    id from another office is "does not exist" (400), never a leak."""

    def __init__(self, model: type[Any], **kwargs: Any) -> None:
        self.model = model
        super().__init__(**kwargs)

    def get_queryset(self) -> QuerySet[Any]:
        return self.model.objects.filter(office_scope_q(self.context["request"].user))


@extend_schema_field(OpenApiTypes.INT)
class OfficeOfficerField(PrimaryKeyRelatedField):
    def get_queryset(self) -> QuerySet[Any]:
        user = self.context["request"].user
        return User.objects.filter(office_id=user.office_id,
                                   groups__name=Role.OFFICER).distinct()


# --- views ----------------------------------------------------------------------------


def _user(request: Request) -> User:
    """The authenticated user (every view requires authentication)."""
    return cast(User, request.user)


def _bool_param(value: str | None) -> bool | None:
    if value is None or value == "":
        return None
    if value.lower() in {"1", "true", "yes"}:
        return True
    if value.lower() in {"0", "false", "no"}:
        return False
    raise serializers.ValidationError({"overdue": [_("Use true or false.")]})


class CaseListView(APIView):
    pagination_class = CasePagination

    @extend_schema(
        parameters=[
            OpenApiParameter("state", OpenApiTypes.STR,
                             description="a state: workflow and state "
                             "(`confirmation:filed`), or a bare state "
                             "(`pending_approval`) in whichever workflow has it"),
            OpenApiParameter("officer", OpenApiTypes.INT),
            OpenApiParameter("overdue", OpenApiTypes.BOOL),
            OpenApiParameter("due_before", OpenApiTypes.DATE),
            OpenApiParameter("q", OpenApiTypes.STR, description="case number or party name"),
        ],
        responses=CaseListSerializer(many=True),
    )
    def get(self, request: Request) -> Response:
        params = request.query_params
        state = params.get("state") or None
        if state and not workflows.is_state_filter(state):
            raise serializers.ValidationError({"state": [_("Unknown state.")]})
        due_before = None
        if params.get("due_before"):
            try:
                due_before = serializers.DateField().to_internal_value(params["due_before"])
            except serializers.ValidationError as exc:  # named after its parameter
                raise serializers.ValidationError({"due_before": exc.detail}) from exc
        officer = params.get("officer")
        officer_id = parse_id(officer) if officer else None
        if officer and officer_id is None:
            raise serializers.ValidationError({"officer": [_("Expected a user id.")]})
        qs: QuerySet[Case] = case_selectors.case_list(
            _user(request), state=state, officer_id=officer_id,
            overdue=_bool_param(params.get("overdue")), due_before=due_before,
            text=params.get("q"),
        )
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(qs, request, view=self)
        if params.get("q"):  # as the case list page's search
            audit.record(request, AuditAction.CASES_SEARCHED,
                         detail=f"API ?{audit.query_text(request.GET)} ({len(page or [])})")
        return paginator.get_paginated_response(CaseListSerializer(page, many=True).data)

    @extend_schema(request=OpenApiTypes.OBJECT, responses={201: CaseDetailSerializer},
                   description="File a new case: `workflow` names its workflow (the default "
                               "workflow when absent); the other fields are that workflow's "
                               "intake fields.")
    def post(self, request: Request) -> Response:
        data = body_fields(request.data)
        try:
            spec = workflows.get(str(data.get("workflow") or settings.DEFAULT_WORKFLOW))
        except workflows.UnknownWorkflow:
            raise serializers.ValidationError({"workflow": [_("Unknown workflow.")]}) from None
        if spec.api_intake is None:
            raise serializers.ValidationError(
                {"workflow": [_("Cases of this workflow are not filed through the API.")]})
        case = spec.api_intake(request)
        case = case_selectors.case_detail(_user(request), case.pk)
        return Response(CaseDetailSerializer(case, context={"request": request}).data,
                        status=status.HTTP_201_CREATED)


class CaseDetailView(APIView):
    @extend_schema(responses=CaseDetailSerializer)
    def get(self, request: Request, case_id: int) -> Response:
        case = case_selectors.case_detail(_user(request), case_id)
        audit.record(request, AuditAction.CASE_VIEWED, obj=case, detail=f"API {case.number}")
        return Response(CaseDetailSerializer(case, context={"request": request}).data)


def _field_type(field: forms.Field) -> str:
    kinds: list[tuple[type[forms.Field] | tuple[type[forms.Field], ...], str]] = [
        ((forms.ModelMultipleChoiceField, forms.MultipleChoiceField), "multiple_choice"),
        (forms.ChoiceField, "choice"),
        (forms.BooleanField, "boolean"), (forms.DateTimeField, "datetime"),
        (forms.DateField, "date"), (forms.IntegerField, "integer"),
        (forms.DecimalField, "decimal"), (forms.FileField, "file"),
    ]
    return next((name for cls, name in kinds if isinstance(field, cls)), "text")


def _choices(field: forms.Field) -> list[dict[str, Any]] | None:
    if not isinstance(field, forms.ChoiceField):  # model choices included
        return None
    options = []
    for value, label in cast(Iterable[tuple[Any, Any]], field.choices):
        value = getattr(value, "value", value)  # ModelChoiceIteratorValue → the pk
        if value in ("", None):
            continue
        options.append({"value": value, "label": str(label)})
    return options


def describe_form(form: forms.Form) -> list[dict[str, Any]]:
    """The fields an action takes, as an API client needs them: name, label, type,
    whether required, whether set by the system (``read_only``: a value sent is not kept,
    e.g. the date an approval sets), help, the longest text taken, the allowed values
    (officers and heads by id, with names) and any value the system proposes."""
    described = []
    for name, field in form.fields.items():
        if name == "expected_state":
            continue
        initial = form.get_initial_for_field(field, name)
        described.append({
            "name": name, "label": str(field.label or name), "type": _field_type(field),
            "required": field.required, "read_only": field.disabled,
            "help_text": str(field.help_text or ""),
            "choices": _choices(field), "max_length": getattr(field, "max_length", None),
            "initial": initial.isoformat() if hasattr(initial, "isoformat") else initial,
        })
    return described


def _action(case: Case, name: str) -> workflows.Action:
    """An action its workflow does not have is a URL that does not exist: 404."""
    spec = runner.action_of(case, name)
    if spec is None:
        raise NotFound(_("Unknown action “%(name)s”.") % {"name": name})
    return spec


def _all_actions() -> dict[str, workflows.Action]:
    """Every workflow's actions for the schema, keyed so that two workflows' ``accept``
    do not overwrite each other: the default workflow's by their names, any other's by
    workflow and name (``mediation_accept``)."""
    return {name if flow.name == settings.DEFAULT_WORKFLOW else f"{flow.name}_{name}": action
            for flow in workflows.all_workflows() for name, action in flow.actions.items()}


class CaseTransitionView(APIView):
    @extend_schema(
        responses=inline_serializer("TransitionDescription", {
            "name": serializers.CharField(), "label": serializers.CharField(),
            "available": serializers.BooleanField(),
            "blocked_reason": serializers.CharField(),
            "fields": serializers.ListField(child=serializers.DictField()),
        }),
        description="What the action takes: its fields with type, label, whether required, "
                    "allowed values (e.g. the office's officers by id) and proposed values; "
                    "`available` tells whether the caller may run it now, `blocked_reason` "
                    "why an available action would still be refused (409) until a "
                    "precondition is met (empty when it can run).",
    )
    def get(self, request: Request, case_id: int, name: str) -> Response:
        case = case_selectors.case_detail(_user(request), case_id)  # 404 outside scope
        spec = _action(case, name)
        available = spec in runner.available_actions(case, _user(request))
        form = runner.make_form(case, _user(request), name)
        return Response({"name": spec.name, "label": str(spec.label), "available": available,
                         "blocked_reason": runner.blocked_reason(case, _user(request), spec)
                         if available else "",
                         "fields": describe_form(form)})

    @extend_schema(
        request=transition_request(_all_actions),
        responses={200: CaseDetailSerializer},
        description="Run one transition with its own fields. 409 when not allowed now or "
                    "the case changed meanwhile (send `expected_state` to detect that), 403 "
                    "without permission, 400 with field errors.",
    )
    def post(self, request: Request, case_id: int, name: str) -> Response:
        case = case_selectors.case_detail(_user(request), case_id)  # 404 outside scope
        _action(case, name)
        data = body_fields(request.data)
        runner.perform_transition(case_id=case_id, actor=_user(request), name=name,
                                           data=data)
        case = case_selectors.case_detail(_user(request), case_id)
        return Response(CaseDetailSerializer(case, context={"request": request}).data)


class TimelinePagination(KeysetPagination):
    """The timeline in the order things happened, by keyset pages (decision 58)."""

    spec = TIMELINE_ORDER


class CaseTimelineView(APIView):
    pagination_class = TimelinePagination

    @extend_schema(responses=TimelineEventSerializer(many=True))
    def get(self, request: Request, case_id: int) -> Response:
        case = case_selectors.case_detail(_user(request), case_id)
        audit.record(request, AuditAction.CASE_VIEWED, obj=case,
                     detail=f"API timeline {case.number}")
        paginator = self.pagination_class()
        events = paginator.paginate(request, case_selectors.case_timeline(case))
        return paginator.get_paginated_response(
            TimelineEventSerializer(events, many=True).data)
