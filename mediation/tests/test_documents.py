"""The documents of mediation and judicial confirmation, each rendered with its shipped
template from a real case in the state where it is produced; what they cannot be printed
without is refused with a list; the 调解协议书 is issued with the agreement's own number."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from cases import workflows
from cases.errors import TransitionNotAllowed
from cases.models import Case, DocumentKind, DocumentNumberPrefix
from documents import services
from documents.models import Document, DocumentState, LegalBasisRule
from documents.rendering import render_docx
from documents.services import MissingValues
from documents.tests.producing import TEMPLATES
from documents.text import extract_text
from mediation.models import AgreementTerm
from mediation.tests.driver import MediationDriver
from tests.factories import UserFactory

K = DocumentKind
BLANKS = ("《》", "（）", "：。", "：，", "{{", "{%", "None")


@pytest.fixture
def driver(mediation_driver: MediationDriver, offices: Any) -> MediationDriver:
    services.seed_default_templates()
    for kind, code in ((K.MEDIATION_REQUEST_NOTICE, "南知调通字"),
                       (K.MEDIATION_AGREEMENT, "南知调字")):
        DocumentNumberPrefix.objects.get_or_create(office=offices.nanning, kind=kind,
                                                   defaults={"prefix": code})
    return mediation_driver


def texts(case: Case, kind: str) -> list[str]:
    """The documents of ``kind`` the case gets now, one per addressee, as text."""
    case.refresh_from_db()
    rule = workflows.document_rule(case.workflow, kind)
    assert rule is not None
    flow = case.flow
    out = []
    for party in rule.addressees(flow):
        context = dict(rule.context(flow, kind=kind, number="南知调字〔2026〕1号",
                                    on=datetime.date(2026, 4, 20), party=party))
        assert services.missing_fields(kind, context) == []
        text = extract_text(render_docx(TEMPLATES / f"{kind}.docx", context))
        for blank in BLANKS:
            assert blank not in text, (kind, blank, text)
        out.append(text)
    return out


def test_request_notice_goes_to_each_respondent_with_the_answer_period(
        driver: MediationDriver) -> None:
    case = driver.new()
    [text] = texts(case, K.MEDIATION_REQUEST_NOTICE)
    assert text.splitlines()[1] == "调解请求通知书"
    assert "广西星河智能设备有限公司：" in text
    assert ("请求人南宁绿源科技有限公司于2026年4月1日向本局提出调解请求，请求本局就其与你方"
            "之间的专利侵权纠纷赔偿数额进行调解。") in text
    # The legal basis: the dispute type's provision, then the kind's rule (data, not text).
    assert "依照《中华人民共和国专利法》第六十五条，《专利行政执法办法》第二十三条的规定" in text
    assert "请求被请求人赔偿经济损失10万元。" in text
    assert "请你方自收到本通知书之日起十五日内向本局提交意见陈述书" in text


def test_session_notice_goes_to_both_parties_with_time_place_and_mediator(
        driver: MediationDriver, personas: Any) -> None:
    case = driver.new()
    driver.to_in_session(case)
    notices = texts(case, K.MEDIATION_SESSION_NOTICE)
    assert [t.splitlines()[4] for t in notices] == ["南宁绿源科技有限公司：",
                                                   "广西星河智能设备有限公司："]
    assert "定于2026年4月10日上午9时30分在第一调解室进行第一次调解，由调解员" \
           f"{personas.mediator.display_name}主持" in notices[0]


def test_record_is_the_minutes_of_the_last_session_held(driver: MediationDriver) -> None:
    case = driver.new()
    driver.to_in_session(case)
    driver.hold_session(case)
    [text] = texts(case, K.MEDIATION_RECORD)
    assert "案号：" + case.number in text
    assert "参加人员：陈静（调解员）、陈志远（请求人）" in text
    assert "双方就赔偿数额进行协商。" in text
    assert "请求人的意见\n要求赔偿10万元。" in text
    assert "以上笔录经当事人核对，确认无误。" in text


def test_agreement_has_parties_facts_issues_terms_and_signatures(
        driver: MediationDriver) -> None:
    case = driver.new()
    driver.to_agreed(case)
    [text] = texts(case, K.MEDIATION_AGREEMENT)
    assert "请求人：南宁绿源科技有限公司" in text and "被请求人：广西星河智能设备有限公司" in text
    assert "一、纠纷的主要事实\n被请求人销售了被诉侵权门锁。" in text
    assert "二、争议事项\n赔偿数额。" in text
    assert ("1. 被请求人支付第1期赔偿金。履行人：广西星河智能设备有限公司；履行期限："
            "2026年5月20日前；金额：30,000.00元（人民币叁万元整）。") in text
    assert "2. 被请求人支付第2期赔偿金。" in text
    assert "上述款项合计60,000.00元（人民币陆万元整）。" in text
    assert "《专利行政执法办法》第二十六条" in text
    # Each signatory's line, then the day he signed on a line of its own (a long name
    # does not push the date onto a broken line).
    assert "请求人：南宁绿源科技有限公司（签名或盖章）\n2026年4月15日" in text
    assert "调解员：" in text and "（签名）\n" in text
    assert "本协议一式三份，双方当事人各执一份" in text


@pytest.mark.parametrize(("ending", "addressed"), [
    ("declined", ["南宁绿源科技有限公司："]),
    ("failed", ["南宁绿源科技有限公司：", "广西星河智能设备有限公司："]),
    ("withdrawn", ["南宁绿源科技有限公司：", "广西星河智能设备有限公司："]),
])
def test_termination_notice_says_why_and_to_whom(driver: MediationDriver, ending: str,
                                                 addressed: list[str]) -> None:
    case = driver.new()
    if ending == "declined":
        driver.run(case, "serve_request", served_on="2026-04-02", service_method="direct")
        driver.run(case, "decline", decline_reason="refused", on="2026-04-10")
    elif ending == "failed":
        driver.to_in_session(case)
        driver.hold_session(case)
        driver.run(case, "fail", reason="赔偿数额差距过大。", on="2026-04-20")
    else:
        driver.run(case, "withdraw_request", reason="双方已自行和解", on="2026-04-03",
                   actor=driver.personas.officer)
    notices = texts(case, K.MEDIATION_TERMINATION_NOTICE)
    assert [t.splitlines()[4] for t in notices] == addressed
    text = notices[0]
    if ending == "declined":
        assert ("本局已于2026年4月2日将调解请求书副本送达被请求人。被请求人于2026年4月10日表示"
                "不同意调解。依照《中华人民共和国专利法》第六十五条，《专利行政执法办法》"
                "第二十四条的规定，本局于2026年4月10日决定不予调解。") in text
    elif ending == "failed":
        assert "经本局主持调解一次，双方当事人未能达成协议。赔偿数额差距过大。" in text
        assert "《专利行政执法办法》第二十六条的规定，本局于2026年4月20日决定终止调解" in text
    else:
        assert "请求人于2026年4月3日以双方已自行和解为由撤回调解请求。" in text
    assert "当事人可以就该纠纷依法向人民法院提起民事诉讼。" in text


def test_confirmation_application_and_materials_list(driver: MediationDriver) -> None:
    case = driver.new()
    driver.to_agreed(case)
    number = case.mediation.agreement.number
    confirmation = driver.confirmation(case)
    [application] = texts(confirmation, K.CONFIRMATION_APPLICATION)
    assert ("请求南宁知识产权法庭依法确认申请人于2026年4月15日经南宁市知识产权局主持调解达成的"
            f"调解协议（{number}）有效。") in application
    assert "申请人：南宁绿源科技有限公司" in application
    # Each applicant named as the agreement's terms name him (被请求人向请求人支付…).
    assert "申请人（请求人）：" in application and "申请人（被请求人）：" in application
    assert "《中华人民共和国民事诉讼法》第二百零五条、第二百零六条" in application
    assert "亦不涉及知识产权效力或者权属的认定" in application
    [materials] = texts(confirmation, K.CONFIRMATION_MATERIALS)
    assert f"调解协议：{number}" in materials
    assert "1. 司法确认申请书（当事人共同申请）：尚未备齐" in materials
    assert "受理法院：南宁知识产权法庭" in materials


def test_a_missing_legal_basis_is_refused_with_the_list_and_nothing_is_made(
        driver: MediationDriver, personas: Any) -> None:
    case = driver.new()
    LegalBasisRule.objects.filter(kind=K.MEDIATION_REQUEST_NOTICE).delete()
    with translation.override("en"), pytest.raises(MissingValues) as refused:
        services.generate_documents(case=case, kind=K.MEDIATION_REQUEST_NOTICE,
                                    actor=personas.mediator)
    assert str(refused.value).endswith("legal basis (legal basis rules).")
    assert not Document.objects.filter(case=case).exists()


def test_a_record_without_a_session_held_is_refused_with_the_list(
        driver: MediationDriver, personas: Any) -> None:
    case = driver.new()
    driver.to_in_session(case)
    with translation.override("en"), pytest.raises(MissingValues) as refused:
        services.generate_documents(case=case, kind=K.MEDIATION_RECORD,
                                    actor=personas.mediator)
    message = str(refused.value)
    assert "these are missing: session held at、attendees、minutes." in message
    assert not Document.objects.filter(case=case).exists()


def _issue(document: Document, actor: Any) -> Document:
    services.render_draft(document.pk)
    document.refresh_from_db()
    return services.issue_document(document=document, actor=actor)


def test_the_mediator_issues_the_agreement_with_its_own_number(
        driver: MediationDriver, personas: Any) -> None:
    case = driver.new()
    driver.to_in_session(case)
    driver.hold_session(case)
    driver.draft(case)
    # A draft to sign is printed before the agreement is concluded, but not issued.
    draft = services.generate_document(case=case, kind=K.MEDIATION_AGREEMENT,
                                       actor=personas.mediator)
    with pytest.raises(TransitionNotAllowed):
        _issue(draft, personas.mediator)
    driver.sign(case)
    driver.run(case, "agree", on="2026-04-15")
    number = case.mediation.agreement.number
    assert number
    draft = services.generate_document(case=case, kind=K.MEDIATION_AGREEMENT,
                                       actor=personas.mediator)
    issued = _issue(draft, personas.mediator)
    assert issued.state == DocumentState.ISSUED
    assert issued.number == number
    assert number in issued.text and "调解协议书" in issued.text
    # No second number was taken from the agreement's sequence.
    assert Document.objects.filter(case=case, number__isnull=False).count() == 1


def test_a_mediator_not_assigned_may_not_generate(driver: MediationDriver,
                                                  personas: Any) -> None:
    case = driver.new()
    other = UserFactory(username="mediator2", office=personas.mediator.office,
                        roles=["mediator"])
    with pytest.raises(PermissionDenied):
        services.generate_documents(case=case, kind=K.MEDIATION_REQUEST_NOTICE, actor=other)


def test_request_notice_is_issued_numbered_to_the_respondent(
        driver: MediationDriver, personas: Any) -> None:
    case = driver.new()
    [notice] = services.generate_documents(case=case, kind=K.MEDIATION_REQUEST_NOTICE,
                                           actor=personas.mediator)
    issued = _issue(notice, personas.mediator)
    assert issued.number == "南知调通字〔2026〕1号"
    assert issued.party is not None and issued.party.name == "广西星河智能设备有限公司"
    assert AgreementTerm.objects.count() == 0


def test_the_joint_application_is_prepared_by_the_mediator_without_a_number(
        driver: MediationDriver, personas: Any) -> None:
    case = driver.new()
    driver.to_agreed(case)
    confirmation = driver.confirmation(case)
    for kind in (K.CONFIRMATION_APPLICATION, K.CONFIRMATION_MATERIALS):
        [draft] = services.generate_documents(case=confirmation, kind=kind,
                                              actor=personas.mediator)
        issued = _issue(draft, personas.mediator)
        assert issued.state == DocumentState.ISSUED and issued.number is None
        assert f"案号：{confirmation.number}" in issued.text
    # The mediation's own documents are not offered on the confirmation case.
    with pytest.raises(ValidationError):
        services.generate_documents(case=confirmation, kind=K.MEDIATION_AGREEMENT,
                                    actor=personas.mediator)


def _date_line(document: Document) -> str:
    """The office's date under its name: the last line of the document's text, before
    the 附注 (contact) a notice ends with."""
    lines = [line for line in document.text.splitlines() if line.strip()]
    return next(line for line in reversed(lines) if line.endswith("日"))


def test_documents_printed_again_later_are_dated_the_day_of_the_act_they_record(
        driver: MediationDriver, personas: Any, time_machine: Any) -> None:
    """A concluded agreement (调解协议书), voided for a misspelt name and issued again weeks
    later, is still dated the day it was concluded, as the notice of an ended mediation is
    the day the office ended it; both used to be dated the day they were issued."""
    case = driver.new()
    driver.to_agreed(case)  # concluded on 15 April; today is 20 April
    first = _issue(services.generate_document(case=case, kind=K.MEDIATION_AGREEMENT,
                                              actor=personas.mediator), personas.mediator)
    assert _date_line(first) == "2026年4月15日"
    time_machine.move_to(datetime.datetime(2026, 6, 1, 10, tzinfo=datetime.UTC))
    services.void_document(document=first, actor=personas.mediator,
                           reason="当事人名称有误，重新打印。")
    again = _issue(services.generate_document(case=case, kind=K.MEDIATION_AGREEMENT,
                                              actor=personas.mediator), personas.mediator)
    assert again.number == first.number
    assert _date_line(again) == "2026年4月15日"
    DocumentNumberPrefix.objects.create(office=case.office,
                                        kind=K.MEDIATION_TERMINATION_NOTICE, prefix="南知调终字")
    ended = driver.new()
    driver.run(ended, "withdraw_request", reason="双方已自行和解", on="2026-04-03",
               actor=driver.personas.officer)
    notices = services.generate_documents(case=ended, kind=K.MEDIATION_TERMINATION_NOTICE,
                                          actor=personas.mediator)
    assert {_date_line(_issue(notice, personas.mediator)) for notice in notices} == {
        "2026年4月3日"}
