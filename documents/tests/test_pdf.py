from __future__ import annotations

import contextlib
import io
import os
import shlex
import shutil
import signal
import subprocess
import time
import zipfile
from pathlib import Path

import pytest
from django.utils import translation

from documents import pdf
from documents.context import sample_context
from documents.rendering import render_docx
from documents.tests.conftest import template_path

needs_libreoffice = pytest.mark.skipif(
    not pdf.libreoffice_available() or shutil.which("pdftotext") is None,
    reason="LibreOffice headless with python3-uno and poppler-utils are not installed "
    "(apt-get install libreoffice-writer-nogui python3-uno poppler-utils fonts-noto-cjk "
    "fonts-arphic-ukai)",
)


@pytest.fixture(scope="module")
def converter():
    conv = pdf.Converter()
    yield conv
    conv.shutdown()


def _pdf_text(path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True,
                          capture_output=True, text=True).stdout


def _pages(path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True,
                          text=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


@needs_libreoffice
@pytest.mark.slow
def test_ruling_pdf_has_the_text_fonts_and_pages(converter, tmp_path, rendered_ruling):
    out = tmp_path / "ruling.pdf"
    out.write_bytes(converter.convert(rendered_ruling))
    text = _pdf_text(out).replace(" ", "")
    assert "专利侵权纠纷行政裁决书" in text
    assert "南宁绿源科技有限公司（Green&Clean）" in text
    assert "广西<星河>智能设备有限公司" in text
    assert "本案现已审理终结。" in text
    assert "—1—" in text
    # The sample ruling fills 5 pages at 22 lines × 28 characters; 14 characters a line
    # (LibreOffice's reading of the character grid) would need 9 or more.
    assert 4 <= _pages(out) <= 6
    fonts = subprocess.run(["pdffonts", str(out)], check=True, capture_output=True,
                           text=True).stdout
    assert "NotoSerifCJK" in fonts and "NotoSansCJK" in fonts  # 仿宋 and 小标宋, 黑体
    assert "DejaVu" not in fonts  # no fallback to a font without the official mapping


@needs_libreoffice
@pytest.mark.slow
def test_one_office_process_serves_many_documents(converter):
    notice = render_docx(template_path("acceptance_notice"), sample_context("acceptance_notice"))
    for _ in range(3):
        assert converter.convert(notice).startswith(b"%PDF")
    assert converter.starts == 1


@needs_libreoffice
@pytest.mark.slow
def test_converter_restarts_after_office_dies(converter):
    notice = render_docx(template_path("answer_notice"), sample_context("answer_notice"))
    converter.convert(notice)
    before = converter.starts
    pdf._stop(converter._soffice)  # simulate a crash of the office process
    assert converter.convert(notice).startswith(b"%PDF")
    assert converter.starts == before + 1


@needs_libreoffice
@pytest.mark.slow
def test_garbage_is_refused_with_a_conversion_error(converter):
    with pytest.raises(pdf.PdfConversionError):
        converter.convert(b"this is not a word document")


EXPECTED = "本局已于2026年11月16日立案受理。"


class _Scripted(pdf.Converter):
    """A converter whose soffice answers as scripted: the text of each PDF it makes (an
    instance out of address space maps no CJK font and prints digits only), or an error."""

    def __init__(self, *answers: str | Exception) -> None:
        super().__init__()
        self.answers = list(answers)
        self.restarts = 0

    def _convert_spaced(self, docx_bytes: bytes, spacing: int) -> bytes:
        answer = self.answers.pop(0)
        if isinstance(answer, Exception):
            raise answer
        return answer.encode()

    def close(self) -> None:
        self.restarts += 1


@pytest.fixture
def scripted(monkeypatch):
    monkeypatch.setattr(pdf, "_docx_letters", lambda _data: EXPECTED)
    monkeypatch.setattr(pdf, "_pdf_letters", lambda data: data.decode())
    made: list[_Scripted] = []

    def make(*answers: str | Exception) -> _Scripted:
        made.append(_Scripted(*answers))
        return made[-1]

    yield make
    for conv in made:
        shutil.rmtree(conv.workdir, ignore_errors=True)


def test_a_pdf_without_its_chinese_text_is_made_again_by_a_fresh_office(scripted):
    conv = scripted("2026111620261116", EXPECTED)
    assert conv.convert(b"docx") == EXPECTED.encode()
    assert conv.restarts == 1 and not conv.answers


def test_a_pdf_still_without_its_text_after_a_restart_is_refused(scripted):
    conv = scripted("2026111620261116", "2026111620261116")
    with pytest.raises(pdf.PdfConversionError, match="本局已于年月日立案受理"):
        conv.convert(b"docx")


def test_an_office_that_could_not_write_the_pdf_is_restarted_once(scripted):
    # Short of address space, soffice may also fail to store the PDF (IOException).
    conv = scripted(pdf.OfficeRefused("com.sun.star.io.IOException"), EXPECTED)
    assert conv.convert(b"docx") == EXPECTED.encode()
    assert conv.restarts == 1
    conv = scripted(pdf.OfficeRefused("IOException"), pdf.OfficeRefused("IOException"))
    with pytest.raises(pdf.OfficeRefused):
        conv.convert(b"docx")


@pytest.mark.parametrize(("got", "missing"), [
    ("本局已于2026年11月16日立案受理依照", ""),       # a mark alone
    ("本局已于2026年11月16日立案受理。依照规定", ""),  # more text
    ("20261116。", "本局已于年月日立案受理依照"),       # no CJK font: every character gone
])
def test_the_letters_a_pdf_left_out(got, missing):
    assert pdf.missing_letters("本局已于2026年11月16日立案受理。依照", got) == missing


class _Hanging(pdf.Converter):
    """A converter whose soffice never answers within the timeout."""

    def _convert_once(self, source: Path, target: Path) -> None:
        raise TimeoutError

    def close(self) -> None:
        pass


@pytest.mark.parametrize(("timeout", "said"), [(0.5, "0.5 秒"), (120.0, "120 秒"),
                                               (1.25, "1.25 秒")])
def test_a_conversion_past_the_timeout_says_the_timeout_as_set(
        settings, tmp_path, timeout, said):
    """A sub-second timeout read "超过 0 秒" (``int()`` of the setting)."""
    settings.DOCUMENTS_PDF_TIMEOUT = timeout
    docx = io.BytesIO()
    with zipfile.ZipFile(docx, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    with translation.override("zh-hans"), pytest.raises(pdf.PdfConversionError) as refused:
        _Hanging(workdir=tmp_path).convert(docx.getvalue())
    assert str(refused.value) == f"LibreOffice 转换该文书超过 {said}，已被终止。"


def test_without_libreoffice_the_error_says_what_to_install(monkeypatch, settings):
    settings.DOCUMENTS_SOFFICE = "/nonexistent/soffice"
    assert not pdf.libreoffice_available()
    with pytest.raises(pdf.LibreOfficeUnavailable, match="libreoffice-writer-nogui"):
        pdf.convert_to_pdf(b"whatever")


def _glyph_docx(lang: str) -> bytes:
    import io

    from docx import Document
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    doc = Document()
    run = doc.add_paragraph().add_run("令直骨角")
    run.font.size = Pt(40)
    rpr = run._element.get_or_add_rPr()
    fonts = OxmlElement("w:rFonts")
    fonts.set(qn("w:eastAsia"), "仿宋_GB2312")
    rpr.insert(0, fonts)
    language = OxmlElement("w:lang")
    language.set(qn("w:eastAsia"), lang)
    rpr.append(language)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def _raster(pdf_bytes: bytes, tmp_path, name: str) -> bytes:
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(pdf_bytes)
    return subprocess.run(["pdftoppm", "-gray", "-r", "50", "-f", "1", "-l", "1", str(path)],
                          check=True, capture_output=True).stdout


@needs_libreoffice
@pytest.mark.slow
def test_zh_cn_text_gets_simplified_chinese_glyphs_not_japanese(converter, tmp_path):
    # Noto CJK is one font collection for all regions, so pdffonts names the shared
    # CFF ("NotoSerifCJKjp") whatever the region; the glyph forms are what differ.
    # 令, 直, 骨 and 角 are drawn differently in Japanese; our zh-CN text must not be.
    ours = _raster(converter.convert(_glyph_docx("zh-CN")), tmp_path, "zh")
    japanese = _raster(converter.convert(_glyph_docx("ja-JP")), tmp_path, "ja")
    assert ours != japanese


def test_licensed_fonts_folder_is_given_to_libreoffice(settings, tmp_path, monkeypatch):
    fonts = tmp_path / "fonts"
    fonts.mkdir()
    ukai = next(iter(__import__("glob").glob("/usr/share/fonts/truetype/arphic/ukai.tt*")),
                None)
    if ukai is not None:
        shutil.copy(ukai, fonts)
    settings.DOCUMENT_FONT_DIR = str(fonts)
    if ukai is not None:
        assert "AR PL UKai CN" in pdf.licensed_fonts()
    # No official face among them: every one falls back, the title rule included.
    assert pdf.missing_official_fonts() == list(pdf.OFFICIAL_FONTS)
    conf = pdf.fontconfig_file(tmp_path).read_text(encoding="utf-8")
    assert f"<dir>{fonts}</dir>" in conf and "title-fallback.conf" in conf
    # With the licensed 方正小标宋 installed, its free stand-in rule is left out.
    monkeypatch.setattr(pdf, "licensed_fonts", lambda: frozenset({"方正小标宋简体"}))
    assert "方正小标宋简体" not in pdf.missing_official_fonts()
    assert "title-fallback.conf" not in pdf.fontconfig_file(tmp_path).read_text(
        encoding="utf-8")


def test_without_a_fonts_folder_only_the_shipped_mapping_is_used(settings, tmp_path):
    settings.DOCUMENT_FONT_DIR = ""
    conf = pdf.fontconfig_file(tmp_path).read_text(encoding="utf-8")
    assert "<dir>" not in conf and str(pdf.FONTCONFIG_FILE) in conf


@pytest.mark.parametrize(("got", "lost"), [
    ("本局已于2026年11月16日立案受理依照", True),   # the 。 at the end of a line
    ("本局已于2026年11月16日立案受理。依照", False),  # all there
    ("本局已于2026年11月日立案受理。依照", False),    # a digit missing: not a lost mark
    ("本局已于2026年11月16日立案受理。依照规定", False),  # more text: not judged
    ("本局已于2026年11月16日立案受理依", False),     # a letter missing too
])
def test_a_pdf_is_converted_again_only_when_marks_alone_are_missing(got, lost):
    from documents.pdf import only_marks_missing

    assert only_marks_missing("本局已于2026年11月16日立案受理。依照", got) is lost


class _Filling(_Scripted):
    """A scripted converter whose soffice reports the address space it uses after each
    document (it grows in steps of 64–74 MB, decision 106)."""

    def __init__(self, *sizes_mb: int) -> None:
        super().__init__(*[EXPECTED] * len(sizes_mb))
        self.sizes = [mb * 1024 for mb in sizes_mb]

    def _convert_spaced(self, docx_bytes: bytes, spacing: int) -> bytes:
        pdf_bytes = super()._convert_spaced(docx_bytes, spacing)
        self._recycle_if_full()
        return pdf_bytes

    def address_space_kb(self) -> int | None:
        return self.sizes.pop(0)


def test_an_office_near_its_memory_limit_is_restarted_before_it_loses_the_chinese(
        scripted, settings):
    settings.DOCUMENTS_PDF_MEMORY_MB = 1024
    conv = _Filling(811, 885, 898, 964, 811)
    for _ in range(3):
        assert conv.convert(b"docx") == EXPECTED.encode()
    assert conv.restarts == 0  # 126 MB and more left: the instance is kept
    conv.convert(b"docx")
    assert conv.restarts == 1  # 60 MB left, less than one more step: stopped after it
    conv.convert(b"docx")
    assert conv.restarts == 1
    shutil.rmtree(conv.workdir, ignore_errors=True)


def _vm_size_kb(pid: int) -> int:
    status = Path(f"/proc/{pid}/status").read_text()
    return int(next(line.split()[1] for line in status.splitlines()
                    if line.startswith("VmSize:")))


def _until(check, seconds: float = 10.0):
    deadline = time.monotonic() + seconds
    while not (result := check()):
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)
    return result


def _tree_of_two(root: int, other_than: list[int] | None = None,
                 child: str | None = None) -> list[int]:
    """``root``'s tree once it has started its one child (another than ``other_than``'s),
    and, given ``child``, once that child runs that program and waits. sh lists the child as
    soon as it has forked it, and its address space changes while it becomes the program
    and loads its libraries."""
    def ready() -> list[int] | None:
        tree = pdf.process_tree(root)
        if len(tree) != 2 or tree == other_than:
            return None
        if child is not None and _program_and_state(tree[1]) != (child, "S"):
            return None
        return tree
    return _until(ready)


def _program_and_state(pid: int) -> tuple[str, str] | None:
    """The program a process runs and its state (S: asleep, waiting for its time)."""
    with contextlib.suppress(OSError):
        stat = Path(f"/proc/{pid}/stat").read_text()
        return stat[stat.index("(") + 1:stat.rindex(")")], stat[stat.rindex(")") + 2]
    return None


@pytest.fixture
def office_like():
    """A process in a session of its own that starts others, as soffice (oosplash) starts
    soffice.bin; stopped with its whole group afterwards."""
    if not os.path.isdir("/proc/self"):
        pytest.skip("no /proc")
    started = []

    def start(script: str) -> subprocess.Popen[bytes]:
        started.append(subprocess.Popen(["sh", "-c", script], start_new_session=True))
        return started[-1]

    yield start
    for process in started:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()


@pytest.mark.parametrize("children_lists", [True, False])
def test_the_address_space_of_a_process_tree_is_read_from_proc(
        office_like, monkeypatch, children_lists):
    """Read from the kernel's children lists, or where it keeps none (CONFIG_PROC_CHILDREN
    off) from one pass over /proc."""
    if not children_lists:
        monkeypatch.setattr(pdf, "_children", lambda pid: None)
    shell = office_like("sleep 30 & wait")
    tree = _tree_of_two(shell.pid, child="sleep")
    assert tree[0] == shell.pid
    assert pdf.tree_address_space_kb(tree, shell.pid) == max(map(_vm_size_kb, tree))
    assert pdf.tree_address_space_kb(tree, os.getpgid(0)) is None  # not that group's
    os.killpg(shell.pid, signal.SIGKILL)
    shell.wait()
    _until(lambda: pdf.process_tree(shell.pid) == [])
    assert pdf.tree_address_space_kb(tree, shell.pid) is None


def test_the_converter_reads_only_its_office_processes_not_all_of_proc(
        office_like, monkeypatch, tmp_path):
    """Measured after every conversion (decision 106): after the first time, only the
    processes soffice started are read, not every process on the machine (decision 111)."""
    conv = pdf.Converter(workdir=tmp_path)
    conv._soffice = office_like("sleep 30 & wait")
    tree = _tree_of_two(conv._soffice.pid, child="sleep")
    size = conv.address_space_kb()
    assert size == max(map(_vm_size_kb, tree))
    listed, read = [], []
    listdir, read_text = os.listdir, Path.read_text
    monkeypatch.setattr(os, "listdir", lambda path=".": listed.append(str(path))
                        or listdir(path))
    monkeypatch.setattr(Path, "read_text", lambda self, *a, **k: read.append(str(self))
                        or read_text(self, *a, **k))
    for _ in range(3):
        assert conv.address_space_kb() == size
    assert listed == []
    assert read and {path.split("/")[2] for path in read} == {str(pid) for pid in tree}


def test_the_converter_follows_a_process_its_office_starts_again(office_like, tmp_path):
    """oosplash starts soffice.bin again (a restart the profile asks for): the next
    measurement reads the new process, not the one that ended."""
    conv = pdf.Converter(workdir=tmp_path)
    ready = tmp_path / "ready"
    conv._soffice = office_like(
        "sleep 30 & wait; python3 -c 'import pathlib, sys, time; "
        f"pathlib.Path(sys.argv[1]).touch(); time.sleep(30)' {shlex.quote(str(ready))} & wait")
    root = conv._soffice.pid
    first = _tree_of_two(root, child="sleep")
    assert conv.address_space_kb() == max(map(_vm_size_kb, first))
    os.kill(first[1], signal.SIGKILL)  # the restart: sh starts the second program
    _until(ready.exists)  # python has started, and only sleeps from now on
    tree = _tree_of_two(root, other_than=first)
    assert conv.address_space_kb() == _vm_size_kb(tree[1]) > _vm_size_kb(root)
    conv._soffice = None


@needs_libreoffice
@pytest.mark.slow
def test_a_real_office_is_recycled_when_its_address_space_passes_the_mark(monkeypatch):
    notice = render_docx(template_path("answer_notice"), sample_context("answer_notice"))
    conv = pdf.Converter()
    try:
        assert conv.convert(notice).startswith(b"%PDF")
        size = conv.address_space_kb()
        assert size is not None and 100_000 < size < 1024 * 1024
        assert conv.starts == 1 and conv.conversions == 1
        # Once the mark is below what soffice uses, it is stopped after the document.
        monkeypatch.setattr(pdf, "RECYCLE_HEADROOM_MB", 1024 - size // 1024 + 1)
        assert conv.convert(notice).startswith(b"%PDF")
        assert conv.address_space_kb() is None
        assert conv.convert(notice).startswith(b"%PDF")
        assert conv.starts == 2
    finally:
        conv.shutdown()


def test_a_forked_process_gets_its_own_converter_and_leaves_the_parents_alone(monkeypatch):
    parent = pdf.Converter()
    monkeypatch.setattr(pdf, "_converter", parent)
    try:
        child = os.fork()
        if child == 0:  # pragma: no cover - the child reports through its exit status
            parent.shutdown()  # as its inherited atexit handler would
            own = pdf.get_converter()
            ok = own is not parent and own.workdir != parent.workdir
            shutil.rmtree(own.workdir, ignore_errors=True)
            ok = ok and parent.workdir.is_dir()
            os._exit(0 if ok else 1)
        _pid, status = os.waitpid(child, 0)
        assert os.waitstatus_to_exitcode(status) == 0
        assert parent.workdir.is_dir()
        assert pdf.get_converter() is parent
    finally:
        parent.shutdown()
    assert not parent.workdir.exists()


def test_a_celery_pool_process_that_ends_stops_its_converter(monkeypatch):
    from celery import signals

    import documents.tasks  # noqa: F401 - connects the handler

    conv = pdf.Converter()
    monkeypatch.setattr(pdf, "_converter", conv)
    signals.worker_process_shutdown.send(sender=None, pid=os.getpid(), exitcode=0)
    assert not conv.workdir.exists()
