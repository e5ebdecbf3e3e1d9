"""Structure rules of xAPI 1.0.3 statements (xAPI-Data.md, part two), checked strictly.

Every function raises `XAPIError(400, "<path>: <reason>")`, where the path names the
offending property, e.g. `statements[3].object.definition.name["en_US"]`. Properties the
specification does not define are refused (extensions excepted), and so are nulls: no
statement property may be null.
"""
import datetime
import re

from .errors import XAPIError

UUID_RE = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
IRI_RE = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:[^\s]+$")
MBOX_RE = re.compile(r"^mailto:[^@\s]+@[^@\s]+$")
SHA1_RE = re.compile(r"^[0-9a-fA-F]{40}$")
SHA2_RE = re.compile(r"^[0-9a-fA-F]{56}$|^[0-9a-fA-F]{64}$|^[0-9a-fA-F]{96}$|^[0-9a-fA-F]{128}$")
TIMESTAMP_RE = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?"
    r"(?:([Zz])|([+-])(\d{2})(?::?(\d{2}))?)?$"
)
_NUM = r"\d+(?:[.,]\d+)?"
DURATION_RE = re.compile(
    rf"^P(?:{_NUM}W|(?=\d|T\d)(?:{_NUM}Y)?(?:{_NUM}M)?(?:{_NUM}D)?(?:T(?=\d)(?:{_NUM}H)?(?:{_NUM}M)?(?:{_NUM}S)?)?)$"
)
# RFC 5646 language tags (langtag and private use; no grandfathered tags).
LANGUAGE_RE = re.compile(
    r"^(?:(?:[A-Za-z]{2,3}(?:-[A-Za-z]{3}){0,3}|[A-Za-z]{4,8})(?:-[A-Za-z]{4})?(?:-(?:[A-Za-z]{2}|\d{3}))?"
    r"(?:-(?:[A-Za-z\d]{5,8}|\d[A-Za-z\d]{3}))*(?:-[0-9A-WY-Za-wy-z](?:-[A-Za-z\d]{2,8})+)*"
    r"(?:-[xX](?:-[A-Za-z\d]{1,8})+)?|[xX](?:-[A-Za-z\d]{1,8})+)$"
)
VERSION_RE = re.compile(r"^1\.0(?:\.\d+)?$")

IFIS = ("mbox", "mbox_sha1sum", "openid", "account")
OBJECT_TYPES = ("Activity", "Agent", "Group", "StatementRef", "SubStatement")
INTERACTION_TYPES = {
    "true-false": (), "choice": ("choices",), "fill-in": (), "long-fill-in": (), "matching": ("source", "target"),
    "performance": ("steps",), "sequencing": ("choices",), "likert": ("scale",), "numeric": (), "other": (),
}
COMPONENT_LISTS = ("choices", "scale", "source", "target", "steps")
CONTEXT_ACTIVITY_KEYS = ("parent", "grouping", "category", "other")

STATEMENT_KEYS = {"id", "actor", "verb", "object", "result", "context", "timestamp", "stored", "authority", "version", "attachments"}
SUBSTATEMENT_KEYS = {"objectType", "actor", "verb", "object", "result", "context", "timestamp", "attachments"}


def fail(path: str, reason: str):
    raise XAPIError(400, f"{path}: {reason}")


def _object(value, path: str, allowed: set[str]) -> dict:
    if not isinstance(value, dict):
        fail(path, "must be a JSON object")
    unknown = sorted(set(value) - allowed)
    if unknown:
        fail(path, f"unknown propert{'y' if len(unknown) == 1 else 'ies'} {', '.join(unknown)}")
    return value


def _string(value, path: str) -> str:
    if not isinstance(value, str):
        fail(path, "must be a string")
    return value


def _bool(value, path: str) -> bool:
    if not isinstance(value, bool):
        fail(path, "must be true or false")
    return value


def _number(value, path: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        fail(path, "must be a number")
    return value


def _required(obj: dict, key: str, path: str):
    if key not in obj:
        fail(f"{path}.{key}", "is required")
    return obj[key]


def iri(value, path: str) -> str:
    if not IRI_RE.match(_string(value, path)):
        fail(path, f"{value!r} is not an absolute IRI")
    return value


def uuid(value, path: str) -> str:
    if not UUID_RE.match(_string(value, path)):
        fail(path, f"{value!r} is not a UUID in standard string form")
    return value


def timestamp(value, path: str) -> datetime.datetime:
    """Parse an ISO 8601 timestamp; a time zone of -00:00 (unknown) is refused, none means UTC."""
    match = TIMESTAMP_RE.match(_string(value, path))
    if not match:
        fail(path, f"{value!r} is not an ISO 8601 timestamp")
    year, month, day, hour, minute, second, fraction, zulu, sign, off_h, off_m = match.groups()
    if sign == "-" and int(off_h) == 0 and int(off_m or 0) == 0:
        fail(path, "a time zone offset of -00:00 is not allowed")
    offset = datetime.timedelta(0)
    if sign:
        offset = datetime.timedelta(hours=int(off_h), minutes=int(off_m or 0)) * (1 if sign == "+" else -1)
    micro = int((fraction or "0")[:6].ljust(6, "0"))
    try:
        return datetime.datetime(int(year), int(month), int(day), int(hour), int(minute), int(second or 0), micro,
                                 tzinfo=datetime.timezone(offset))
    except ValueError as exc:
        fail(path, f"{value!r} is not a valid date and time ({exc})")


def language_map(value, path: str) -> dict:
    if not isinstance(value, dict):
        fail(path, "must be a language map (an object of language tags to strings)")
    for tag, text in value.items():
        if not LANGUAGE_RE.match(tag):
            fail(f"{path}[{tag!r}]", "is not an RFC 5646 language tag")
        _string(text, f"{path}[{tag!r}]")
    return value


def extensions(value, path: str) -> dict:
    if not isinstance(value, dict):
        fail(path, "must be an object whose keys are IRIs")
    for key in value:
        iri(key, f"{path}[{key!r}]")
    return value


def agent(value, path: str, *, object_type_required: bool = False) -> dict:
    """An Agent: exactly one inverse functional identifier."""
    value = _object(value, path, {"objectType", "name", *IFIS})
    if "objectType" in value and value["objectType"] != "Agent":
        fail(f"{path}.objectType", "must be 'Agent'")
    if object_type_required and "objectType" not in value:
        fail(f"{path}.objectType", "is required")
    if "name" in value:
        _string(value["name"], f"{path}.name")
    if _ifis(value, path) != 1:
        fail(path, "an Agent needs exactly one of mbox, mbox_sha1sum, openid, account")
    return value


def group(value, path: str) -> dict:
    """A Group: identified (one IFI, members optional) or anonymous (members required)."""
    value = _object(value, path, {"objectType", "name", "member", *IFIS})
    if value.get("objectType") != "Group":
        fail(f"{path}.objectType", "must be 'Group'")
    if "name" in value:
        _string(value["name"], f"{path}.name")
    count = _ifis(value, path)
    if count > 1:
        fail(path, "a Group may have at most one inverse functional identifier")
    if count == 0 and "member" not in value:
        fail(f"{path}.member", "an anonymous Group needs its members")
    if "member" in value:
        if not isinstance(value["member"], list):
            fail(f"{path}.member", "must be an array of Agents")
        for index, member in enumerate(value["member"]):
            agent(member, f"{path}.member[{index}]")
    return value


def actor(value, path: str) -> dict:
    """An Agent or a Group, told apart by objectType."""
    if isinstance(value, dict) and value.get("objectType") == "Group":
        return group(value, path)
    return agent(value, path)


def _ifis(value: dict, path: str) -> int:
    count = 0
    for key in IFIS:
        if key not in value:
            continue
        count += 1
        where = f"{path}.{key}"
        if key == "mbox" and not MBOX_RE.match(_string(value[key], where)):
            fail(where, "must be 'mailto:' followed by an e-mail address")
        elif key == "mbox_sha1sum" and not SHA1_RE.match(_string(value[key], where)):
            fail(where, "must be the hexadecimal SHA-1 of a mailto IRI")
        elif key == "openid":
            iri(value[key], where)
        elif key == "account":
            account = _object(value[key], where, {"homePage", "name"})
            iri(_required(account, "homePage", where), f"{where}.homePage")
            _string(_required(account, "name", where), f"{where}.name")
    return count


def verb(value, path: str) -> dict:
    value = _object(value, path, {"id", "display"})
    iri(_required(value, "id", path), f"{path}.id")
    if "display" in value:
        language_map(value["display"], f"{path}.display")
    return value


def activity(value, path: str) -> dict:
    value = _object(value, path, {"objectType", "id", "definition"})
    if "objectType" in value and value["objectType"] != "Activity":
        fail(f"{path}.objectType", "must be 'Activity'")
    iri(_required(value, "id", path), f"{path}.id")
    if "definition" in value:
        definition(value["definition"], f"{path}.definition")
    return value


def definition(value, path: str) -> dict:
    value = _object(value, path, {"name", "description", "type", "moreInfo", "interactionType", "correctResponsesPattern",
                                  *COMPONENT_LISTS, "extensions"})
    for key in ("name", "description"):
        if key in value:
            language_map(value[key], f"{path}.{key}")
    for key in ("type", "moreInfo"):
        if key in value:
            iri(value[key], f"{path}.{key}")
    if "extensions" in value:
        extensions(value["extensions"], f"{path}.extensions")
    interaction = value.get("interactionType")
    uses_interaction = [key for key in ("correctResponsesPattern", *COMPONENT_LISTS) if key in value]
    if interaction is None:
        if uses_interaction:
            fail(f"{path}.interactionType", f"is required when {uses_interaction[0]} is given")
        return value
    if interaction not in INTERACTION_TYPES:
        fail(f"{path}.interactionType", f"{interaction!r} is not one of {', '.join(INTERACTION_TYPES)}")
    if "correctResponsesPattern" in value:
        pattern = value["correctResponsesPattern"]
        if not isinstance(pattern, list):
            fail(f"{path}.correctResponsesPattern", "must be an array of strings")
        for index, response in enumerate(pattern):
            _string(response, f"{path}.correctResponsesPattern[{index}]")
    for key in COMPONENT_LISTS:
        if key not in value:
            continue
        if key not in INTERACTION_TYPES[interaction]:
            fail(f"{path}.{key}", f"is not used with interactionType {interaction!r}")
        components = value[key]
        if not isinstance(components, list):
            fail(f"{path}.{key}", "must be an array of interaction components")
        seen = set()
        for index, component in enumerate(components):
            where = f"{path}.{key}[{index}]"
            component = _object(component, where, {"id", "description"})
            ident = _string(_required(component, "id", where), f"{where}.id")
            if ident in seen:
                fail(f"{where}.id", f"{ident!r} is used twice in {key}")
            seen.add(ident)
            if "description" in component:
                language_map(component["description"], f"{where}.description")
    return value


def statement_ref(value, path: str) -> dict:
    value = _object(value, path, {"objectType", "id"})
    if value.get("objectType") != "StatementRef":
        fail(f"{path}.objectType", "must be 'StatementRef'")
    uuid(_required(value, "id", path), f"{path}.id")
    return value


def result(value, path: str) -> dict:
    value = _object(value, path, {"score", "success", "completion", "response", "duration", "extensions"})
    if "score" in value:
        score(value["score"], f"{path}.score")
    for key in ("success", "completion"):
        if key in value:
            _bool(value[key], f"{path}.{key}")
    if "response" in value:
        _string(value["response"], f"{path}.response")
    if "duration" in value and not DURATION_RE.match(_string(value["duration"], f"{path}.duration")):
        fail(f"{path}.duration", f"{value['duration']!r} is not an ISO 8601 duration")
    if "extensions" in value:
        extensions(value["extensions"], f"{path}.extensions")
    return value


def score(value, path: str) -> dict:
    value = _object(value, path, {"scaled", "raw", "min", "max"})
    numbers = {key: _number(value[key], f"{path}.{key}") for key in ("scaled", "raw", "min", "max") if key in value}
    if "scaled" in numbers and not -1 <= numbers["scaled"] <= 1:
        fail(f"{path}.scaled", "must be between -1 and 1")
    if "min" in numbers and "max" in numbers and numbers["min"] >= numbers["max"]:
        fail(f"{path}.max", "must be greater than min")
    if "raw" in numbers:
        if "min" in numbers and numbers["raw"] < numbers["min"]:
            fail(f"{path}.raw", "is below min")
        if "max" in numbers and numbers["raw"] > numbers["max"]:
            fail(f"{path}.raw", "is above max")
    return value


def context(value, path: str, object_is_activity: bool) -> dict:
    value = _object(value, path, {"registration", "instructor", "team", "contextActivities", "revision", "platform",
                                  "language", "statement", "extensions"})
    if "registration" in value:
        uuid(value["registration"], f"{path}.registration")
    if "instructor" in value:
        actor(value["instructor"], f"{path}.instructor")
    if "team" in value:
        group(value["team"], f"{path}.team")
    if "contextActivities" in value:
        activities = _object(value["contextActivities"], f"{path}.contextActivities", set(CONTEXT_ACTIVITY_KEYS))
        for key, entries in activities.items():
            where = f"{path}.contextActivities.{key}"
            for index, entry in enumerate(entries if isinstance(entries, list) else [entries]):
                activity(entry, f"{where}[{index}]" if isinstance(entries, list) else where)
    for key in ("revision", "platform"):
        if key in value:
            _string(value[key], f"{path}.{key}")
            if not object_is_activity:
                fail(f"{path}.{key}", "may only be used when the object is an Activity")
    if "language" in value and not LANGUAGE_RE.match(_string(value["language"], f"{path}.language")):
        fail(f"{path}.language", "is not an RFC 5646 language tag")
    if "statement" in value:
        statement_ref(value["statement"], f"{path}.statement")
    if "extensions" in value:
        extensions(value["extensions"], f"{path}.extensions")
    return value


def attachment(value, path: str) -> dict:
    value = _object(value, path, {"usageType", "display", "description", "contentType", "length", "sha2", "fileUrl"})
    iri(_required(value, "usageType", path), f"{path}.usageType")
    language_map(_required(value, "display", path), f"{path}.display")
    if "description" in value:
        language_map(value["description"], f"{path}.description")
    _string(_required(value, "contentType", path), f"{path}.contentType")
    length = _required(value, "length", path)
    if isinstance(length, bool) or not isinstance(length, int) or length < 0:
        fail(f"{path}.length", "must be a non-negative integer")
    if not SHA2_RE.match(_string(_required(value, "sha2", path), f"{path}.sha2")):
        fail(f"{path}.sha2", "must be a hexadecimal SHA-224, SHA-256, SHA-384 or SHA-512 digest")
    if "fileUrl" in value:
        iri(value["fileUrl"], f"{path}.fileUrl")
    return value


def object_type(value) -> str:
    return value.get("objectType", "Activity") if isinstance(value, dict) else ""


def _statement_body(value: dict, path: str, sub: bool) -> None:
    actor(_required(value, "actor", path), f"{path}.actor")
    verb(_required(value, "verb", path), f"{path}.verb")
    target = _required(value, "object", path)
    kind = object_type(target)
    where = f"{path}.object"
    if kind == "Activity":
        activity(target, where)
    elif kind == "Agent":
        agent(target, where, object_type_required=True)
    elif kind == "Group":
        group(target, where)
    elif kind == "StatementRef":
        statement_ref(target, where)
    elif kind == "SubStatement":
        if sub:
            fail(f"{where}.objectType", "a SubStatement cannot contain another SubStatement")
        substatement(target, where)
    else:
        fail(f"{where}.objectType", f"{kind!r} is not one of {', '.join(OBJECT_TYPES)}" if kind else "must be a JSON object")
    if "result" in value:
        result(value["result"], f"{path}.result")
    if "context" in value:
        context(value["context"], f"{path}.context", kind == "Activity")
    if "timestamp" in value:
        timestamp(value["timestamp"], f"{path}.timestamp")
    if "attachments" in value:
        if not isinstance(value["attachments"], list):
            fail(f"{path}.attachments", "must be an array of Attachment objects")
        for index, item in enumerate(value["attachments"]):
            attachment(item, f"{path}.attachments[{index}]")


def substatement(value, path: str) -> dict:
    value = _object(value, path, SUBSTATEMENT_KEYS)
    _statement_body(value, path, sub=True)
    return value


def statement(value, path: str = "statement") -> dict:
    """Check one statement as received; raises XAPIError(400) naming the first bad property."""
    value = _object(value, path, STATEMENT_KEYS)
    if "id" in value:
        uuid(value["id"], f"{path}.id")
    _statement_body(value, path, sub=False)
    if "stored" in value:
        timestamp(value["stored"], f"{path}.stored")
    if "authority" in value:
        authority = value["authority"]
        actor(authority, f"{path}.authority")
        if authority.get("objectType") == "Group" and len(authority.get("member", [])) != 2:
            fail(f"{path}.authority", "a Group authority must have exactly two members (an application and a user)")
    if "version" in value and not VERSION_RE.match(_string(value["version"], f"{path}.version")):
        fail(f"{path}.version", f"{value['version']!r} is not a 1.0.x version")
    if object_type(value["object"]) == "StatementRef" and value["verb"]["id"] == "http://adlnet.gov/expapi/verbs/voided":
        pass  # a voiding statement: the store checks its target
    elif value["verb"]["id"] == "http://adlnet.gov/expapi/verbs/voided":
        fail(f"{path}.object.objectType", "a voiding statement's object must be a StatementRef")
    return value


def statements(payload) -> list[dict]:
    """A single statement or a batch (array); returns the list, refusing the whole batch on one error."""
    if isinstance(payload, list):
        seen = {}
        for index, item in enumerate(payload):
            statement(item, f"statements[{index}]")
            ident = item.get("id")
            if ident is not None:
                key = ident.lower()
                if key in seen:
                    fail(f"statements[{index}].id", f"the batch already has a statement with this id (statements[{seen[key]}])")
                seen[key] = index
        return payload
    return [statement(payload)]
