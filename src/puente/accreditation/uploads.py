"""What an uploaded proof really is, read from its bytes (no Django import).

The suffix a user gives is a claim; the first bytes (and, for office documents, the parts
inside the ZIP container) are the evidence. A file whose content and suffix disagree is
refused, so a script renamed to .pdf never reaches a reviewer's computer.
"""
import zipfile
from dataclasses import dataclass
from typing import BinaryIO

MAX_BYTES = 10 * 1024 * 1024


@dataclass(frozen=True)
class Kind:
    name: str
    content_type: str
    suffixes: tuple[str, ...]


PDF = Kind("PDF", "application/pdf", (".pdf",))
PNG = Kind("PNG", "image/png", (".png",))
JPEG = Kind("JPEG", "image/jpeg", (".jpg", ".jpeg"))
GIF = Kind("GIF", "image/gif", (".gif",))
TIFF = Kind("TIFF", "image/tiff", (".tif", ".tiff"))
DOCX = Kind("Word", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", (".docx",))
XLSX = Kind("Excel", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (".xlsx",))
PPTX = Kind("PowerPoint", "application/vnd.openxmlformats-officedocument.presentationml.presentation", (".pptx",))
ODT = Kind("OpenDocument text", "application/vnd.oasis.opendocument.text", (".odt",))
ODS = Kind("OpenDocument spreadsheet", "application/vnd.oasis.opendocument.spreadsheet", (".ods",))
LEGACY_OFFICE = Kind("Office 97–2003", "application/octet-stream", (".doc", ".xls", ".ppt"))
KINDS = (PDF, PNG, JPEG, GIF, TIFF, DOCX, XLSX, PPTX, ODT, ODS, LEGACY_OFFICE)
ALLOWED_SUFFIXES = tuple(suffix for kind in KINDS for suffix in kind.suffixes)

_OOXML_PARTS = {"word/document.xml": DOCX, "xl/workbook.xml": XLSX, "ppt/presentation.xml": PPTX}
_ODF_TYPES = {b"application/vnd.oasis.opendocument.text": ODT, b"application/vnd.oasis.opendocument.spreadsheet": ODS}


class UploadRefused(Exception):
    """The file is not one we accept; the message says why (code: too_large, type, mismatch, empty)."""

    def __init__(self, code: str, **params):
        super().__init__(code)
        self.code = code
        self.params = params


def sniff(handle: BinaryIO) -> Kind | None:
    """The kind the content shows, or None when it is none of ours."""
    handle.seek(0)
    head = handle.read(16)
    handle.seek(0)
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith((b"GIF87a", b"GIF89a")):
        return GIF
    if head.startswith((b"II*\x00", b"MM\x00*")):
        return TIFF
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return LEGACY_OFFICE
    if head.startswith(b"PK\x03\x04"):
        return _zip_kind(handle)
    return None


def _zip_kind(handle: BinaryIO) -> Kind | None:
    try:
        with zipfile.ZipFile(handle) as archive:
            names = set(archive.namelist())
            for part, kind in _OOXML_PARTS.items():
                if part in names and "[Content_Types].xml" in names:
                    return kind
            if "mimetype" in names:
                return _ODF_TYPES.get(archive.read("mimetype").strip())
    except (zipfile.BadZipFile, OSError, KeyError):
        return None
    finally:
        handle.seek(0)
    return None


def check(handle: BinaryIO, name: str, size: int) -> Kind:
    """The file's kind when its size, content and suffix are acceptable; else UploadRefused."""
    if size == 0:
        raise UploadRefused("empty")
    if size > MAX_BYTES:
        raise UploadRefused("too_large", size=size, limit=MAX_BYTES)
    suffix = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if suffix not in ALLOWED_SUFFIXES:
        raise UploadRefused("type", suffix=suffix or "—")
    kind = sniff(handle)
    if kind is None:
        raise UploadRefused("content", suffix=suffix)
    if suffix not in kind.suffixes:
        raise UploadRefused("mismatch", suffix=suffix, kind=kind.name)
    return kind
