"""Decompression bombs are refused before anything unpacks them (issue 9, item 5).

The bombs are built here, streamed into the zip so that building them stays small. The
refusals are measured with tracemalloc: the old code read the whole 60 MB part (python-docx
and zipfile.read) before any check."""

from __future__ import annotations

import io
import tracemalloc
import zipfile
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cases.archives import ArchiveLimits, check_archive
from cases.models import DocumentNumberPrefix, Evidence
from cases.ruling.models import CaseState
from cases.services.evidence import attach_evidence
from documents import pdf, services
from documents.models import DocumentTemplate
from documents.tests.conftest import template_path
from documents.text import extract_text
from search.models import Decision
from tests.ruling_driver import RulingDriver

pytestmark = pytest.mark.django_db
MB = 1024 * 1024
BOUND = 24 * MB  # a page render included; far below the 60 MB the bomb unpacks to


def docx_bomb(xml_mb: int = 60) -> bytes:
    """A real template with word/document.xml swapped for ``xml_mb`` MB of paragraphs."""
    source = zipfile.ZipFile(template_path("acceptance_notice"))
    out = io.BytesIO()
    paragraph = b"<w:p><w:r><w:t>" + "重复".encode() * 40 + b"</w:t></w:r></w:p>"
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as bomb:
        for info in source.infolist():
            if info.filename != "word/document.xml":
                bomb.writestr(info, source.read(info.filename))
                continue
            with bomb.open("word/document.xml", "w", force_zip64=False) as part:
                part.write(b'<?xml version="1.0"?><w:document xmlns:w="http://schemas.'
                           b'openxmlformats.org/wordprocessingml/2006/main"><w:body>')
                block = paragraph * (MB // len(paragraph))
                for _ in range(xml_mb):
                    part.write(block)
                part.write(b"</w:body></w:document>")
    return out.getvalue()


@pytest.fixture(scope="module")
def bomb() -> bytes:
    data = docx_bomb()
    assert len(data) < 1 * MB  # what the user uploads is small
    return data


def peak_while(call) -> int:
    tracemalloc.start()
    try:
        call()
    finally:
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    return peak


@pytest.fixture
def driver(personas, calendar_2026, deadline_rules, time_machine, offices):
    DocumentNumberPrefix.objects.create(office=offices.nanning, kind="acceptance_notice",
                                        prefix="南知受字")
    services.seed_default_templates()
    time_machine.move_to(datetime(2026, 3, 2, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai")),
                         tick=False)
    return RulingDriver(personas, time_machine)


def test_a_corrected_docx_bomb_is_refused_within_bounded_memory(driver, personas, bomb):
    case = driver.bring_to(CaseState.ACCEPTED)
    draft = services.generate_document(case=case, kind="acceptance_notice",
                                       actor=personas.officer)

    def upload():
        with pytest.raises(ValidationError) as err:
            services.upload_corrected_version(
                document=draft, uploaded_file=SimpleUploadedFile("fixed.docx", bomb),
                actor=personas.officer)
        assert "file" in err.value.message_dict

    assert peak_while(upload) < BOUND
    assert not draft.versions.filter(source="uploaded").exists()


def test_a_template_bomb_is_refused_at_upload(client, personas, bomb):
    from tests.factories import UserFactory

    root = UserFactory(username="root", is_superuser=True, office=personas.officer.office)
    client.force_login(root)

    def post():
        response = client.post(reverse("admin:documents_documenttemplate_add"), {
            "kind": "acceptance_notice", "name": "炸弹",
            "file": SimpleUploadedFile("t.docx", bomb)})
        assert response.status_code == 200  # the form again, with the reason

    assert peak_while(post) < BOUND
    assert not DocumentTemplate.objects.filter(name="炸弹").exists()


def test_text_extraction_and_pdf_conversion_refuse_a_bomb(bomb):
    assert peak_while(lambda: pytest.raises(ValidationError, extract_text, bomb)) < BOUND
    if pdf.libreoffice_available():
        with pytest.raises(pdf.PdfConversionError):
            pdf.convert_to_pdf(bomb)


def zip_of(entries: dict[str, int], *, count: int = 0) -> bytes:
    """A zip whose entries are ``size`` zero bytes each (streamed), plus ``count`` empty
    files."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, size in entries.items():
            with archive.open(name, "w", force_zip64=False) as part:
                for _ in range(size // MB):
                    part.write(bytes(MB))
        for n in range(count):
            archive.writestr(f"e{n}.txt", b"")
    return out.getvalue()


def test_an_import_zip_bomb_is_refused_before_it_is_unpacked(client, personas, offices):
    rows = ("file,external_id,title,decided_on,ip_type,acts,outcome,is_public\n"
            "a.txt,B-1,案,2024-01-01,design_patent,sell,dismissed,0\n")
    bomb = zip_of({"a.txt": 1000 * MB})
    assert len(bomb) < 2 * MB
    client.force_login(personas.legal)

    def post():
        response = client.post("/admin/search/decision/import/", {
            "metadata": SimpleUploadedFile("m.csv", rows.encode()),
            "documents": SimpleUploadedFile("d.zip", bomb), "source": "office"})
        assert response.status_code == 200  # the form again, with the reason
        assert "a.txt" in response.content.decode()

    assert peak_while(post) < BOUND
    assert not Decision.objects.exists()


def test_too_many_entries_are_refused_from_the_directory_record():
    many = zip_of({}, count=3000)
    with pytest.raises(ValidationError):
        check_archive(many, ArchiveLimits(max_entries=2000, max_total=MB, max_entry=MB))
    check_archive(many, ArchiveLimits(max_entries=5000, max_total=MB, max_entry=MB))


def test_a_case_cannot_take_more_uploads_than_its_quota(driver, personas, settings):
    settings.CASE_UPLOAD_QUOTA_MB = 1
    case = driver.file()
    pdf_bytes = b"%PDF-1.7\n" + b"0" * (600 * 1024)
    attach_evidence(case_id=case.pk, actor=personas.officer, files=[
        (SimpleUploadedFile("a.pdf", pdf_bytes), "application/pdf")])
    with pytest.raises(ValidationError):
        attach_evidence(case_id=case.pk, actor=personas.officer, files=[
            (SimpleUploadedFile("b.pdf", pdf_bytes), "application/pdf")])
    assert Evidence.objects.filter(case=case).count() == 1


def test_libreoffice_runs_under_a_memory_limit_and_a_hung_conversion_is_not_retried(
        settings, monkeypatch, tmp_path):
    settings.DOCUMENTS_PDF_MEMORY_MB = 512
    command = pdf.limited(["soffice", "--headless"])
    assert command[1:] == [f"--as={512 * MB}", "--", "soffice", "--headless"]
    converter = pdf.Converter(workdir=tmp_path)
    calls = []

    def hangs(source, target):
        calls.append(source)
        raise TimeoutError

    monkeypatch.setattr(converter, "_convert_once", hangs)
    with pytest.raises(pdf.PdfConversionError):
        converter.convert(template_path("acceptance_notice").read_bytes())
    assert len(calls) == 1


def test_a_template_larger_than_the_upload_limit_is_refused_before_it_is_read(
        client, personas, settings):
    """The template form read the whole upload into memory (and parsed it) whatever its
    size; a corrected version was already refused by size first."""
    from tests.factories import UserFactory

    settings.DOCUMENTS_MAX_UPLOAD_BYTES = 1024 * 1024
    import os

    out = io.BytesIO()
    with zipfile.ZipFile(template_path("acceptance_notice")) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info, src.read(info))
        dst.writestr("word/media/photo.bin", os.urandom(settings.DOCUMENTS_MAX_UPLOAD_BYTES))
    padded = out.getvalue()  # a valid template, a little over the limit
    root = UserFactory(username="root", is_superuser=True, office=personas.officer.office)
    client.force_login(root)
    response = client.post(reverse("admin:documents_documenttemplate_add"), {
        "kind": "acceptance_notice", "name": "太大",
        "file": SimpleUploadedFile("t.docx", padded)})
    assert response.status_code == 200
    assert "文件超过 1 MB" in response.content.decode()
    assert not DocumentTemplate.objects.filter(name="太大").exists()
