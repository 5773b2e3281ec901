"""New request page: choosing parties and patents, inline creation with the validators'
messages, checks before saving, evidence checked by content and downloaded by permission."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cases.models import Case, Evidence, Party
from tests.factories import LegalPersonFactory, PatentFactory
from tests.ruling_driver import RulingDriver

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n"


@pytest.fixture
def setup(personas, calendar_2026, deadline_rules, time_machine, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    time_machine.move_to("2026-03-02 09:00 +08:00", tick=False)
    office = personas.officer.office
    requester = LegalPersonFactory(office=office, name="南宁甲科技有限公司", region_code="450103")
    respondent = LegalPersonFactory(office=office, name="南宁乙电子有限公司", region_code="450107")
    right = PatentFactory(office=office, holder=requester)
    return requester, respondent, right


def form_data(requester, respondent, right, **extra):
    data = {"title": "侵害发明专利权纠纷", "received_on": "2026-03-02",
            "requesters": [requester.pk], "respondents": [respondent.pk], "rights": [right.pk],
            "accused_products": "电动车控制器", "infringing_acts": ["make", "sell"],
            "sales_channel": "offline", "infringement_place": "南宁市青秀区",
            "infringement_region_code": "450103", "requester_claims": "停止侵权",
            "facts": "被请求人制造销售侵权产品"}
    data.update(extra)
    return data


def test_an_officer_registers_a_request_with_evidence(client, personas, setup):
    requester, respondent, right = setup
    client.force_login(personas.officer)
    assert client.get(reverse("intake")).status_code == 200
    upload = SimpleUploadedFile("请求书.pdf", PDF, content_type="application/pdf")
    response = client.post(reverse("intake"), form_data(*setup, evidence=[upload]))
    assert response.status_code == 302, response.content.decode()[:2000]
    case = Case.objects.get()
    assert response.url == reverse("case-detail", args=[case.pk])
    evidence = Evidence.objects.get(case=case)
    assert evidence.content_type == "application/pdf"
    page = client.get(response.url).content.decode()
    assert "南宁市青秀区（450103）" in page  # full-width, as Chinese text is punctuated
    download = client.get(reverse("evidence-download", args=[case.pk, evidence.pk]))
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF
    client.logout()
    client.force_login(personas.outsider)
    assert client.get(reverse("evidence-download", args=[case.pk, evidence.pk])) \
        .status_code == 404


def test_a_file_is_judged_by_its_content_not_its_name(client, personas, setup):
    client.force_login(personas.officer)
    fake = SimpleUploadedFile("证据.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    response = client.post(reverse("intake"), form_data(*setup, evidence=[fake]))
    assert response.status_code == 400
    assert "证据.pdf" in response.content.decode()
    assert not Case.objects.exists()


def test_oversized_evidence_is_refused(client, personas, setup, monkeypatch):
    monkeypatch.setattr("cases.ruling.intake_forms.MAX_EVIDENCE_BYTES", 10)
    client.force_login(personas.officer)
    big = SimpleUploadedFile("大.pdf", PDF, content_type="application/pdf")
    response = client.post(reverse("intake"), form_data(*setup, evidence=[big]))
    assert response.status_code == 400 and not Case.objects.exists()


def test_missing_parties_are_reported_at_the_field(client, personas, setup):
    client.force_login(personas.officer)
    data = form_data(*setup)
    data.pop("respondents")
    response = client.post(reverse("intake"), data)
    assert response.status_code == 400
    assert "被请求人" in response.content.decode() or "respondent" in response.content.decode()


def test_checks_before_saving_show_jurisdiction_and_duplicate(client, personas, setup):
    requester, respondent, right = setup
    client.force_login(personas.officer)
    url = reverse("intake-checks")
    data = {"requesters": [requester.pk], "respondents": [respondent.pk], "rights": [right.pk],
            "infringement_region_code": "450103"}
    html = client.post(url, data).content.decode()
    assert 'data-check="jurisdiction"' in html and "check-ok" in html
    assert "check-bad" not in html
    existing = RulingDriver(personas).file(requester=requester, respondent=respondent,
                                           right=right)
    html = client.post(url, data).content.decode()
    assert existing.number in html and 'data-check="duplicate"' in html


def test_outside_jurisdiction_is_flagged(client, personas, setup, offices):
    far = LegalPersonFactory(office=offices.nanning, region_code="450203")
    client.force_login(personas.officer)
    html = client.post(reverse("intake-checks"), {
        "respondents": [far.pk], "infringement_region_code": "450203"}).content.decode()
    assert "check-bad" in html


def test_a_new_party_with_a_bad_credit_code_shows_the_validator_message(client, personas,
                                                                          setup):
    client.force_login(personas.officer)
    response = client.post(reverse("intake-new-party") + "?side=respondents", {
        "np-kind": "legal", "np-name": "广西丙公司", "np-id_number": "91450100000000000X"})
    assert response.status_code == 400
    assert response["HX-Retarget"] == "#new-party-box"
    assert "is-invalid" in response.content.decode()
    assert not Party.objects.filter(name="广西丙公司").exists()


def test_a_new_party_is_created_and_chosen(client, personas, setup):
    client.force_login(personas.officer)
    response = client.post(reverse("intake-new-party") + "?side=respondents", {
        "np-kind": "natural", "np-name": "韦某"})
    assert response.status_code == 200
    party = Party.objects.get(name="韦某")
    assert f'name="respondents" value="{party.pk}"' in response.content.decode()


def test_party_search_is_scoped(client, personas, setup, offices):
    LegalPersonFactory(office=offices.liuzhou, name="柳州某公司")
    client.force_login(personas.officer)
    html = client.get(reverse("intake-party-search"), {"q": "公司", "side": "requesters"}) \
        .content.decode()
    assert "南宁甲科技有限公司" in html and "柳州某公司" not in html


def test_legal_staff_cannot_register_requests(client, personas, setup):
    client.force_login(personas.legal)
    assert client.get(reverse("intake")).status_code == 403


@pytest.mark.parametrize("field", ["requesters", "respondents", "rights"])
def test_an_id_no_record_can_have_is_an_unknown_choice_not_a_500(client, personas, setup,
                                                                 field):
    """A tampered form naming a party or right by a number beyond any key: the
    database's IN failed on it (a 500); now the field says the choice is not
    available, and nothing is filed."""
    client.force_login(personas.officer)
    response = client.post(reverse("intake"),
                           form_data(*setup, **{field: ["99999999999999999999"]}))
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert not Case.objects.exists()


@pytest.mark.parametrize("value", ["99999999999999999999999", "9223372036854775808", "²",
                                   "١٢", "-1", "abc"])
@pytest.mark.parametrize("field", ["requesters", "respondents", "rights"])
def test_the_checks_ignore_an_id_no_record_can_have(client, personas, setup, field, value):
    """A number beyond a 64-bit key was an OverflowError in the database's IN, and "²"
    passes str.isdigit() but not int(): both were a 500. Ignored like any bad id, the
    other ids still checked."""
    requester, respondent, right = setup
    client.force_login(personas.officer)
    data = {"requesters": [requester.pk], "respondents": [respondent.pk],
            "rights": [right.pk], "infringement_region_code": "450103"}
    data[field] = [value, *data[field]]
    response = client.post(reverse("intake-checks"), data)
    assert response.status_code == 200
    assert 'data-check="jurisdiction"' in response.content.decode()


@pytest.mark.parametrize("field", ["requesters", "respondents", "rights"])
def test_a_digit_that_is_no_ascii_digit_is_an_unknown_choice_not_a_500(client, personas,
                                                                       setup, field):
    client.force_login(personas.officer)
    response = client.post(reverse("intake"), form_data(*setup, **{field: ["²"]}))
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert not Case.objects.exists()


def test_a_requester_who_is_not_the_holder_is_warned_not_refused(client, personas, setup):
    requester, respondent, _own = setup
    theirs = PatentFactory(office=requester.office, holder=LegalPersonFactory(
        office=requester.office, name="深圳丙专利有限公司"))
    client.force_login(personas.officer)
    data = {"requesters": [requester.pk], "respondents": [respondent.pk],
            "rights": [theirs.pk], "infringement_region_code": "450103"}
    html = client.post(reverse("intake-checks"), data,
                       HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert 'data-check="standing"' in html and "check-warn" in html
    assert "深圳丙专利有限公司" in html and "被许可人" in html
    data["rights"] = [_own.pk]
    html = client.post(reverse("intake-checks"), data).content.decode()
    assert 'data-check="standing"' not in html
