"""REST API for formal documents (DESIGN.md "REST API conventions").

Thin: validate input, call one service or selector; domain errors become HTTP answers in
``cases.api_errors`` (out of scope → 404, no permission → 403, not allowed → 409, invalid
input → 400).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, cast

from django.core.exceptions import ValidationError
from django.http import FileResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.renderers import BaseRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from cases.api_fields import ChoiceField, StrictBooleanField
from cases.errors import TransitionNotAllowed
from cases.models import AuditAction, Party, User
from cases.models.offices import DocumentKind
from cases.models.service import ServiceMethod
from cases.selectors.cases import case_detail
from cases.services import audit
from cases.text_limits import REASON_MAX
from cases.validators import MAX_ID
from documents import selectors, services
from documents.models import Document, DocumentVersion, PdfStatus


class VersionSerializer(serializers.ModelSerializer):
    # A plain string, not a choice enum: "source" is taken in the OpenAPI enum names.
    source = serializers.CharField(read_only=True)  # type: ignore[assignment]
    source_display = serializers.CharField(source="get_source_display")
    pdf_status_display = serializers.CharField(source="get_pdf_status_display")
    has_public_copy = serializers.SerializerMethodField()

    class Meta:
        model = DocumentVersion
        fields = ["n", "source", "source_display", "sha256", "created_at", "pdf_status",
                  "pdf_status_display", "pdf_error", "has_public_copy"]

    def get_has_public_copy(self, obj: DocumentVersion) -> bool:
        return bool(obj.public_file)


class DocumentSerializer(serializers.ModelSerializer):
    kind_display = serializers.CharField(source="get_kind_display")
    state_display = serializers.CharField(source="get_state_display")
    render_status_display = serializers.CharField(source="get_render_status_display")
    issued_by = serializers.CharField(source="issued_by.display_name", default=None,
                                      allow_null=True)
    template = serializers.CharField(source="template.__str__")
    versions = VersionSerializer(many=True, read_only=True)
    links = serializers.SerializerMethodField()
    # The party the copy is for (addressee of a notice, party served by a 送达回证).
    party_name = serializers.CharField(source="party.name", default=None, allow_null=True)

    class Meta:
        model = Document
        fields = ["id", "case", "kind", "kind_display", "state", "state_display", "number",
                  "year", "sequence", "issued_at", "issued_by", "voided_at", "void_reason",
                  "sha256", "render_status", "render_status_display", "render_error",
                  "template", "created_at", "party", "party_name", "versions", "links"]

    def get_links(self, obj: Document) -> dict[str, str]:
        base = reverse("api-document-detail", args=[obj.pk])
        download = reverse("api-document-download", args=[obj.pk])
        return {"self": base, "docx": f"{download}?format=docx",
                "pdf": f"{download}?format=pdf", "public": f"{download}?format=public",
                "issue": reverse("api-document-issue", args=[obj.pk]),
                "void": reverse("api-document-void", args=[obj.pk]),
                "case": reverse("api-case-detail", args=[obj.case_id])}


def _user(request: Request) -> User:
    return cast(User, request.user)


class GenerateSerializer(serializers.Serializer):
    # Which kinds the case's workflow produces is checked by the service (400).
    kind = ChoiceField(choices=DocumentKind.choices)


class CaseDocumentsView(APIView):
    @extend_schema(responses=DocumentSerializer(many=True))
    def get(self, request: Request, case_id: int) -> Response:
        case = case_detail(_user(request), case_id)  # 404 outside scope
        documents = list(selectors.case_documents(_user(request), case.pk))
        audit.record(request, AuditAction.CASE_VIEWED, obj=case,
                     detail=f"API documents {case.number} ({len(documents)})")
        return Response(DocumentSerializer(documents, many=True).data)

    @extend_schema(
        request=GenerateSerializer,
        responses={202: inline_serializer("GeneratedDocuments", {
            "documents": DocumentSerializer(many=True),
            "status_url": serializers.CharField(),
        })},
        description="Generate (or regenerate) the drafts of a kind: one per party it goes "
                    "to (a notice to each party served, a 送达回证 for each), rendered in "
                    "the background. `documents` lists every draft made, each with its "
                    "`status_url`; the first draft's fields are also given at the top level "
                    "(and its status URL as `Location`) for clients of a single document.",
    )
    def post(self, request: Request, case_id: int) -> Response:
        case = case_detail(_user(request), case_id)
        services.check_may_handle(case, _user(request))
        serializer = GenerateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        documents = services.generate_documents(
            case=case, kind=serializer.validated_data["kind"], actor=_user(request))
        made = []
        for document in documents:
            item = dict(DocumentSerializer(document).data)
            item["status_url"] = reverse("api-document-detail", args=[document.pk])
            made.append(item)
        data = {**made[0], "documents": made}
        return Response(data, status=status.HTTP_202_ACCEPTED,
                        headers={"Location": made[0]["status_url"]})


class DocumentDetailView(APIView):
    @extend_schema(responses=DocumentSerializer)
    def get(self, request: Request, document_id: int) -> Response:
        document = selectors.document_detail(_user(request), document_id)
        audit.record(request, AuditAction.CASE_VIEWED, obj=document,
                     detail=f"API document {document.case.number} {document}")
        return Response(DocumentSerializer(document).data)


_FORMATS = {"docx", "pdf", "public"}
_DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


class _FileNegotiation(DefaultContentNegotiation):
    """``?format=`` names the file format here, not DRF's renderer (errors stay JSON)."""

    def select_renderer(self, request: Request, renderers: Iterable[BaseRenderer],
                        format_suffix: str | None = None) -> tuple[BaseRenderer, str]:
        renderer = next(iter(renderers))
        return renderer, renderer.media_type


class DocumentDownloadView(APIView):
    content_negotiation_class = _FileNegotiation

    @extend_schema(
        parameters=[OpenApiParameter("format", OpenApiTypes.STR, enum=sorted(_FORMATS))],
        responses={(200, _DOCX): OpenApiTypes.BINARY,
                   (200, "application/pdf"): OpenApiTypes.BINARY},
    )
    def get(self, request: Request, document_id: int) -> FileResponse:
        document = selectors.document_detail(_user(request), document_id)
        fmt = request.query_params.get("format", "docx")
        if fmt not in _FORMATS:
            raise ValidationError({"format": [_("Choose docx, pdf or public.")]})
        version = document.latest_version()
        if version is None:
            raise TransitionNotAllowed(_("The document has not been rendered yet."))
        base = document.number or f"{document.get_kind_display()}-{document.pk}"
        if fmt == "pdf":
            if version.pdf_status != PdfStatus.DONE or not version.pdf:
                raise TransitionNotAllowed(
                    version.pdf_error or _("The PDF is not ready yet; try again shortly."))
            field, name, content_type = version.pdf, f"{base}.pdf", "application/pdf"
        elif fmt == "public":
            if not version.public_file:
                raise TransitionNotAllowed(_("This version has no public copy."))
            field, name, content_type = version.public_file, f"{base}-公开版.docx", _DOCX
        else:
            field, name, content_type = version.file, f"{base}.docx", _DOCX
        audit.record(request, AuditAction.DOCUMENT_DOWNLOADED, obj=document, detail=name)
        return FileResponse(field.open("rb"), as_attachment=True, filename=name,
                            content_type=content_type)


class DocumentIssueView(APIView):
    @extend_schema(request=None, responses=DocumentSerializer)
    def post(self, request: Request, document_id: int) -> Response:
        document = selectors.document_detail(_user(request), document_id)
        document = services.issue_document(document=document, actor=_user(request))
        return Response(DocumentSerializer(selectors.document_detail(_user(request),
                                                                     document.pk)).data)


class VoidSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=REASON_MAX)


class DocumentVoidView(APIView):
    @extend_schema(request=VoidSerializer, responses=DocumentSerializer)
    def post(self, request: Request, document_id: int) -> Response:
        document = selectors.document_detail(_user(request), document_id)
        services.check_may_handle(document.case, _user(request))
        serializer = VoidSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        document = services.void_document(document=document, actor=_user(request),
                                          reason=serializer.validated_data["reason"])
        return Response(DocumentSerializer(document).data)


class DocumentUploadView(APIView):
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        request={"multipart/form-data": inline_serializer(
            "CorrectedVersion", fields={"file": serializers.FileField()})},
        responses={201: DocumentSerializer},
    )
    def post(self, request: Request, document_id: int) -> Response:
        """A corrected .docx for a draft."""
        document = selectors.document_detail(_user(request), document_id)
        services.check_may_handle(document.case, _user(request))
        uploaded = request.FILES.get("file")
        if uploaded is None:
            raise ValidationError({"file": [_("Choose a .docx file.")]})
        services.upload_corrected_version(document=document, uploaded_file=uploaded,
                                          actor=_user(request))
        return Response(DocumentSerializer(selectors.document_detail(
            _user(request), document.pk)).data, status=status.HTTP_201_CREATED)


class ServiceRecordSerializer(serializers.Serializer):
    served_on = serializers.DateField()
    method = ChoiceField(choices=ServiceMethod.choices)
    party = serializers.IntegerField(required=False, allow_null=True, min_value=1,
                                     max_value=MAX_ID)
    recipient = serializers.CharField(max_length=100, required=False, allow_blank=True)
    signed = StrictBooleanField(default=True)


class DocumentServiceView(APIView):
    parser_classes = [JSONParser, FormParser, MultiPartParser]

    @extend_schema(request=ServiceRecordSerializer, responses={201: ServiceRecordSerializer})
    def post(self, request: Request, document_id: int) -> Response:
        """Record the proof of service (送达回证) of an issued document."""
        document = selectors.document_detail(_user(request), document_id)
        services.check_may_handle(document.case, _user(request))
        serializer = ServiceRecordSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data: dict[str, Any] = dict(serializer.validated_data)
        party = None
        if data.get("party"):
            # Only the case's own parties: an unknown id and another office's party get the
            # same answer, so the reply does not reveal which ids exist.
            party = Party.objects.filter(pk=data["party"],
                                         case_roles__case=document.case).first()
            if party is None:
                raise ValidationError({"party": [_("The party is not a party to this case.")]})
        record = services.record_service(
            document=document, actor=_user(request), served_on=data["served_on"],
            method=data["method"], party=party, recipient=data.get("recipient", ""),
            signed=data["signed"])
        return Response({"served_on": record.served_on, "method": record.method,
                         "party": record.party_id, "recipient": record.recipient,
                         "signed": record.signed}, status=status.HTTP_201_CREATED)
