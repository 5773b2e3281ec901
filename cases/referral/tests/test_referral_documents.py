"""The referral, transfer and complaint documents, rendered with the shipped templates from
real cases in the state where each is produced: the key sentences come from the case's
data, nothing is left blank, and a document missing a value it needs is refused with the
list of what is missing."""

from __future__ import annotations

import pytest
from django.utils import timezone, translation

from cases import workflows
from cases.models import Case, DocumentKind
from cases.referral.models import ReferralCase
from documents import services
from documents.context import missing_fields
from documents.contract import check_context
from documents.legal_basis import seed_legal_basis_rules
from documents.models import Document
from documents.rendering import render_docx
from documents.tests.conftest import template_path
from documents.text import extract_text

pytestmark = pytest.mark.django_db
# What a value left empty leaves behind in these texts.
BLANKS = ("{{", "{%", "（案号：）", "（）", "于移送", "于作出", "于立案", "涉嫌一案", "涉嫌罪",
          "None", "：。", "，。", "（共0项）")


@pytest.fixture
def driver(referral_driver):
    seed_legal_basis_rules()
    return referral_driver


def _render(case: Case, kind: str) -> str:
    case = Case.objects.get(pk=case.pk)
    spec = workflows.of(case)
    rule = spec.documents[kind]
    flow = case.flow
    # The documents menu offers the kind in the state it is produced in.
    assert flow.state in rule.offered_in, (kind, flow.state)
    assert rule.offered_if is None or rule.offered_if(flow)
    context = dict(rule.context(flow, kind=kind, number="南知字〔2026〕1号",
                                on=timezone.localdate(), party=None))
    check_context(context, rule.context_type)
    assert missing_fields(kind, context) == []
    text = extract_text(render_docx(template_path(kind), context))
    for blank in BLANKS:
        assert blank not in text, (kind, blank, text)
    return text


def test_referral_letter_when_approved(driver):
    case = driver.referral_in("approved")
    text = _render(case, DocumentKind.REFERRAL_LETTER)
    origin = Case.objects.get(pk=case.pk).origin
    assert "涉嫌犯罪案件移送书" in text
    # The same-level public security bureau before the officer names one when sending.
    assert "南宁市公安局：" in text
    assert (f"本局在办理{origin.title}（案号：{origin.number}）过程中发现，"
            "南宁市某某商贸有限公司涉嫌假冒注册商标罪（《中华人民共和国刑法》第二百一十三条）"
            in text)
    assert "经调查，当事人涉嫌假冒注册商标罪。" in text  # the report
    assert "非法经营数额80,000.00元，已达到刑法第二百一十三条规定的50,000.00元的追诉标准" in text
    assert "第二百一十五条" not in text  # only the offence referred
    assert "依照《中华人民共和国行政处罚法》第二十七条，《行政执法机关移送涉嫌犯罪案件的规定》" \
           "第三条、第六条的规定，现将该案移送你局" in text
    assert "联系人：李明" in text


def test_attachment_list_once_sent_lists_the_package(driver):
    case = driver.referral_in("sent")
    text = _render(case, DocumentKind.REFERRAL_ATTACHMENTS)
    # A detail that only repeats the item's title, or its name on the page, is printed once;
    # the letter is the one issued, by its number.
    assert "1. 涉嫌犯罪案件移送书：南知移字〔2026〕1号\n" in text
    assert "2. 涉嫌犯罪案件调查报告\n" in text
    assert "3. 涉案物品清单\n" in text
    assert "第六条的规定，以上材料随涉嫌犯罪案件移送书一并移送" in text
    letter = _render(case, DocumentKind.REFERRAL_LETTER)
    assert "附件：移送案件附件清单（共3项）" in letter


def test_reconsideration_request_when_the_police_declined(driver):
    case = driver.referral_in("not_filed")
    text = _render(case, DocumentKind.RECONSIDERATION_REQUEST)
    assert "南宁市公安局：" in text
    assert "本局于2026年3月2日移送你局的南宁市某某商贸有限公司涉嫌假冒注册商标罪一案，" \
           "你局于2026年3月2日作出不予立案的决定，理由如下：" in text
    assert "证据不足" in text
    assert "请你局自收到本提请复议书之日起三日内作出复议决定" in text
    assert "《行政执法机关移送涉嫌犯罪案件的规定》第九条" in text
    driver.act(case, "request_reconsideration")
    assert Case.objects.get(pk=case.pk).state == "reconsideration"
    _render(case, DocumentKind.RECONSIDERATION_REQUEST)


def test_exhibit_list_after_the_hand_over(driver):
    case = driver.referral_in("closed")
    text = _render(case, DocumentKind.EXHIBIT_TRANSFER_LIST)
    assert "你局已于2026年3月2日立案侦查（南公（经）立字〔2026〕8号）" in text
    assert "1. 假冒商标白酒 120箱" in text and "2. 标识 3000张" in text
    assert "以上物品共2项" in text
    assert "第十二条" in text


def test_transfer_letter_to_another_office(driver):
    case = driver.transfer(internal=True)
    text = _render(case, DocumentKind.TRANSFER_LETTER)
    origin = Case.objects.get(pk=case.pk).origin
    assert "柳州市知识产权局：" in text
    assert (f"本局于2026年3月2日收到关于南宁市某某商贸有限公司的{origin.title}"
            f"（案号：{origin.number}）。经审查，该案不属于本局管辖" in text)
    assert "被投诉人住所地及侵权行为地均不在本辖区" in text
    assert "《市场监督管理行政处罚程序规定》第十五条" in text


def test_transfer_letter_to_an_outside_authority(driver):
    case = driver.transfer(internal=False)
    text = _render(case, DocumentKind.TRANSFER_LETTER)
    assert "南宁市市场监督管理局：" in text


@pytest.mark.parametrize(("action", "expected"), [
    ("not_accept", "经审查，本局决定不予受理。\n理由如下：\n所反映事项不属于知识产权侵权"),
    ("refer_to_police", "经审查，你方反映的事项涉嫌犯罪，本局已依法移送公安机关处理。"),
    ("transfer_matter", "不属于本局管辖，本局已将其移送南宁市市场监督管理局依法处理。"),
])
def test_complaint_reply_says_what_was_decided(driver, action, expected):
    figures = {"illegal_turnover": 80_000} if action == "refer_to_police" else None
    complaint = driver.complaint(figures=figures)
    driver.act(complaint, action)
    text = _render(complaint, DocumentKind.COMPLAINT_REPLY)
    assert "广西壮乡食品有限公司：" in text
    assert ("你方于2026年3月2日通过12345政务服务便民热线反映南宁市某某商贸有限公司"
            "销售假冒“壮乡”商标白酒一事，本局已收悉。") in text
    assert expected in text
    assert "《市场监督管理投诉举报处理暂行办法》" in text


def test_an_anonymous_tip_off_gets_no_reply(driver, personas):
    services.seed_default_templates()
    case = driver.complaint(kind="tip_off", anonymous=True)
    driver.act(case, "not_accept")
    rule = workflows.of(case).documents[DocumentKind.COMPLAINT_REPLY]
    assert not rule.offered_if(Case.objects.get(pk=case.pk).flow)
    with translation.override("en"), pytest.raises(services.MissingValues) as excinfo:
        services.generate_documents(case=case, kind=DocumentKind.COMPLAINT_REPLY,
                                    actor=personas.officer)
    assert "complainant" in str(excinfo.value)
    assert not Document.objects.filter(case=case).exists()


def test_missing_values_are_refused_with_the_list(driver, personas):
    services.seed_default_templates()
    case = driver.referral_in("filed")  # no exhibits handed over yet
    with translation.override("en"), pytest.raises(services.MissingValues) as excinfo:
        services.generate_documents(case=case, kind=DocumentKind.EXHIBIT_TRANSFER_LIST,
                                    actor=personas.officer)
    assert "exhibits handed over" in str(excinfo.value)
    ReferralCase.objects.filter(pk=case.pk).update(police_case_number="", report="",
                                                   suspicion="")
    with translation.override("en"), pytest.raises(services.MissingValues) as excinfo:
        services.generate_documents(case=case, kind=DocumentKind.REFERRAL_LETTER,
                                    actor=personas.officer)
    assert "referral report" in str(excinfo.value)
    # Nothing made: the one document on file is the letter issued before sending.
    assert list(Document.objects.filter(case=case).values_list("kind", flat=True)) == [
        DocumentKind.REFERRAL_LETTER]
    # With every value there, the draft is made.
    sent = driver.referral_in("sent")
    [draft] = services.generate_documents(case=sent, kind=DocumentKind.REFERRAL_ATTACHMENTS,
                                          actor=personas.officer)
    assert draft.kind == DocumentKind.REFERRAL_ATTACHMENTS and draft.party is None


def test_the_legal_basis_comes_from_the_rules(driver):
    from documents.models import LegalBasisRule

    LegalBasisRule.objects.filter(kind=DocumentKind.REFERRAL_LETTER).update(
        text="《行政执法机关移送涉嫌犯罪案件的规定》（2020年修订）第三条")
    case = driver.referral_in("approved")
    text = _render(case, DocumentKind.REFERRAL_LETTER)
    assert "依照《行政执法机关移送涉嫌犯罪案件的规定》（2020年修订）第三条的规定" in text


def test_a_referral_names_only_the_thresholds_of_its_offence_with_their_basis(driver, client):
    """A turnover of ¥80,000 in a trademark case reaches art. 213's figure and art. 215's
    (labels) alike; the origin's flag lists both, but the referral for art. 213 recorded
    and showed both on its page, as if the case were one of labels too."""
    from django.urls import reverse

    case = driver.referral()
    flow = ReferralCase.objects.get(pk=case.pk)
    origin_flag = Case.objects.get(pk=case.pk).origin.threshold_flag
    assert {h["offence"] for h in origin_flag.hits} == {"213", "215"}
    assert "第二百一十五条" not in flow.threshold_summary
    # The thresholds fixture's rules (法释〔2025〕5号 figures marked as test data).
    assert flow.threshold_lines() == [
        "刑法第二百一十三条：非法经营数额 ¥80,000 ≥ ¥50,000"
        "（依据：法释〔2025〕5号（测试数据））"]
    client.force_login(driver.p.officer)
    page = client.get(reverse("case-detail", args=[case.pk])).content.decode()
    assert "刑法第二百一十三条：非法经营数额 ¥80,000 ≥ ¥50,000（依据：法释" in page
    assert "第二百一十五条" not in page
    # The origin's panel lists each offence reached on its own, with its basis.
    origin = client.get(reverse("case-detail", args=[origin_flag.case_id])).content.decode()
    for article in ("二百一十三", "二百一十五"):
        assert (f"刑法第{article}条：非法经营数额 ¥80,000 ≥ ¥50,000"
                "（依据：法释〔2025〕5号（测试数据））") in origin


def test_a_referral_for_an_offence_its_figures_do_not_reach_cites_no_threshold(driver):
    """Referred for selling counterfeit goods (art. 214) on a reasonable suspicion, with
    only a turnover recorded: no threshold of art. 214 was reached, and the letter no
    longer cites those of arts. 213 and 215 instead."""
    origin = driver.complaint(figures={"illegal_turnover": 80_000})
    driver.act(origin, "refer_to_police", offence="214")
    case = Case.objects.get(origin=origin, workflow="referral")
    assert ReferralCase.objects.get(pk=case.pk).threshold_summary == ""
    driver.act(case, "submit_report")
    driver.act(case, "approve")
    text = _render(case, DocumentKind.REFERRAL_LETTER)
    assert "涉嫌销售假冒注册商标的商品罪（《中华人民共和国刑法》第二百一十四条）" in text
    assert "追诉标准" not in text
    assert "第二百一十三条" not in text and "第二百一十五条" not in text


def test_a_summary_recorded_before_lists_only_the_offence_referred():
    """Referrals opened before the summary was limited to their offence kept every
    offence reached on one line; the page and the letter read it without the others."""
    flow = ReferralCase(offence="213", threshold_summary=(
        "刑法第二百一十三条：非法经营数额（元） ¥120,000 ≥ ¥50,000；"
        "刑法第二百一十五条：非法经营数额（元） ¥120,000 ≥ ¥50,000"))
    assert flow.threshold_lines() == ["刑法第二百一十三条：非法经营数额（元） ¥120,000 ≥ ¥50,000"]
    flow.offence = "215"
    assert flow.threshold_lines() == ["刑法第二百一十五条：非法经营数额（元） ¥120,000 ≥ ¥50,000"]


def test_a_referral_letter_printed_again_later_is_dated_the_day_it_was_sent(
        driver, personas, offices, time_machine):
    """The letter and its attachment list record a case sent on a day: a copy issued weeks
    later is still dated that day, not the day it is printed."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from cases.models import DocumentNumberPrefix

    services.seed_default_templates()
    for kind, prefix in ((DocumentKind.REFERRAL_LETTER, "南知移字"),
                         (DocumentKind.REFERRAL_ATTACHMENTS, "南知移附字")):
        DocumentNumberPrefix.objects.create(office=offices.nanning, kind=kind, prefix=prefix)
    case = driver.referral_in("sent")  # sent on Monday 2 March 2026
    time_machine.move_to(datetime(2026, 4, 20, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai")),
                         tick=False)
    for kind in (DocumentKind.REFERRAL_LETTER, DocumentKind.REFERRAL_ATTACHMENTS):
        [draft] = services.generate_documents(case=case, kind=kind, actor=personas.officer)
        issued = services.issue_document(document=draft, actor=personas.officer)
        assert "2026年3月2日" in issued.text and "2026年4月20日" not in issued.text, kind


def test_a_reason_typed_without_its_full_stop_is_printed_as_a_sentence(driver):
    # The officer typed the reasons as the driver does, without a closing mark.
    text = _render(driver.transfer(internal=True), DocumentKind.TRANSFER_LETTER)
    assert "理由如下：\n被投诉人住所地及侵权行为地均不在本辖区。\n依照" in text
    complaint = driver.complaint()
    driver.act(complaint, "not_accept")
    text = _render(complaint, DocumentKind.COMPLAINT_REPLY)
    assert "理由如下：\n所反映事项不属于知识产权侵权。\n依照" in text
