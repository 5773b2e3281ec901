"""REST API for the register a request is filed from: parties (当事人), their agents
(代理人) and IP rights.

A request (``POST /api/v1/cases/``) names its parties and rights by id; these endpoints
let an API client find them (scoped to the caller's office tree, searched by name,
identifier or number) and register new ones. Writes go through ``cases.services.parties``,
which validates the whole record (identifier check characters, patent numbers, Nice
classes: the same Chinese messages as the web forms) and records who did it.
"""

from __future__ import annotations

from typing import Any, cast

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.pagination import CursorPagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from cases.api import ScopedRelatedField
from cases.errors import OutOfScope
from cases.models import Agent, IPRight, Office, Party, User
from cases.models.parties import AgentKind, PartyKind
from cases.models.rights import RightKind, RightStatus
from cases.selectors.parties import agents_for, parties_for, rights_for
from cases.services import parties as services


class RegisterPagination(CursorPagination):
    page_size = 25
    max_page_size = 100
    page_size_query_param = "page_size"
    ordering = ("-id",)


# --- representations ------------------------------------------------------------------


class PartySerializer(serializers.ModelSerializer):
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    office_name = serializers.CharField(source="office.name", read_only=True)

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
    kind = serializers.ChoiceField(choices=PartyKind.choices)
    name = serializers.CharField(max_length=200)
    id_number = _text(18)
    domicile = _text(300)
    region_code = _text(6)
    phone = _text(40)
    email = serializers.EmailField(required=False, allow_blank=True)
    legal_representative = _text(50)


class AgentInputSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=50)
    kind = serializers.ChoiceField(choices=AgentKind.choices)
    firm = _text(200)
    license_number = _text(40)
    phone = _text(40)


class RightInputSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=RightKind.choices)
    number = _text(40)
    title = serializers.CharField(max_length=200)
    holder = ScopedRelatedField(Party, required=False, allow_null=True)
    holder_name = _text(200)
    status = serializers.ChoiceField(choices=RightStatus.choices, required=False)
    application_date = serializers.DateField(required=False, allow_null=True)
    grant_date = serializers.DateField(required=False, allow_null=True)
    nice_class = serializers.IntegerField(required=False, allow_null=True)
    goods_services = serializers.CharField(required=False, allow_blank=True)
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


def _page(view: APIView, request: Request, qs: QuerySet[Any],
          serializer: type[serializers.Serializer]) -> Response:
    paginator = RegisterPagination()
    page = paginator.paginate_queryset(qs.order_by("-id"), request, view=view)
    return paginator.get_paginated_response(serializer(page, many=True).data)


def _validated(serializer_class: type[serializers.Serializer], request: Request,
               *, partial: bool = False) -> dict[str, Any]:
    serializer = serializer_class(data=request.data, partial=partial,
                                  context={"request": request})
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


class PartyListView(APIView):
    @extend_schema(
        parameters=[
            OpenApiParameter("q", OpenApiTypes.STR, description="name or identifier"),
            OpenApiParameter("kind", OpenApiTypes.STR, enum=PartyKind.values),
        ],
        responses=PartySerializer(many=True),
    )
    def get(self, request: Request) -> Response:
        qs = parties_for(_user(request), request.query_params.get("q"))
        kind = _choice_param(request, "kind", PartyKind.values)
        if kind:
            qs = qs.filter(kind=kind)
        return _page(self, request, qs, PartySerializer)

    @extend_schema(request=PartyInputSerializer, responses={201: PartySerializer})
    def post(self, request: Request) -> Response:
        user = _require(request, "cases.add_party")
        party = services.create_party(actor=user, office=_home_office(user),
                                      **_validated(PartyInputSerializer, request))
        return Response(PartySerializer(party).data, status=status.HTTP_201_CREATED)


def _visible_party(request: Request, party_id: int) -> Party:
    party = parties_for(_user(request)).filter(pk=party_id).first()
    if party is None:
        raise OutOfScope()
    return party


class PartyDetailView(APIView):
    @extend_schema(responses=PartySerializer)
    def get(self, request: Request, party_id: int) -> Response:
        return Response(PartySerializer(_visible_party(request, party_id)).data)

    @extend_schema(request=PartyInputSerializer, responses=PartySerializer)
    def patch(self, request: Request, party_id: int) -> Response:
        party = _visible_party(request, party_id)
        user = _require(request, "cases.change_party")
        party = services.update_party(party=party, actor=user,
                                      **_validated(PartyInputSerializer, request,
                                                   partial=True))
        return Response(PartySerializer(party).data)


class AgentListView(APIView):
    @extend_schema(
        parameters=[OpenApiParameter("q", OpenApiTypes.STR, description="name or firm")],
        responses=AgentSerializer(many=True),
    )
    def get(self, request: Request) -> Response:
        qs = agents_for(_user(request))
        text = (request.query_params.get("q") or "").strip()
        if text:
            qs = qs.filter(Q(name__icontains=text) | Q(firm__icontains=text))
        return _page(self, request, qs, AgentSerializer)

    @extend_schema(request=AgentInputSerializer, responses={201: AgentSerializer})
    def post(self, request: Request) -> Response:
        user = _require(request, "cases.add_agent")
        agent = services.create_agent(actor=user, office=_home_office(user),
                                      **_validated(AgentInputSerializer, request))
        return Response(AgentSerializer(agent).data, status=status.HTTP_201_CREATED)


class RightListView(APIView):
    @extend_schema(
        parameters=[
            OpenApiParameter("q", OpenApiTypes.STR,
                             description="number (any patent-number form), title or holder"),
            OpenApiParameter("kind", OpenApiTypes.STR, enum=RightKind.values),
        ],
        responses=RightSerializer(many=True),
    )
    def get(self, request: Request) -> Response:
        qs = rights_for(_user(request), request.query_params.get("q"))
        kind = _choice_param(request, "kind", RightKind.values)
        if kind:
            qs = qs.filter(kind=kind)
        return _page(self, request, qs, RightSerializer)

    @extend_schema(request=RightInputSerializer, responses={201: RightSerializer})
    def post(self, request: Request) -> Response:
        user = _require(request, "cases.add_ipright")
        right = services.create_ip_right(actor=user, office=_home_office(user),
                                         **_validated(RightInputSerializer, request))
        return Response(RightSerializer(right).data, status=status.HTTP_201_CREATED)


class RightDetailView(APIView):
    @extend_schema(responses=RightSerializer)
    def get(self, request: Request, right_id: int) -> Response:
        right = rights_for(_user(request)).filter(pk=right_id).first()
        if right is None:
            raise OutOfScope()
        return Response(RightSerializer(right).data)
