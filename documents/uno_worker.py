"""UNO conversion helper, run by Debian's system Python (``/usr/bin/python3``).

Not imported by the project: ``documents.pdf`` starts this file as a child process with
the interpreter that has the ``uno`` module (package python3-uno; the project's virtualenv
cannot import it). It connects to the long-lived ``soffice`` listening on ``--port`` and
then converts one document per request:

    stdin:  {"id": 1, "input": "/tmp/x.docx", "output": "/tmp/x.pdf"}\n
    stdout: {"id": 1, "ok": true}\n   or   {"id": 1, "ok": false, "error": "..."}\n

It first prints {"ready": true} once connected. It exits on end of input, and on a lost
connection (the parent then restarts soffice and this helper).
"""

from __future__ import annotations

import json
import sys
import time
import zipfile
from typing import Any

import uno
from com.sun.star.beans import PropertyValue


def _prop(name: str, value: Any) -> Any:
    prop = PropertyValue()
    prop.Name = name
    prop.Value = value
    return prop


def _connect(port: int, timeout: float) -> Any:
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local
    )
    url = f"uno:socket,host=127.0.0.1,port={port};urp;StarOffice.ComponentContext"
    deadline = time.monotonic() + timeout
    while True:
        try:
            ctx = resolver.resolve(url)
            break
        except Exception:  # noqa: BLE001 - soffice not listening yet
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)
    return ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)


def _check_size(source: str, max_uncompressed: int) -> None:
    """Refuse a document that unpacks beyond the limit before LibreOffice loads it."""
    with zipfile.ZipFile(source) as archive:
        total = sum(info.file_size for info in archive.infolist())
    if total > max_uncompressed:
        raise ValueError(f"the document unpacks to {total} bytes, more than {max_uncompressed}")


def _convert(desktop: Any, source: str, target: str, max_uncompressed: int) -> None:
    _check_size(source, max_uncompressed)
    doc = desktop.loadComponentFromURL(
        uno.systemPathToFileUrl(source),
        "_blank",
        0,
        (_prop("Hidden", True), _prop("ReadOnly", True), _prop("UpdateDocMode", 0)),
    )
    if doc is None:
        raise RuntimeError("LibreOffice could not open the document")
    try:
        doc.storeToURL(
            uno.systemPathToFileUrl(target), (_prop("FilterName", "writer_pdf_Export"),)
        )
    finally:
        doc.close(True)


def _answer(payload: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(payload) + "\n")
    sys.stdout.flush()


def main() -> int:
    port = int(sys.argv[sys.argv.index("--port") + 1])
    timeout = float(sys.argv[sys.argv.index("--timeout") + 1]) if "--timeout" in sys.argv else 60
    max_uncompressed = (int(sys.argv[sys.argv.index("--max-uncompressed") + 1])
                        if "--max-uncompressed" in sys.argv else 100 * 1024 * 1024)
    desktop = _connect(port, timeout)
    _answer({"ready": True})
    for line in sys.stdin:
        if not line.strip():
            continue
        request = json.loads(line)
        try:
            _convert(desktop, request["input"], request["output"], max_uncompressed)
        except Exception as exc:
            name = type(exc).__name__
            _answer({"id": request.get("id"), "ok": False, "error": f"{name}: {exc}"})
            # A dead bridge cannot recover: let the parent restart everything.
            if "DisposedException" in name or "RuntimeException" in name:
                return 3
            continue
        _answer({"id": request.get("id"), "ok": True})
    return 0


if __name__ == "__main__":
    sys.exit(main())
