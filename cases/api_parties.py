"""REST API for the register a request is filed from: parties (当事人), their agents
(代理人) and IP rights.

A request (``POST /api/v1/cases/``) names its parties and rights by id; these endpoints
let an API client find them (scoped to the caller's office tree, searched by name,
identifier or number) and register new ones. Writes go through ``cases.services.parties``,
which validates the whole record (identifier check characters, patent numbers, Nice
classes: the same Chinese messages as the web forms) and records who did it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar, cast

from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from cases.api import ScopedRelatedField
from cases.api_fields import ChoiceField
from cases.api_pages import CursorPages
from cases.errors import OutOfScope
from cases.models import Agent, AuditAction, IPRight, Office, Party, User
from cases.models.parties import AgentKind, PartyKind
from cases.models.rights import RightKind, RightStatus
from cases.selectors.parties import agents_for, parties_for, rights_for
from cases.services import audit
from cases.services import parties as services
from cases.text_limits import REASON_MAX

M = TypeVar("M", bound=Model)


class RegisterPagination(CursorPages):
    ordering = ("-id",)


# --- representations ------------------------------------------------------------------


class PartySerializer(serializers.ModelSerializer):
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    office_name = serializers.CharField(source="office.name", read_only=True)
    # Not an "email" format: most parties have none, and "" is not an address.
    email = serializers.CharField(read_only=True)

    class Meta:
        model = Party
        fields = ["id", "kind", "kind_display", "name", "id_number", "domicile",
                  "region_code", "phone", "email", "legal_representative", "office",
                  "office_name", "created_at", "updated_at"]
        read_only_fields = fields


class AgentSerializer(serializers.ModelSerializer):
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)

    class Meta:
        model = Agent
        fields = ["id", "name", "kind", "kind_display", "firm", "license_number", "phone",
                  "office"]
        read_only_fields = fields


class RightSerializer(serializers.ModelSerializer):
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    display_number = serializers.CharField(read_only=True)
    holder_display = serializers.SerializerMethodField()

    class Meta:
        model = IPRight
        fields = ["id", "kind", "kind_display", "number", "display_number", "title",
                  "holder", "holder_name", "holder_display", "status", "status_display",
                  "application_date", "grant_date", "nice_class", "goods_services",
                  "evaluation_report_no", "office", "created_at"]
        read_only_fields = fields

    def get_holder_display(self, right: IPRight) -> str:
        return right.holder.name if right.holder is not None else right.holder_name


# --- input ----------------------------------------------------------------------------
# Lengths and choices are checked here; the record's own rules (check characters, patent
# type digits, duplicates within the office) by the model, through the service.


def _text(max_length: int) -> serializers.CharField:
    return serializers.CharField(max_length=max_length, required=False, allow_blank=True)


class PartyInputSerializer(serializers.Serializer):
    kind = ChoiceField(choices=PartyKind.choices)
    name = serializers.CharField(max_length=200)
    id_number = _text(18)
    domicile = _text(300)
    region_code = _text(6)
    phone = _text(40)
    email = serializers.EmailField(required=False, allow_blank=True, max_length=254)
    legal_representative = _text(50)


class AgentInputSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=50)
    kind = ChoiceField(choices=AgentKind.choices)
    firm = _text(200)
    license_number = _text(40)
    phone = _text(40)


class RightInputSerializer(serializers.Serializer):
    kind = ChoiceField(choices=RightKind.choices)
    number = _text(40)
    title = serializers.CharField(max_length=200)
    holder = ScopedRelatedField(Party, required=False, allow_null=True)
    holder_name = _text(200)
    status = ChoiceField(choices=RightStatus.choices, required=False)
    application_date = serializers.DateField(required=False, allow_null=True)
    grant_date = serializers.DateField(required=False, allow_null=True)
    nice_class = serializers.IntegerField(required=False, allow_null=True)
    goods_services = _text(REASON_MAX)
    evaluation_report_no = _text(40)


# --- views ----------------------------------------------------------------------------


def _user(request: Request) -> User:
    return cast(User, request.user)


def _require(request: Request, perm: str) -> User:
    user = _user(request)
    if not user.has_perm(perm):
        raise PermissionDenied(_("Your role may not register or change these records."))
    return user


def _home_office(user: User) -> Office:
    if user.office is None:
        raise serializers.ValidationError({"non_field_errors": [
            _("Your account belongs to no office, so it cannot register records.")]})
    return cast(Office, user.office)


def _choice_param(request: Request, name: str, choices: list[str]) -> str | None:
    value = request.query_params.get(name) or None
    if value is not None and value not in choices:
        raise serializers.ValidationError({name: [
            _("Unknown value %(value)s; expected one of: %(choices)s.")
            % {"value": value, "choices": ", ".join(choices)}]})
    return value


def _validated(serializer_class: type[serializers.Serializer], request: Request,
               *, partial: bool = False) -> dict[str, Any]:
    serializer = serializer_class(data=request.data, partial=partial,
                                  context={"request": request})
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


def _visible(records: QuerySet[M], pk: int) -> M:
    record = records.filter(pk=pk).first()
    if record is None:
        raise OutOfScope()
    return record


# Search (scoped, ``q``, optional ``kind``, cursor pages) and register one kind of record;
# a subclass names its selector, serializers, permission and service. (A comment, not a
# docstring: drf-spectacular would publish a docstring as every endpoint's description.)
class RegisterListView(APIView):
    pagination_class = RegisterPagination

    serializer: type[serializers.Serializer]
    input_serializer: type[serializers.Serializer]
    add_permission: str
    kinds: list[str] | None = None
    # Parties and agents carry personal data (identifiers, addresses, phones): each page
    # read is in the access log, as a case page is.
    audited_as: str = ""

    def records(self, user: User, text: str | None) -> QuerySet[Any]:
        raise NotImplementedError

    def create(self, *, actor: User, office: Office, **fields: Any) -> Any:
        raise NotImplementedError

    def get(self, request: Request) -> Response:
        qs = self.records(_user(request), request.query_params.get("q"))
        kind = _choice_param(request, "kind", self.kinds) if self.kinds else None
        if kind:
            qs = qs.filter(kind=kind)
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(qs.order_by("-id"), request, view=self)
        if self.audited_as:
            audit.record(request, AuditAction.PARTY_DATA_READ,
                         detail=f"API {self.audited_as} {audit.query_text(request.GET)} "
                                f"({len(page or [])})")
        return paginator.get_paginated_response(self.serializer(page, many=True).data)

    def post(self, request: Request) -> Response:
        user = _require(request, self.add_permission)
        record = self.create(actor=user, office=_home_office(user),
                             **_validated(self.input_serializer, request))
        return Response(self.serializer(record).data, status=status.HTTP_201_CREATED)


def _list_schema(serializer: type[serializers.Serializer],
                 input_serializer: type[serializers.Serializer], q: str,
                 kinds: list[str] | None = None) -> Callable[[type[APIView]], type[APIView]]:
    parameters = [OpenApiParameter("q", OpenApiTypes.STR, description=q)]
    if kinds:
        parameters.append(OpenApiParameter("kind", OpenApiTypes.STR, enum=kinds))
    return extend_schema_view(
        get=extend_schema(parameters=parameters, responses=serializer(many=True)),
        post=extend_schema(request=input_serializer, responses={201: serializer}),
    )


@_list_schema(PartySerializer, PartyInputSerializer, "name or identifier", PartyKind.values)
class PartyListView(RegisterListView):
    serializer = PartySerializer
    input_serializer = PartyInputSerializer
    add_permission = "cases.add_party"
    kinds = PartyKind.values
    audited_as = "parties"

    def records(self, user: User, text: str | None) -> QuerySet[Party]:
        return parties_for(user, text)

    def create(self, *, actor: User, office: Office, **fields: Any) -> Party:
        return services.create_party(actor=actor, office=office, **fields)


@_list_schema(AgentSerializer, AgentInputSerializer, "name or firm")
class AgentListView(RegisterListView):
    serializer = AgentSerializer
    input_serializer = AgentInputSerializer
    add_permission = "cases.add_agent"
    audited_as = "agents"

    def records(self, user: User, text: str | None) -> QuerySet[Agent]:
        return agents_for(user, text)

    def create(self, *, actor: User, office: Office, **fields: Any) -> Agent:
        return services.create_agent(actor=actor, office=office, **fields)


@_list_schema(RightSerializer, RightInputSerializer,
              "number (any patent-number form), title or holder", RightKind.values)
class RightListView(RegisterListView):
    serializer = RightSerializer
    input_serializer = RightInputSerializer
    add_permission = "cases.add_ipright"
    kinds = RightKind.values

    def records(self, user: User, text: str | None) -> QuerySet[IPRight]:
        return rights_for(user, text)

    def create(self, *, actor: User, office: Office, **fields: Any) -> IPRight:
        return services.create_ip_right(actor=actor, office=office, **fields)


class PartyDetailView(APIView):
    @extend_schema(responses=PartySerializer)
    def get(self, request: Request, party_id: int) -> Response:
        party = _visible(parties_for(_user(request)), party_id)
        audit.record(request, AuditAction.PARTY_DATA_READ, obj=party, detail=f"API {party.name}")
        return Response(PartySerializer(party).data)

    @extend_schema(request=PartyInputSerializer, responses=PartySerializer)
    def patch(self, request: Request, party_id: int) -> Response:
        party = _visible(parties_for(_user(request)), party_id)
        user = _require(request, "cases.change_party")
        party = services.update_party(party=party, actor=user,
                                      **_validated(PartyInputSerializer, request,
                                                   partial=True))
        return Response(PartySerializer(party).data)


class RightDetailView(APIView):
    @extend_schema(responses=RightSerializer)
    def get(self, request: Request, right_id: int) -> Response:
        return Response(RightSerializer(_visible(rights_for(_user(request)), right_id)).data)
