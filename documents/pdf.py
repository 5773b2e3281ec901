"""PDF conversion with LibreOffice headless, through one long-lived converter per process.

Starting LibreOffice costs seconds; converting a document through a running instance costs
a fraction of that (bench/bench_documents.py measures both). So a :class:`Converter` starts
``soffice`` once, listening on a local socket, plus a small helper process run by Debian's
system Python, which has the ``uno`` module (package python3-uno) that our virtualenv
cannot import (``documents/uno_worker.py``). Requests go to the helper as JSON lines; one
lock serialises them (a LibreOffice instance converts one document at a time anyway).
When either process dies or a conversion hangs, both are stopped and started again and the
conversion is retried once. So is a PDF that left letters of the document's text out
(an instance that has used up its address space maps no CJK font and prints no Chinese);
left out again by a fresh instance, the conversion is refused.
So that this does not happen, soffice is stopped after a conversion that left its address
space within ``RECYCLE_HEADROOM_MB`` of the limit, and the next conversion starts a fresh one.

Fonts: ``documents/fontconfig/fonts.conf`` maps the official font names the templates use
to free CJK fonts with the zh-cn language preferred, so the PDF shows Simplified Chinese
glyphs. Offices that own licensed fonts (仿宋_GB2312, 方正小标宋简体 …) put them in the
folder ``DOCUMENT_FONT_DIR`` names; :func:`fontconfig_file` then adds that folder, and the
real faces win over the free ones (:func:`missing_official_fonts` says which still fall
back, for the documents page).

Optional at run time: without LibreOffice, :func:`libreoffice_available` is False and
:func:`convert_to_pdf` raises :class:`LibreOfficeUnavailable` with a message saying so.

Settings (read when a converter starts, never at import): ``DOCUMENTS_SOFFICE`` (the
soffice executable, default ``soffice`` on PATH), ``DOCUMENTS_UNO_PYTHON`` (default
``/usr/bin/python3``), ``DOCUMENTS_PDF_TIMEOUT`` (seconds per conversion, default 120),
``DOCUMENTS_PDF_MEMORY_MB`` (address space of soffice, default 1024).

Limits: soffice runs under ``prlimit --as`` (an allocation beyond the limit fails and the
converter restarts it), a conversion that exceeds the timeout is abandoned without a
second try (a document that hung once hangs again), and the helper refuses a .docx that
unpacks beyond ``UPLOAD_MAX_UNCOMPRESSED_MB`` before LibreOffice opens it.
"""

from __future__ import annotations

import atexit
import contextlib
import functools
import io
import json
import logging
import os
import re
import selectors
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time
import zipfile
from collections import Counter
from pathlib import Path
from typing import IO, Any
from xml.sax.saxutils import escape

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from cases.archives import check_archive, document_limits
from documents import layout as L  # noqa: N812
from documents.isolation import seconds_text

logger = logging.getLogger(__name__)

FONTCONFIG_DIR = Path(__file__).resolve().parent / "fontconfig"
FONTCONFIG_FILE = FONTCONFIG_DIR / "fonts.conf"
TITLE_FALLBACK_FILE = FONTCONFIG_DIR / "title-fallback.conf"
# The faces the templates name (documents.layout), as GB/T 9704 asks for them.
OFFICIAL_FONTS = (L.FONT_BODY, L.FONT_TITLE, L.FONT_HEADING_1, L.FONT_HEADING_2)
WORKER_SCRIPT = Path(__file__).resolve().parent / "uno_worker.py"
START_TIMEOUT = 60.0
# A running soffice is stopped (and started again for the next document) once its address
# space comes within this of DOCUMENTS_PDF_MEMORY_MB. It grows in steps of 64–74 MB (malloc
# arenas) and cannot load a CJK font when the next step would pass the limit; 1024 MB
# instances printed no Chinese after 126–130 documents at 964–977 MB (decision 106).
RECYCLE_HEADROOM_MB = 96


class PdfConversionError(RuntimeError):
    """A document could not be converted to PDF."""


class OfficeRefused(PdfConversionError):
    """LibreOffice answered that it could not convert the document (its error message)."""


class LibreOfficeUnavailable(PdfConversionError):
    """LibreOffice (or the UNO bridge for Python) is not installed on this machine."""


def _soffice_binary() -> str:
    return settings.DOCUMENTS_SOFFICE


def _uno_python() -> str:
    return settings.DOCUMENTS_UNO_PYTHON


def _timeout() -> float:
    return settings.DOCUMENTS_PDF_TIMEOUT


def _memory_limit_bytes() -> int:
    return settings.DOCUMENTS_PDF_MEMORY_MB * 1024 * 1024


def _max_uncompressed_bytes() -> int:
    return settings.UPLOAD_MAX_UNCOMPRESSED_MB * 1024 * 1024


def limited(command: list[str]) -> list[str]:
    """``command`` under an address-space limit (util-linux ``prlimit`` execs it, so the
    process id, and with it the process group we stop, stays the same)."""
    prlimit = shutil.which("prlimit")
    if prlimit is None:
        raise LibreOfficeUnavailable(_("PDF conversion needs the prlimit program "
                                       "(package util-linux) to limit LibreOffice's memory."))
    return [prlimit, f"--as={_memory_limit_bytes()}", "--", *command]


@functools.cache
def _probe(soffice: str, uno_python: str) -> str | None:
    """None when both parts are there, else what is missing."""
    if shutil.which(soffice) is None:
        return "soffice"
    try:
        subprocess.run(  # noqa: S603 - fixed arguments, our own interpreter path setting
            [uno_python, "-c", "import uno"], check=True, capture_output=True, timeout=30
        )
    except (OSError, subprocess.SubprocessError):
        return "python3-uno"
    return None


def libreoffice_available() -> bool:
    """True when LibreOffice headless and its Python bridge are installed."""
    return _probe(_soffice_binary(), _uno_python()) is None


def _unavailable_message() -> str:
    return _(
        "PDF conversion needs LibreOffice: install the packages libreoffice-writer-nogui, "
        "python3-uno, fonts-noto-cjk and fonts-arphic-ukai on the server."
    )


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _stop(process: subprocess.Popen[bytes] | None) -> None:
    """Stop a child we started, with its own process group (soffice forks soffice.bin)."""
    if process is None or process.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=5)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=5)


_CHAR_GRID = re.compile(rb'(<w:docGrid\b[^>]*\bw:type=")linesAndChars(")')
_DEFAULT_RPR = re.compile(rb"(<w:docDefaults>\s*<w:rPrDefault>\s*<w:rPr>)")


# Character spacing in twentieths of a point, first the one that fits 28 characters a line,
# then the neighbours tried when LibreOffice lost a mark at the end of a line (see below).
SPACINGS = (-6, -5, -7)
# Marks LibreOffice may lose when they fall just past the end of a full line.
_MARKS = frozenset("，。、；：？！）》」』〕】”’")
_PAGE_NUMBER = re.compile(r"—\s*\d+\s*—")
_WHITESPACE = re.compile(r"\s+")


def prepare_for_libreoffice(docx_bytes: bytes, spacing: int = SPACINGS[0]) -> bytes:
    """The copy of a document LibreOffice converts: the character grid as spacing.

    Word fits 28 characters of 16 pt on the 156 mm line by squeezing each into a 15.79 pt
    grid cell (w:docGrid linesAndChars, w:charSpace). LibreOffice instead gives a character
    wider than its cell two cells, i.e. 14 characters a line. For LibreOffice the grid is
    therefore reduced to a line grid and the same squeeze is written as character spacing.
    −0.3 pt, not the grid's −0.21 pt or −0.25 pt: at −0.25 pt a full 28-character line
    followed by "，" or "。" made LibreOffice push the mark past the margin, where the PDF
    lost it; at −0.3 pt the mark hangs in the margin and is kept (the PDF-equals-docx text
    test renders every kind to check). The .docx users download is not changed.

    −0.3 pt still loses a mark in some lines mixing Arabic digits (the line's fill is then
    not a whole number of cells); ``Converter.convert`` checks the PDF's text and converts
    again with a neighbouring ``spacing`` when a mark is missing.
    """
    try:
        source = zipfile.ZipFile(io.BytesIO(docx_bytes))
    except zipfile.BadZipFile:
        raise PdfConversionError(_("The file is not a valid Word document (.docx).")) from None
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "word/document.xml":
                data = _CHAR_GRID.sub(rb"\1lines\2", data)
            elif info.filename == "word/styles.xml":
                data = _DEFAULT_RPR.sub(rb'\1<w:spacing w:val="%d"/>' % spacing, data,
                                        count=1)
            target.writestr(info, data)
    return out.getvalue()


def _font_dir() -> str:
    return settings.DOCUMENT_FONT_DIR


@functools.lru_cache(maxsize=4)
def _families_in(font_dir: str, mtime: float) -> frozenset[str]:
    """Every family name of the fonts in ``font_dir`` (``mtime`` keys the cache)."""
    fc_scan = shutil.which("fc-scan")
    if fc_scan is None:
        return frozenset()
    try:
        result = subprocess.run(  # noqa: S603 - fixed program, the folder is a setting
            [fc_scan, "--format", "%{family}\n", font_dir], capture_output=True,
            text=True, timeout=60, check=False)
    except (OSError, subprocess.SubprocessError):
        return frozenset()
    return frozenset(name.strip() for line in result.stdout.splitlines()
                     for name in line.split(",") if name.strip())


def licensed_fonts() -> frozenset[str]:
    """Family names of the fonts installed in DOCUMENT_FONT_DIR (none without it)."""
    font_dir = _font_dir()
    if not font_dir or not Path(font_dir).is_dir():
        return frozenset()
    return _families_in(font_dir, Path(font_dir).stat().st_mtime)


def missing_official_fonts() -> list[str]:
    """The official faces the PDF replaces with a free fallback."""
    installed = licensed_fonts()
    return [name for name in OFFICIAL_FONTS if name not in installed]


def fontconfig_file(workdir: Path) -> Path:
    """The fontconfig file for LibreOffice: the shipped mapping, plus the licensed fonts'
    folder when there is one (the title's fallback only when its real face is absent)."""
    font_dir = _font_dir()
    parts = [f"<dir>{escape(font_dir)}</dir>"] if font_dir else []
    parts.append(f"<include>{escape(str(FONTCONFIG_FILE))}</include>")
    if L.FONT_TITLE in missing_official_fonts():
        parts.append(f"<include>{escape(str(TITLE_FALLBACK_FILE))}</include>")
    path = workdir / "fonts.conf"
    path.write_text('<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM '
                    '"urn:fontconfig:fonts.dtd">\n<fontconfig>\n  '
                    + "\n  ".join(parts) + "\n</fontconfig>\n", encoding="utf-8")
    return path


def soffice_environment(workdir: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["FONTCONFIG_FILE"] = str(fontconfig_file(workdir))
    env["SAL_USE_VCLPLUGIN"] = "svp"
    env.setdefault("LANG", "C.UTF-8")
    return env


def _proc_stat(pid: int) -> tuple[int, int, int] | None:
    """A process's parent, process group and address space (VmSize, kB) from
    /proc/PID/stat; None once it has ended (or without /proc)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
        return int(fields[1]), int(fields[2]), int(fields[20]) // 1024
    except (OSError, ValueError, IndexError):
        return None


def _children(pid: int) -> set[int] | None:
    """The processes ``pid`` started, from the kernel's /proc/PID/task/*/children; None
    where the kernel keeps no such list (built without CONFIG_PROC_CHILDREN)."""
    found: set[int] = set()
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return found  # ended meanwhile
    for tid in tasks:
        try:
            found.update(int(child) for child in
                         Path(f"/proc/{pid}/task/{tid}/children").read_text().split())
        except FileNotFoundError:
            if not Path(f"/proc/{pid}/task").is_dir():
                return found
            return None
        except (OSError, ValueError):
            continue
    return found


def _parents() -> dict[int, list[int]]:
    """Every process's children, from one pass over /proc (for a kernel without children
    lists)."""
    children: dict[int, list[int]] = {}
    try:
        names = os.listdir("/proc")
    except OSError:
        return children
    for name in names:
        if name.isdigit() and (stat := _proc_stat(int(name))) is not None:
            children.setdefault(stat[0], []).append(int(name))
    return children


def process_tree(root: int) -> list[int]:
    """``root`` and the processes it started, and theirs, that are still in its process
    group: soffice (oosplash, which ``soffice`` execs under prlimit) and the soffice.bin it
    forks. Read from the kernel's children lists, or where it keeps none from one pass over
    /proc; empty when ``root`` has ended."""
    if _proc_stat(root) is None:
        return []
    tree, todo = [root], [root]
    everyone: dict[int, list[int]] | None = None
    while todo:
        pid = todo.pop()
        started = _children(pid)
        if started is None:
            everyone = _parents() if everyone is None else everyone
            started = set(everyone.get(pid, ()))
        for child in sorted(started):
            stat = _proc_stat(child)
            if stat is not None and stat[1] == root and child not in tree:
                tree.append(child)
                todo.append(child)
    return tree


def tree_address_space_kb(pids: list[int], pgid: int) -> int | None:
    """The largest address space (VmSize, kB) of ``pids``; None when one of them has ended
    or left the process group ``pgid`` (its number may now be another process's): the
    tree is then read again."""
    largest = None
    for pid in pids:
        stat = _proc_stat(pid)
        if stat is None or stat[1] != pgid:
            return None
        largest = max(largest or 0, stat[2])
    return largest


class Converter:
    """One soffice instance and one UNO helper, reused for every conversion, and recycled
    before it runs out of address space. Each process has its own (``get_converter``), with
    its own profile folder, so Celery's worker processes and gunicorn's never share one."""

    def __init__(self, *, workdir: Path | None = None) -> None:
        self.pid = os.getpid()
        self._lock = threading.Lock()
        self._own_workdir = workdir is None
        self.workdir = workdir or Path(tempfile.mkdtemp(prefix="ipcases-lo-"))
        self._soffice: subprocess.Popen[bytes] | None = None
        self._worker: subprocess.Popen[bytes] | None = None
        self._buffer = b""
        self._request_id = 0
        self.starts = 0
        self.conversions = 0  # by the running instance
        self._tree: list[int] = []  # soffice's processes, read when first measured

    # -- life cycle ---------------------------------------------------------------------

    def _start(self) -> None:
        if not libreoffice_available():
            raise LibreOfficeUnavailable(_unavailable_message())
        port = _free_port()
        profile = self.workdir / "profile"
        env = soffice_environment(self.workdir)
        self._soffice = subprocess.Popen(  # noqa: S603 - argument list, no shell
            limited([
                _soffice_binary(),
                "--headless", "--invisible", "--nologo", "--norestore",
                "--nodefault", "--nolockcheck",
                f"--accept=socket,host=127.0.0.1,port={port};urp;StarOffice.ComponentContext",
                f"-env:UserInstallation={profile.as_uri()}",
            ]),
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        self._worker = subprocess.Popen(  # noqa: S603 - argument list, no shell
            # -I: isolated mode keeps documents/ off sys.path, so a module there named like
            # a standard one (documents/selectors.py) cannot shadow it in the helper.
            [_uno_python(), "-I", str(WORKER_SCRIPT), "--port", str(port),
             "--timeout", str(START_TIMEOUT),
             "--max-uncompressed", str(_max_uncompressed_bytes())],
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        self._buffer = b""
        self.starts += 1
        self.conversions = 0
        reply = self._read_reply(START_TIMEOUT + 5)
        if not reply.get("ready"):
            self.close()
            raise PdfConversionError(_("LibreOffice did not start."))

    def close(self) -> None:
        """Stop both processes (they are started again on the next conversion)."""
        worker, self._worker = self._worker, None
        if worker is not None and worker.stdin is not None:
            with contextlib.suppress(OSError):
                worker.stdin.close()
        _stop(worker)
        soffice, self._soffice = self._soffice, None
        _stop(soffice)
        self._tree = []

    def shutdown(self) -> None:
        if os.getpid() != self.pid:
            return  # inherited through a fork: the processes and folder are the parent's
        with self._lock:
            self.close()
            if self._own_workdir:
                shutil.rmtree(self.workdir, ignore_errors=True)

    def address_space_kb(self) -> int | None:
        """The running soffice's address space: the largest of its processes' (None when it
        is not running). Only the processes soffice started are read, not all of /proc;
        which they are is read again when one has ended (oosplash restarts soffice.bin)."""
        if self._soffice is None or self._soffice.poll() is not None:
            return None
        root = self._soffice.pid
        size = tree_address_space_kb(self._tree, root) if self._tree else None
        if size is None:
            self._tree = process_tree(root)
            size = tree_address_space_kb(self._tree, root)
        return size

    def _recycle_if_full(self) -> None:
        """Stop soffice when its address space nears the limit: the next document starts
        a fresh one instead of coming out without its Chinese (called with the lock)."""
        size = self.address_space_kb()
        headroom = RECYCLE_HEADROOM_MB * 1024 * 1024
        if size is not None and size * 1024 > _memory_limit_bytes() - headroom:
            logger.info("Restarting LibreOffice after %s documents: %s kB of address space "
                        "used", self.conversions, size)
            self.close()

    def _alive(self) -> bool:
        return (
            self._soffice is not None and self._soffice.poll() is None
            and self._worker is not None and self._worker.poll() is None
        )

    # -- talking to the helper ----------------------------------------------------------

    def _read_reply(self, timeout: float) -> dict[str, Any]:
        assert self._worker is not None and self._worker.stdout is not None
        stream: IO[bytes] = self._worker.stdout
        deadline = time.monotonic() + timeout
        with selectors.DefaultSelector() as selector:
            selector.register(stream, selectors.EVENT_READ)
            while b"\n" not in self._buffer:
                remaining = deadline - time.monotonic()
                if remaining <= 0 or not selector.select(remaining):
                    raise TimeoutError
                chunk = os.read(stream.fileno(), 65536)
                if not chunk:
                    raise EOFError
                self._buffer += chunk
        line, _sep, self._buffer = self._buffer.partition(b"\n")
        return dict(json.loads(line))

    def _convert_once(self, source: Path, target: Path) -> None:
        if not self._alive():
            self.close()
            self._start()
        assert self._worker is not None and self._worker.stdin is not None
        self._request_id += 1
        request = {"id": self._request_id, "input": str(source), "output": str(target)}
        self._worker.stdin.write((json.dumps(request) + "\n").encode())
        self._worker.stdin.flush()
        reply = self._read_reply(_timeout())
        if not reply.get("ok"):
            raise OfficeRefused(str(reply.get("error", "")))
        self.conversions += 1

    def convert(self, docx_bytes: bytes) -> bytes:
        """The PDF of a .docx document, with every character of its text: when LibreOffice
        lost a punctuation mark at the end of a line, converted again with the character
        spacing of the next try (``SPACINGS``)."""
        expected = _docx_letters(docx_bytes)
        first = b""
        for spacing in SPACINGS:
            try:
                pdf = self._convert_spaced(docx_bytes, spacing)
            except OfficeRefused:
                # An instance short of address space may also fail to write the PDF
                # (IOException): a fresh one is tried once.
                logger.warning("LibreOffice could not convert a document; restarting it")
                with self._lock:
                    self.close()
                pdf = self._convert_spaced(docx_bytes, spacing)
            if expected is None:
                return pdf
            got = _pdf_letters(pdf)
            if got is not None and missing_letters(expected, got):
                pdf, got = self._convert_restarted(docx_bytes, spacing, expected)
            first = first or pdf
            if got is None or not only_marks_missing(expected, got):
                return pdf
        logger.warning("LibreOffice lost a punctuation mark with every spacing tried")
        return first

    def _convert_restarted(self, docx_bytes: bytes, spacing: int,
                           expected: str) -> tuple[bytes, str | None]:
        """Convert again with a fresh soffice, after a PDF left out letters of the text: an
        instance that has converted many documents fills the address space it may use
        (``DOCUMENTS_PDF_MEMORY_MB``), can then load no CJK font, and prints every Chinese
        character as nothing. Refused when the fresh instance leaves letters out too."""
        logger.warning("LibreOffice left letters out of a PDF; restarting it")
        with self._lock:
            self.close()
        pdf = self._convert_spaced(docx_bytes, spacing)
        got = _pdf_letters(pdf)
        lost = missing_letters(expected, got) if got is not None else ""
        if lost:
            raise PdfConversionError(
                _("LibreOffice left characters of the document out of the PDF (%(chars)s), "
                  "also after it was restarted.") % {"chars": lost[:20]})
        return pdf, got

    def _convert_spaced(self, docx_bytes: bytes, spacing: int) -> bytes:
        with self._lock, tempfile.TemporaryDirectory(dir=self.workdir) as tmp:
            source = Path(tmp) / "document.docx"
            target = Path(tmp) / "document.pdf"
            source.write_bytes(prepare_for_libreoffice(docx_bytes, spacing))
            for attempt in (1, 2):
                try:
                    self._convert_once(source, target)
                    break
                except TimeoutError:
                    self.close()
                    raise PdfConversionError(
                        _("LibreOffice took longer than %(s)s seconds to convert the "
                          "document and was stopped.") % {"s": seconds_text(_timeout())}) from None
                except (EOFError, BrokenPipeError, OSError, ValueError):
                    # The helper or soffice died or hung: restart both, retry once.
                    self.close()
                    if attempt == 2:
                        raise PdfConversionError(
                            _("LibreOffice stopped while converting the document.")
                        ) from None
            self._recycle_if_full()
            if not target.exists() or target.stat().st_size == 0:
                raise PdfConversionError(_("LibreOffice produced no PDF for the document."))
            return target.read_bytes()


def _docx_letters(docx_bytes: bytes) -> str | None:
    """The document's text without whitespace; None when it cannot be checked (no
    pdftotext, or a file python-docx cannot read)."""
    if shutil.which("pdftotext") is None:
        return None
    from documents.text import extract_text

    try:
        return _WHITESPACE.sub("", extract_text(docx_bytes))
    except (ValidationError, ValueError, KeyError, zipfile.BadZipFile):
        return None  # a file python-docx cannot read is converted unchecked


def _pdf_letters(pdf: bytes) -> str | None:
    """The PDF's text without whitespace and page numbers; None when it cannot be read."""
    pdftotext = shutil.which("pdftotext")
    if pdftotext is None:
        return None
    result = subprocess.run(  # noqa: S603 - fixed program, input on stdin
        [pdftotext, "-raw", "-", "-"], input=pdf, capture_output=True, timeout=60,
        check=False)
    if result.returncode != 0:
        return None
    return _WHITESPACE.sub("", _PAGE_NUMBER.sub("", result.stdout.decode("utf-8", "replace")))


def missing_letters(expected: str, got: str) -> str:
    """The characters of ``expected``, punctuation marks aside, that ``got`` has fewer of
    (in order of first appearance). A PDF with more text than the .docx's (an upload with
    text boxes) misses nothing."""
    lost = Counter(char for char in expected if char not in _MARKS) - Counter(got)
    return "".join(lost)


def only_marks_missing(expected: str, got: str) -> bool:
    """Whether ``got`` is ``expected`` with one or more punctuation marks left out."""
    if len(got) >= len(expected):
        return False
    i = 0
    for char in expected:
        if i < len(got) and got[i] == char:
            i += 1
        elif char not in _MARKS:
            return False
    return i == len(got)


_converter: Converter | None = None
_converter_lock = threading.Lock()


def get_converter() -> Converter:
    """The process-wide converter (started lazily on the first conversion)."""
    global _converter
    with _converter_lock:
        if _converter is None or _converter.pid != os.getpid():
            # None yet, or the parent's, inherited through a fork (Celery's prefork pool,
            # gunicorn's workers): this process starts its own.
            _converter = Converter()
            atexit.register(_converter.shutdown)
        return _converter


def shutdown_converter() -> None:
    """Stop this process's converter, if it started one (a Celery pool process ending)."""
    with _converter_lock:
        if _converter is not None:
            _converter.shutdown()


def convert_to_pdf(docx_bytes: bytes) -> bytes:
    """Convert a .docx to PDF with the warm converter.

    Raises LibreOfficeUnavailable when LibreOffice is not installed, PdfConversionError
    when the document cannot be converted.
    """
    if not libreoffice_available():
        raise LibreOfficeUnavailable(_unavailable_message())
    try:
        check_archive(docx_bytes, document_limits())  # before anything unpacks it
    except ValidationError as exc:
        raise PdfConversionError(" ".join(exc.messages)) from None
    return get_converter().convert(docx_bytes)


def convert_with_fresh_process(docx_bytes: bytes, *, profile_dir: Path) -> bytes:
    """One ``soffice --convert-to pdf`` process per document: the benchmark's baseline."""
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "document.docx"
        source.write_bytes(prepare_for_libreoffice(docx_bytes))
        subprocess.run(  # noqa: S603 - argument list, no shell
            limited([
                _soffice_binary(), "--headless", "--invisible", "--nologo", "--norestore",
                f"-env:UserInstallation={profile_dir.as_uri()}",
                "--convert-to", "pdf", "--outdir", tmp, str(source),
            ]),
            env=soffice_environment(Path(tmp)), check=True, capture_output=True, timeout=_timeout(),
        )
        return (Path(tmp) / "document.pdf").read_bytes()
