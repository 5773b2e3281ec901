"""REST API of the complaints workflow: registering a complaint or tip-off (the workflow's
``api_intake``), recording figures found, and the duplicates shown with a matter. Triage
and the reply are the generic transitions (``POST /api/v1/cases/<id>/transitions/<name>/``)."""

from __future__ import annotations

from typing import Any, cast

from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from cases.api import ScopedRelatedField
from cases.api_fields import ChoiceField
from cases.complaints.models import COMPLAINT, Channel, ComplaintKind
from cases.complaints.selectors import duplicates_of
from cases.complaints.services import (
    ComplaintRequest,
    register_complaint,
    update_figures,
)
from cases.models import Case, IPRight, Party, User
from cases.referral.models import ThresholdFlag
from cases.referral.models.figures import RECORDED_FIELDS
from cases.selectors import cases as case_selectors
from cases.text_limits import STATEMENT_MAX


def _user(request: Request) -> User:
    return cast(User, request.user)


def _money() -> serializers.DecimalField:
    return serializers.DecimalField(max_digits=14, decimal_places=2, min_value=0,
                                    required=False, allow_null=True)


class FiguresSerializer(serializers.Serializer):
    illegal_turnover = _money()
    illegal_gain = _money()
    sales_amount = _money()
    unsold_value = _money()
    loss_amount = _money()
    copies = serializers.IntegerField(min_value=0, required=False, allow_null=True)
    labels = serializers.IntegerField(min_value=0, required=False, allow_null=True)
    marks_count = serializers.IntegerField(min_value=1, max_value=999, required=False,
                                           allow_null=True)


class ComplaintCreateSerializer(FiguresSerializer):
    kind = ChoiceField(choices=ComplaintKind.choices)
    channel = ChoiceField(choices=Channel.choices)
    received_on = serializers.DateField()
    title = serializers.CharField(max_length=200)
    accused_party = ScopedRelatedField(Party)
    facts = serializers.CharField(max_length=STATEMENT_MAX)
    rights = ScopedRelatedField(IPRight, many=True, required=False, default=list)
    anonymous = serializers.BooleanField(default=False)
    complainant_name = serializers.CharField(max_length=200, required=False, default="",
                                             allow_blank=True)
    complainant_phone = serializers.CharField(max_length=40, required=False, default="",
                                              allow_blank=True)
    complainant_address = serializers.CharField(max_length=300, required=False, default="",
                                                allow_blank=True)
    complainant_party = ScopedRelatedField(Party, required=False, allow_null=True,
                                           default=None)
    source_authority = serializers.CharField(max_length=200, required=False, default="",
                                             allow_blank=True)

    def to_request(self) -> ComplaintRequest:
        d = self.validated_data
        figures = {k: d[k] for k in RECORDED_FIELDS if k in d and k != "marks_count"}
        return ComplaintRequest(
            kind=d["kind"], channel=d["channel"], received_on=d["received_on"],
            title=d["title"], accused_party=d["accused_party"], facts=d["facts"],
            rights=list(d["rights"]), anonymous=d["anonymous"],
            complainant_name=d["complainant_name"], complainant_phone=d["complainant_phone"],
            complainant_address=d["complainant_address"],
            complainant_party=d["complainant_party"], source_authority=d["source_authority"],
            figures=figures, marks_count=d.get("marks_count"))


def register_from_api(request: Request) -> Case:
    """POST /api/v1/cases/ with ``"workflow": "complaint"``."""
    serializer = ComplaintCreateSerializer(data=request.data, context={"request": request})
    serializer.is_valid(raise_exception=True)
    return register_complaint(actor=_user(request), request=serializer.to_request())


class FiguresView(APIView):
    @extend_schema(request=FiguresSerializer, responses=inline_serializer(
        "ComplaintFigures", {"threshold_flag": serializers.CharField(allow_null=True)}))
    def post(self, request: Request, case_id: int) -> Response:
        """Record the figures the verification found (a complaint's, or a ruling or
        mediation case's); the thresholds are judged again."""
        serializer = FiguresSerializer(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        update_figures(case_id=case_id, actor=_user(request),
                       figures=dict(serializer.validated_data))
        flag = ThresholdFlag.objects.filter(case_id=case_id).first()
        return Response({"threshold_flag": flag.summary if flag else None})


class DuplicatesView(APIView):
    @extend_schema(responses=inline_serializer("ComplaintDuplicate", {
        "id": serializers.IntegerField(), "number": serializers.CharField(),
        "office": serializers.CharField(), "state": serializers.CharField()}, many=True))
    def get(self, request: Request, case_id: int) -> Response:
        """Other matters about the same accused party and right, in the caller's scope."""
        case = case_selectors.case_detail(_user(request), case_id)
        if case.workflow != COMPLAINT:
            return Response([])
        rows: list[dict[str, Any]] = [
            {"id": c.pk, "number": c.number, "office": c.office.name, "state": c.state}
            for c in duplicates_of(case, _user(request))]
        return Response(rows)
