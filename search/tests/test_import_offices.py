"""An import matches precedents of the importer's own office only (issue 9, item 4): another
office's external id is refused with its line number, a deleted precedent is not brought
back, and who imported or changed each precedent is recorded."""

from __future__ import annotations

import io
import zipfile
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from cases.models import AuditAction, AuditEntry
from search import services
from search.models import Decision

pytestmark = pytest.mark.django_db

HEADER = "file,external_id,title,decided_on,ip_type,acts,outcome,is_public\n"


def liuzhou_decision(offices, **kw):
    fields = {"title": "柳州某厂侵害外观设计专利权纠纷案", "office": offices.liuzhou,
              "decided_on": date(2024, 6, 1), "ip_type": "design_patent",
              "infringing_acts": ["sell"], "outcome": "infringement_found",
              "full_text": "柳州的内部决定原文。"}
    fields.update(kw)
    return services.save_decision(source="office", external_id="LZ-1", **fields)


def upload(client, rows: str):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("a.txt", "南宁改写的文本。")
    return client.post("/admin/search/decision/import/", {
        "metadata": SimpleUploadedFile("m.csv", (HEADER + rows).encode()),
        "documents": SimpleUploadedFile("d.zip", buf.getvalue()), "source": "office"},
        follow=True)


def test_another_offices_external_id_is_refused_with_its_line(client, personas, offices):
    theirs = liuzhou_decision(offices)
    client.force_login(personas.legal)
    html = upload(client, "a.txt,N-1,南宁案,2024-01-01,design_patent,sell,dismissed,0\n"
                          "a.txt,LZ-1,改写,2024-01-01,design_patent,sell,dismissed,1\n"
                  ).content.decode()
    theirs.refresh_from_db()
    assert theirs.office == offices.liuzhou and theirs.title.startswith("柳州")
    assert theirs.full_text == "柳州的内部决定原文。" and not theirs.is_public
    assert "第3行未导入" in html
    assert "LZ-1" in html
    assert Decision.objects.get(external_id="N-1").office == offices.nanning


def test_a_deleted_precedent_is_not_revived_by_an_import(client, personas, offices):
    ours = services.save_decision(source="office", external_id="NN-9", title="旧案",
                                  office=offices.nanning, decided_on=date(2024, 1, 1),
                                  ip_type="design_patent", outcome="dismissed",
                                  full_text="原文。")
    services.delete_decision(decision=ours, actor=personas.legal)
    client.force_login(personas.legal)
    html = upload(client, "a.txt,NN-9,新案,2024-01-01,design_patent,sell,dismissed,0\n"
                  ).content.decode()
    ours.refresh_from_db()
    assert ours.is_deleted and ours.title == "旧案"
    assert "NN-9" in html


def test_who_imported_and_who_changed_a_precedent_is_recorded(client, personas, offices):
    client.force_login(personas.legal)
    upload(client, "a.txt,N-2,南宁案,2024-01-01,design_patent,sell,dismissed,0\n")
    upload(client, "a.txt,N-2,南宁案（更正）,2024-01-01,design_patent,sell,dismissed,0\n")
    decision = Decision.objects.get(external_id="N-2")
    services.set_public(decision=decision, actor=personas.legal, public=True)
    entries = AuditEntry.objects.filter(object_type="decision", object_id=str(decision.pk))
    assert [e.action for e in entries.order_by("id")] == [
        AuditAction.PRECEDENT_IMPORTED, AuditAction.PRECEDENT_CHANGED,
        AuditAction.PRECEDENT_CHANGED]
    assert {e.actor for e in entries} == {personas.legal}
    assert {e.office for e in entries} == {offices.nanning}
    page = client.get(f"/admin/search/decision/{decision.pk}/change/").content.decode()
    assert page.count("刘洋") >= 3 and "导入类案" in page and "修改类案" in page
    # Coded fields as people read them, not the codes.
    assert ">外观设计专利</div>" in page and ">销售</div>" in page
    assert "design_patent" not in page and '["sell"]' not in page
