"""Issue 15 item 10: causes of action follow the IP type; a party already registered is
used with one click rather than registered twice; a refused intake keeps its evidence
files (staged for their owner, purged after a day) and lists its errors at the top; the
region is a GB/T 2260 code from the vendored table; a ruling request takes no amount."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from django_celery_beat.models import PeriodicTask
from rest_framework.test import APIClient

from cases.causes import CAUSES, causes_for
from cases.management.commands.setup_schedule import sync_periodic_tasks
from cases.models import Case, Evidence, Party, StagedUpload
from cases.services.staging import purge_staged, stage
from cases.tasks import purge_staged_uploads
from tests.factories import LegalPersonFactory, PatentFactory
from tests.test_views_intake import PDF, form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(personas, calendar_2026, deadline_rules, time_machine, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    time_machine.move_to("2026-03-02 09:00 +08:00", tick=False)
    office = personas.officer.office
    requester = LegalPersonFactory(office=office, name="南宁甲科技有限公司", region_code="450103",
                                   id_number="91450100MA5KBQ1X7Q")
    respondent = LegalPersonFactory(office=office, name="南宁乙电子有限公司",
                                    region_code="450107")
    right = PatentFactory(office=office, holder=requester)
    return requester, respondent, right


def test_the_causes_follow_the_ip_type(client, personas, setup):
    assert "侵害发明专利权纠纷" in causes_for("invention_patent")
    assert "侵害商标权纠纷" in causes_for("trademark")
    assert "侵害发明专利权纠纷" not in causes_for("trademark")
    client.force_login(personas.officer)
    page = client.get(reverse("intake")).content.decode()
    assert "data-causes" in page and "侵害著作权纠纷" in page
    bad = client.post(reverse("intake"), form_data(*setup, ip_type="trademark"))
    assert bad.status_code == 400
    html = bad.content.decode()
    assert "侵害商标权纠纷" in html and 'id="intake-errors"' in html
    # The patent chosen is an invention patent, not a utility model.
    bad = client.post(reverse("intake"), form_data(*setup, ip_type="utility_model",
                                                   title="侵害实用新型专利权纠纷"))
    assert bad.status_code == 400 and not Case.objects.exists()
    ok = client.post(reverse("intake"), form_data(*setup, ip_type="invention_patent"))
    assert ok.status_code == 302


def test_every_cause_is_a_known_ip_type():
    from cases.models.rights import RightKind

    assert set(CAUSES) == set(RightKind.values)
    assert all(c.endswith("纠纷") for causes in CAUSES.values() for c in causes)


def test_a_refused_intake_keeps_its_files_for_its_owner(client, personas, setup):
    client.force_login(personas.officer)
    upload = SimpleUploadedFile("专利证书.pdf", PDF, content_type="application/pdf")
    data = form_data(*setup, evidence=[upload])
    del data["respondents"]
    refused = client.post(reverse("intake"), data)
    assert refused.status_code == 400
    staged = StagedUpload.objects.get()
    html = refused.content.decode()
    assert staged.owner == personas.officer and "专利证书.pdf" in html
    assert f'name="staged" value="{staged.pk}"' in html and 'id="intake-errors"' in html
    # Someone else cannot use it.
    client.force_login(personas.officer2)
    other = client.post(reverse("intake"), {**data, "staged": [staged.pk]})
    assert other.status_code == 400 and "专利证书.pdf" not in other.content.decode()
    # Sent again by its owner: attached to the case, and no longer staged.
    client.force_login(personas.officer)
    again = client.post(reverse("intake"), form_data(*setup, staged=[staged.pk]))
    assert again.status_code == 302, again.content.decode()[:3000]
    case = Case.objects.get()
    evidence = Evidence.objects.get(case=case)
    assert evidence.original_name == "专利证书.pdf" and evidence.size == len(PDF)
    assert not StagedUpload.objects.exists()


def test_a_bad_file_is_not_staged(client, personas, setup):
    client.force_login(personas.officer)
    bad = SimpleUploadedFile("a.pdf", b"MZ not a pdf", content_type="application/pdf")
    response = client.post(reverse("intake"), form_data(*setup, evidence=[bad]))
    assert response.status_code == 400 and not StagedUpload.objects.exists()


def test_staged_files_are_purged_after_a_day(personas, setup, time_machine):
    item = stage(personas.officer, [(SimpleUploadedFile("x.pdf", PDF), "application/pdf")])[0]
    path = Path(item.file.path)
    assert path.exists()
    assert purge_staged() == 0
    assert purge_staged(timezone.now() + timedelta(days=1, minutes=1)) == 1
    assert not StagedUpload.objects.exists() and not path.exists()


def test_staged_files_are_purged_on_a_schedule_without_another_intake(
        personas, setup, time_machine):
    """The beat schedule runs the purge hourly: a refused form's files do not wait for the
    next intake POST (which may never come)."""
    sync_periodic_tasks()
    task = PeriodicTask.objects.get(task="cases.tasks.purge_staged_uploads")
    assert task.enabled and task.crontab.minute == "30" and task.crontab.hour == "*"
    item = stage(personas.officer, [(SimpleUploadedFile("x.pdf", PDF), "application/pdf")])[0]
    path = Path(item.file.path)
    assert purge_staged_uploads.apply().get() == 0 and path.exists()
    time_machine.move_to(timezone.now() + timedelta(days=1, minutes=1))
    assert purge_staged_uploads.apply().get() == 1
    assert not StagedUpload.objects.exists() and not path.exists()


def test_a_registered_party_is_offered_instead_of_a_duplicate(client, personas, setup):
    requester, _respondent, _right = setup
    client.force_login(personas.officer)
    url = reverse("intake-new-party") + "?side=respondents"
    same_name = client.post(url, {"np-kind": "legal", "np-name": "南宁甲科技有限公司"})
    assert same_name.status_code == 409
    html = same_name.content.decode()
    assert 'id="party-already-registered"' in html and f'data-use-party="{requester.pk}"' in html
    assert Party.objects.filter(name="南宁甲科技有限公司").count() == 1
    # The same credit code under another name: the registered one only.
    same_id = client.post(url, {"np-kind": "legal", "np-name": "另一个名字有限公司",
                                "np-id_number": requester.id_number,
                                "np-register_anyway": "1"})
    assert same_id.status_code == 409 and "np-register-anyway" not in same_id.content.decode()
    # Same name, confirmed as a different party: registered.
    anyway = client.post(url, {"np-kind": "legal", "np-name": "南宁甲科技有限公司",
                               "np-register_anyway": "1"})
    assert anyway.status_code == 200
    assert Party.objects.filter(name="南宁甲科技有限公司").count() == 2


def test_the_region_table_is_vendored():
    data = json.loads((Path(settings.BASE_DIR) / "static" / "ipcases" / "regions.json")
                      .read_text(encoding="utf-8"))
    provinces = {p[0]: p for p in data["regions"]}
    guangxi = provinces["450000"]
    nanning = next(c for c in guangxi[2] if c[0] == "450100")
    assert nanning[1] == "南宁市" and ["450103", "青秀区"] in nanning[2]
    assert len(provinces) >= 31


def test_a_ruling_request_takes_no_amount(client, personas, setup, offices):
    requester, respondent, right = setup
    api = APIClient()
    api.force_authenticate(personas.officer)
    body = {"title": "侵害发明专利权纠纷", "received_on": "2026-03-02",
            "requesters": [{"party": requester.pk}], "respondents": [{"party": respondent.pk}],
            "rights": [right.pk], "amount_claimed": "50000"}
    answer = api.post("/api/v1/cases/", body, format="json")
    assert answer.status_code == 400 and "amount_claimed" in answer.json()
    client.force_login(personas.officer)
    assert "amount_claimed" not in client.get(reverse("intake")).content.decode()
