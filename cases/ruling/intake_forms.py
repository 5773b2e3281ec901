"""The new-request form (请求书登记) and the inline forms for a new party or patent.

Parties and patents are chosen from those the user may see (the htmx search box adds
them as hidden ids) or created inline through the party services, whose validators give
the Chinese messages shown at the field. Evidence files are checked by content.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.templatetags.static import static
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.action_forms import ModelMultipleChoiceField, StrictBooleanField, not_future
from cases.causes import CAUSES, all_causes, cause_errors
from cases.models import Agent, Party
from cases.models.parties import PartyKind
from cases.models.rights import InfringingAct, IPRight, RightKind
from cases.ruling.intake import PartyEntry, RulingRequest
from cases.ruling.models import SalesChannel
from cases.selectors.parties import agents_for, parties_for, rights_for
from cases.text_limits import PRODUCT_MAX, PRODUCTS_MAX, STATEMENT_MAX
from cases.validators import parse_id

if TYPE_CHECKING:
    from cases.models import User

MAX_EVIDENCE_BYTES = 20 * 1024 * 1024
MAX_EVIDENCE_FILES = 20

# Magic numbers of the accepted evidence types: the file's own bytes decide, never its
# name or the browser's claimed content type.
SIGNATURES: tuple[tuple[bytes, str, str], ...] = (
    (b"%PDF-", "application/pdf", "PDF"),
    (b"\xff\xd8\xff", "image/jpeg", "JPEG"),
    (b"\x89PNG\r\n\x1a\n", "image/png", "PNG"),
    (b"PK\x03\x04", "application/zip", "DOCX/ZIP"),
)
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def sniff(upload: UploadedFile) -> str | None:
    """The content type the file's first bytes prove, or None for anything else."""
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    for magic, content_type, _label in SIGNATURES:
        if head.startswith(magic):
            if content_type == "application/zip" and (upload.name or "").lower().endswith(
                    ".docx"):
                return DOCX
            return content_type
    return None


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class EvidenceField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data: Any, initial: Any = None) -> list[tuple[UploadedFile, str]]:
        files = data if isinstance(data, (list, tuple)) else ([data] if data else [])
        if len(files) > MAX_EVIDENCE_FILES:
            raise ValidationError(_("At most %(n)s files can be attached at once.")
                                  % {"n": MAX_EVIDENCE_FILES})
        checked = []
        for upload in files:
            super().clean(upload, initial)
            if upload.size and upload.size > MAX_EVIDENCE_BYTES:
                raise ValidationError(
                    _("“%(name)s” is larger than %(mb)s MB.")
                    % {"name": upload.name, "mb": MAX_EVIDENCE_BYTES // (1024 * 1024)})
            content_type = sniff(upload)
            if content_type is None:
                raise ValidationError(
                    _("“%(name)s” is not a PDF, JPEG, PNG or DOCX/ZIP file (checked by its "
                      "content).") % {"name": upload.name})
            checked.append((upload, content_type))
        return checked


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


class IntakeForm(forms.Form):
    ip_type = forms.ChoiceField(
        label=_("IP type"), choices=RightKind.choices, initial=RightKind.INVENTION_PATENT,
        required=False, help_text=_("The causes of action offered follow the IP type."))
    title = forms.ChoiceField(label=_("Cause of action"), initial="侵害发明专利权纠纷",
                              choices=[(c, c) for c in all_causes()])
    # Checked with the other fields, not only by the service once they are right: a date
    # in the future was reported in a second round.
    received_on = forms.DateField(label=_("Request received on"), validators=[not_future],
                                  widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    requesters = ModelMultipleChoiceField(
        label=_("Requesters"), queryset=Party.objects.none(), widget=forms.MultipleHiddenInput,
        error_messages={"required": _("Name at least one requester.")})
    requester_agent = forms.ModelChoiceField(label=_("Requester's agent"), required=False,
                                             queryset=Agent.objects.none(),
                                             empty_label=_("No agent"))
    respondents = ModelMultipleChoiceField(
        label=_("Respondents"), queryset=Party.objects.none(), widget=forms.MultipleHiddenInput,
        error_messages={"required": _("Name at least one respondent.")})
    respondent_agent = forms.ModelChoiceField(label=_("Respondent's agent"), required=False,
                                              queryset=Agent.objects.none(),
                                              empty_label=_("No agent"))
    rights = ModelMultipleChoiceField(
        label=_("Patents in dispute"), queryset=IPRight.objects.none(),
        widget=forms.MultipleHiddenInput,
        error_messages={"required": _("Name the patent(s) in dispute.")})
    accused_products = forms.CharField(
        label=_("Accused products"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One product per line."),
        max_length=PRODUCTS_MAX * (PRODUCT_MAX + 2))
    infringing_acts = forms.MultipleChoiceField(
        label=_("Infringing acts"), choices=InfringingAct.choices, required=False,
        widget=forms.CheckboxSelectMultiple)
    sales_channel = forms.ChoiceField(label=_("Sales channel"), choices=SalesChannel.choices,
                                      initial=SalesChannel.OFFLINE)
    platform = forms.CharField(label=_("Online platform"), required=False, max_length=50)
    infringement_place = forms.CharField(label=_("Place of infringement"), required=False,
                                         max_length=200)
    infringement_region_code = forms.RegexField(
        label=_("Region code of the place of infringement"), regex=r"^\d{6}$", required=False,
        help_text=_("Six-digit administrative division code (GB/T 2260), e.g. 450103."),
        error_messages={"invalid": _("Enter a six-digit region code.")})
    product_category = forms.CharField(label=_("Product category"), required=False,
                                       max_length=60)
    requester_claims = forms.CharField(label=_("Claims"), required=False,
                                       widget=forms.Textarea(attrs={"rows": 3}),
                                       max_length=STATEMENT_MAX)
    facts = forms.CharField(label=_("Facts and reasons"), required=False,
                            widget=forms.Textarea(attrs={"rows": 4}), max_length=STATEMENT_MAX)
    court_suit_pending = StrictBooleanField(
        label=_("A court suit on the same dispute has been filed"), required=False)
    evidence = EvidenceField(label=_("Evidence files"), required=False,
                             help_text=_("PDF, JPEG, PNG or DOCX; at most 20 MB each."))

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        parties = parties_for(user)
        for name in ("requesters", "respondents"):
            self.fields[name].queryset = parties  # type: ignore[attr-defined]
        for name in ("requester_agent", "respondent_agent"):
            self.fields[name].queryset = agents_for(user)  # type: ignore[attr-defined]
        self.fields["rights"].queryset = rights_for(user)  # type: ignore[attr-defined]
        self.fields["received_on"].initial = timezone.localdate()
        self.fields["ip_type"].widget.attrs["data-causes"] = json.dumps(
            {str(k): list(v) for k, v in CAUSES.items()}, ensure_ascii=False)
        self.fields["title"].widget.attrs["data-cause-for"] = "ip_type"
        region_picker(self.fields["infringement_region_code"])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        rights = list(data.get("rights") or [])
        data["ip_type"] = data.get("ip_type") or (rights[0].kind if rights else "")
        for name, messages in cause_errors(data["ip_type"], data.get("title") or "",
                                           rights).items():
            for message in messages:
                self.add_error(name, message)
        return data

    def clean_accused_products(self) -> str:
        text = self.cleaned_data.get("accused_products") or ""
        lines = _lines(text)
        if len(lines) > PRODUCTS_MAX:
            raise ValidationError(_("At most %(max)s products, one per line.")
                                  % {"max": PRODUCTS_MAX}, code="max_products")
        long = [n for n, line in enumerate(lines, 1) if len(line) > PRODUCT_MAX]
        if long:
            raise ValidationError(_("Line %(line)s is longer than %(max)s characters: one "
                                    "product per line.") % {"line": long[0], "max": PRODUCT_MAX},
                                  code="max_length")
        return text

    def chosen(self, name: str) -> list[Any]:
        """What is chosen so far (for re-rendering the chips after an error)."""
        field = self.fields[name]
        ids = self.data.getlist(name) if hasattr(self.data, "getlist") else []
        ids = [i for i in map(parse_id, ids) if i is not None]
        return list(field.queryset.filter(pk__in=ids)) if ids else []  # type: ignore[attr-defined]

    def to_request(self) -> RulingRequest:
        d = self.cleaned_data
        office = self.user.office
        assert office is not None
        return RulingRequest(
            office=office, title=d["title"], received_on=d["received_on"],
            requesters=[PartyEntry(p, d.get("requester_agent")) for p in d["requesters"]],
            respondents=[PartyEntry(p, d.get("respondent_agent")) for p in d["respondents"]],
            rights=list(d["rights"]), accused_products=_lines(d.get("accused_products") or ""),
            infringing_acts=list(d.get("infringing_acts") or []),
            sales_channel=d["sales_channel"], platform=d.get("platform") or "",
            infringement_place=d.get("infringement_place") or "",
            infringement_region_code=d.get("infringement_region_code") or "",
            product_category=d.get("product_category") or "",
            requester_claims=d.get("requester_claims") or "", facts=d.get("facts") or "",
            court_suit_pending=bool(d.get("court_suit_pending")),
        )


def region_picker(field: forms.Field) -> None:
    """Chosen from cascading province → city → county lists (static/ipcases/intake.js on
    the vendored GB/T 2260 table); without JavaScript the six digits are typed."""
    field.widget.attrs.update({
        "data-region-picker": static("ipcases/regions.json"),
        "data-region-labels": "|".join(str(x) for x in (
            _("Province"), _("City"), _("County or district"))),
    })


class NewPartyForm(forms.ModelForm):
    class Meta:
        model = Party
        fields = ["kind", "name", "id_number", "domicile", "region_code", "phone",
                  "legal_representative"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].initial = PartyKind.LEGAL
        region_picker(self.fields["region_code"])

    def _post_clean(self) -> None:
        # Model validation (with the Chinese identifier messages) runs in the service.
        pass


PATENT_CHOICES = [(k.value, k.label) for k in (
    RightKind.INVENTION_PATENT, RightKind.UTILITY_MODEL, RightKind.DESIGN_PATENT)]


class NewRightForm(forms.ModelForm):
    kind = forms.ChoiceField(label=_("Kind of patent"), choices=PATENT_CHOICES)

    class Meta:
        model = IPRight
        fields = ["kind", "number", "title", "holder_name", "application_date", "grant_date",
                  "evaluation_report_no"]
        widgets = {"application_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                   "grant_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def _post_clean(self) -> None:
        pass

