"""Every kind of document, rendered from case data in the state where it is produced.

``produce_all(driver)`` walks demo cases through Workflow A (RulingDriver) and, at the step
each document belongs to, renders it with the shipped template from the case's own
context, as generating it on the documents panel would. The result maps a label (the
kind, or ``ruling-<variant>``) to a list of rendered .docx files (one per addressee).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.utils import timezone

from cases import workflows
from cases.models import Case
from cases.ruling.models import CaseState
from cases.services.evidence import add_evidence_item
from documents.rendering import render_docx
from tests.factories import (
    LegalPersonFactory,
    NaturalPersonFactory,
    PatentFactory,
    make_patent_number,
)

TEMPLATES = Path(__file__).resolve().parent.parent / "default_templates"
S = CaseState


def render_kind(case: Case, kind: str) -> list[bytes]:
    """The documents of ``kind`` the case would get now: one per addressee."""
    case.refresh_from_db()
    template = TEMPLATES / f"{kind}.docx"
    rule = workflows.document_rule(case.workflow, kind)
    assert rule is not None
    flow = case.flow
    return [render_docx(template, dict(rule.context(flow, kind=kind, number="南知字〔2026〕1号",
                                                    on=timezone.localdate(), party=party)))
            for party in rule.addressees(flow)]


def _design_case(driver: Any) -> Case:
    office = driver.p.officer.office
    requester = LegalPersonFactory(office=office, name="南宁市五象灯饰有限公司")
    right = PatentFactory(office=office, holder=requester, kind="design_patent",
                          number=make_patent_number(77, kind_digit="3"), title="台灯")
    return driver.file(requester=requester, right=right, title="台灯外观设计纠纷")


def _catalogue(case: Case, officer: Any) -> None:
    """Two entries of the evidence catalogue, read by the ruling's 证据及质证 section."""
    requester = case.case_parties.get(role="requester")
    respondent = case.case_parties.get(role="respondent")
    today = timezone.localdate().isoformat()
    add_evidence_item(case_id=case.pk, actor=officer, data={
        "submitted_by": str(requester.party_id), "name": "公证书（2026）桂南证字第1024号",
        "purpose": "被请求人于2026年5月20日销售了型号为SL-2026的被诉侵权产品", "pages": 12,
        "form": "original", "submitted_on": today,
        "examination": "被请求人对其真实性无异议，但认为不能证明其制造了该产品"})
    add_evidence_item(case_id=case.pk, actor=officer, data={
        "submitted_by": str(respondent.party_id), "name": "进货发票及供货合同",
        "purpose": "被诉侵权产品有合法来源", "pages": 4, "form": "copy",
        "submitted_on": today})


def produce_all(driver: Any) -> dict[str, list[bytes]]:
    out: dict[str, list[bytes]] = {}
    office = driver.p.officer.office

    # An invention patent, a natural person among the respondents, the full path.
    respondent = NaturalPersonFactory(office=office, name="黄丽华",
                                      phone="138 1234 5678")
    case = driver.file(respondent=respondent)
    case = driver.act(case, "accept")
    out["acceptance_notice"] = render_kind(case, "acceptance_notice")
    out["answer_notice"] = render_kind(case, "answer_notice")
    case = driver.act(case, "serve_respondent")
    case = driver.act(case, "record_answer")
    case = driver.act(case, "extend_time_limit")
    out["extension_approval"] = render_kind(case, "extension_approval")
    case = driver.act(case, "schedule_hearing")
    out["hearing_notice"] = render_kind(case, "hearing_notice")
    case = driver.act(case, "hold_hearing")
    _catalogue(case, driver.p.officer)
    case = driver.act(case, "submit_for_approval")
    case = driver.act(case, "record_legal_review")
    out["ruling"] = render_kind(case, "ruling")
    case = driver.act(case, "decide")
    out["service_receipt"] = render_kind(case, "service_receipt")
    case = driver.act(case, "serve_ruling")
    case = driver.act(case, "become_effective")
    out["reminder"] = render_kind(case, "reminder")
    case = driver.act(case, "serve_demand")
    out["enforcement_application"] = render_kind(case, "enforcement_application")
    case = driver.act(case, "apply_enforcement")
    case = driver.act(case, "close")
    out["closing_report"] = render_kind(case, "closing_report")

    case = driver.act(driver.file(), "request_correction")
    out["correction_notice"] = render_kind(case, "correction_notice")
    case = driver.act(driver.file(), "reject")
    out["rejection_notice"] = render_kind(case, "rejection_notice")
    case = driver.act(driver.act(driver.file(), "accept"), "suspend")
    out["suspension_notice"] = render_kind(case, "suspension_notice")
    case = driver.act(case, "resume")
    out["resumption_notice"] = render_kind(case, "resumption_notice")

    # A design patent decided on the papers (written review), infringement found.
    case = _design_case(driver)
    for name in ("accept", "serve_respondent", "record_answer", "deliberate_without_hearing"):
        case = driver.act(case, name)
    # Neither evidence nor issues entered: those sections are left out, not printed empty.
    case = driver.act(case, "submit_for_approval", evidence_examination="", disputed_issues="",
                      draft_order_text="被请求人立即停止制造、销售侵犯涉案外观设计专利权的台灯。",
                      findings="被控台灯与涉案外观设计的主视图、俯视图所示形状基本相同。",
                      reasoning="二者在灯罩弧度上的区别属于局部细微差异，对整体视觉效果不具有"
                                "显著影响。")
    case = driver.act(case, "record_legal_review")
    out["ruling-design"] = render_kind(case, "ruling")

    # An invention patent, request dismissed; the respondent an unincorporated organisation.
    organisation = LegalPersonFactory(office=office, kind="organisation",
                                      name="南宁市青秀区华南灯具厂", legal_representative="覃国强")
    case = driver.bring_to(S.DELIBERATION, driver.file(respondent=organisation))
    case = driver.act(case, "submit_for_approval", draft_outcome="dismissed",
                      draft_order_text="驳回请求人的全部请求。",
                      findings="被控产品的控制电路未设置权利要求1记载的过流保护模块。",
                      reasoning="被控产品缺少权利要求1记载的“过流保护模块”这一技术特征，"
                                "也不具有与之等同的技术特征，未落入涉案专利权的保护范围。")
    case = driver.act(case, "record_legal_review")
    out["ruling-dismissed"] = render_kind(case, "ruling")
    return out
