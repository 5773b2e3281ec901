"""REST API of mediation: the mediator's workbench, a mediation's sessions and its
agreement with the terms and their performance. Every write is a transition
(``POST /api/v1/cases/<id>/transitions/<name>/``: ``schedule_session``,
``record_session``, ``add_term``, ``record_performance``…); these endpoints read, scoped
like every case (404 outside the user's scope or for a case that is not a mediation), and
the workbench's lists hold the caller's own cases."""

from __future__ import annotations

from functools import partial
from typing import Any, cast

from django.urls import reverse
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from cases.api_pages import KeysetPagination
from cases.models import AuditAction, User
from cases.selectors.cases import case_detail
from cases.services import audit
from mediation import selectors
from mediation.models import Agreement, AgreementTerm, MediationCase, MediationSession
from mediation.services.intake import MEDIATION


class SessionSerializer(serializers.ModelSerializer):
    class Meta:
        model = MediationSession
        fields = ["id", "n", "scheduled_at", "place", "online", "online_link", "held_at",
                  "attendees", "minutes", "requester_position", "respondent_position",
                  "confirmed_by_parties"]


class TermSerializer(serializers.ModelSerializer):
    obligor = serializers.CharField(source="obligor.name")
    overdue = serializers.BooleanField(source="is_overdue")

    class Meta:
        model = AgreementTerm
        fields = ["id", "n", "kind", "obligor", "description", "amount", "due_on", "done_on",
                  "amount_paid", "evidence", "overdue"]


class SignatureSerializer(serializers.Serializer):
    party = serializers.CharField(source="party.name")
    signatory = serializers.CharField()
    signed_on = serializers.DateField()


class AgreementSerializer(serializers.ModelSerializer):
    terms = TermSerializer(many=True)
    signatures = SignatureSerializer(many=True)

    class Meta:
        model = Agreement
        fields = ["number", "facts", "issues", "other_terms", "mediator_signed_on",
                  "effective_on", "signatures", "terms"]


def _mediation(request: Request, case_id: int, what: str) -> MediationCase:
    """The mediation record of a case in the user's scope (else 404); the read is
    recorded in the access log, as the case page's is."""
    case = case_detail(cast(User, request.user), case_id)  # 404 outside scope
    mediation = getattr(case, "mediation", None) if case.workflow == MEDIATION else None
    if mediation is None:
        raise NotFound()
    audit.record(request, AuditAction.CASE_VIEWED, obj=case, detail=f"API {what} {case.number}")
    return cast(MediationCase, mediation)


class SessionListView(APIView):
    @extend_schema(responses=SessionSerializer(many=True))
    def get(self, request: Request, case_id: int) -> Response:
        mediation = _mediation(request, case_id, "sessions")
        return Response(SessionSerializer(mediation.sessions.all(), many=True).data)


class AgreementView(APIView):
    @extend_schema(responses=AgreementSerializer)
    def get(self, request: Request, case_id: int) -> Response:
        mediation = _mediation(request, case_id, "agreement")
        agreement: Any = getattr(mediation, "agreement", None)
        if agreement is None:
            raise NotFound()
        return Response(AgreementSerializer(agreement).data)


# --- the mediator's workbench -----------------------------------------------------------


class _MediationRow(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    number = serializers.CharField(source="case.number")
    title = serializers.CharField(source="case.title")
    state = serializers.CharField()
    state_display = serializers.CharField(source="get_state_display")


class ToTakeUpSerializer(_MediationRow):
    received_on = serializers.DateField(source="case.received_on")


class OpenAgreementSerializer(_MediationRow):
    agreed_on = serializers.DateField(allow_null=True)
    amount_agreed = serializers.DecimalField(max_digits=14, decimal_places=2, allow_null=True)
    amount_performed = serializers.DecimalField(max_digits=14, decimal_places=2)


class SessionDueSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    case = serializers.IntegerField(source="mediation_id")
    number = serializers.CharField(source="mediation.case.number")
    n = serializers.IntegerField()
    scheduled_at = serializers.DateTimeField()
    place = serializers.CharField()
    online = serializers.BooleanField()
    overdue = serializers.BooleanField(source="is_overdue")


class TermDueSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    case = serializers.IntegerField(source="agreement_id")
    number = serializers.CharField(source="agreement.mediation.case.number")
    n = serializers.IntegerField()
    obligor = serializers.CharField(source="obligor.name")
    description = serializers.CharField()
    amount = serializers.DecimalField(max_digits=14, decimal_places=2, allow_null=True)
    due_on = serializers.DateField()
    overdue = serializers.BooleanField(source="is_overdue")


class WorkbenchView(APIView):
    @extend_schema(responses=inline_serializer("MediatorWorkbench", {
        "counts": inline_serializer("MediatorWorkbenchCounts", {
            name: serializers.IntegerField() for name in
            ("to_take_up", "sessions", "agreements", "terms", "confirmations")}),
        "lists": inline_serializer("MediatorWorkbenchLists", {
            name: serializers.URLField() for name in selectors.LISTS})}))
    def get(self, request: Request) -> Response:
        """The mediator's workbench in figures (the caller's mediations to take up,
        sessions to hold, agreements being performed, terms falling due, open applications
        for judicial confirmation); each list is paged at ``lists``."""
        counts = selectors.mediator_counts(cast(User, request.user))
        return Response({
            "counts": vars(counts),
            "lists": {name: request.build_absolute_uri(
                reverse(f"api-mediator-workbench-{name}"))
                for name in selectors.LISTS}})


class _WorkbenchListView(APIView):
    """A list of the caller's workbench (``selectors.LISTS[name]``), by keyset pages."""

    name: str
    serializer: type[serializers.Serializer]
    pagination_class: type[KeysetPagination]

    def get(self, request: Request) -> Response:
        user = cast(User, request.user)
        spec = selectors.LISTS[self.name]
        paginator = self.pagination_class()
        rows = paginator.paginate(request, spec.rows(user), partial(spec.page_rows, user))
        return paginator.get_paginated_response(self.serializer(rows, many=True).data)


class _ToTakeUpPages(KeysetPagination):
    spec = selectors.LISTS["to_take_up"].order


class _SessionPages(KeysetPagination):
    spec = selectors.LISTS["sessions"].order


class _AgreementPages(KeysetPagination):
    spec = selectors.LISTS["agreements"].order


class _TermPages(KeysetPagination):
    spec = selectors.LISTS["terms"].order


@extend_schema(responses=ToTakeUpSerializer(many=True))
class ToTakeUpView(_WorkbenchListView):
    """Mediations to take up (no session fixed), oldest first."""

    name, serializer, pagination_class = "to_take_up", ToTakeUpSerializer, _ToTakeUpPages


@extend_schema(responses=SessionDueSerializer(many=True))
class SessionsDueView(_WorkbenchListView):
    """Sessions to hold up to ten working days ahead (overdue ones included), soonest
    first."""

    name, serializer, pagination_class = "sessions", SessionDueSerializer, _SessionPages


@extend_schema(responses=OpenAgreementSerializer(many=True))
class OpenAgreementsView(_WorkbenchListView):
    """Agreements reached or being performed, oldest first."""

    name, serializer, pagination_class = "agreements", OpenAgreementSerializer, _AgreementPages


@extend_schema(responses=TermDueSerializer(many=True))
class TermsDueView(_WorkbenchListView):
    """Terms not done, due up to ten working days ahead (overdue ones included), soonest
    first."""

    name, serializer, pagination_class = "terms", TermDueSerializer, _TermPages


WORKBENCH_LISTS = {view.name: view for view in (ToTakeUpView, SessionsDueView,
                                                OpenAgreementsView, TermsDueView)}
