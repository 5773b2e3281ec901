"""Zip archives from users (.docx, .xlsx, import .zip) checked before anything unpacks them.

A .docx of 216 KB can hold 60 MB of XML, and a 1 MB zip a gigabyte: parsing or reading
such a "decompression bomb" costs the server memory and minutes. The central directory
states every entry's uncompressed size, and Python's zipfile never returns more than that
size for an entry, so checking the directory (entry count, each size, the total, and the
compression ratio) bounds what any later reader of the same bytes can unpack.
"""

from __future__ import annotations

import io
import struct
import zipfile
from dataclasses import dataclass
from typing import IO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MB = 1024 * 1024
_EOCD = b"PK\x05\x06"
_EOCD_SIZE = 22


@dataclass(frozen=True)
class ArchiveLimits:
    max_entries: int
    max_total: int  # bytes, uncompressed, all entries
    max_entry: int  # bytes, uncompressed, one entry
    # Entries larger than RATIO_FLOOR may not be compressed more than this (XML and text
    # compress 5-30 times; a bomb thousands of times).
    max_ratio: int = 200


RATIO_FLOOR = 1 * MB


def document_limits() -> ArchiveLimits:
    """For one Word or Excel file (an upload, a template, an imported decision)."""
    total = int(getattr(settings, "UPLOAD_MAX_UNCOMPRESSED_MB", 100)) * MB
    return ArchiveLimits(max_entries=2000, max_total=total, max_entry=total)


def _entry_count(stream: IO[bytes]) -> int | None:
    """Entries announced by the end-of-central-directory record, read before zipfile
    builds its list of entries (one object per entry, whatever their number)."""
    stream.seek(0, io.SEEK_END)
    size = stream.tell()
    tail_size = min(size, _EOCD_SIZE + 65535)
    stream.seek(size - tail_size)
    tail = stream.read(tail_size)
    at = tail.rfind(_EOCD)
    if at < 0 or len(tail) - at < _EOCD_SIZE:
        return None
    total: int = struct.unpack("<H", tail[at + 10:at + 12])[0]
    return total


def check_archive(data: bytes | IO[bytes], limits: ArchiveLimits) -> None:
    """Raise ValidationError (a user's message) unless the zip stays within ``limits``."""
    stream: IO[bytes] = io.BytesIO(data) if isinstance(data, bytes) else data
    position = stream.tell()
    try:
        count = _entry_count(stream)
        if count is None:
            raise ValidationError(_("The file is not a valid zip-based file (.docx, .xlsx "
                                    "or .zip)."))
        if count == 0xFFFF or count > limits.max_entries:  # 0xFFFF: a ZIP64 archive
            raise ValidationError(_("The file holds more than %(n)s parts.")
                                  % {"n": limits.max_entries})
        stream.seek(0)
        try:
            entries = zipfile.ZipFile(stream).infolist()
        except (zipfile.BadZipFile, ValueError, EOFError):
            raise ValidationError(_("The file is not a valid zip-based file (.docx, .xlsx "
                                    "or .zip).")) from None
        if len(entries) > limits.max_entries:
            raise ValidationError(_("The file holds more than %(n)s parts.")
                                  % {"n": limits.max_entries})
        total = 0
        for info in entries:
            total += info.file_size
            too_dense = (info.file_size > RATIO_FLOOR
                         and info.file_size > limits.max_ratio * max(info.compress_size, 1))
            if info.file_size > limits.max_entry or too_dense:
                raise ValidationError(
                    _("“%(name)s” inside the file unpacks to %(mb)s MB; such a file is "
                      "refused as a possible decompression bomb.")
                    % {"name": info.filename[:100], "mb": info.file_size // MB})
        if total > limits.max_total:
            raise ValidationError(_("The file unpacks to %(mb)s MB, more than the %(max)s MB "
                                    "allowed.") % {"mb": total // MB,
                                                   "max": limits.max_total // MB})
    finally:
        stream.seek(position)
