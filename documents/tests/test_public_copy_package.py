"""The public copy of a corrected upload masks every part of the .docx where text lives:
the body, all headers and footers, footnotes, text boxes and the document's properties
(a security audit found headers, footers and docProps/core.xml left unmasked)."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from docx import Document as DocxDocument
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from rest_framework.test import APIClient

from cases.models import DocumentNumberPrefix
from cases.ruling.models import CaseState
from documents import services
from documents.redaction import mask_docx, public_context, published_details
from documents.rendering import render_docx
from documents.tests.conftest import template_path
from tests.ruling_driver import RulingDriver

ID = "450105198802224741"
PHONE = "18902126940"
# Not the address of the legal person of the test cases (民族大道100号), which stays.
HOME = "广西壮族自治区南宁市西乡塘区大学东路1号5栋501室"
# What must not survive anywhere: the full numbers, the birth date, the phone's middle
# digits, the street part of the home address.
LEAKS = (ID, "19880222", PHONE, "0212", "大学东路")
PERSON = f"被请求人张某，身份证号{ID}，手机{PHONE}，住{HOME}。"

_CT = "http://schemas.openxmlformats.org/package/2006/content-types"
_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_OFFICE_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def _split(paragraph, text: str, at: int = 13) -> None:
    """``text`` over two runs, the ID number cut in the middle."""
    paragraph.add_run(text[:at])
    paragraph.add_run(text[at:]).bold = True


def _text_box(paragraph, text: str) -> None:
    paragraph._p.append(parse_xml(
        f'<w:r {nsdecls("w")} xmlns:v="urn:schemas-microsoft-com:vml"><w:pict><v:shape>'
        f"<v:textbox><w:txbxContent><w:p><w:r><w:t>{text}</w:t></w:r></w:p>"
        "</w:txbxContent></v:textbox></v:shape></w:pict></w:r>"))


def _add_parts(data: bytes) -> bytes:
    """Parts python-docx cannot write: footnotes, custom properties, a page thumbnail,
    the manager and company in app.xml."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    w = nsdecls("w")
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename == "docProps/thumbnail.jpeg":  # the template's, replaced below
                continue
            content = source.read(info.filename).decode() if info.filename.endswith(
                (".xml", ".rels")) else source.read(info.filename)
            if info.filename == "[Content_Types].xml":
                content = content.replace("</Types>", (
                    '<Override PartName="/word/footnotes.xml" ContentType="application/'
                    'vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/>'
                    '<Override PartName="/docProps/custom.xml" ContentType="application/'
                    'vnd.openxmlformats-officedocument.custom-properties+xml"/>'
                    '<Override PartName="/docProps/thumbnail.jpeg" '
                    'ContentType="image/jpeg"/></Types>'))
            elif info.filename == "_rels/.rels":
                content = re.sub(r'<Relationship [^>]*thumbnail[^>]*/>', "", content)
                content = content.replace("</Relationships>", (
                    f'<Relationship Id="rIdX1" Type="{_OFFICE_RELS}/custom-properties" '
                    'Target="docProps/custom.xml"/>'
                    '<Relationship Id="rIdX2" Type="http://schemas.openxmlformats.org/package/'
                    '2006/relationships/metadata/thumbnail" Target="docProps/thumbnail.jpeg"/>'
                    "</Relationships>"))
            elif info.filename == "word/_rels/document.xml.rels":
                content = content.replace("</Relationships>", (
                    f'<Relationship Id="rIdX3" Type="{_OFFICE_RELS}/footnotes" '
                    'Target="footnotes.xml"/>'
                    f'<Relationship Id="rIdX4" Type="{_OFFICE_RELS}/hyperlink" '
                    f'Target="tel:{PHONE}" TargetMode="External"/></Relationships>'))
            elif info.filename == "docProps/app.xml":
                content = re.sub(r"</Properties>", (
                    f"<Manager>张某</Manager><Company>张某 {PHONE}</Company></Properties>"),
                    content)
            target.writestr(info, content)
        target.writestr("word/footnotes.xml", (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes {w}>'
            f'<w:footnote w:id="1"><w:p><w:r><w:t>脚注：身份证{ID[:9]}</w:t></w:r>'
            f"<w:r><w:t>{ID[9:]}</w:t></w:r></w:p></w:footnote></w:footnotes>"))
        target.writestr("docProps/custom.xml", (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Properties xmlns="http://'
            'schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http:'
            '//schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><property fmtid='
            '"{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="联系人"><vt:lpwstr>'
            f"{PHONE}，{ID}，{HOME}</vt:lpwstr></property></Properties>"))
        target.writestr("docProps/thumbnail.jpeg", b"\xff\xd8\xff\xe0 first page as a picture")
    return out.getvalue()


def _upload_with_personal_data_everywhere(base: bytes | None = None) -> bytes:
    doc = DocxDocument(io.BytesIO(base)) if base is not None else DocxDocument()
    _split(doc.add_paragraph(), PERSON)
    doc.add_paragraph("本局依法作出如下处理决定。")
    _text_box(doc.add_paragraph("见附图。"), f"联系电话{PHONE}")
    section = doc.sections[0]
    section.different_first_page_header_footer = True
    doc.settings.odd_and_even_pages_header_footer = True
    _split(section.header.add_paragraph(), f"当事人身份证号{ID}")
    section.header.add_table(1, 1, section.page_width).cell(0, 0).text = f"手机 {PHONE}"
    _split(section.first_page_header.add_paragraph(), f"首页 {ID} {PHONE}")
    section.even_page_header.add_paragraph(f"偶数页 {HOME}")
    _split(section.footer.add_paragraph(), f"联系电话：{PHONE}", at=8)
    section.first_page_footer.add_paragraph(f"住址：{HOME}")
    section.even_page_footer.add_paragraph(f"身份证 {ID}")
    props = doc.core_properties
    props.title = f"张某 {ID} 裁决书"
    props.subject = f"手机{PHONE}"
    props.comments = f"住{HOME}"
    props.author = f"张某 {PHONE}"
    props.last_modified_by = "张某"
    props.keywords = f"{ID};{PHONE}"
    props.category = f"{HOME}"
    out = io.BytesIO()
    doc.save(out)
    return _add_parts(out.getvalue())


def _parts_text(data: bytes) -> dict[str, str]:
    """Every XML part's text, its tags taken out (a number split over runs joins up), and
    its attributes' values."""
    archive = zipfile.ZipFile(io.BytesIO(data))
    texts = {}
    for name in archive.namelist():
        if name.endswith((".xml", ".rels")):
            xml = archive.read(name).decode()
            texts[name] = re.sub(r"<[^>]+>", "", xml) + "\n" + " ".join(
                re.findall(r'="([^"]*)"', xml))
    return texts


def _assert_nothing_leaks(data: bytes) -> None:
    for name, text in _parts_text(data).items():
        for leak in LEAKS:
            assert leak not in text, f"{leak} is left in {name}"


def test_the_fixture_really_holds_personal_data_in_every_part():
    texts = _parts_text(_upload_with_personal_data_everywhere())
    holding = {name for name, text in texts.items() if any(leak in text for leak in LEAKS)}
    assert {"word/document.xml", "word/footnotes.xml", "docProps/core.xml",
            "docProps/app.xml", "docProps/custom.xml", "word/_rels/document.xml.rels"} <= holding
    assert sum(name.startswith("word/header") for name in holding) == 3
    assert sum(name.startswith("word/footer") for name in holding) == 3


def test_no_personal_data_survives_in_any_part_of_the_public_copy():
    public = mask_docx(_upload_with_personal_data_everywhere())
    _assert_nothing_leaks(public)
    texts = _parts_text(public)
    headers = "".join(t for n, t in texts.items() if n.startswith(("word/header", "word/footer")))
    assert "450105********4741" in headers and "189****6940" in headers
    assert "南宁市西乡塘区****" in headers
    assert "450105********4741" in texts["word/footnotes.xml"]
    assert "189****6940" in texts["docProps/custom.xml"]
    # Nothing else is lost: the document's own words, the text box, the layout.
    body = texts["word/document.xml"]
    assert "本局依法作出如下处理决定。" in body and "联系电话189****6940" in body
    assert "被请求人张某，身份证号450105********4741，手机189****6940" in body
    archive = zipfile.ZipFile(io.BytesIO(public))
    # A picture of the first page cannot be masked: the public copy has none.
    assert "docProps/thumbnail.jpeg" not in archive.namelist()
    assert "thumbnail" not in archive.read("_rels/.rels").decode()
    assert "thumbnail" not in archive.read("[Content_Types].xml").decode()
    doc = DocxDocument(io.BytesIO(public))
    props = doc.core_properties
    assert (props.author, props.last_modified_by) == ("", "")
    assert props.title == "张某 450105********4741 裁决书"
    assert props.keywords == "450105********4741;189****6940"
    assert props.category == "广西壮族自治区南宁市西乡塘区****"
    assert "<Manager></Manager>" in archive.read("docProps/app.xml").decode().replace(
        "<Manager/>", "<Manager></Manager>")
    # The run formatting stays where the masked text has the length of the original.
    first = doc.paragraphs[0]
    assert [r.bold for r in first.runs] == [None, True]
    assert first.runs[0].text == PERSON[:13]
    assert first.runs[1].text.startswith("0105********4741，手机189****6940，")


def test_masking_twice_changes_nothing_more():
    public = mask_docx(_upload_with_personal_data_everywhere())
    assert _parts_text(mask_docx(public)) == _parts_text(public)


def test_what_a_legal_person_publishes_stays_in_the_headers_too():
    doc = DocxDocument()
    doc.sections[0].header.add_paragraph("电话0771-5551234，住所广西南宁市青秀区民族大道100号；"
                                         f"联系人手机{PHONE}")
    out = io.BytesIO()
    doc.save(out)
    kept = frozenset({"0771-5551234", "广西南宁市青秀区民族大道100号"})
    header = DocxDocument(io.BytesIO(mask_docx(out.getvalue(), keep=kept))).sections[0].header
    assert header.paragraphs[-1].text == ("电话0771-5551234，住所广西南宁市青秀区民族大道100号；"
                                         "联系人手机189****6940")


def test_a_generated_public_copy_keeps_its_body_and_loses_its_editors():
    from documents.context import sample_context

    context = sample_context("ruling")
    rendered = render_docx(template_path("ruling"), public_context(context))
    public = mask_docx(rendered, keep=published_details(context), stories=False)
    before, after = zipfile.ZipFile(io.BytesIO(rendered)), zipfile.ZipFile(io.BytesIO(public))
    for name in before.namelist():
        if name.startswith("word/"):
            assert after.read(name) == before.read(name), name
    assert DocxDocument(io.BytesIO(public)).core_properties.author == ""


@pytest.fixture
def driver(personas, calendar_2026, deadline_rules, time_machine, offices):
    DocumentNumberPrefix.objects.create(office=offices.nanning, kind="case_number",
                                        prefix="南知案字")
    DocumentNumberPrefix.objects.create(office=offices.nanning, kind="ruling", prefix="南知裁字")
    services.seed_default_templates()
    time_machine.move_to(datetime(2026, 3, 2, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai")),
                         tick=False)
    return RulingDriver(personas, time_machine)


@pytest.mark.django_db
def test_the_public_download_of_an_uploaded_ruling_leaks_nothing(
        driver, personas, django_capture_on_commit_callbacks):
    """The audit's reproduction, through the API."""
    case = driver.act(driver.bring_to(CaseState.PENDING_APPROVAL), "record_legal_review")
    client = APIClient()
    client.force_authenticate(personas.officer)
    with django_capture_on_commit_callbacks(execute=True):
        created = client.post(f"/api/v1/cases/{case.pk}/documents/", {"kind": "ruling"},
                              format="json")
    assert created.status_code == 202, created.json()
    status = client.get(created.json()["status_url"]).json()
    draft = b"".join(client.get(status["links"]["docx"]).streaming_content)
    upload = _upload_with_personal_data_everywhere(draft)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/api/v1/documents/{status['id']}/versions/",
                               {"file": SimpleUploadedFile("fixed.docx", upload)},
                               format="multipart")
    assert response.status_code in (200, 201, 202), response.content
    status = client.get(created.json()["status_url"]).json()
    public = client.get(status["links"]["public"])
    assert public.status_code == 200
    data = b"".join(public.streaming_content)
    _assert_nothing_leaks(data)
    assert "450105********4741" in "".join(_parts_text(data).values())
