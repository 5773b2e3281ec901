from __future__ import annotations

import io
from datetime import date, datetime

import pytest
from django.core.management import CommandError, call_command
from docx import Document as Docx

from search.backends.base import SearchQuery
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
    assert "新增 2 件，更新 0 件，未导入 4 件" in captured.out
    for line, word in ((4, "missing.txt"), (5, "decided_on"), (6, "steal"), (7, "broken")):
        assert f"第 {line} 行：未导入" in captured.err and word in captured.err
    a = Decision.objects.get(external_id="A1")
    assert a.is_public and a.office == offices.nanning and "拼多多" in a.full_text
    assert SearchOutbox.objects.count() == 2  # one per imported row, none for rejected
    # Re-import updates in place.
    meta.write_text(HEADER + "a.docx,A1,外观设计案（更正）,,2024-05-01,design_patent,sell,"
                             "拼多多,infringement_found,60000,1\n", encoding="utf-8")
    call_command("import_precedents", str(tmp_path), "--metadata", str(meta),
                 "--office", "450100")
    assert "新增 0 件，更新 1 件，未导入 0 件" in capsys.readouterr().out
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
    assert "新增 1 件，更新 0 件，未导入 1 件" in out.out and "第 2 行" in out.err
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
    html = resp.content.decode()
    # The per-row report is on the page, with the rejected row's reason, and the page
    # says whether the rows are searchable yet.
    assert "Z1" in html and "Z2" in html and "b.txt" in html
    assert "导入的决定现在已可检索" in html  # indexed by the import itself
    client.force_login(personas.officer)
    assert client.get("/admin/search/decision/import/").status_code == 403


GBK_HEADER = ("文件,编号,标题,案号,决定日期,权利类型,侵权行为,平台,处理结果,判赔金额,"
              "是否公开,地区代码\n")


def test_office_files_gbk_chinese_labels_dates_and_region(tmp_path, offices, capsys):
    (tmp_path / "gbk.txt").write_bytes("被请求人在拼多多许诺销售台灯，构成侵权。".encode("gbk"))
    (tmp_path / "bom.txt").write_bytes("\ufeff法院判决驳回原告的诉讼请求。".encode())
    meta = tmp_path / "meta.csv"  # what Excel saves on Chinese Windows: GBK
    meta.write_bytes((GBK_HEADER
                      + "gbk.txt,G1,台灯案,桂知裁字〔2024〕3号,2024/3/1,外观设计专利,"
                        "许诺销售、销售,拼多多,侵权成立,50000,是,\n"
                      + "bom.txt,G2,判决,（2023）桂01民初1号,2023年12月5日,实用新型专利,制造,,"
                        "驳回,,否,450200\n"
                      + "bom.txt,G3,坏日期,,2023/13/45,实用新型,制造,,驳回,,否,\n"
                      + "bom.txt,G4,坏地区,,2023-01-01,实用新型,制造,,驳回,,否,45\n").encode("gbk"))
    call_command("import_precedents", str(tmp_path), metadata=str(meta), office="450100",
                 source="court")  # keyword arguments, as code calls it
    out = capsys.readouterr()
    assert "新增 2 件，更新 0 件，未导入 2 件" in out.out
    assert "第 4 行：未导入" in out.err and "第 5 行：未导入" in out.err
    g1 = Decision.objects.get(external_id="G1")
    assert (g1.ip_type, g1.outcome, g1.infringing_acts, g1.decided_on) == (
        "design_patent", "infringement_found", ["offer", "sell"], date(2024, 3, 1))
    assert "许诺销售台灯" in g1.full_text and g1.region_code == "450100"
    g2 = Decision.objects.get(external_id="G2")
    assert g2.region_code == "450200" and g2.outcome == "dismissed"
    assert g2.full_text.startswith("法院")  # the BOM is not part of the text
    # Indexed by the import itself, so searchable without a worker, and the command says so.
    assert "现在已可检索" in out.out
    from search.backends import get_backend

    assert get_backend().search(SearchQuery(text="台灯")).total == 1


def test_xlsx_metadata(tmp_path, offices, capsys):
    from openpyxl import Workbook

    (tmp_path / "a.txt").write_text("当事人销售假冒注册商标的运动鞋。", encoding="utf-8")
    wb = Workbook()
    ws = wb.active
    ws.append(["文件", "编号", "标题", "决定日期", "权利类型", "处理结果", "罚款"])
    ws.append(["a.txt", "X1", "商标处罚", datetime(2024, 5, 6), "商标", "侵权成立", 30000])
    wb.save(tmp_path / "meta.xlsx")
    call_command("import_precedents", str(tmp_path), "--metadata", str(tmp_path / "meta.xlsx"),
                 "--office", "450100")
    assert "新增 1 件" in capsys.readouterr().out
    x1 = Decision.objects.get(external_id="X1")
    assert (x1.ip_type, x1.decided_on, x1.fine) == ("trademark", date(2024, 5, 6), 30000)


def test_undecodable_text_is_a_clear_rejection(tmp_path, offices, capsys):
    (tmp_path / "bad.txt").write_bytes(b"\xff\xfe\x00\xd8\x00")
    meta = tmp_path / "m.csv"
    meta.write_text(HEADER + "bad.txt,B1,t,,2024-01-01,design_patent,sell,,dismissed,,0\n",
                    encoding="utf-8")
    call_command("import_precedents", str(tmp_path), "--metadata", str(meta),
                 "--office", "450100")
    err = capsys.readouterr().err
    assert "第 2 行：未导入" in err and "codec" not in err


def test_import_into_an_unavailable_index_says_what_waits(tmp_path, offices, capsys,
                                                           monkeypatch):
    from search.backends.embedded import EmbeddedBackend

    def down(self, docs):
        raise OSError("index unavailable")

    monkeypatch.setattr(EmbeddedBackend, "index", down)
    (tmp_path / "a.txt").write_text("侵权。", encoding="utf-8")
    meta = tmp_path / "m.csv"
    meta.write_text(HEADER + "a.txt,W1,t,,2024-01-01,design_patent,sell,,dismissed,,0\n",
                    encoding="utf-8")
    call_command("import_precedents", str(tmp_path), "--metadata", str(meta),
                 "--office", "450100")
    assert "1 件决定等待索引" in capsys.readouterr().out


def _zip_upload(client, meta_name, meta, archive):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return client.post("/admin/search/decision/import/", {
        "metadata": SimpleUploadedFile(meta_name, meta),
        "documents": SimpleUploadedFile("d.zip", archive), "source": "office"}, follow=True)


def test_a_zip_from_windows_explorer_gbk_names_in_a_folder(client, personas, offices):
    """Explorer's 发送到 → 压缩文件夹 writes the names in GBK without the UTF-8 flag, under
    the zipped folder's name; the sheet names the files alone."""
    import zipfile as zf

    folder, name = "二〇二四".encode("gbk"), "判决书1.txt".encode("gbk")
    buf = io.BytesIO()  # written with ASCII names of the same lengths, replaced below
    with zf.ZipFile(buf, "w") as z:
        z.writestr("FFFFFFFF/NNNNNN1.txt", "被告销售台灯。".encode("gbk"))
        z.writestr("FFFFFFFF/other.txt", b"x")
    raw = buf.getvalue().replace(b"FFFFFFFF", folder).replace(b"NNNNNN1.txt", name)
    with zf.ZipFile(io.BytesIO(raw)) as z:  # what Python alone makes of it: cp437 mojibake
        assert "判决书1.txt" not in " ".join(z.namelist())
    meta = ("文件,编号,标题,决定日期,权利类型,处理结果\n"
            "判决书1.txt,W1,判决,2024/3/1,外观设计,侵权成立\n")
    client.force_login(personas.legal)
    resp = _zip_upload(client, "m.csv", meta.encode("gbk"), raw)
    assert resp.status_code == 200
    assert Decision.objects.get(external_id="W1").full_text == "被告销售台灯。"


@pytest.mark.parametrize("data", [b"[1, 2]", b'["a.txt"]', b"[null]", b'{"file": "a.txt"}'])
def test_json_metadata_that_is_no_list_of_objects_is_a_clear_error(client, personas, offices,
                                                                    tmp_path, data):
    import zipfile as zf

    buf = io.BytesIO()
    with zf.ZipFile(buf, "w") as z:
        z.writestr("a.txt", "侵权。")
    client.force_login(personas.legal)
    resp = _zip_upload(client, "m.json", data, buf.getvalue())
    assert resp.status_code == 200
    assert "JSON 元数据应为对象列表" in resp.content.decode()
    assert not Decision.objects.exists()
    (tmp_path / "m.json").write_bytes(data)
    with pytest.raises(CommandError, match=r"m\.json：JSON 元数据应为对象列表。$"):
        call_command("import_precedents", str(tmp_path), metadata=str(tmp_path / "m.json"),
                     office="450100")


def test_a_csv_with_an_unclosed_quote_is_a_clear_error(client, personas, offices, tmp_path):
    """A stray quote makes the rest of a large sheet one field, beyond the csv module's
    field limit: the page says so instead of failing."""
    import zipfile as zf

    meta = (HEADER + 'a.txt,Q1,"未闭合的引号,,2024-01-01,design_patent,sell,,dismissed,,0\n'
            + "a.txt,Q2,案,,2024-01-01,design_patent,sell,,dismissed,,0\n" * 4000)
    buf = io.BytesIO()
    with zf.ZipFile(buf, "w") as z:
        z.writestr("a.txt", "侵权。")
    client.force_login(personas.legal)
    resp = _zip_upload(client, "m.csv", meta.encode("gbk"), buf.getvalue())
    assert resp.status_code == 200
    assert "元数据表无法按 CSV 读取" in resp.content.decode()
    assert not Decision.objects.exists()
    (tmp_path / "m.csv").write_bytes(meta.encode("gbk"))
    with pytest.raises(CommandError, match="元数据表无法按 CSV 读取"):
        call_command("import_precedents", str(tmp_path), metadata=str(tmp_path / "m.csv"),
                     office="450100")


def test_yes_no_columns_read_as_offices_write_them(tmp_path, offices, capsys):
    """是否公开 as offices fill it in: 公开/是/1 public, 不公开/否/empty not; a value that
    is neither is the row's error, not silently "not public"."""
    (tmp_path / "x.txt").write_text("现有技术抗辩成立。", encoding="utf-8")
    meta = tmp_path / "meta.csv"
    rows = [("P1", "公开"), ("P2", "是"), ("P3", "1"), ("N1", "不公开"), ("N2", "否"),
            ("N3", ""), ("E1", "待定")]
    meta.write_text(HEADER + "".join(
        f"x.txt,{key},t,,2022-02-02,invention_patent,sell,,dismissed,,{value}\n"
        for key, value in rows), encoding="utf-8")
    call_command("import_precedents", str(tmp_path), "--metadata", str(meta),
                 "--office", "450100")
    out = capsys.readouterr()
    assert "新增 6 件，更新 0 件，未导入 1 件" in out.out
    assert "第 8 行：未导入" in out.err and "待定" in out.err
    public = dict(Decision.objects.values_list("external_id", "is_public"))
    assert public == {"P1": True, "P2": True, "P3": True, "N1": False, "N2": False,
                      "N3": False}


@pytest.mark.parametrize(("meta", "message"), [
    (b'[{"file": "a.txt",', "无法读取 JSON 元数据：第 1 行第 19 列附近"),
    (b"[" * 5000 + b"]" * 5000, "JSON 元数据嵌套过深"),
    (b"\x81", "既不是 UTF-8 也不是 GBK/GB18030"),
])
def test_admin_import_unreadable_metadata_is_a_chinese_error_on_the_field(
        client, personas, offices, meta, message):
    """Broken JSON showed Python's English message, JSON nested thousands deep was a 500,
    and the sheet's own errors were shown as a list's repr (['…'])."""
    import zipfile as zf

    buf = io.BytesIO()
    with zf.ZipFile(buf, "w") as z:
        z.writestr("a.txt", "被请求人销售侵权产品。")
    client.force_login(personas.legal)
    resp = _zip_upload(client, "m.json", meta, buf.getvalue())
    assert resp.status_code == 200
    errors = resp.context["form"].errors["metadata"]
    assert len(errors) == 1 and message in errors[0] and "[" not in errors[0]
    assert not Decision.objects.exists()
