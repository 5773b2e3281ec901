"""Render a .docx template with a document context (docxtpl, autoescaped).

``render_docx(template, context)`` takes a template path or its bytes and returns the
rendered .docx bytes. Values are escaped (``&``, ``<``, ``>``, quotes), so party names and
free text can never break the document's XML.

A render runs in a separate process bounded in time and memory (``documents.isolation``:
uploaded templates are hostile input); that process keeps the cache described here.

Templates are cached per process, keyed by the SHA-256 of their bytes (a path is first
checked by size and mtime, so an edited file is reloaded). What is cached is the expensive,
immutable part of a render:

- the patched XML of the body, headers, footers and footnotes compiled to Jinja templates
  (in the same sandbox as an uncached render);
- the package split for a warm render (:class:`_Package`): every part that is not rendered
  (styles, theme, numbering, fonts, relationships, media) compressed once into a base zip,
  and the document element without its body. A warm render renders the compiled parts,
  applies docxtpl's post-processing (line breaks of the listing, table grid repair, drawing
  ids), and appends the rendered parts to a copy of the base zip: it neither parses nor
  re-serialises nor re-compresses the template's unchanged parts, which are most of a
  .docx (the styles alone are ~800 kB of XML).

Each render starts from the cached, never-mutated sources, so no state leaks between
renders or threads. A template using docxtpl features the warm path does not reproduce
(Jinja in the core properties, or a package without them) is rendered by docxtpl on a fresh
python-docx document from the cached bytes and compiled parts instead.
bench/bench_documents.py measures both against a fresh ``DocxTemplate`` per render.
"""

from __future__ import annotations

import copy
import functools
import hashlib
import io
import os
import re
import threading
import zipfile
from collections import OrderedDict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docxtpl import DocxTemplate
from jinja2 import Environment, Template, Undefined
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError
from lxml import etree

from documents.isolation import run_limited

CACHE_SIZE = 64

PathOrBytes = str | os.PathLike[str] | bytes

# The filters a document template may use. Templates are uploaded by office
# administrators, so they are untrusted input: anything not needed to lay out a document
# (``attr``, ``format``, ``safe``, ``xmlattr``, ``pprint``, …) is left out.
ALLOWED_FILTERS = frozenset({
    "abs", "capitalize", "count", "d", "default", "e", "escape", "first", "float", "int",
    "join", "last", "length", "list", "lower", "map", "max", "min", "reject", "rejectattr",
    "replace", "round", "select", "selectattr", "sort", "string", "sum", "title", "trim",
    "truncate", "unique", "upper", "wordcount",
})
# A template loop over range() may not run away with the worker.
MAX_RANGE = 1000
# Nor may one expression make a string or list longer than this (``"x" * 10**9``, a
# ``%0999999999d`` or ``{:0999999999}`` width), or a power larger than this exponent: the
# upload check renders the template in the web process and a render runs in a worker.
MAX_MADE = 20_000
MAX_EXPONENT = 64
# str methods that only pad or repeat: what a document needs is in the allowed filters.
_PADDING_METHODS = frozenset({"format", "format_map", "center", "ljust", "rjust", "zfill",
                              "expandtabs"})
_WIDE_FORMAT = re.compile(r"%[-+ #0]*(?:\*|\d{4,})|%[-+ #0]*\d*\.(?:\*|\d{4,})")


class DocumentSandbox(ImmutableSandboxedEnvironment):
    """Jinja's sandbox for document templates (uploaded templates are hostile input).

    The sandbox refuses attributes starting with ``_`` and the interpreter's internals,
    so ``''.__class__.__mro__`` cannot reach ``subprocess``; the immutable variant also
    refuses methods that change the context's lists and dicts. Only :data:`ALLOWED_FILTERS`
    exist, and the only global is a bounded ``range``.
    """

    intercepted_binops = frozenset({"*", "**", "%"})

    def __init__(self, *, autoescape: bool = True,
                 undefined: type[Undefined] = Undefined) -> None:
        super().__init__(autoescape=autoescape, undefined=undefined)
        self.filters = {k: v for k, v in self.filters.items() if k in ALLOWED_FILTERS}
        self.globals = {"range": _bounded_range}

    def wrap_str_format(self, value: Any) -> None:
        return None  # str.format is refused below, not wrapped (its widths are unbounded)

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        if isinstance(obj, str) and attr in _PADDING_METHODS:
            return False
        return bool(super().is_safe_attribute(obj, attr, value))

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        """``*``, ``**`` and ``%`` bounded before they are computed (see MAX_MADE)."""
        if operator == "*":
            for seq, times in ((left, right), (right, left)):
                if isinstance(seq, (str, list, tuple)) and isinstance(times, int) \
                        and len(seq) * times > MAX_MADE:
                    raise SecurityError(f"a text or list of more than {MAX_MADE} items")
        elif operator == "**":
            if isinstance(right, (int, float)) and abs(right) > MAX_EXPONENT:
                raise SecurityError(f"a power above {MAX_EXPONENT}")
        elif isinstance(left, str) and _WIDE_FORMAT.search(left):
            raise SecurityError("a format width or precision of four digits or more")
        return super().call_binop(context, operator, left, right)


def _bounded_range(*args: int) -> range:
    rng = range(*args)
    if len(rng) > MAX_RANGE:
        raise OverflowError(f"range() of more than {MAX_RANGE} items in a document template")
    return rng


def make_jinja_env(*, autoescape: bool = True,
                   undefined: type[Undefined] = Undefined) -> Environment:
    """The sandboxed Jinja environment every document template is compiled in."""
    return DocumentSandbox(autoescape=autoescape, undefined=undefined)


@dataclass
class CompiledTemplate:
    """A template's bytes with its parts compiled once (keyed by part name)."""

    data: bytes
    sha256: str
    autoescape: bool
    env: Environment
    parts: dict[str, Template] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)
    # The package split for the warm path; built on the first render, None until then,
    # False when the template needs docxtpl's full render (see _Package.build).
    package: _Package | None | bool = None

    def warm_package(self) -> _Package | None:
        if self.package is None:
            with self.lock:
                if self.package is None:
                    self.package = _Package.build(self) or False
        return self.package if isinstance(self.package, _Package) else None

    def compiled(self, partname: str, source: Callable[[], str]) -> Template:
        template = self.parts.get(partname)
        if template is None:
            with self.lock:
                template = self.parts.get(partname)
                if template is None:
                    # Same line layout as docxtpl's render_xml_part: one paragraph a line.
                    xml = re.sub(r"<w:p([ >])", r"\n<w:p\1", source())
                    template = self.env.from_string(xml)
                    self.parts[partname] = template
        return template


_XML_DECLARATION = b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
_FOOTNOTES_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
# Core properties docxtpl renders as templates (DocxTemplate.render_properties).
_RENDERED_PROPERTIES = ("author", "comments", "identifier", "language", "subject", "title")
_WP_NS = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
# docxtpl's post-processing, borrowed from an empty DocxTemplate (these methods only use
# their arguments).
_DOCXTPL = DocxTemplate(io.BytesIO())


@dataclass(frozen=True)
class _RenderedPart:
    partname: str  # python-docx's name, "/word/footer1.xml"
    zipname: str  # "word/footer1.xml"
    source: str  # the patched XML the compiled template is made from
    reparse: bool  # headers and footers are re-serialised as python-docx would


@dataclass(frozen=True)
class _Package:
    """A template's .docx split into what a render changes and what it copies."""

    base_zip: bytes  # every part not rendered, already compressed, in the original order
    infos: dict[str, zipfile.ZipInfo]  # the rendered parts' original zip entries
    body: _RenderedPart
    document_root: etree._Element  # the document element without its body; never mutated
    parts: tuple[_RenderedPart, ...]  # headers, footers, footnotes

    @classmethod
    def build(cls, compiled: CompiledTemplate) -> _Package | None:
        """Split ``compiled``'s package, or None when docxtpl must render it in full."""
        doc = DocxTemplate(io.BytesIO(compiled.data))
        doc.init_docx()
        package = doc.docx.part.package
        core = [rel.target_part for rel in package.rels.values()
                if rel.reltype == RT.CORE_PROPERTIES]
        if not core:
            return None  # docxtpl would add default core properties: let it
        props = doc.docx.core_properties
        if any(_has_jinja(getattr(props, name) or "") for name in _RENDERED_PROPERTIES):
            return None
        main = doc.docx.part
        body = _RenderedPart(str(main.partname), str(main.partname).lstrip("/"),
                             doc.patch_xml(doc.get_xml()), reparse=False)
        parts: list[_RenderedPart] = []
        for uri in (DocxTemplate.HEADER_URI, DocxTemplate.FOOTER_URI):
            for _key, part in doc.get_headers_footers(uri):
                name = str(part.partname)
                if any(p.partname == name for p in parts):
                    continue
                parts.append(_RenderedPart(name, name.lstrip("/"),
                                           doc.patch_xml(doc.get_part_xml(part)), reparse=True))
        for part in package.parts:
            if part.content_type == _FOOTNOTES_TYPE:
                blob = part.blob.decode("utf-8") if isinstance(part.blob, bytes) else part.blob
                name = str(part.partname)
                parts.append(_RenderedPart(name, name.lstrip("/"), doc.patch_xml(blob),
                                           reparse=False))
        root = etree.fromstring(etree.tostring(main.element))
        root.remove(root.find(_w("body")))
        rendered = {body.zipname} | {p.zipname for p in parts}
        base = io.BytesIO()
        infos: dict[str, zipfile.ZipInfo] = {}
        with zipfile.ZipFile(io.BytesIO(compiled.data)) as src, \
                zipfile.ZipFile(base, "w", zipfile.ZIP_DEFLATED) as dst:
            names = {info.filename for info in src.infolist()}
            if not rendered <= names:
                return None  # a part name python-docx normalised: not a plain package
            for info in src.infolist():
                if info.filename in rendered:
                    infos[info.filename] = info
                    continue
                entry = zipfile.ZipInfo(info.filename, date_time=info.date_time)
                entry.external_attr = info.external_attr
                dst.writestr(entry, src.read(info), compress_type=zipfile.ZIP_DEFLATED)
        return cls(base_zip=base.getvalue(), infos=infos, body=body, document_root=root,
                   parts=tuple(parts))

    def render(self, compiled: CompiledTemplate, context: dict[str, Any]) -> bytes:
        body = _render_part_xml(compiled, self.body, context)
        tree = _DOCXTPL.fix_tables(body)
        for index, elt in enumerate(tree.iter(f"{{{_WP_NS}}}docPr"), start=1001):
            elt.attrib["id"] = str(index)  # docxtpl's fix_docpr_ids, from the same 1000
        root = copy.deepcopy(self.document_root)
        root.append(tree)
        rendered = {self.body.zipname: etree.tostring(root, encoding="UTF-8", standalone=True)}
        for part in self.parts:
            xml = _render_part_xml(compiled, part, context)
            if part.reparse:
                rendered[part.zipname] = etree.tostring(
                    etree.fromstring(xml.encode("utf-8")), encoding="UTF-8", standalone=True)
            else:
                rendered[part.zipname] = xml.encode("utf-8")
        out = io.BytesIO(self.base_zip)
        out.seek(0, io.SEEK_END)
        with zipfile.ZipFile(out, "a", zipfile.ZIP_DEFLATED) as package:
            for name, data in rendered.items():
                original = self.infos[name]
                entry = zipfile.ZipInfo(name, date_time=original.date_time)
                entry.external_attr = original.external_attr
                package.writestr(entry, data, compress_type=zipfile.ZIP_DEFLATED)
        return out.getvalue()


def _w(tag: str) -> str:
    return "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}" + tag


def _has_jinja(text: str) -> bool:
    return any(mark in text for mark in ("{{", "{%", "{#"))


def _render_part_xml(compiled: CompiledTemplate, part: _RenderedPart,
                     context: dict[str, Any]) -> str:
    """Render one compiled part and post-process it as docxtpl's render_xml_part does."""
    template = compiled.compiled(part.partname, lambda: part.source)
    return _postprocess(template.render(context))


def _postprocess(dst_xml: str) -> str:
    dst_xml = re.sub(r"\n<w:p([ >])", r"<w:p\1", dst_xml)
    dst_xml = (
        dst_xml.replace("{_{", "{{")
        .replace("}_}", "}}")
        .replace("{_%", "{%")
        .replace("%_}", "%}")
    )
    if not any(mark in dst_xml for mark in "\t\a\n\f"):
        return dst_xml  # resolve_listing only rewrites these characters
    return str(_DOCXTPL.resolve_listing(dst_xml))


class _CachedDocxTemplate(DocxTemplate):
    """docxtpl's template, rendering body/headers/footers from precompiled Jinja templates."""

    def __init__(self, compiled: CompiledTemplate) -> None:
        super().__init__(io.BytesIO(compiled.data))
        self._compiled = compiled

    def _render_part(self, part: Any, source: Callable[[], str], context: dict[str, Any]) -> str:
        self.current_rendering_part = part
        template = self._compiled.compiled(str(part.partname), source)
        # docxtpl's post-processing of a rendered part (render_xml_part), unchanged.
        return _postprocess(template.render(context))

    def build_xml(self, context: dict[str, Any], jinja_env: Environment | None = None) -> str:
        return self._render_part(
            self.docx._part, lambda: self.patch_xml(self.get_xml()), context
        )

    def build_headers_footers_xml(
        self, context: dict[str, Any], uri: str, jinja_env: Environment | None = None
    ) -> Iterator[tuple[str, bytes]]:
        for rel_key, part in self.get_headers_footers(uri):
            xml = self.get_part_xml(part)
            encoding = self.get_headers_footers_encoding(xml)
            rendered = self._render_part(part, functools.partial(self.patch_xml, xml), context)
            yield rel_key, rendered.encode(encoding)


class TemplateCache:
    """Per-process LRU of compiled templates; thread-safe."""

    def __init__(self, size: int = CACHE_SIZE) -> None:
        self.size = size
        self._by_sha: OrderedDict[tuple[str, bool], CompiledTemplate] = OrderedDict()
        self._path_sha: dict[str, tuple[int, int, str]] = {}
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def clear(self) -> None:
        with self._lock:
            self._by_sha.clear()
            self._path_sha.clear()

    def get(self, template: PathOrBytes, *, autoescape: bool = True) -> CompiledTemplate:
        data: bytes | None = None
        if isinstance(template, bytes):
            data = template
            sha = hashlib.sha256(data).hexdigest()
        else:
            path = str(Path(template).resolve())
            stat = os.stat(path)
            known = self._path_sha.get(path)
            if known and known[:2] == (stat.st_mtime_ns, stat.st_size):
                sha = known[2]
            else:
                data = Path(path).read_bytes()
                sha = hashlib.sha256(data).hexdigest()
                with self._lock:
                    self._path_sha[path] = (stat.st_mtime_ns, stat.st_size, sha)
        key = (sha, autoescape)
        with self._lock:
            entry = self._by_sha.get(key)
            if entry is not None:
                self._by_sha.move_to_end(key)
                self.hits += 1
                return entry
        if data is None:
            data = Path(str(template)).read_bytes()
        entry = CompiledTemplate(
            data=data, sha256=sha, autoescape=autoescape,
            env=make_jinja_env(autoescape=autoescape),
        )
        with self._lock:
            self.misses += 1
            entry = self._by_sha.setdefault(key, entry)
            self._by_sha.move_to_end(key)
            while len(self._by_sha) > self.size:
                self._by_sha.popitem(last=False)
        return entry


template_cache = TemplateCache()


def render_docx(
    template: PathOrBytes, context: dict[str, Any], *, autoescape: bool = True
) -> bytes:
    """Render ``template`` (a path or .docx bytes) with ``context``; the .docx bytes.

    The render runs in the render process, bounded in time and memory
    (``documents.isolation``), which raises ``RenderLimitExceeded`` when it is stopped.
    Raises jinja2's ``TemplateError`` subclasses for a broken template or a failing
    expression, and ``zipfile.BadZipFile``/``KeyError`` for a file that is not a .docx;
    uploaded templates are checked beforehand by ``documents.validation``.
    """
    return bytes(run_limited(render_here, template, context, autoescape))


def render_here(template: PathOrBytes, context: dict[str, Any], autoescape: bool) -> bytes:
    """:func:`render_docx` in this process, without limits (the render process runs it)."""
    compiled = template_cache.get(template, autoescape=autoescape)
    package = compiled.warm_package()
    if package is not None:
        return package.render(compiled, context)
    doc = _CachedDocxTemplate(compiled)
    doc.render(context, jinja_env=compiled.env, autoescape=autoescape)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def render_docx_uncached(
    template: PathOrBytes, context: dict[str, Any], *, autoescape: bool = True
) -> bytes:
    """Plain docxtpl: load the template afresh and render it (the benchmark's baseline)."""
    source: Any = io.BytesIO(template) if isinstance(template, bytes) else str(template)
    doc = DocxTemplate(source)
    doc.render(context, jinja_env=make_jinja_env(autoescape=autoescape), autoescape=autoescape)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
