"""The evidence catalogue of a case (证据目录): ``GET`` lists it, ``POST`` adds an entry.

``/api/v1/cases/<id>/evidence/`` — scoped like the case (404 outside the caller's office
tree); adding needs an officer of the case or a head (403) and an open case (409).
"""

from __future__ import annotations

from typing import Any, cast

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from cases.models import EvidenceItem, User
from cases.selectors import cases as case_selectors
from cases.services import evidence as evidence_services


class EvidenceItemSerializer(serializers.ModelSerializer[EvidenceItem]):
    submitted_by = serializers.SerializerMethodField()
    submitter = serializers.CharField(source="submitter_label", read_only=True)
    form_display = serializers.CharField(source="get_form_display", read_only=True)
    recorded_by = serializers.SerializerMethodField()

    class Meta:
        model = EvidenceItem
        fields = ["id", "number", "submitted_by", "submitter", "name", "purpose", "pages",
                  "form", "form_display", "submitted_on", "examination", "recorded_by",
                  "recorded_at"]
        read_only_fields = fields

    def get_submitted_by(self, item: EvidenceItem) -> dict[str, Any] | None:
        cp = item.submitted_by
        if cp is None:
            return None
        return {"party_id": cp.party_id, "role": cp.role, "name": cp.party.name}

    def get_recorded_by(self, item: EvidenceItem) -> dict[str, Any]:
        return {"id": item.recorded_by_id, "name": item.recorded_by.display_name}


class EvidenceCreateSerializer(serializers.Serializer[Any]):
    submitted_by = serializers.CharField(help_text="A party's id, or \"office\".")
    name = serializers.CharField(max_length=200)
    purpose = serializers.CharField()
    pages = serializers.IntegerField(min_value=1)
    form = serializers.ChoiceField(choices=["original", "copy"])
    submitted_on = serializers.DateField()
    examination = serializers.CharField(required=False, allow_blank=True)


def catalogue(case_id: int) -> Any:
    return (EvidenceItem.objects.filter(case_id=case_id)
            .select_related("submitted_by__party", "recorded_by").order_by("number"))


class CaseEvidenceView(APIView):
    @extend_schema(responses=EvidenceItemSerializer(many=True),
                   description="The case's evidence catalogue, in the order of its numbers.")
    def get(self, request: Request, case_id: int) -> Response:
        case = case_selectors.case_detail(cast(User, request.user), case_id)  # 404
        return Response(EvidenceItemSerializer(catalogue(case.pk), many=True).data)

    @extend_schema(request=EvidenceCreateSerializer,
                   responses={201: EvidenceItemSerializer},
                   description="Add an entry. 400 with field errors, 403 without permission, "
                               "409 when the case is closed.")
    def post(self, request: Request, case_id: int) -> Response:
        user = cast(User, request.user)
        case = case_selectors.case_detail(user, case_id)  # 404 outside scope
        data = request.data if isinstance(request.data, dict) else {}
        item = evidence_services.add_evidence_item(case_id=case.pk, actor=user, data=data)
        item = catalogue(case.pk).get(pk=item.pk)
        return Response(EvidenceItemSerializer(item).data, status=status.HTTP_201_CREATED)
