"""Verifying an Open Badge file from the command line, offline.

The issuer's key comes from a key document file (--key) or, for credentials this installation
issued, from its own key; status lists from files (--status-list) or, for this issuer, from
its database. Other addresses are fetched only when asked (fetch=True).
"""
import json
import urllib.request
from pathlib import Path

from . import verification

FETCH_TIMEOUT = 10


def _read_json(path: Path, what: str) -> dict:
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise verification.VerificationError(f"{path}: no such {what} file") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise verification.VerificationError(f"{path}: not a JSON {what} file ({exc})") from None


def _fetch(url: str) -> dict | None:
    if not url.startswith(("https://", "http://")):
        return None
    try:
        with urllib.request.urlopen(url, timeout=FETCH_TIMEOUT) as response:  # noqa: S310 (http(s) only, checked above)
            return json.loads(response.read(2_000_000).decode("utf-8"))
    except (OSError, ValueError):
        return None


def verify_file(path, key_file=None, status_files=(), fetch: bool = False, local: bool = True) -> tuple[bool, list[str]]:
    """Verify one Open Badge file; returns (trustworthy and current, lines of the verdict)."""
    try:
        document = _read_json(path, "credential")
        keys = [_read_json(key_file, "key document")] if key_file else []
        lists = {}
        for status_file in status_files:
            listing = _read_json(status_file, "status list")
            lists[listing.get("id")] = listing
    except verification.VerificationError as exc:
        return False, [f"INVALID: {exc}"]

    def resolve_key(method_id):
        for key_document in keys:
            if key_document.get("id") == method_id.split("#", 1)[0]:
                return key_document
        if local:
            from . import issuer

            found = issuer.resolve_key(method_id)
            if found is not None:
                return found
        return _fetch(method_id.split("#", 1)[0]) if fetch else None

    def resolve_status(url):
        if url in lists:
            return lists[url]
        if local:
            from . import issuer

            found = issuer.resolve_status(url)
            if found is not None:
                return found
        return _fetch(url) if fetch else None

    verdict = verification.verify(document, resolve_key, resolve_status)
    return verdict.ok, verification.report(verdict)
