from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from docx import Document as Docx

from search.models import Decision, SearchOutbox

pytestmark = pytest.mark.django_db

HEADER = ("file,external_id,title,document_number,decided_on,ip_type,acts,platform,"
          "outcome,damages_awarded,is_public\n")


def write_docx(path, text):
    doc = Docx()
    doc.add_paragraph(text)
    doc.save(path)


def test_import_reports_rejected_rows_and_updates_in_place(tmp_path, offices, capsys):
    write_docx(tmp_path / "a.docx", "被请求人在拼多多销售外观设计专利产品，构成侵权。")
    (tmp_path / "b.txt").write_text("合法来源抗辩成立，驳回请求。", encoding="utf-8")
    (tmp_path / "broken.docx").write_bytes(b"not a zip")
    meta = tmp_path / "meta.csv"
    meta.write_text(HEADER
                    + "a.docx,A1,外观设计案,桂知裁字〔2024〕1号,2024-05-01,design_patent,sell,"
                      "拼多多,infringement_found,50000,1\n"
                    + "b.txt,B1,合法来源案,,2023-01-02,utility_model,sell;offer,,dismissed,,0\n"
                    + "missing.txt,C1,缺文件,,2023-01-02,utility_model,sell,,dismissed,,0\n"
                    + "b.txt,D1,日期错,,2023-13-02,utility_model,sell,,dismissed,,0\n"
                    + "b.txt,E1,行为错,,2023-01-02,utility_model,steal,,dismissed,,0\n"
                    + "broken.docx,F1,坏文件,,2023-01-02,utility_model,sell,,dismissed,,0\n",
                    encoding="utf-8")
    call_command("import_precedents", str(tmp_path), "--metadata", str(meta),
                 "--office", "450100")
    captured = capsys.readouterr()
    assert "created 2, updated 0, rejected 4" in captured.out
    for line, word in ((4, "missing.txt"), (5, "decided_on"), (6, "steal"), (7, "broken")):
        assert f"line {line}: rejected" in captured.err and word in captured.err
    a = Decision.objects.get(external_id="A1")
    assert a.is_public and a.office == offices.nanning and "拼多多" in a.full_text
    assert SearchOutbox.objects.count() == 2  # one per imported row, none for rejected
    # Re-import updates in place.
    meta.write_text(HEADER + "a.docx,A1,外观设计案（更正）,,2024-05-01,design_patent,sell,"
                             "拼多多,infringement_found,60000,1\n", encoding="utf-8")
    call_command("import_precedents", str(tmp_path), "--metadata", str(meta),
                 "--office", "450100")
    assert "created 0, updated 1, rejected 0" in capsys.readouterr().out
    assert Decision.objects.count() == 2
    assert Decision.objects.get(external_id="A1").title == "外观设计案（更正）"


def test_json_metadata_and_path_escape(tmp_path, offices, capsys):
    (tmp_path / "x.txt").write_text("现有技术抗辩成立。", encoding="utf-8")
    meta = tmp_path / "meta.json"
    meta.write_text('[{"file": "x.txt", "external_id": "X", "title": "t", '
                    '"decided_on": "2022-02-02", "ip_type": "invention_patent", '
                    '"outcome": "dismissed"}, {"file": "../etc/passwd", "external_id": "Y", '
                    '"title": "t", "decided_on": "2022-02-02", "ip_type": "invention_patent", '
                    '"outcome": "dismissed"}]', encoding="utf-8")
    call_command("import_precedents", str(tmp_path), "--metadata", str(meta),
                 "--office", "450100", "--source", "court")
    out = capsys.readouterr()
    assert "created 1, updated 0, rejected 1" in out.out and "line 2" in out.err
    assert Decision.objects.get(external_id="X").source == "court"


def test_read_metadata_rejects_non_list_json():
    from django.core.exceptions import ValidationError

    from search.importing import read_metadata

    with pytest.raises(ValidationError):
        read_metadata("m.json", b'{"a": 1}')
    assert read_metadata("m.csv", io.BytesIO("\ufefffile,title\na,b\n".encode()).read()) == [
        (2, {"file": "a", "title": "b"})]


def test_admin_import_upload(client, personas, offices):
    import zipfile as zf

    from django.core.files.uploadedfile import SimpleUploadedFile

    buf = io.BytesIO()
    with zf.ZipFile(buf, "w") as z:
        z.writestr("a.txt", "被请求人销售侵权产品。")
    meta = (HEADER + "a.txt,Z1,案,,2024-01-01,design_patent,sell,,infringement_found,,0\n"
            + "b.txt,Z2,案,,2024-01-01,design_patent,sell,,infringement_found,,0\n")
    client.force_login(personas.legal)
    resp = client.post("/admin/search/decision/import/", {
        "metadata": SimpleUploadedFile("m.csv", meta.encode()),
        "documents": SimpleUploadedFile("d.zip", buf.getvalue()), "source": "office"},
        follow=True)
    assert resp.status_code == 200
    assert Decision.objects.get(external_id="Z1").office == offices.nanning
    assert not Decision.objects.filter(external_id="Z2").exists()
    client.force_login(personas.officer)
    assert client.get("/admin/search/decision/import/").status_code == 403
