"""Render a .docx template with a document context (docxtpl, autoescaped).

``render_docx(template, context)`` takes a template path or its bytes and returns the
rendered .docx bytes. Values are escaped (``&``, ``<``, ``>``, quotes), so party names and
free text can never break the document's XML.

Templates are cached per process, keyed by the SHA-256 of their bytes (a path is first
checked by size and mtime, so an edited file is reloaded). What is cached is the expensive,
immutable part of a render: the patched XML of the body, headers and footers compiled to
Jinja templates. docxtpl's ``DocxTemplate`` mutates its document on render, so every render
still opens a fresh python-docx ``Document`` from the cached bytes: each render starts from
a clean copy and no state leaks between renders or threads. bench/bench_documents.py
measures the gain against a fresh ``DocxTemplate`` per render.
"""

from __future__ import annotations

import functools
import hashlib
import io
import os
import re
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from docxtpl import DocxTemplate
from jinja2 import Environment, Template, Undefined
from jinja2.sandbox import ImmutableSandboxedEnvironment

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


class DocumentSandbox(ImmutableSandboxedEnvironment):
    """Jinja's sandbox for document templates (uploaded templates are hostile input).

    The sandbox refuses attributes starting with ``_`` and the interpreter's internals,
    so ``''.__class__.__mro__`` cannot reach ``subprocess``; the immutable variant also
    refuses methods that change the context's lists and dicts. Only :data:`ALLOWED_FILTERS`
    exist, and the only global is a bounded ``range``.
    """

    def __init__(self, *, autoescape: bool = True,
                 undefined: type[Undefined] = Undefined) -> None:
        super().__init__(autoescape=autoescape, undefined=undefined)
        self.filters = {k: v for k, v in self.filters.items() if k in ALLOWED_FILTERS}
        self.globals = {"range": _bounded_range}


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


class _CachedDocxTemplate(DocxTemplate):
    """docxtpl's template, rendering body/headers/footers from precompiled Jinja templates."""

    def __init__(self, compiled: CompiledTemplate) -> None:
        super().__init__(io.BytesIO(compiled.data))
        self._compiled = compiled

    def _render_part(self, part: Any, source: Callable[[], str], context: dict[str, Any]) -> str:
        self.current_rendering_part = part
        template = self._compiled.compiled(str(part.partname), source)
        dst_xml = template.render(context)
        # docxtpl's post-processing of a rendered part (render_xml_part), unchanged.
        dst_xml = re.sub(r"\n<w:p([ >])", r"<w:p\1", dst_xml)
        dst_xml = (
            dst_xml.replace("{_{", "{{")
            .replace("}_}", "}}")
            .replace("{_%", "{%")
            .replace("%_}", "%}")
        )
        return str(self.resolve_listing(dst_xml))

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

    Raises jinja2's ``TemplateError`` subclasses for a broken template or a failing
    expression, and ``zipfile.BadZipFile``/``KeyError`` for a file that is not a .docx;
    uploaded templates are checked beforehand by ``documents.validation``.
    """
    compiled = template_cache.get(template, autoescape=autoescape)
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
