"""Reads for formal documents: a case's documents (scoped), and the helpers with which
each workflow's context builder (registered as ``cases.workflows.DocumentRule.context``)
writes parties, dates and paragraphs into the context contract
(``documents.context.DocumentContext``). Values are plain text: the renderer escapes them.
"""

from __future__ import annotations

import contextlib
import datetime
import re
from typing import TYPE_CHECKING

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone

from cases.errors import OutOfScope
from cases.models.offices import DocumentKind
from cases.selectors.cases import case_detail
from documents.context import AgentCtx, PartyCtx
from documents.formatting import date_written, number_cn
from documents.models import (
    Document,
    DocumentState,
    DocumentVersion,
    ServiceRecord,
    VersionSource,
)

if TYPE_CHECKING:
    from cases.models import Case, CaseParty, User

_AGENT_TITLES = {"lawyer": "律师", "patent_attorney": "专利代理师", "citizen": "公民代理人",
                 "employee": "工作人员"}


# --- documents of a case ------------------------------------------------------------------


def case_documents(user: User, case_id: int) -> QuerySet[Document]:
    """The documents of a case the user may see (404 when the case is out of scope)."""
    case = case_detail(user, case_id)
    return (Document.objects.filter(case=case)
            .select_related("template", "issued_by", "party")
            .prefetch_related("versions").order_by("created_at", "id"))


def document_detail(user: User, document_id: int) -> Document:
    """A document whose case the user may see, else OutOfScope (404)."""
    try:
        document = Document.objects.select_related("case", "case__office", "template").get(
            pk=document_id)
    except (Document.DoesNotExist, ValueError, TypeError):
        raise OutOfScope() from None
    case_detail(user, document.case_id)  # raises OutOfScope outside the user's offices
    return document


def issued_ruling(case: Case) -> Document | None:
    return (Document.objects.filter(case=case, kind=DocumentKind.RULING,
                                    state=DocumentState.ISSUED)
            .order_by("-issued_at", "-id").first())


def ruling_service_record(case: Case) -> ServiceRecord | None:
    """The latest 送达回证 of the case's issued ruling: the date service is counted from."""
    ruling = issued_ruling(case)
    if ruling is None:
        return None
    return ruling.service_records.order_by("-served_on", "-id").first()


# --- helpers of the workflows' context builders -------------------------------------


NBSP = "\u00a0"  # patent numbers keep their spaces but never break at them
_PATENT_NUMBER = re.compile(r"(ZL\d{4}) ?(\d) ?(\d{7}\.[\dX])")
_REPRESENTATIVE_TITLES = {"legal": "法定代表人", "organisation": "负责人"}


def keep_patent_numbers_whole(text: str) -> str:
    """Patent numbers (ZL2020 1 0123456.7) with no-break spaces: never split at a line end."""
    return _PATENT_NUMBER.sub(lambda m: NBSP.join(m.groups()), text)


def paragraphs(text: str) -> list[str]:
    """Free text as the paragraphs a template loops over."""
    return [keep_patent_numbers_whole(line.strip()) for line in (text or "").splitlines()
            if line.strip()]


# A paragraph is a finished sentence when it ends with one of these, before any closing
# quote or bracket (他表示：“同意。”). The half-width ones become full-width later
# (cases.punctuation), touching Chinese as they do.
_SENTENCE_ENDS = ("。", "！", "？", "；", "：", "…", "!", "?", ";", ":", ".")
_CLOSERS = "”’）)」』》】"


def sentences(text: str) -> list[str]:
    """Free text printed as paragraphs that are statements (reasons, facts, a defence):
    a paragraph typed without its closing mark (``被投诉人住所地均在南宁市``) ends with 。,
    one typed with a trailing comma has it replaced."""
    out = []
    for paragraph in paragraphs(text):
        body = paragraph.rstrip(_CLOSERS)
        if not body.endswith(_SENTENCE_ENDS):
            paragraph = (paragraph.rstrip("，,、") if body == paragraph else paragraph) + "。"
        out.append(paragraph)
    return out


# An item's own number as typed ("1." "1、" "（1）" "一、" "①"), dropped from the items of a
# list the template numbers itself: they printed as "1. 1. 请求人的身份证明". A number that
# is part of the text ("3日内", "1.5万元", "十日内") stays.
_ITEM_NUMBER = re.compile(
    r"^\s*(?:[（(]\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*[)）]"
    r"|(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*(?:[、．)）]|\.(?!\d))"
    r"|[①-⑳])\s*")


def unnumbered(items: list[str]) -> list[str]:
    """The items of a numbered list without the numbers typed before them."""
    return [_ITEM_NUMBER.sub("", item, count=1) or item for item in items]


def clause(text: str) -> str:
    """Free text used inside a sentence: without its own closing punctuation."""
    return keep_patent_numbers_whole(" ".join((text or "").split()).rstrip("。；;，,. "))


def arabic_dates() -> bool:
    """Dates in documents are in Arabic numerals (GB/T 9704 §7.3.5.1), unless the
    installation asks for Chinese ones (DOCUMENT_DATE_NUMERALS)."""
    return settings.DOCUMENT_DATE_NUMERALS == "arabic"


def written_date(day: datetime.date) -> str:
    """A date as the installation writes it in documents (DOCUMENT_DATE_NUMERALS)."""
    return date_written(day, numerals="arabic" if arabic_dates() else "chinese")


def cn_date(day: datetime.date | None) -> str:
    """A date as the installation writes it in documents ("" for none)."""
    return written_date(day) if day else ""


def time_cn(moment: datetime.datetime) -> str:
    local = timezone.localtime(moment)
    half = "上午" if local.hour < 12 else "下午"
    hour = local.hour if local.hour <= 12 else local.hour - 12
    if arabic_dates():
        return f"{cn_date(local.date())}{half}{hour}时" + (f"{local.minute}分"
                                                          if local.minute else "")
    minutes = f"{number_cn(local.minute)}分" if local.minute else ""
    return f"{cn_date(local.date())}{half}{number_cn(hour)}时{minutes}"


def party_context(cp: CaseParty) -> PartyCtx:
    party = cp.party
    natural = party.is_natural_person
    agent: AgentCtx | None = None
    if cp.agent is not None:
        agent = {"name": cp.agent.name, "firm": cp.agent.firm,
                 "title": _AGENT_TITLES.get(cp.agent.kind, ""), "phone": cp.agent.phone}
    representative = "" if natural else party.legal_representative
    return {
        "name": party.name,
        "kind": party.kind,
        "is_natural_person": natural,
        "address_label": "住址" if natural else "住所",
        "address": party.domicile,
        "id_label": "公民身份号码" if natural else "统一社会信用代码",
        "id_number": party.id_number or "",
        "legal_representative": representative,
        # 非法人组织 are represented by their 负责人, legal persons by a 法定代表人.
        "legal_representative_title": _REPRESENTATIVE_TITLES.get(party.kind, "")
        if representative else "",
        "phone": party.phone,
        "agent": agent,
    }


def uploaded_bytes(case: Case) -> int:
    """Bytes of the corrected copies uploaded for the case's documents (its quota)."""
    total = 0
    for version in DocumentVersion.objects.filter(document__case=case,
                                                  source=VersionSource.UPLOADED):
        with contextlib.suppress(OSError):
            total += version.file.size
    return total
