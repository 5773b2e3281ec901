"""Plain text of a .docx, for the precedent index (类案检索) and for tests.

Paragraphs and tables in document order; a table row becomes one line with its cells
separated by a tab. Headers and footers (page numbers) are left out: they are not part of
the decision's text.
"""

from __future__ import annotations

import io

from docx import Document
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph

from cases.archives import check_archive, document_limits


def extract_text(docx_bytes: bytes) -> str:
    """The text; ValidationError for a file that would unpack too far (a zip bomb)."""
    check_archive(docx_bytes, document_limits())
    doc = Document(io.BytesIO(docx_bytes))
    lines: list[str] = []
    body = doc.element.body
    for child in body.iterchildren():
        if child.tag == qn("w:p"):
            lines.append(Paragraph(child, doc).text)
        elif child.tag == qn("w:tbl"):
            table = Table(child, doc)
            for row in table.rows:
                cells: list[str] = []
                for cell in row.cells:
                    text = "\n".join(p.text for p in cell.paragraphs)
                    # Merged cells repeat in python-docx's view of a row.
                    if not cells or cells[-1] != text:
                        cells.append(text)
                lines.append("\t".join(cells))
    return "\n".join(lines).strip() + "\n"
