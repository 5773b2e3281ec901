"""The 催告书 and the 强制执行申请书 state what happened after the ruling: a suit brought
against it and how it ended, and a demand whose period has run (decision 122). They used
to say "在法定期限内未提起行政诉讼" of a ruling upheld by a court, and the application could be
issued the day the demand was served, saying "经催告后逾期仍未履行"."""

from __future__ import annotations

from datetime import datetime, timedelta
from io import BytesIO
from zoneinfo import ZoneInfo

import pytest
from docx import Document as Docx

from cases.errors import TransitionNotAllowed
from cases.models import DocumentKind, DocumentNumberPrefix
from cases.ruling.models import CaseState
from documents.services import generate_documents, issue_document, seed_default_templates
from documents.tests.producing import render_kind
from tests.ruling_driver import RulingDriver

pytestmark = pytest.mark.django_db


def _text(docx: bytes) -> str:
    return "\n".join(p.text for p in Docx(BytesIO(docx)).paragraphs)


@pytest.fixture
def driver(personas, calendar_2026, deadline_rules, time_machine) -> RulingDriver:
    time_machine.move_to(datetime(2026, 3, 2, 9, tzinfo=ZoneInfo("Asia/Shanghai")), tick=False)
    return RulingDriver(personas, time_machine)


def test_after_an_upheld_ruling_the_documents_name_the_suit(driver: RulingDriver) -> None:
    case = driver.bring_to(CaseState.IN_LITIGATION)
    case = driver.act(case, "conclude_litigation", result="upheld")
    case = driver.act(case, "serve_demand")
    reminder = _text(render_kind(case, DocumentKind.REMINDER)[0])
    assert "未提起行政诉讼" not in reminder
    assert "向南宁市中级人民法院提起行政诉讼，案号为（2026）桂01行初1号。" in reminder
    assert "该院判决驳回原告的诉讼请求，该判决已于" in reminder
    assert "发生法律效力。你方至今未履行上述义务。" in reminder
    driver.advance_to(datetime.combine(case.ruling.demand_wait_ends_on + timedelta(days=1),
                                       datetime.min.time(), tzinfo=ZoneInfo("Asia/Shanghai")))
    application = _text(render_kind(case, DocumentKind.ENFORCEMENT_APPLICATION)[0])
    assert "既未提起" not in application
    assert "被申请人至今未履行裁决确定的义务，经催告后逾期仍未履行。" in application


def test_a_suit_withdrawn_is_said_so(driver: RulingDriver) -> None:
    case = driver.bring_to(CaseState.IN_LITIGATION)
    case = driver.act(case, "conclude_litigation", result="suit_withdrawn")
    case = driver.act(case, "serve_demand")
    reminder = _text(render_kind(case, DocumentKind.REMINDER)[0])
    assert "原告撤回起诉，该院裁定准许" in reminder and "未提起行政诉讼" not in reminder


def test_without_a_suit_the_demand_says_none_was_brought(driver: RulingDriver) -> None:
    case = driver.bring_to(CaseState.EFFECTIVE)
    case = driver.act(case, "serve_demand")
    reminder = _text(render_kind(case, DocumentKind.REMINDER)[0])
    assert "你方在法定期限内未提起行政诉讼，亦未履行上述义务。" in reminder
    assert "案号为" not in reminder


def test_the_application_is_not_issued_before_the_demand_period_has_run(
        driver: RulingDriver) -> None:
    case = driver.bring_to(CaseState.EFFECTIVE)
    case = driver.act(case, "serve_demand")
    seed_default_templates()
    DocumentNumberPrefix.objects.get_or_create(
        office=case.office, kind=DocumentKind.ENFORCEMENT_APPLICATION,
        defaults={"prefix": "南知执字"})
    [draft] = generate_documents(case=case, kind=DocumentKind.ENFORCEMENT_APPLICATION,
                                 actor=driver.p.officer)
    with pytest.raises(TransitionNotAllowed, match="催告期已届满"):
        issue_document(document=draft, actor=driver.p.officer)
    draft.refresh_from_db()
    assert draft.state == "draft" and not draft.number
    case.refresh_from_db()
    driver.advance_to(datetime.combine(case.ruling.demand_wait_ends_on + timedelta(days=1),
                                       datetime.min.time(), tzinfo=ZoneInfo("Asia/Shanghai")))
    issued = issue_document(document=draft, actor=driver.p.officer)
    assert issued.state == "issued" and issued.number.startswith("南知执字")


def test_the_closing_report_says_how_the_case_ended(driver: RulingDriver) -> None:
    # 结案报告 printed the case's particulars and the officer's summary, and never the
    # outcome: no 结案方式, no ruling's number.
    case = driver.bring_to(CaseState.IN_LITIGATION)
    case = driver.act(case, "conclude_litigation", result="upheld")
    case = driver.act(case, "close")
    report = _text(render_kind(case, DocumentKind.CLOSING_REPORT)[0])
    assert ("结案方式：作出行政裁决（南知裁字〔2026〕1号），认定侵权行为成立，责令停止侵权行为；"
            "经行政诉讼，人民法院判决驳回原告的诉讼请求。") in report, report


def test_a_withdrawn_case_closes_by_withdrawal(driver: RulingDriver) -> None:
    case = driver.bring_to(CaseState.WITHDRAWN)
    report = _text(render_kind(case, DocumentKind.CLOSING_REPORT)[0])
    assert "结案方式：请求人撤回处理请求。" in report, report
