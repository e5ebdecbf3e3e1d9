"""Document resources (State, Activity Profile, Agent Profile): ETags and JSON merge."""
import hashlib
import json

from .errors import XAPIError


def etag(content: bytes) -> str:
    """The SHA-1 of the contents in lowercase hexadecimal (Communication 3.1)."""
    return hashlib.sha1(content).hexdigest()


def is_json(content_type: str) -> bool:
    return content_type.split(";")[0].strip().lower() == "application/json"


def _json_object(content: bytes, what: str) -> dict:
    try:
        value = json.loads(content.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise XAPIError(400, f"the {what} is not valid JSON") from None
    if not isinstance(value, dict):
        raise XAPIError(400, f"the {what} is not a JSON object, so it cannot be merged")
    return value


def merge(existing: bytes, existing_type: str, posted: bytes, posted_type: str) -> bytes:
    """POST onto an existing document: top-level properties of the posted object replace the stored ones."""
    if not is_json(posted_type) or not is_json(existing_type):
        raise XAPIError(400, "POST merges JSON documents only: both the stored and the posted document must be application/json")
    merged = _json_object(existing, "stored document")
    merged.update(_json_object(posted, "posted document"))
    return json.dumps(merged, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def check_json(content: bytes, content_type: str) -> None:
    """A document declared as application/json must be a JSON object to be merged later."""
    if is_json(content_type):
        _json_object(content, "document")


def precondition(current: str | None, if_match: str | None, if_none_match: str | None, *, required: bool) -> None:
    """Apply If-Match / If-None-Match to a write; `current` is the stored ETag or None.

    412 when a condition fails; 409 when `required` (a PUT to a profile) and the document
    exists but the request carries neither header.
    """
    if if_match is not None:
        tags = {tag.strip().strip('"') for tag in if_match.split(",")}
        if current is None or ("*" not in tags and current not in tags):
            raise XAPIError(412, "If-Match does not match the document's current ETag")
    if if_none_match is not None:
        tags = {tag.strip().strip('"') for tag in if_none_match.split(",")}
        if current is not None and ("*" in tags or current in tags):
            raise XAPIError(412, "If-None-Match: the document already exists")
    if required and current is not None and if_match is None and if_none_match is None:
        raise XAPIError(409, "The document exists: get its current ETag and send it in If-Match (or If-None-Match: * to create only)")
