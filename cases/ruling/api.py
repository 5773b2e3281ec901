"""REST API of the ruling workflow: filing a request (registered as the workflow's
``api_intake``) and the intake checks shown before it is saved."""

from __future__ import annotations

from typing import Any, cast

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from cases.api import OfficeOfficerField, ScopedRelatedField
from cases.api_fields import ChoiceField, StrictBooleanField
from cases.causes import cause_errors
from cases.models import Agent, Case, IPRight, Party, User
from cases.models.rights import InfringingAct, RightKind
from cases.ruling.intake import (
    PartyEntry,
    RulingRequest,
    check_may_file,
    file_ruling_request,
)
from cases.ruling.models import SalesChannel
from cases.selectors.intake import find_duplicate, jurisdiction_check, standing_warnings
from cases.text_limits import PRODUCT_MAX, PRODUCTS_MAX, STATEMENT_MAX


def _user(request: Request) -> User:
    return cast(User, request.user)


class PartyEntrySerializer(serializers.Serializer):
    party = ScopedRelatedField(Party)
    agent = ScopedRelatedField(Agent, required=False, allow_null=True)


class CaseCreateSerializer(serializers.Serializer):
    # As on the form: the cause (案由) is one of the IP type's (by default the kind of the
    # rights in dispute), checked by the same function.
    ip_type = ChoiceField(choices=RightKind.choices, required=False, default="",
                                      allow_blank=True)
    title = serializers.CharField(max_length=200)
    received_on = serializers.DateField()
    requesters = PartyEntrySerializer(many=True)
    respondents = PartyEntrySerializer(many=True)
    rights = ScopedRelatedField(IPRight, many=True)
    accused_products = serializers.ListField(
        child=serializers.CharField(max_length=PRODUCT_MAX), max_length=PRODUCTS_MAX,
        required=False, default=list)
    infringing_acts = serializers.ListField(
        child=ChoiceField(choices=InfringingAct.choices), required=False,
        default=list)
    sales_channel = ChoiceField(choices=SalesChannel.choices,
                                            default=SalesChannel.OFFLINE)
    platform = serializers.CharField(max_length=50, required=False, default="",
                                     allow_blank=True)
    infringement_place = serializers.CharField(max_length=200, required=False, default="",
                                               allow_blank=True)
    infringement_region_code = serializers.RegexField(r"^(\d{6})?$", required=False,
                                                      default="", allow_blank=True)
    product_category = serializers.CharField(max_length=60, required=False, default="",
                                             allow_blank=True)
    # Refused: a ruling awards no damages (issue 15); damages are mediated.
    amount_claimed = serializers.JSONField(required=False, write_only=True, default=None)
    requester_claims = serializers.CharField(required=False, default="", allow_blank=True,
                                             max_length=STATEMENT_MAX)
    facts = serializers.CharField(required=False, default="", allow_blank=True,
                                  max_length=STATEMENT_MAX)
    court_suit_pending = StrictBooleanField(default=False)
    officer_in_charge = OfficeOfficerField(required=False, allow_null=True, default=None)

    def validate_amount_claimed(self, value: Any) -> None:
        if value not in (None, ""):
            raise serializers.ValidationError(_(
                "An administrative ruling awards no damages: state the claims in words, "
                "and ask for damages in mediation."))
        return None

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        errors = cause_errors(attrs.get("ip_type") or "", attrs.get("title") or "",
                              list(attrs.get("rights") or []))
        if errors:
            raise serializers.ValidationError(errors)
        return attrs

    def to_request(self, office: Any) -> RulingRequest:
        d = self.validated_data
        return RulingRequest(
            office=office, title=d["title"], received_on=d["received_on"],
            requesters=[PartyEntry(e["party"], e.get("agent")) for e in d["requesters"]],
            respondents=[PartyEntry(e["party"], e.get("agent")) for e in d["respondents"]],
            rights=list(d["rights"]), accused_products=d["accused_products"],
            infringing_acts=d["infringing_acts"], sales_channel=d["sales_channel"],
            platform=d["platform"], infringement_place=d["infringement_place"],
            infringement_region_code=d["infringement_region_code"],
            product_category=d["product_category"],
            requester_claims=d["requester_claims"], facts=d["facts"],
            court_suit_pending=d["court_suit_pending"],
            officer_in_charge=d["officer_in_charge"],
        )


class IntakeCheckView(APIView):
    """Jurisdiction and duplicate checks shown before a request is saved."""

    @extend_schema(request=CaseCreateSerializer, responses=inline_serializer(
        "IntakeCheck", {"jurisdiction": serializers.DictField(),
                        "duplicate": serializers.DictField(allow_null=True),
                        "standing": serializers.ListField(child=serializers.CharField())}))
    def post(self, request: Request) -> Response:
        check_may_file(_user(request), _user(request).office)
        serializer = CaseCreateSerializer(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        req = serializer.to_request(_user(request).office)
        verdict = jurisdiction_check(req.office, [e.party for e in req.respondents],
                                     req.infringement_region_code)
        dup = find_duplicate(actor=_user(request), requesters=[e.party for e in req.requesters],
                             respondents=[e.party for e in req.respondents], rights=req.rights)
        return Response({
            "jurisdiction": verdict.as_payload(),
            "duplicate": {"id": dup.pk, "number": dup.number, "office": dup.office.name}
            if dup else None,
            "standing": standing_warnings([e.party for e in req.requesters], req.rights),
        })


def file_from_api(request: Request) -> Case:
    """POST /api/v1/cases/ for a ruling: the request as filed (请求书)."""
    check_may_file(_user(request), _user(request).office)
    serializer = CaseCreateSerializer(data=request.data, context={"request": request})
    serializer.is_valid(raise_exception=True)
    return file_ruling_request(actor=_user(request),
                               request=serializer.to_request(_user(request).office))
