"""Screenshots of the main pages at 1366×768 for docs/screenshots/ (and the README).

Not part of the normal run: ``IPCASES_SCREENSHOTS=1 .venv/bin/pytest -m browser
tests/browser/test_screenshots.py`` rebuilds them from a small, realistic data set.
"""

from __future__ import annotations

import os
import re
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone

from cases.models import Notification
from tests.browser.conftest import log_in
from tests.factories import LegalPersonFactory, PatentFactory
from tests.ruling_driver import RulingDriver

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not os.environ.get("IPCASES_SCREENSHOTS"),
                       reason="set IPCASES_SCREENSHOTS=1 to rebuild docs/screenshots/"),
]
OUT = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
COMPANIES = ["南宁市绿城新能源科技有限公司", "广西邕江电子有限公司", "南宁市五象智能装备有限公司",
             "广西北部湾精密机械有限公司", "南宁市青秀区华南灯具厂", "广西八桂电动车制造有限公司",
             "南宁市凤岭照明科技有限公司", "广西壮乡农机股份有限公司", "南宁市良庆区光明五金店",
             "广西桂之源生物科技有限公司"]
TITLES = ["一种电动车控制器", "一种LED路灯散热结构", "一种甘蔗收割机切割装置",
          "一种智能门锁", "一种茶叶揉捻机"]


def at(day: int, hour: int = 9) -> datetime:
    return datetime(2026, 3, day, hour, 0, tzinfo=timezone.get_current_timezone())


PLURALS = {"%(n)s working day": "%(n)s working days", "%(n)s hour": "%(n)s hours",
           "%(n)s day": "%(n)s days", "%(n)s case on this page": "%(n)s cases on this page",
           "%(n)s decision found": "%(n)s decisions found",
           "%(n)s version": "%(n)s versions",
           "Outcomes of %(n)s similar decision": "Outcomes of %(n)s similar decisions"}


def _po_quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


@pytest.fixture
def chinese_catalogue(settings: Any, tmp_path: Path) -> None:
    """Until the lead merges the UI's messages into locale/, compile them with the project's
    catalogue into a temporary one (from the helpers' hand-off files, if present)."""
    import shutil
    import subprocess

    tsv_dir = Path("/tmp/ipcases-i18n")
    po = Path(settings.BASE_DIR) / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"
    if not tsv_dir.is_dir() or not po.exists() or shutil.which("msgfmt") is None:
        return
    text = po.read_text(encoding="utf-8")
    known = {"".join(re.findall(r'"(.*)"', block))
             for block in re.findall(r'^msgid ((?:".*"\n)+)', text, re.M)}
    extra, plural_of = [], {v: k for k, v in PLURALS.items()}
    for tsv in sorted(tsv_dir.glob("*.tsv")):
        for line in tsv.read_text(encoding="utf-8").splitlines():
            msgid, _tab, msgstr = line.partition("\t")
            if not msgstr or msgid in known or msgid in plural_of:
                continue
            known.add(msgid)
            if msgid in PLURALS:
                extra.append(f"msgid {_po_quote(msgid)}\nmsgid_plural {_po_quote(PLURALS[msgid])}"
                             f"\nmsgstr[0] {_po_quote(msgstr)}\n")
            else:
                extra.append(f"msgid {_po_quote(msgid)}\nmsgstr {_po_quote(msgstr)}\n")
    target = tmp_path / "locale" / "zh_Hans" / "LC_MESSAGES"
    target.mkdir(parents=True)
    (target / "django.po").write_text(text + "\n" + "\n".join(extra), encoding="utf-8")
    subprocess.run(["msgfmt", "-o", str(target / "django.mo"), str(target / "django.po")],
                   check=True)
    settings.LOCALE_PATHS = [tmp_path / "locale", *settings.LOCALE_PATHS]


@pytest.fixture
def demo(chinese_catalogue: None, transactional_db: None, personas: Any, calendar_2026: Any,
         deadline_rules: Any,
         time_machine: Any, settings: Any, tmp_path: Path) -> dict[str, Any]:
    settings.SESSION_EXPIRE_AT_BROWSER_CLOSE = True
    settings.SEARCH_EMBEDDED_DIR = tmp_path / "search"
    settings.MEDIA_ROOT = tmp_path / "media"
    office = personas.officer.office
    parties = [LegalPersonFactory(office=office, name=n, region_code="450103")
               for n in COMPANIES]
    rights = [PatentFactory(office=office, holder=parties[i * 2], title=t)
              for i, t in enumerate(TITLES)]
    driver = RulingDriver(personas, time_machine)
    cases: dict[str, Any] = {}

    def file(i: int, title: str = "侵害发明专利权纠纷") -> Any:
        return driver.file(requester=parties[(2 * i) % 10], respondent=parties[(2 * i + 1) % 10],
                           right=rights[i % 5], title=title)

    time_machine.move_to(at(2), tick=False)
    cases["overdue"] = file(0)
    cases["hearing"] = driver.bring_to("hearing_scheduled", file(1))
    time_machine.move_to(at(4), tick=False)
    cases["approval"] = driver.bring_to("pending_approval", file(2, "侵害实用新型专利权纠纷"))
    time_machine.move_to(at(10), tick=False)
    cases["soon"] = file(3)
    cases["answer"] = driver.bring_to("awaiting_answer", file(4, "侵害外观设计专利权纠纷"))
    driver.act(cases["approval"], "record_legal_review")
    time_machine.move_to(at(11, 10), tick=True)
    from cases.models import DocumentNumberPrefix
    from documents.services import generate_document, issue_document, seed_default_templates

    seed_default_templates()
    for kind, prefix in (("ruling", "南知裁字"), ("acceptance_notice", "南知受字"),
                         ("answer_notice", "南知答字")):
        DocumentNumberPrefix.objects.update_or_create(office=office, kind=kind,
                                                      defaults={"prefix": prefix})
    for kind in ("acceptance_notice", "answer_notice"):
        issue_document(document=generate_document(case=cases["approval"], kind=kind,
                                                  actor=personas.officer),
                       actor=personas.officer)
    generate_document(case=cases["approval"], kind="ruling", actor=personas.officer)
    _precedents(offices=office)
    for text, case in [("案件即将超过受理审查期限，请及时处理。", cases["soon"]),
                       ("受理审查期限已届满。", cases["overdue"]),
                       ("答辩期即将届满。", cases["answer"])]:
        Notification.objects.create(recipient=personas.officer, case=case, kind="due_soon",
                                    message=f"{case.number}：{text}")
    return cases


def _precedents(offices: Any) -> None:
    from datetime import date

    from search.services import drain_outbox, save_decision

    rows = [
        ("南宁市某灯饰有限公司与某网店经营者侵害外观设计专利权纠纷案", "design_patent",
         ["offer", "sell"], "拼多多", "infringement_found", True, 2024, 30000,
         "被请求人在拼多多平台开设的网店许诺销售、销售的吊灯，与涉案外观设计在整体视觉效果上"
         "无实质性差异，构成近似，落入涉案专利权的保护范围。"),
        ("广西某科技有限公司与某电子商行侵害外观设计专利权纠纷案", "design_patent",
         ["sell"], "拼多多", "infringement_found", False, 2025, 20000,
         "被控侵权产品为手机支架，被请求人在拼多多店铺销售，经比对与涉案外观设计近似。"),
        ("某照明公司与某商贸公司侵害外观设计专利权纠纷案", "design_patent",
         ["sell"], "淘宝", "dismissed", False, 2023, None,
         "被控产品的装饰图案与涉案外观设计存在明显差异，不构成近似，驳回请求。"),
        ("某农机公司与某机械厂侵害实用新型专利权纠纷案", "utility_model",
         ["make", "sell"], "", "infringement_found", False, 2024, 80000,
         "被控甘蔗收割机切割装置具备涉案权利要求1的全部技术特征。"),
        ("某电动车公司与某配件店侵害外观设计专利权纠纷案", "design_patent",
         ["offer", "sell"], "拼多多", "settled", False, 2025, None,
         "双方就被请求人销售电动车外壳一事达成调解协议，被请求人停止销售并赔偿。"),
    ]
    for i, (title, ip, acts, platform, outcome, guiding, year, amount, text) in \
            enumerate(rows):
        save_decision(source="office", external_id=f"shot-{i}", title=title, office=offices,
                      document_number=f"南知裁字〔{year}〕{i + 3}号",
                      decided_on=date(year, 3 + i, 10), ip_type=ip, infringing_acts=acts,
                      platform=platform, outcome=outcome, full_text=text, is_public=True,
                      is_guiding_case=guiding, damages_awarded=amount,
                      holding="电商平台网店许诺销售、销售近似产品的，构成侵权。" if guiding else "")
    drain_outbox()


def test_screenshots(page: Any, live_server: Any, demo: dict[str, Any]) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    log_in(page, live_server, "officer")
    page.screenshot(path=str(OUT / "workbench.png"))
    page.goto(f"{live_server.url}/cases/")
    page.screenshot(path=str(OUT / "case-list.png"))
    page.goto(f"{live_server.url}/cases/{demo['hearing'].pk}/")
    page.screenshot(path=str(OUT / "case-page.png"))
    page.click("#case-actions [data-action=hold_hearing]")
    page.locator("#action-form").wait_for()
    page.wait_for_timeout(400)
    page.screenshot(path=str(OUT / "case-action.png"))
    page.set_viewport_size({"width": 820, "height": 1180})  # a tablet, portrait
    page.goto(f"{live_server.url}/")
    page.screenshot(path=str(OUT / "workbench-tablet.png"))
    page.set_viewport_size({"width": 1366, "height": 768})
    log_in(page, live_server, "head")
    page.goto(f"{live_server.url}/cases/{demo['approval'].pk}/")
    page.locator("#documents-title").scroll_into_view_if_needed()
    page.evaluate("window.scrollBy(0, -80)")
    page.screenshot(path=str(OUT / "documents-panel.png"))
    log_in(page, live_server, "legal")
    page.goto(f"{live_server.url}/precedents/?q=外观设计+拼多多+销售")
    page.screenshot(path=str(OUT / "precedent-search.png"))


@pytest.fixture
def new_requests(transactional_db: None, personas: Any, calendar_2026: Any,
                 deadline_rules: Any, time_machine: Any, settings: Any,
                 tmp_path: Path) -> list[Any]:
    """A few new requests, two of them filed without an officer in charge."""
    from cases.models import Case

    settings.SESSION_EXPIRE_AT_BROWSER_CLOSE = True
    settings.MEDIA_ROOT = tmp_path / "media"
    office = personas.officer.office
    parties = [LegalPersonFactory(office=office, name=n, region_code="450103")
               for n in COMPANIES[:6]]
    rights = [PatentFactory(office=office, holder=parties[i * 2], title=t)
              for i, t in enumerate(TITLES[:3])]
    driver = RulingDriver(personas, time_machine)
    time_machine.move_to(at(2), tick=False)
    cases = [driver.file(requester=parties[2 * i], respondent=parties[2 * i + 1],
                         right=rights[i], title=title)
             for i, title in enumerate(["侵害发明专利权纠纷", "侵害实用新型专利权纠纷",
                                        "侵害外观设计专利权纠纷"])]
    Case.objects.filter(pk__in=[c.pk for c in cases[:2]]).update(officer_in_charge=None)
    time_machine.move_to(at(3, 10), tick=True)
    return cases


def test_screenshots_of_intake_and_distribution(page: Any, live_server: Any,
                                                new_requests: list[Any],
                                                personas: Any) -> None:
    """intake.png: the cause of action by IP type and the region from cascading lists;
    distribute.png: the head's distribution page with new requests to give out."""
    OUT.mkdir(parents=True, exist_ok=True)
    log_in(page, live_server, "officer")
    page.goto(f"{live_server.url}/cases/new/")
    page.select_option("#id_ip_type", "utility_model")
    page.select_option("#id_infringement_region_code_level0", label="广西壮族自治区")
    page.select_option("#id_infringement_region_code_level1", label="南宁市")
    page.select_option("#id_infringement_region_code_level2", label="青秀区")
    page.locator("#s-acts").scroll_into_view_if_needed()
    page.evaluate("window.scrollBy(0, -120)")
    page.screenshot(path=str(OUT / "intake.png"))
    log_in(page, live_server, "head")
    page.goto(f"{live_server.url}/cases/distribute/?show=new")
    page.check(f"#case-{new_requests[0].pk}")
    page.check(f"#case-{new_requests[1].pk}")
    page.select_option("#id_officer", str(personas.officer2.pk))
    page.fill("#id_reason", "按承办量均衡分案")
    page.screenshot(path=str(OUT / "distribute.png"))


@pytest.fixture
def documents_driver(personas: Any, calendar_2026: Any, deadline_rules: Any,
                     time_machine: Any, offices: Any) -> RulingDriver:
    from cases.models import DocumentNumberPrefix
    from documents.services import seed_default_templates

    for kind, code in (("case_number", "南知案字"), ("ruling", "南知裁字")):
        DocumentNumberPrefix.objects.create(office=offices.nanning, kind=kind, prefix=code)
    seed_default_templates()
    time_machine.move_to(at(2), tick=False)
    return RulingDriver(personas, time_machine)


def test_document_page_images(documents_driver: RulingDriver, settings: Any,
                              tmp_path: Path) -> None:
    """The ruling's pages (infringement found on a design patent; a dismissal on an
    invention patent) and a 送达回证, as the PDF prints them, from case data."""
    import subprocess

    from documents.pdf import Converter
    from documents.tests.producing import produce_all

    settings.SEARCH_EMBEDDED_DIR = tmp_path / "search"
    produced = produce_all(documents_driver)
    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.glob("ruling-*.png"):
        old.unlink()
    converter = Converter()
    try:
        for label, data, prefix in (("ruling-design", produced["ruling-design"][0],
                                     "ruling-design-infringement"),
                                    ("ruling-dismissed", produced["ruling-dismissed"][0],
                                     "ruling-invention-dismissed"),
                                    ("service_receipt", produced["service_receipt"][0],
                                     "service-receipt")):
            pdf = tmp_path / f"{label}.pdf"
            pdf.write_bytes(converter.convert(data))
            subprocess.run(["pdftoppm", "-png", "-r", "60", str(pdf), str(OUT / prefix)],
                           check=True)
    finally:
        converter.shutdown()
    assert list(OUT.glob("ruling-design-infringement-*.png"))
    assert list(OUT.glob("service-receipt-*.png")) == [OUT / "service-receipt-1.png"]


def test_screenshot_of_the_workbench_with_provisional_deadlines(
        page: Any, live_server: Any, chinese_catalogue: None, transactional_db: None,
        personas: Any, calendar_2026: Any, deadline_rules: Any, time_machine: Any,
        settings: Any) -> None:
    """2 December 2026, before the 2027 holidays are published: the clocks that reach 2027
    are marked 暂定, the answer period is shown as the parties' own."""
    settings.SESSION_EXPIRE_AT_BROWSER_CLOSE = True
    office = personas.officer.office
    parties = [LegalPersonFactory(office=office, name=n, region_code="450103")
               for n in COMPANIES[:6]]
    rights = [PatentFactory(office=office, holder=parties[i * 2], title=t)
              for i, t in enumerate(TITLES[:3])]
    driver = RulingDriver(personas, time_machine)
    time_machine.move_to(datetime(2026, 11, 30, 9, tzinfo=timezone.get_current_timezone()),
                         tick=False)
    for i, state in enumerate(("awaiting_answer", "accepted", "received")):
        case = driver.file(requester=parties[2 * i], respondent=parties[2 * i + 1],
                           right=rights[i])
        driver.bring_to(state, case)
        time_machine.move_to(timezone.now() + timedelta(days=1), tick=False)
    time_machine.move_to(datetime(2026, 12, 2, 9, tzinfo=timezone.get_current_timezone()),
                         tick=True)
    OUT.mkdir(parents=True, exist_ok=True)
    log_in(page, live_server, "officer")
    assert page.locator(".provisional-mark").count() >= 2
    page.screenshot(path=str(OUT / "workbench-provisional.png"))


def test_screenshots_of_statistics(page: Any, live_server: Any, chinese_catalogue: None,
                                   transactional_db: None, offices: Any, personas: Any,
                                   calendar_2026: Any, deadline_rules: Any) -> None:
    """The statistics page of the region office with its charts, and the repeat-infringer
    list (issue 16), from the statistics tests' hand-counted cases."""
    from stats.tests.fixture import build

    build(offices, personas)
    OUT.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size({"width": 1366, "height": 768})
    log_in(page, live_server, "sysadmin")
    page.goto(f"{live_server.url}/statistics/?office={offices.guangxi.pk}"
              "&start=2026-01-01&end=2026-06-30")
    page.locator(".stats-chart svg").first.wait_for()
    page.screenshot(path=str(OUT / "statistics-region.png"), full_page=True)
    page.goto(f"{live_server.url}/statistics/repeat-infringers/")
    page.locator("[data-infringer]").first.wait_for()
    page.screenshot(path=str(OUT / "repeat-infringers.png"))


@pytest.fixture
def mediation_demo(chinese_catalogue: None, transactional_db: None, mediation_reference: None,
                   personas: Any,
                   offices: Any, calendar_2026: Any, deadline_rules: Any, time_machine: Any,
                   settings: Any, tmp_path: Path) -> Any:
    """The mediator's cases: one performing its agreement (a term paid, one falling due),
    one in session with the next session fixed, one waiting for the respondent."""
    from datetime import UTC

    from documents.services import generate_document, seed_default_templates
    from mediation.models import AgreementTerm
    from mediation.tests.driver import MediationDriver

    settings.SESSION_EXPIRE_AT_BROWSER_CLOSE = True
    settings.MEDIA_ROOT = tmp_path / "media"
    time_machine.move_to(datetime(2026, 4, 20, 2, tzinfo=UTC), tick=False)
    seed_default_templates()
    driver = MediationDriver(personas=personas, office=offices.nanning)
    performing = driver.new()
    driver.to_agreed(performing)
    driver.run(performing, "begin_performance")
    term = AgreementTerm.objects.get(agreement__mediation_id=performing.pk, n=1)
    driver.run(performing, "record_performance", term=term.pk, paid_on="2026-04-18",
               amount_paid="30000.00", term_done="on", evidence="银行转账回单 No. 2026041801")
    generate_document(case=performing, kind="mediation_agreement", actor=personas.mediator)
    in_session = driver.new()
    driver.to_in_session(in_session)
    driver.hold_session(in_session)
    driver.run(in_session, "schedule_session", scheduled_at="2026-04-22T14:30",
               place="第二调解室")
    driver.run(driver.new(), "serve_request", served_on="2026-04-16", service_method="mail")
    time_machine.move_to(datetime(2026, 4, 20, 2, tzinfo=UTC), tick=True)
    return performing


def test_mediation_screenshots(page: Any, live_server: Any, mediation_demo: Any) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    log_in(page, live_server, "mediator")
    page.goto(f"{live_server.url}/mediation/")
    page.screenshot(path=str(OUT / "mediator-workbench.png"))
    page.goto(f"{live_server.url}/cases/{mediation_demo.pk}/")
    page.screenshot(path=str(OUT / "mediation-case.png"))


@pytest.fixture
def referral_demo(chinese_catalogue: None, transactional_db: None, personas: Any,
                  offices: Any, calendar_2026: Any, deadline_rules: Any, thresholds: Any,
                  time_machine: Any, settings: Any) -> dict[str, Any]:
    """A flagged complaint not yet triaged, referrals at several stages with the police and
    a transfer to 柳州 awaiting its answer."""
    from tests.referral_driver import Driver

    settings.SESSION_EXPIRE_AT_BROWSER_CLOSE = True
    time_machine.move_to(at(2), tick=False)
    driver = Driver(personas, offices)
    flagged = driver.complaint(figures={"illegal_turnover": 86_000})
    for state in ("pending_approval", "with_police", "filed", "not_filed"):
        driver.referral_in(state)
    transfer = driver.transfer(internal=True)
    driver.act(transfer, "send")
    time_machine.move_to(at(9, 10), tick=True)
    return {"flagged": flagged}


def test_referral_screenshots(page: Any, live_server: Any,
                              referral_demo: dict[str, Any]) -> None:
    log_in(page, live_server, "head")
    page.goto(f"{live_server.url}/referrals/")
    page.screenshot(path=str(OUT / "referral-dashboard.png"))
    log_in(page, live_server, "officer")
    page.goto(f"{live_server.url}/cases/{referral_demo['flagged'].pk}/")
    page.screenshot(path=str(OUT / "complaint-page.png"))


def test_screenshots_of_the_approval_queue_and_the_review_page(
        page: Any, live_server: Any, chinese_catalogue: None, transactional_db: None,
        personas: Any, calendar_2026: Any, deadline_rules: Any, time_machine: Any,
        settings: Any, offices: Any) -> None:
    """The head's approvals queue (an acceptance, an extension and a decision submitted)
    and the review page of a draft changed since its first, failed review."""
    from documents.services import seed_default_templates

    settings.SESSION_EXPIRE_AT_BROWSER_CLOSE = True
    seed_default_templates()
    office = personas.officer.office
    parties = [LegalPersonFactory(office=office, name=n, region_code="450103")
               for n in COMPANIES[:6]]
    rights = [PatentFactory(office=office, holder=parties[i * 2], title=t)
              for i, t in enumerate(TITLES[:3])]
    driver = RulingDriver(personas, time_machine)
    time_machine.move_to(at(2), tick=False)
    cases = [driver.file(requester=parties[2 * i], respondent=parties[2 * i + 1],
                         right=rights[i]) for i in range(3)]
    reviewed = driver.bring_to("pending_approval", cases[1])
    driver.act(reviewed, "record_legal_review", passed="no",
               opinion="请补充对被请求人现有技术抗辩的评述。")
    driver.act(reviewed, "return_draft")
    data = driver.data_for("submit_for_approval", reviewed)
    data["reasoning"] += ("被请求人提交的现有技术文献未公开权利要求1的技术特征C，"
                          "现有技术抗辩不成立。")
    driver.act(reviewed, "submit_for_approval", **data)
    driver.act(reviewed, "record_legal_review")
    driver.submit(reviewed, "decide", data={"decided_on": timezone.localdate().isoformat()})
    extended = driver.bring_to("investigation", cases[2])
    driver.submit(extended, "extend_time_limit")
    driver.submit(cases[0], "accept")
    time_machine.move_to(timezone.now() + timedelta(hours=1), tick=True)
    OUT.mkdir(parents=True, exist_ok=True)
    log_in(page, live_server, "head")
    page.goto(f"{live_server.url}/approvals/")
    page.locator("#approval-queue").wait_for()
    page.screenshot(path=str(OUT / "approval-queue.png"))
    log_in(page, live_server, "legal")
    page.goto(f"{live_server.url}/cases/{reviewed.pk}/review/")
    page.locator("#review-draft").wait_for()
    page.screenshot(path=str(OUT / "review-page.png"))
