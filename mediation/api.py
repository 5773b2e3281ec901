"""REST API of mediation: a mediation's sessions and its agreement with the terms and
their performance. Every write is a transition (``POST /api/v1/cases/<id>/transitions/
<name>/``: ``schedule_session``, ``record_session``, ``add_term``, ``record_performance``…);
these endpoints read, scoped like every case (404 outside the user's scope or for a case
that is not a mediation)."""

from __future__ import annotations

from typing import Any, cast

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from cases.models import AuditAction, User
from cases.selectors.cases import case_detail
from cases.services import audit
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
