"""REST API for precedents, similar cases and consistency (DESIGN.md conventions)."""

from __future__ import annotations

from datetime import date
from typing import Any, cast

from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from cases.api_fields import ChoiceField, MultipleChoiceField
from cases.models import AuditAction, User
from cases.models.rights import InfringingAct, RightKind
from cases.selectors.cases import case_detail
from cases.services import audit
from search.backends.base import (
    MAX_PAGE_SIZE,
    MAX_RESULT_WINDOW,
    Filters,
    InvalidWindow,
    check_page,
)
from search.consistency import consistency_for_case
from search.masking import masked
from search.models import Decision, DecisionOutcome
from search.selectors import decision_detail, search_precedents
from search.similarity import similar_to_case


class MaskedText(serializers.CharField):
    """Free text of a decision with personal data masked, as the snippets and the index
    have it (``documents.redaction.mask_text``)."""

    def to_representation(self, value: Any) -> str:
        return masked(str(value or ""))


class DecisionSerializer(serializers.ModelSerializer):
    office = serializers.CharField(source="office.name")
    title = MaskedText(read_only=True)
    holding = MaskedText(read_only=True)
    outcome_display = serializers.CharField(source="get_outcome_display")

    class Meta:
        model = Decision
        fields = ["id", "source", "title", "document_number", "office", "region_code",
                  "decided_on", "ip_type", "infringing_acts", "platform", "product_category",
                  "outcome", "outcome_display", "damages_claimed", "damages_awarded",
                  "settlement_amount", "fine", "statutes_cited", "holding",
                  "is_guiding_case", "is_public"]


class DecisionDetailSerializer(DecisionSerializer):
    disputed_issues = MaskedText(read_only=True)
    full_text = MaskedText(read_only=True)

    class Meta(DecisionSerializer.Meta):
        fields = DecisionSerializer.Meta.fields + ["disputed_issues", "full_text"]


class ScoredDecisionSerializer(DecisionSerializer):
    score = serializers.FloatField(read_only=True)

    class Meta(DecisionSerializer.Meta):
        fields = DecisionSerializer.Meta.fields + ["score"]


class PrecedentHitSerializer(ScoredDecisionSerializer):
    snippet = serializers.CharField(read_only=True)

    class Meta(ScoredDecisionSerializer.Meta):
        fields = ScoredDecisionSerializer.Meta.fields + ["snippet"]


class CorrectionSerializer(serializers.Serializer):
    typed = serializers.CharField()
    searched = serializers.CharField()


class PrecedentPageSerializer(serializers.Serializer):
    """One page of ranked results (paged by number: relevance ranks have no cursor)."""

    count = serializers.IntegerField()
    page = serializers.IntegerField()
    pages = serializers.IntegerField()
    facets = serializers.DictField(child=serializers.JSONField())
    facets_sampled = serializers.BooleanField(
        help_text="True when the query matched more than 10,000 decisions: the facets then "
                  "count its 500 most relevant matches only; count stays exact.")
    mode = serializers.CharField(
        help_text='How the text was read: "all" words, "any" (the fallback), "facts", "".')
    corrections = CorrectionSerializer(
        many=True, help_text="Typing slips searched as the known term they are one "
                             "character away from (typed 著做权, searched 著作权).")
    results = PrecedentHitSerializer(many=True)


class SearchParams(serializers.Serializer):
    q = serializers.CharField(required=False, default="", allow_blank=True, max_length=2000)
    ip_type = MultipleChoiceField(choices=RightKind.choices)
    act = MultipleChoiceField(choices=InfringingAct.choices)
    # Platforms are as the decisions name them (or "offline"): any, of a platform's length.
    platform = serializers.ListField(child=serializers.CharField(max_length=30),
                                     required=False, default=list, max_length=20)
    outcome = MultipleChoiceField(choices=DecisionOutcome.choices)
    region = serializers.RegexField(r"^\d{2,6}$", required=False, allow_blank=True)
    date_from = serializers.DateField(required=False)
    date_to = serializers.DateField(required=False)
    amount_min = serializers.DecimalField(max_digits=14, decimal_places=2, required=False,
                                          min_value=0)
    amount_max = serializers.DecimalField(max_digits=14, decimal_places=2, required=False,
                                          min_value=0)
    guiding = serializers.BooleanField(required=False, default=False)
    sort = ChoiceField(choices=["relevance", "date", "amount"], default="relevance")
    page = serializers.IntegerField(min_value=1, max_value=MAX_RESULT_WINDOW, default=1)
    page_size = serializers.IntegerField(min_value=1, max_value=MAX_PAGE_SIZE, default=20)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        start: date | None = attrs.get("date_from")
        end: date | None = attrs.get("date_to")
        if start and end and start > end:
            raise serializers.ValidationError({"date_to": [_("The end date is before the start.")]})
        low, high = attrs.get("amount_min"), attrs.get("amount_max")
        if low is not None and high is not None and low > high:
            raise serializers.ValidationError(
                {"amount_max": [_("The maximum amount is below the minimum.")]})
        try:
            check_page(attrs["page"], attrs["page_size"])
        except InvalidWindow as exc:
            raise serializers.ValidationError({"page": [str(exc)]}) from None
        return attrs

    def filters(self) -> Filters:
        d = self.validated_data
        region = (d.get("region") or "").rstrip("0") or None
        if region and len(region) % 2:
            region += "0"
        return Filters(ip_types=d["ip_type"], acts=d["act"], platforms=d["platform"],
                       outcomes=d["outcome"], region_prefix=region,
                       date_from=d.get("date_from"), date_to=d.get("date_to"),
                       amount_min=float(d["amount_min"]) if d.get("amount_min") is not None
                       else None,
                       amount_max=float(d["amount_max"]) if d.get("amount_max") is not None
                       else None,
                       guiding_only=d["guiding"])


def _user(request: Request) -> User:
    return cast(User, request.user)


def _params(request: Request) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for key in request.query_params:
        values = request.query_params.getlist(key)
        data[key] = values if key in {"ip_type", "act", "platform", "outcome"} else values[-1]
    return data


class PrecedentSearchView(APIView):
    @extend_schema(parameters=[SearchParams], responses=PrecedentPageSerializer,
                   operation_id="v1_precedents_list")
    def get(self, request: Request) -> Response:
        params = SearchParams(data=_params(request))
        params.is_valid(raise_exception=True)
        d = params.validated_data
        page = search_precedents(_user(request), d["q"], params.filters(), sort=d["sort"],
                                 page=d["page"], page_size=d["page_size"])
        audit.record(request, AuditAction.PRECEDENTS_SEARCHED,
                     detail=audit.query_text(request.query_params))
        return Response({
            "count": page.total, "page": page.page, "pages": page.pages,
            "facets": page.facets,
            # True: the facets count the most relevant matches only (FACET_SAMPLE), the
            # query matching more than FACET_EXACT_LIMIT decisions; "count" stays exact.
            "facets_sampled": page.facets_sampled,
            # How the text was read: "all" words, "any" (the fallback), "facts", "".
            "mode": page.mode,
            # Typing slips searched as a known term (decision 110).
            "corrections": [{"typed": typed, "searched": searched}
                            for typed, searched in page.corrections],
            "results": [{**DecisionSerializer(h.decision).data, "score": h.score,
                         "snippet": h.snippet} for h in page.hits],
        })


class PrecedentDetailView(APIView):
    @extend_schema(responses=DecisionDetailSerializer)
    def get(self, request: Request, pk: int) -> Response:
        decision = decision_detail(_user(request), pk)
        audit.record(request, AuditAction.PRECEDENT_VIEWED, obj=decision, detail=f"API {decision}")
        return Response(DecisionDetailSerializer(decision).data)


class CaseSimilarView(APIView):
    @extend_schema(parameters=[OpenApiParameter("k", OpenApiTypes.INT)],
                   responses=ScoredDecisionSerializer(many=True))
    def get(self, request: Request, case_id: int) -> Response:
        case = case_detail(_user(request), case_id)
        k = request.query_params.get("k", "10")
        if not k.isdigit() or not 1 <= int(k) <= 50:
            raise serializers.ValidationError({"k": [_("Use a number from 1 to 50.")]})
        rows = similar_to_case(_user(request), case, int(k))
        audit.record(request, AuditAction.PRECEDENTS_SEARCHED,
                     detail=f"API similar {case.number} ({len(rows)})")
        return Response([{**DecisionSerializer(d).data, "score": s} for d, s in rows])


class CaseConsistencyView(APIView):
    @extend_schema(responses=OpenApiTypes.OBJECT)
    def get(self, request: Request, case_id: int) -> Response:
        case = case_detail(_user(request), case_id)
        return Response(consistency_for_case(_user(request), case).as_dict())
