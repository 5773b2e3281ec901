"""Reads are audited (issue 9, item 12): opening a case, downloading a document or an
exhibit, exporting a list, searching precedents, failed logins and template activations
each leave an append-only entry (who, when, what, from where) that administrators of the
office subtree can read and export in the admin."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cases.models import AuditAction, AuditEntry, Evidence, Role
from cases.models.events import AppendOnlyError
from cases.services import audit
from tests.factories import UserFactory
from tests.ruling_driver import RulingDriver

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n"


@pytest.fixture
def case(personas, calendar_2026, deadline_rules, time_machine, settings, tmp_path):
    from cases.models import DocumentNumberPrefix
    from documents.services import seed_default_templates

    time_machine.move_to("2026-03-02 09:00 +08:00", tick=False)
    seed_default_templates()
    DocumentNumberPrefix.objects.get_or_create(office=personas.officer.office, kind="ruling",
                                               defaults={"prefix": "南知裁字"})
    driver = RulingDriver(personas, time_machine)
    case = driver.bring_to("pending_approval")
    driver.act(case, "record_legal_review")
    return case


def entry(action):
    return AuditEntry.objects.filter(action=action).get()


def test_opening_a_case_page_is_recorded_with_user_time_and_address(client, personas, case):
    client.force_login(personas.officer)
    client.get(reverse("case-detail", args=[case.pk]), REMOTE_ADDR="10.1.2.3",
               HTTP_USER_AGENT="Firefox/140")
    e = entry(AuditAction.CASE_VIEWED)
    assert (e.actor, e.office, e.object_id, e.ip) == (personas.officer, case.office,
                                                       str(case.pk), "10.1.2.3")
    assert e.user_agent == "Firefox/140" and case.number in e.detail and e.at is not None
    client.get(reverse("api-case-detail", args=[case.pk]))
    assert AuditEntry.objects.filter(action=AuditAction.CASE_VIEWED).count() == 2


def test_downloads_of_documents_and_exhibits_are_recorded(
        client, personas, case, django_capture_on_commit_callbacks):
    client.force_login(personas.officer)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("document-generate", args=[case.pk]), {"kind": "ruling"},
                    HTTP_HX_REQUEST="true")
    doc = case.documents.get(kind="ruling")
    assert client.get(reverse("document-download", args=[case.pk, doc.pk, "docx"])
                      ).status_code == 200
    assert entry(AuditAction.DOCUMENT_DOWNLOADED).object_id == str(doc.pk)
    item = Evidence(case=case, original_name="请求书.pdf", content_type="application/pdf",
                    size=len(PDF), uploaded_by=personas.officer)
    item.file.save("evidence", SimpleUploadedFile("x", PDF))
    assert client.get(reverse("evidence-download", args=[case.pk, item.pk])).status_code == 200
    assert entry(AuditAction.EVIDENCE_DOWNLOADED).object_id == str(item.pk)


def test_exports_and_precedent_searches_are_recorded(client, personas, case):
    client.force_login(personas.officer)
    assert client.get(reverse("case-export"), {"state": "pending_approval"}).status_code == 200
    assert "state=pending_approval" in entry(AuditAction.LIST_EXPORTED).detail
    client.force_login(personas.legal)
    description = "被请求人在拼多多网店销售与涉案外观设计近似的儿童餐椅，" * 6
    client.get(reverse("precedent-search"), {"q": description})
    e = entry(AuditAction.PRECEDENTS_SEARCHED)
    # What was searched, as typed: a pasted description is not cut to a third by encoding.
    assert e.actor == personas.legal and f"q={description}" in e.detail


def test_failed_logins_are_recorded_under_the_accounts_office(client, personas):
    client.post(reverse("login"), {"username": "officer", "password": "wrong"},
                REMOTE_ADDR="10.9.9.9")
    e = entry(AuditAction.LOGIN_FAILED)
    assert (e.username, e.office, e.ip, e.actor) == ("officer", personas.officer.office,
                                                     "10.9.9.9", None)


def test_template_activation_is_recorded(client, personas, case):
    from documents.models import DocumentTemplate

    root = UserFactory(username="root", is_superuser=True, office=personas.officer.office)
    template = DocumentTemplate.objects.filter(kind="ruling").first()
    client.force_login(root)
    client.post(reverse("admin:documents_documenttemplate_changelist"),
                {"action": "activate", "_selected_action": [template.pk]})
    e = entry(AuditAction.TEMPLATE_ACTIVATED)
    assert e.actor == root and e.object_id == str(template.pk)


def test_the_log_is_append_only(personas):
    e = audit.record(None, AuditAction.CASE_VIEWED, actor=personas.officer)
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.filter(pk=e.pk).update(detail="x")
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.filter(pk=e.pk).delete()
    e.detail = "x"
    with pytest.raises(AppendOnlyError):
        e.save()
    with pytest.raises(AppendOnlyError):
        e.delete()


def test_administrators_read_and_export_their_office_subtrees_log_only(client, personas,
                                                                      offices):
    audit.record(None, AuditAction.CASE_VIEWED, actor=personas.county_officer,
                 detail="=HYPERLINK(\"http://evil\")")
    audit.record(None, AuditAction.CASE_VIEWED, actor=personas.outsider, detail="柳州的记录")
    nanning_admin = UserFactory(username="nnadmin", office=offices.nanning, roles=[Role.ADMIN])
    client.force_login(nanning_admin)
    url = reverse("admin:cases_auditentry_changelist")
    html = client.get(url).content.decode()
    assert "HYPERLINK" in html and "柳州的记录" not in html
    assert "访问日志" in html
    mine = AuditEntry.objects.get(actor=personas.county_officer)
    exported = client.post(url, {"action": "export_csv", "_selected_action": [mine.pk]})
    body = exported.content.decode("utf-8-sig")
    assert exported.status_code == 200 and "'=HYPERLINK" in body and "周敏" in body
    other = AuditEntry.objects.get(actor=personas.outsider)
    assert client.get(reverse("admin:cases_auditentry_change", args=[other.pk])
                      ).status_code in (302, 404)
    assert client.post(reverse("admin:cases_auditentry_delete", args=[mine.pk])
                       ).status_code == 403
    assert AuditEntry.objects.count() == 3  # the two, and the export of the log itself
    assert AuditEntry.objects.filter(action=AuditAction.LIST_EXPORTED,
                                     actor=nanning_admin).exists()


def test_reading_a_case_through_the_api_or_its_draft_page_is_recorded(client, personas, case):
    """The case's timeline and evidence catalogue through the API, and its draft ruling's
    page, show the case's parties and what they said: each read is recorded as the case
    page is (they were not)."""
    client.force_login(personas.officer)
    urls = [reverse("api-case-timeline", args=[case.pk]),
            reverse("api-case-evidence", args=[case.pk]),
            reverse("ruling-draft", args=[case.pk])]
    for url in urls:
        before = AuditEntry.objects.filter(action=AuditAction.CASE_VIEWED).count()
        assert client.get(url).status_code == 200, url
        entries = AuditEntry.objects.filter(action=AuditAction.CASE_VIEWED)
        assert entries.count() == before + 1, url
        latest = entries.latest("pk")
        assert (latest.actor, latest.object_id) == (personas.officer, str(case.pk))
    client.force_login(personas.outsider)
    before = AuditEntry.objects.count()
    assert client.get(urls[0]).status_code == 404
    assert AuditEntry.objects.count() == before


def test_reading_party_data_through_the_api_or_the_admin_is_recorded(client, personas):
    """Parties carry identifiers, addresses and phones: reading them is in the log, under
    the party's office, with the Chinese label an auditor filters by."""
    from django.utils import translation

    from tests.factories import AgentFactory, PartyFactory

    party = PartyFactory(office=personas.officer.office, natural=True)
    AgentFactory(office=personas.officer.office)
    client.force_login(personas.officer)
    assert client.get(reverse("api-party-detail", args=[party.pk]),
                      REMOTE_ADDR="10.1.2.3").status_code == 200
    e = entry(AuditAction.PARTY_DATA_READ)
    assert (e.actor, e.office, e.object_type, e.object_id, e.ip) == (
        personas.officer, party.office, "party", str(party.pk), "10.1.2.3")
    with translation.override("zh-hans"):
        assert e.get_action_display() == "查阅当事人或代理人信息"

    assert client.get(reverse("api-party-list"), {"q": party.name}).status_code == 200
    assert client.get(reverse("api-agent-list")).status_code == 200
    details = list(AuditEntry.objects.filter(action=AuditAction.PARTY_DATA_READ)
                   .exclude(pk=e.pk).values_list("detail", flat=True))
    assert len(details) == 2
    assert any("parties" in d and "q=" in d and "(1)" in d for d in details)
    assert any("agents" in d and "(1)" in d for d in details)

    client.force_login(personas.admin)
    assert client.get(reverse("admin:cases_party_change", args=[party.pk])).status_code == 200
    e = AuditEntry.objects.filter(action=AuditAction.PARTY_DATA_READ).first()
    assert (e.actor, e.object_id) == (personas.admin, str(party.pk))
    assert e.detail.startswith("admin")
    # An auditor finds them in the access log under the Chinese label.
    assert "查阅当事人或代理人信息" in client.get(
        reverse("admin:cases_auditentry_changelist"),
        {"action__exact": AuditAction.PARTY_DATA_READ}).content.decode()


def test_opening_a_case_in_the_admin_is_recorded(client, personas, case):
    client.force_login(personas.admin)
    assert client.get(reverse("admin:cases_case_change", args=[case.pk])).status_code == 200
    e = entry(AuditAction.CASE_VIEWED)
    assert (e.actor, e.office, e.object_id) == (personas.admin, case.office, str(case.pk))
    assert e.detail.startswith("admin")
    # The list is not a read of any one case.
    client.get(reverse("admin:cases_case_changelist"))
    assert AuditEntry.objects.filter(action=AuditAction.CASE_VIEWED).count() == 1
    # The log names the object's type in words (案件), not the stored model name.
    log = client.get(reverse("admin:cases_auditentry_changelist")).content.decode()
    assert '<td class="field-object_type_label">案件</td>' in log
    assert '<td class="field-object_type_label">case</td>' not in log


def test_party_lookups_of_the_intake_page_and_the_admin_list_are_recorded(client, personas):
    """The intake page's party search lists names with identifiers ten at a time, and the
    admin's party list a hundred: reading them is in the log as the API's list is."""
    from tests.factories import PartyFactory

    party = PartyFactory(office=personas.officer.office, natural=True)
    client.force_login(personas.officer)
    assert client.get(reverse("intake-party-search"),
                      {"q": party.id_number[:6]}).status_code == 200
    e = entry(AuditAction.PARTY_DATA_READ)
    assert (e.actor, e.office) == (personas.officer, personas.officer.office)
    assert party.id_number[:6] in e.detail and "(1)" in e.detail
    # A search that finds nobody read nothing.
    assert client.get(reverse("intake-party-search"), {"q": "无此人"}).status_code == 200
    assert AuditEntry.objects.filter(action=AuditAction.PARTY_DATA_READ).count() == 1

    assert client.get(reverse("intake-party-chip"), {"id": party.pk}).status_code == 200
    e = AuditEntry.objects.filter(action=AuditAction.PARTY_DATA_READ).first()
    assert (e.object_type, e.object_id) == ("party", str(party.pk))

    # Registering a party by an identifier already registered shows who has it.
    assert client.post(reverse("intake-new-party"), {
        "np-kind": party.kind, "np-name": "另一人", "np-id_number": party.id_number,
    }).status_code == 409
    e = AuditEntry.objects.filter(action=AuditAction.PARTY_DATA_READ).first()
    assert e.detail.endswith(str(party.pk))

    client.force_login(personas.admin)
    assert client.get(reverse("admin:cases_party_changelist"),
                      {"q": party.id_number}).status_code == 200
    e = AuditEntry.objects.filter(action=AuditAction.PARTY_DATA_READ).first()
    assert e.actor == personas.admin
    assert "party list" in e.detail and party.id_number in e.detail and "(1)" in e.detail
    assert client.get(reverse("admin:cases_agent_changelist")).status_code == 200
    assert "agent list" in AuditEntry.objects.filter(
        action=AuditAction.PARTY_DATA_READ).first().detail


def test_the_access_log_page_counts_no_more_than_its_cap(client, personas, monkeypatch):
    """Each page of the access log counted every entry (twice: the filtered and the full
    count), so a page view read the whole log, which every page view makes longer."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from cases.admin.audit import CappedCountPaginator

    monkeypatch.setattr(CappedCountPaginator, "CAP", 5)
    for _ in range(8):
        audit.record(None, AuditAction.CASE_VIEWED, actor=personas.officer)
    client.force_login(personas.admin)
    url = reverse("admin:cases_auditentry_changelist")
    with CaptureQueriesContext(connection) as queries:
        html = client.get(url, HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    counts = [q["sql"] for q in queries if "COUNT(" in q["sql"].upper()
              and "cases_auditentry" in q["sql"]]
    assert counts and all("LIMIT 6" in sql for sql in counts), counts
    assert "超过 5 条记录" in html
    few = client.get(url, {"action__exact": AuditAction.LIST_EXPORTED},
                     HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "超过" not in few and "0 访问日志" in few


def test_reading_a_precedent_documents_and_approvals_is_recorded(client, personas, case,
                                                                 offices):
    """A precedent's page and its API, a case's documents and its approval requests through
    the API show what the case page does: each read is in the log with what was read, and a
    list with the number of rows (they were not, decision 66)."""
    from datetime import date

    from django.utils import translation

    from cases.models import ApprovalRequest
    from search.models import Decision

    decision = Decision.objects.create(
        source="office", external_id="t-1", title="某公司与某公司侵害外观设计专利权纠纷案",
        document_number="南知裁字〔2024〕1号", office=personas.officer.office,
        decided_on=date(2024, 6, 1), ip_type="design_patent", outcome="infringement_found")
    client.force_login(personas.legal)
    for url, prefix in [(reverse("precedent-detail", args=[decision.pk]), ""),
                        (reverse("api-precedent-detail", args=[decision.pk]), "API ")]:
        assert client.get(url, REMOTE_ADDR="10.1.2.3").status_code == 200, url
        e = AuditEntry.objects.filter(action=AuditAction.PRECEDENT_VIEWED).first()
        assert (e.actor, e.office, e.object_type, e.object_id, e.ip, e.detail) == (
            personas.legal, decision.office, "decision", str(decision.pk), "10.1.2.3",
            f"{prefix}南知裁字〔2024〕1号")
    assert AuditEntry.objects.filter(action=AuditAction.PRECEDENT_VIEWED).count() == 2

    client.force_login(personas.officer)
    assert client.get(reverse("api-case-documents", args=[case.pk])).status_code == 200
    e = AuditEntry.objects.filter(action=AuditAction.CASE_VIEWED).first()
    assert (e.actor, e.office, e.object_id) == (personas.officer, case.office, str(case.pk))
    n = case.documents.count()
    assert n and e.detail == f"API documents {case.number} ({n})"

    approval = ApprovalRequest.objects.filter(case=case).first()
    assert approval is not None
    assert client.get(reverse("api-approval-list"), {"outcome": "all"}).status_code == 200
    e = entry(AuditAction.APPROVALS_READ)
    rows = ApprovalRequest.objects.count()
    assert (e.actor, e.object_id) == (personas.officer, "")
    assert "outcome=all" in e.detail and e.detail.endswith(f"({rows})")
    assert client.get(reverse("api-approval-detail", args=[approval.pk])).status_code == 200
    e = AuditEntry.objects.filter(action=AuditAction.APPROVALS_READ).first()
    assert (e.actor, e.office, e.object_type, e.object_id) == (
        personas.officer, case.office, "approvalrequest", str(approval.pk))
    with translation.override("zh-hans"):
        assert e.get_action_display() == "查阅审批请求"
        assert AuditEntry.objects.filter(action=AuditAction.PRECEDENT_VIEWED).first(
        ).get_action_display() == "查阅类案"

    # Out of scope (404) reads nothing.
    client.force_login(personas.outsider)
    before = AuditEntry.objects.count()
    for url in [reverse("precedent-detail", args=[decision.pk]),
                reverse("api-precedent-detail", args=[decision.pk]),
                reverse("api-case-documents", args=[case.pk]),
                reverse("api-approval-detail", args=[approval.pk])]:
        assert client.get(url).status_code == 404, url
    assert AuditEntry.objects.count() == before


def test_a_document_through_the_api_and_the_documents_panel_are_recorded(
        client, personas, case, time_machine, django_capture_on_commit_callbacks):
    """One document through the API and the case page's documents panel read the case's
    documents (parties served, names): each is recorded, the panel once while it polls
    (decision 71)."""
    client.force_login(personas.officer)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("document-generate", args=[case.pk]), {"kind": "ruling"},
                    HTTP_HX_REQUEST="true")
    doc = case.documents.get(kind="ruling")
    AuditEntry.objects.all()._raw_delete(AuditEntry.objects.db)
    assert client.get(reverse("api-document-detail", args=[doc.pk])).status_code == 200
    e = entry(AuditAction.CASE_VIEWED)
    assert (e.actor, e.office, e.object_type, e.object_id) == (
        personas.officer, case.office, "document", str(doc.pk))
    assert e.detail.startswith(f"API document {case.number}")

    panel = reverse("case-documents", args=[case.pk])
    for _ in range(3):  # htmx polls every 2 s while a document renders
        assert client.get(panel, HTTP_HX_REQUEST="true").status_code == 200
    reads = AuditEntry.objects.filter(action=AuditAction.CASE_VIEWED, object_type="case")
    assert list(reads.values_list("actor", "object_id", "detail")) == [
        (personas.officer.pk, str(case.pk), f"documents {case.number}")]
    time_machine.shift(11 * 60)
    client.get(panel, HTTP_HX_REQUEST="true")
    assert reads.count() == 2
    # Another reader is another read.
    client.force_login(personas.officer2)
    client.get(panel, HTTP_HX_REQUEST="true")
    assert reads.filter(actor=personas.officer2).count() == 1

    client.force_login(personas.outsider)
    before = AuditEntry.objects.count()
    assert client.get(reverse("api-document-detail", args=[doc.pk])).status_code == 404
    assert client.get(panel).status_code == 404
    assert AuditEntry.objects.count() == before


def test_the_approvals_pages_are_recorded(client, personas, case):
    """The approvals queue page, the head's workbench and the page to return a request
    show what was submitted for approval, as the API does (decision 71)."""
    from cases.models import ApprovalRequest

    approval = ApprovalRequest.objects.filter(case=case).first()
    ApprovalRequest.objects.filter(pk=approval.pk).update(outcome="pending")
    client.force_login(personas.head)
    assert client.get(reverse("approval-queue")).status_code == 200
    e = entry(AuditAction.APPROVALS_READ)
    assert (e.actor, e.office, e.object_id) == (personas.head, personas.head.office, "")
    assert e.detail.startswith("queue") and e.detail.endswith("(1)")
    assert client.get(reverse("home")).status_code == 200
    assert AuditEntry.objects.filter(action=AuditAction.APPROVALS_READ).first(
    ).detail == "workbench (1)"
    assert client.get(reverse("approval-return", args=[approval.pk])).status_code == 200
    e = AuditEntry.objects.filter(action=AuditAction.APPROVALS_READ).first()
    assert (e.object_type, e.object_id, e.office) == (
        "approvalrequest", str(approval.pk), case.office)
    # Nothing waiting: nothing read.
    ApprovalRequest.objects.filter(pk=approval.pk).update(outcome="returned")
    before = AuditEntry.objects.count()
    client.get(reverse("approval-queue"))
    client.get(reverse("home"))
    assert AuditEntry.objects.count() == before


def test_the_admins_decision_search_matches_only_what_it_shows(client, personas):
    """The admin's decision list shows titles masked, but searched them (and holdings)
    unmasked: a party's phone or ID number typed found its decision (decision 71)."""
    from datetime import date

    from search.models import Decision

    decision = Decision.objects.create(
        source="office", external_id="t-2", office=personas.officer.office,
        title="张三（电话13812345678）诉某公司侵害外观设计专利权纠纷案",
        document_number="南知裁字〔2024〕2号", decided_on=date(2024, 6, 1),
        ip_type="design_patent", outcome="infringement_found",
        holding="被请求人张三，身份证号450102199001011234，住南宁市青秀区民族大道100号。")
    plain = Decision.objects.create(
        source="office", external_id="t-3", office=personas.officer.office,
        title="某公司诉某商行侵害实用新型专利权纠纷案", document_number="",
        decided_on=date(2024, 7, 1), ip_type="utility_model", outcome="infringement_found")
    url = reverse("admin:search_decision_changelist")
    client.force_login(personas.legal)

    def found(q):
        response = client.get(url, {"q": q})
        assert response.status_code == 200
        return {d.pk for d in response.context["cl"].result_list}

    for personal in ["13812345678", "12345678", "450102199001011234", "民族大道"]:
        assert found(personal) == set(), personal
    assert found("张三 外观设计") == {decision.pk}
    assert found("〔2024〕2号") == {decision.pk}
    assert found("纠纷案") == {decision.pk, plain.pk}
    assert found("实用新型") == {plain.pk}

    assert client.get(reverse("admin:search_decision_change", args=[decision.pk])
                      ).status_code == 200
    e = entry(AuditAction.PRECEDENT_VIEWED)
    assert (e.actor, e.object_id, e.detail) == (personas.legal, str(decision.pk),
                                                "admin 南知裁字〔2024〕2号")


def test_the_admins_decision_list_is_not_ordered_by_the_hidden_title(client, personas):
    """The list shows titles masked, but its title column sorted by the stored title: the
    order of the rows gave away the names and numbers the masking hides (张 before 李,
    the phone 138… before 139…). The column sorts by nothing hidden."""
    from datetime import date

    from search.models import Decision

    office = personas.officer.office
    # The same masked title; only the hidden phone numbers tell them apart, and the
    # dates run the other way from the phones.
    ids = [Decision.objects.create(
        source="office", external_id=f"order-{n}", office=office,
        title=f"某某（电话{phone}）诉某公司侵害外观设计专利权纠纷案", document_number="",
        decided_on=date(2024, 1, day), ip_type="design_patent",
        outcome="infringement_found").pk
        for n, (phone, day) in enumerate([("13912345678", 1), ("13712345678", 2),
                                          ("13812345678", 3)])]
    url = reverse("admin:search_decision_changelist")
    client.force_login(personas.legal)

    def order(**params):
        response = client.get(url, params)
        assert response.status_code == 200
        html = response.content.decode()
        assert "12345678" not in html
        return [d.pk for d in response.context["cl"].result_list]

    newest_first = [ids[2], ids[1], ids[0]]
    assert order() == newest_first
    # The title column (list_display position 1) is not a sort key, either way.
    assert order(o="1") == newest_first and order(o="-1") == newest_first
    header = client.get(url).content.decode()
    assert 'class="column-masked_title"' in header
    assert "sortable column-masked_title" not in header
    # The kind of right by its name, in the column and the filter (it read "design_patent").
    page = client.get(url, {"ip_type": "design_patent"})
    html = page.content.decode()
    assert "design_patent</td>" not in html and ">外观设计专利</td>" in html
    assert len(page.context["cl"].result_list) == 3


def test_documents_in_the_admin_are_scoped_and_their_reads_recorded(
        client, personas, case, django_capture_on_commit_callbacks):
    from django.contrib.auth.models import Permission

    client.force_login(personas.officer)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("document-generate", args=[case.pk]), {"kind": "ruling"},
                    HTTP_HX_REQUEST="true")
    doc = case.documents.get(kind="ruling")
    outsider = personas.outsider
    outsider.is_staff = True
    outsider.save()
    outsider.user_permissions.add(Permission.objects.get(codename="view_document"))
    client.force_login(outsider)
    listing = client.get(reverse("admin:documents_document_changelist"))
    assert listing.status_code == 200 and not listing.context["cl"].result_list
    before = AuditEntry.objects.count()
    assert client.get(reverse("admin:documents_document_change", args=[doc.pk])
                      ).status_code == 302  # "does not exist", as for any id
    assert AuditEntry.objects.count() == before

    superuser = UserFactory(username="root", is_superuser=True, is_staff=True)
    client.force_login(superuser)
    assert client.get(reverse("admin:documents_document_change", args=[doc.pk])
                      ).status_code == 200
    e = AuditEntry.objects.filter(action=AuditAction.CASE_VIEWED).first()
    assert (e.actor, e.office, e.object_type, e.object_id) == (
        superuser, case.office, "document", str(doc.pk))


def test_searching_the_case_list_and_similar_precedents_is_recorded(client, personas, case):
    """A search of the case list by a party's name finds the cases that person is party
    to, page or API; a case's similar precedents through the API are a precedent search
    (decision 71). Browsing the list without a search is not a lookup and is not logged."""
    client.force_login(personas.officer)
    assert client.get(reverse("case-list")).status_code == 200
    assert client.get(reverse("api-case-list")).status_code == 200
    assert not AuditEntry.objects.filter(action=AuditAction.CASES_SEARCHED).exists()
    party = case.case_parties.select_related("party").first().party
    assert client.get(reverse("case-list"), {"q": party.name}).status_code == 200
    e = entry(AuditAction.CASES_SEARCHED)
    assert (e.actor, e.office) == (personas.officer, personas.officer.office)
    assert e.detail == f"?q={party.name} (1)"
    assert client.get(reverse("api-case-list"), {"q": party.name}).status_code == 200
    e = AuditEntry.objects.filter(action=AuditAction.CASES_SEARCHED).first()
    assert e.detail.startswith("API ?q=") and e.detail.endswith("(1)")
    from django.utils import translation
    with translation.override("zh-hans"):
        assert e.get_action_display() == "查询案件"

    assert client.get(reverse("api-case-similar", args=[case.pk])).status_code == 200
    e = entry(AuditAction.PRECEDENTS_SEARCHED)
    assert (e.actor, e.office) == (personas.officer, personas.officer.office)
    assert e.detail.startswith(f"API similar {case.number}")


def test_searching_cases_and_their_timelines_in_the_admin_is_recorded(client, personas, case):
    """The admin's case list is searched by a party's name and its timeline events by
    their reasons: a search is recorded as the case list page's is; the lists without a
    search are not (decision 71)."""
    party = case.case_parties.select_related("party").first().party
    client.force_login(personas.admin)
    assert client.get(reverse("admin:cases_case_changelist")).status_code == 200
    assert client.get(reverse("admin:cases_caseevent_changelist")).status_code == 200
    assert not AuditEntry.objects.filter(action=AuditAction.CASES_SEARCHED).exists()
    assert client.get(reverse("admin:cases_case_changelist"), {"q": party.name}
                      ).status_code == 200
    e = entry(AuditAction.CASES_SEARCHED)
    assert e.actor == personas.admin and e.detail.startswith("admin case list ?q=")
    assert e.detail.endswith("(1)")
    assert client.get(reverse("admin:cases_caseevent_changelist"), {"q": case.number}
                      ).status_code == 200
    e = AuditEntry.objects.filter(action=AuditAction.CASES_SEARCHED).first()
    assert e.detail.startswith("admin caseevent list ?q=")


def test_an_admin_page_refused_is_no_read(client, personas, case):
    # A page the admin refused (403: no permission to view such records) was logged as the
    # case read all the same.
    clerk = UserFactory(username="clerk", office=personas.admin.office, roles=[])
    clerk.is_staff = True
    clerk.save(update_fields=["is_staff"])
    client.force_login(clerk)
    assert client.get(reverse("admin:cases_case_change", args=[case.pk])).status_code == 403
    assert not AuditEntry.objects.filter(action=AuditAction.CASE_VIEWED, actor=clerk).exists()
