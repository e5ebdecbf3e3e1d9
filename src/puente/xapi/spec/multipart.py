"""multipart/mixed bodies (RFC 2046) as xAPI sends statements with attachments.

A small parser of our own: raw attachment octets must come out byte for byte, which the
e-mail package does not promise for binary parts.
"""
import uuid
from dataclasses import dataclass

from .errors import XAPIError


@dataclass
class Part:
    headers: dict  # lower-cased names
    content: bytes


def boundary_of(content_type: str) -> str:
    for param in content_type.split(";")[1:]:
        name, _, value = param.strip().partition("=")
        if name.strip().lower() == "boundary":
            value = value.strip()
            if len(value) >= 2 and value[0] == value[-1] == '"':
                value = value[1:-1]
            if value:
                return value
    raise XAPIError(400, "Content-Type: multipart/mixed needs a boundary parameter")


def _headers(block: bytes, index: int) -> dict:
    headers = {}
    for line in block.replace(b"\r\n", b"\n").split(b"\n"):
        if not line.strip():
            continue
        name, sep, value = line.decode("utf-8", "replace").partition(":")
        if not sep:
            raise XAPIError(400, f"multipart part {index + 1}: malformed header line {line[:80]!r}")
        headers[name.strip().lower()] = value.strip()
    return headers


def parse(body: bytes, content_type: str) -> list[Part]:
    """The parts of a multipart body, in order; refuses a body without its closing delimiter."""
    delimiter = b"--" + boundary_of(content_type).encode("latin-1")
    if body.startswith(delimiter):
        rest = body[len(delimiter):]
    else:
        start = body.find(b"\r\n" + delimiter)
        if start < 0:
            raise XAPIError(400, "multipart body: the boundary from Content-Type does not occur in the body")
        rest = body[start + 2 + len(delimiter):]
    parts = []
    while True:
        if rest.startswith(b"--"):
            return parts
        if rest.startswith(b"\r\n"):
            rest = rest[2:]
        elif rest.startswith(b"\n"):
            rest = rest[1:]
        end = rest.find(b"\r\n" + delimiter)
        if end < 0:
            raise XAPIError(400, "multipart body: no closing boundary")
        chunk, rest = rest[:end], rest[end + 2 + len(delimiter):]
        split = chunk.find(b"\r\n\r\n")
        gap = 4
        if split < 0:
            split, gap = chunk.find(b"\n\n"), 2
        if split < 0:
            headers, content = _headers(chunk, len(parts)), b""
        else:
            headers, content = _headers(chunk[:split], len(parts)), chunk[split + gap:]
        parts.append(Part(headers, content))


def build(parts: list[tuple[dict, bytes]]) -> tuple[bytes, str]:
    """A multipart/mixed body from (headers, content) pairs; returns (body, Content-Type)."""
    boundary = uuid.uuid4().hex
    chunks = []
    for headers, content in parts:
        head = "".join(f"{name}: {value}\r\n" for name, value in headers.items())
        chunks.append(b"--" + boundary.encode() + b"\r\n" + head.encode("utf-8") + b"\r\n" + content + b"\r\n")
    chunks.append(b"--" + boundary.encode() + b"--\r\n")
    return b"".join(chunks), f'multipart/mixed; boundary="{boundary}"'
