"""Checks an uploaded .docx template before it may become active (模板校验).

``validate_template(data, kind=...)`` returns a list of :class:`TemplateProblem`; an empty
list means the template is usable. In order, it refuses:

1. a file that is not a .docx (not a zip, no word/document.xml, unreadable XML);
2. Jinja syntax errors, naming the part (body, header, footer), the paragraph (counted
   from the top of that part, table cells included, as docxtpl lays the XML out one
   paragraph a line) and the text around it;
3. any reach for a private attribute (``x._y``, ``x["__y"]``) or a filter documents do not
   need, in any part docxtpl renders (footnotes and document properties included): the
   sandbox would refuse it at render time anyway, but such a template is an attack, not a
   mistake, and is refused before it is stored;
4. variables that are not top-level keys of the context contract
   (``documents.context.context_keys``: the kind's context type), each named with the
   first paragraph using it;
5. a template that fails to render the sample context of its kind, rendered in the same
   sandbox with strict undefined values so a misspelt attribute (``{{ doc.nmber }}``) is
   caught too;
6. a template whose sample render takes longer than ``DOCUMENTS_RENDER_TIMEOUT`` seconds
   or more than ``DOCUMENTS_RENDER_MEMORY_MB`` of memory: the render runs in the render
   process (``documents.isolation``), which is stopped at either limit.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _
from docx import Document
from docx.oxml import parse_xml
from docxtpl import DocxTemplate
from jinja2 import StrictUndefined, TemplateSyntaxError, meta, nodes

from documents.context import context_keys, sample_context
from documents.isolation import RenderLimitExceeded, run_limited
from documents.rendering import (
    ALLOWED_FILTERS,
    CompiledTemplate,
    _CachedDocxTemplate,
    make_jinja_env,
)

EXCERPT_CHARS = 60
_TAG = re.compile(r"<[^>]+>")
_PARAGRAPH_START = re.compile(r"<w:p([ >])")


@dataclass(frozen=True)
class TemplateProblem:
    # not_docx | syntax | forbidden | unknown_variable | render_failed | render_limit
    code: str
    message: str
    part: str = ""
    paragraph: int | None = None
    excerpt: str = ""
    variable: str = ""

    def __str__(self) -> str:
        return self.message


@dataclass
class _Part:
    label: str  # body / header / footer, for messages
    lines: list[str]  # one paragraph a line; line 1 precedes the first paragraph

    @property
    def source(self) -> str:
        return "\n".join(self.lines)

    def excerpt(self, lineno: int) -> str:
        if not 1 <= lineno <= len(self.lines):
            return ""
        text = _TAG.sub("", self.lines[lineno - 1])
        text = text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&").strip()
        return text if len(text) <= EXCERPT_CHARS else text[: EXCERPT_CHARS - 1] + "…"


FOOTNOTES_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
# The core properties docxtpl renders as templates (DocxTemplate.render_properties).
PROPERTY_NAMES = ("author", "comments", "identifier", "language", "subject", "title")


def _part_labels() -> dict[str, str]:
    return {"body": _("body"), "header": _("header"), "footer": _("footer"),
            "footnotes": _("footnotes"), "properties": _("document properties")}


def _open(data: bytes) -> DocxTemplate | None:
    try:
        if not zipfile.is_zipfile(io.BytesIO(data)):
            return None
        Document(io.BytesIO(data))
        template = DocxTemplate(io.BytesIO(data))
        template.init_docx()
    except Exception:  # noqa: BLE001 - any failure to open means "not a .docx"
        return None
    return template


def _parts(template: DocxTemplate) -> list[_Part]:
    labels = _part_labels()
    sources: list[tuple[str, str]] = [("body", template.get_xml())]
    for uri, key in ((template.HEADER_URI, "header"), (template.FOOTER_URI, "footer")):
        for _rel, part in template.get_headers_footers(uri):
            sources.append((key, template.xml_to_string(parse_xml(part.blob))))
    # docxtpl renders footnotes and the document properties too.
    for part in template.docx.part.package.parts:
        if part.content_type == FOOTNOTES_TYPE:
            blob = part.blob
            sources.append(("footnotes", blob.decode("utf-8") if isinstance(blob, bytes)
                            else blob))
    props = template.docx.core_properties
    sources.extend(("properties", getattr(props, name) or "") for name in PROPERTY_NAMES)
    parts = []
    for key, xml in sources:
        # Lines first, then docxtpl's patching: a {%p %} paragraph collapses to its tag but
        # keeps its own line, so line n + 1 stays paragraph n.
        patched = template.patch_xml(_PARAGRAPH_START.sub(r"\n<w:p\1", xml))
        parts.append(_Part(labels[key], patched.split("\n")))
    return parts


_BLOCK_TAG = re.compile(r"\{%-?\s*(\w+)")
_BLOCKS = {"for", "if", "macro", "call", "filter", "with", "block", "raw", "autoescape"}


def _unclosed_block_line(part: _Part) -> int | None:
    """Line of the innermost block never closed (Jinja reports the end of the part)."""
    stack: list[tuple[str, int]] = []
    for lineno, line in enumerate(part.lines, start=1):
        for name in _BLOCK_TAG.findall(_TAG.sub("", line)):
            if name in _BLOCKS:
                stack.append((name, lineno))
            elif name.startswith("end") and stack and stack[-1][0] == name[3:]:
                stack.pop()
    return stack[-1][1] if stack else None


def _syntax_problem(part: _Part, exc: TemplateSyntaxError) -> TemplateProblem:
    lineno = exc.lineno or 1
    if "Unexpected end of template" in (exc.message or ""):
        lineno = _unclosed_block_line(part) or lineno
    paragraph = max(lineno - 1, 1)
    excerpt = part.excerpt(lineno)
    return TemplateProblem(
        code="syntax",
        message=_(
            "Template error in the %(part)s, paragraph %(paragraph)s (“%(excerpt)s”): "
            "%(error)s"
        ) % {"part": part.label, "paragraph": paragraph, "excerpt": excerpt,
             "error": exc.message or str(exc)},
        part=part.label,
        paragraph=paragraph,
        excerpt=excerpt,
    )


def _first_use(part: _Part, name: str) -> int | None:
    pattern = re.compile(r"[{][{%][^}]*\b" + re.escape(name) + r"\b")
    for lineno, line in enumerate(part.lines, start=1):
        if pattern.search(_TAG.sub("", line)):
            return lineno
    return None


def _forbidden_name(node: nodes.Node) -> str | None:
    """What ``node`` reaches for that no document template may: a private attribute or
    a filter outside the allowed set; ``None`` when it is harmless."""
    if isinstance(node, nodes.Getattr) and node.attr.startswith("_"):
        return node.attr
    if (isinstance(node, nodes.Getitem) and isinstance(node.arg, nodes.Const)
            and isinstance(node.arg.value, str) and node.arg.value.startswith("_")):
        return node.arg.value
    if isinstance(node, nodes.Filter) and node.name not in ALLOWED_FILTERS:
        return f"|{node.name}"
    return None


def _forbidden(part: _Part, ast: nodes.Template) -> list[TemplateProblem]:
    problems = []
    for node in ast.find_all((nodes.Getattr, nodes.Getitem, nodes.Filter)):
        name = _forbidden_name(node)
        if name is None:
            continue
        paragraph = max(node.lineno - 1, 1)
        excerpt = part.excerpt(node.lineno)
        problems.append(TemplateProblem(
            code="forbidden",
            message=_(
                "The %(part)s, paragraph %(paragraph)s (“%(excerpt)s”), uses “%(name)s”, "
                "which document templates may not use."
            ) % {"part": part.label, "paragraph": paragraph, "excerpt": excerpt,
                 "name": name},
            part=part.label,
            paragraph=paragraph,
            excerpt=excerpt,
        ))
    return problems


def validate_template(data: bytes, *, kind: str) -> list[TemplateProblem]:
    """Problems that keep ``data`` from serving as the template for ``kind``; [] if none."""
    template = _open(data)
    if template is None:
        return [TemplateProblem(
            code="not_docx",
            message=_("The file is not a valid Word document (.docx)."),
        )]
    env = make_jinja_env()
    problems: list[TemplateProblem] = []
    known = context_keys(kind)
    for part in _parts(template):
        try:
            ast = env.parse(part.source)
            forbidden = _forbidden(part, ast)
            if forbidden:
                problems.extend(forbidden)
                continue
            env.from_string(part.source)
        except TemplateSyntaxError as exc:
            problems.append(_syntax_problem(part, exc))
            continue
        except RecursionError:  # thousands of brackets or filters inside one another
            problems.append(TemplateProblem(
                code="syntax",
                message=_("The %(part)s nests brackets or filters too deeply to be read.")
                % {"part": part.label},
                part=part.label,
            ))
            continue
        for name in sorted(meta.find_undeclared_variables(ast) - known):
            lineno = _first_use(part, name)
            excerpt = part.excerpt(lineno) if lineno else ""
            problems.append(TemplateProblem(
                code="unknown_variable",
                message=_(
                    "Unknown variable “%(name)s” in the %(part)s, paragraph %(paragraph)s "
                    "(“%(excerpt)s”). Documents know: %(known)s."
                ) % {"name": name, "part": part.label,
                     "paragraph": max((lineno or 2) - 1, 1), "excerpt": excerpt,
                     "known": ", ".join(sorted(known))},
                part=part.label,
                paragraph=max((lineno or 2) - 1, 1),
                excerpt=excerpt,
                variable=name,
            ))
    if problems:
        return problems
    context: dict[str, Any] = sample_context(kind)
    try:
        error = run_limited(_sample_render_error, data, context)
    except RenderLimitExceeded as exc:
        return [TemplateProblem(code="render_limit", message=str(exc))]
    if error:
        problems.append(TemplateProblem(
            code="render_failed",
            message=_("The template does not render with sample data: %(error)s")
            % {"error": error},
        ))
    return problems


def _sample_render_error(data: bytes, context: dict[str, Any]) -> str:
    """Why ``data`` fails to render ``context`` with strict undefined values ("" if it
    does not). Run in the render process, bounded in time and memory (``run_limited``)."""
    strict = make_jinja_env(undefined=StrictUndefined)
    compiled = CompiledTemplate(data=data, sha256="", autoescape=True, env=strict)
    try:
        doc = _CachedDocxTemplate(compiled)
        doc.render(context, jinja_env=strict, autoescape=True)
        out = io.BytesIO()
        doc.save(out)
        Document(io.BytesIO(out.getvalue()))
    except MemoryError:
        raise  # the memory limit: run_limited reports it
    except Exception as exc:  # noqa: BLE001 - any failure is reported to the uploader
        return f"{type(exc).__name__}: {exc}"
    return ""
