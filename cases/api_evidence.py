"""The evidence catalogue of a case (证据目录): ``GET`` lists it, ``POST`` adds an entry;
``PATCH …/evidence/<item>/`` corrects one, ``DELETE …/evidence/<item>/`` with a ``reason``
removes it (the entry and the reason stay on the timeline).

``/api/v1/cases/<id>/evidence/`` — scoped like the case (404 outside the caller's office
tree); changing needs an officer of the case or a head (403) and an open case (409).
"""

from __future__ import annotations

from typing import Any, cast

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from cases.api_fields import ChoiceField
from cases.api_parsers import body_fields
from cases.models import AuditAction, EvidenceItem, User
from cases.selectors import cases as case_selectors
from cases.services import audit
from cases.services import evidence as evidence_services
from cases.text_limits import REASON_MAX


class EvidenceItemSerializer(serializers.ModelSerializer[EvidenceItem]):
    submitted_by = serializers.SerializerMethodField()
    submitter = serializers.CharField(source="submitter_label", read_only=True)
    form_display = serializers.CharField(source="get_form_display", read_only=True)
    recorded_by = serializers.SerializerMethodField()
    changed = serializers.SerializerMethodField(
        help_text="Who last corrected the entry and when (null if never).")

    class Meta:
        model = EvidenceItem
        fields = ["id", "number", "submitted_by", "submitter", "name", "purpose", "pages",
                  "form", "form_display", "submitted_on", "examination", "recorded_by",
                  "recorded_at", "changed"]
        read_only_fields = fields

    def get_submitted_by(self, item: EvidenceItem) -> dict[str, Any] | None:
        cp = item.submitted_by
        if cp is None:
            return None
        return {"party_id": cp.party_id, "role": cp.role, "name": cp.party.name}

    def get_recorded_by(self, item: EvidenceItem) -> dict[str, Any]:
        return {"id": item.recorded_by_id, "name": item.recorded_by.display_name}

    def get_changed(self, item: EvidenceItem) -> dict[str, Any] | None:
        event = self.context.get("changes", {}).get(item.pk)
        if event is None:
            return None
        return {"by": {"id": event.actor_id,
                       "name": event.actor.display_name if event.actor else ""},
                "at": event.at.isoformat()}


class EvidenceRemoveSerializer(serializers.Serializer[Any]):
    reason = serializers.CharField(max_length=REASON_MAX,
                                   help_text="Why the entry is removed (kept on the timeline).")


class EvidenceCreateSerializer(serializers.Serializer[Any]):
    submitted_by = serializers.CharField(max_length=20,
                                         help_text="A party's id, or \"office\".")
    name = serializers.CharField(max_length=200)
    purpose = serializers.CharField(max_length=REASON_MAX)
    pages = serializers.IntegerField(min_value=1)
    form = ChoiceField(choices=["original", "copy"])
    submitted_on = serializers.DateField()
    examination = serializers.CharField(required=False, allow_blank=True,
                                        max_length=REASON_MAX)


def catalogue(case_id: int) -> Any:
    return (EvidenceItem.objects.filter(case_id=case_id)
            .select_related("submitted_by__party", "recorded_by").order_by("number"))


class CaseEvidenceView(APIView):
    @extend_schema(responses=EvidenceItemSerializer(many=True),
                   description="The case's evidence catalogue, in the order of its numbers.")
    def get(self, request: Request, case_id: int) -> Response:
        case = case_selectors.case_detail(cast(User, request.user), case_id)  # 404
        audit.record(request, AuditAction.CASE_VIEWED, obj=case,
                     detail=f"API evidence {case.number}")
        return Response(EvidenceItemSerializer(
            catalogue(case.pk), many=True,
            context={"changes": evidence_services.last_changes(case)}).data)

    @extend_schema(request=EvidenceCreateSerializer,
                   responses={201: EvidenceItemSerializer},
                   description="Add an entry. 400 with field errors, 403 without permission, "
                               "409 when the case is closed.")
    def post(self, request: Request, case_id: int) -> Response:
        user = cast(User, request.user)
        case = case_selectors.case_detail(user, case_id)  # 404 outside scope
        data = body_fields(request.data)
        item = evidence_services.add_evidence_item(case_id=case.pk, actor=user, data=data)
        item = catalogue(case.pk).get(pk=item.pk)
        return Response(EvidenceItemSerializer(item).data, status=status.HTTP_201_CREATED)


class CaseEvidenceItemView(APIView):
    @extend_schema(request=EvidenceCreateSerializer(partial=True),
                   responses={200: EvidenceItemSerializer},
                   description="Correct an entry: only the fields sent change. 400 with field "
                               "errors, 403 without permission, 404 for an entry not of "
                               "the case, 409 when the case is closed.")
    def patch(self, request: Request, case_id: int, item_id: int) -> Response:
        user = cast(User, request.user)
        case = case_selectors.case_detail(user, case_id)  # 404 outside scope
        data = body_fields(request.data)
        item = evidence_services.change_evidence_item(case_id=case.pk, item_id=item_id,
                                                      actor=user, data=data)
        return Response(EvidenceItemSerializer(
            catalogue(case.pk).get(pk=item.pk),
            context={"changes": evidence_services.last_changes(case)}).data)

    @extend_schema(request=EvidenceRemoveSerializer, responses={204: None},
                   description="Remove an entry with the reason (required, 400 without). "
                               "The entry as it was, who removed it and why stay on the "
                               "timeline; its number is not given again.")
    def delete(self, request: Request, case_id: int, item_id: int) -> Response:
        user = cast(User, request.user)
        case = case_selectors.case_detail(user, case_id)  # 404 outside scope
        data = body_fields(request.data)
        evidence_services.remove_evidence_item(case_id=case.pk, item_id=item_id, actor=user,
                                               reason=data.get("reason", ""))
        return Response(status=status.HTTP_204_NO_CONTENT)
