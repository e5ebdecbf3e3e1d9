"""What the store does to a valid statement: complete it, index it, compare it, and show it
in the `ids`, `exact` and `canonical` formats of GET statements."""
import copy
import datetime
import hashlib
import json
import uuid as uuidlib
from dataclasses import dataclass, field

from . import VOIDED
from .validate import CONTEXT_ACTIVITY_KEYS, COMPONENT_LISTS, IFIS, object_type, timestamp

# How an agent or activity takes part in a statement, for the `agent`/`activity` filters:
# ACTOR and OBJECT match the plain filters, RELATED only their related_* forms.
ACTOR, OBJECT, RELATED = "a", "o", "r"


def ifi(agent: dict) -> str | None:
    """The agent's inverse functional identifier as one string, e.g. 'mbox:mailto:ana@example.org'."""
    for key in IFIS:
        if key in agent:
            value = agent[key]
            if key == "account":
                return f"account:{value['homePage']}|{value['name']}"
            if key == "mbox":
                return f"mbox:{value.lower()}"
            if key == "mbox_sha1sum":
                return f"mbox_sha1sum:{value.lower()}"
            return f"{key}:{value}"
    return None


def key(text: str) -> str:
    """A short fixed-size key for an identifier or IRI (indexed columns stay small)."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def format_time(value: datetime.datetime) -> str:
    """ISO 8601 in UTC with milliseconds, as the store reports `stored` and `timestamp`."""
    value = value.astimezone(datetime.timezone.utc)
    return value.strftime("%Y-%m-%dT%H:%M:%S.") + f"{value.microsecond // 1000:03d}Z"


def _arrays(context: dict) -> None:
    """contextActivities are returned as arrays even when a single Activity was sent."""
    activities = context.get("contextActivities")
    if isinstance(activities, dict):
        for name, value in activities.items():
            if isinstance(value, dict):
                activities[name] = [value]


def prepare(statement: dict, *, authority: dict, stored: datetime.datetime) -> dict:
    """The statement as stored: id, timestamp, stored, authority and version filled in by the LRS.

    The authority is always the credential's agent: no credential is trusted to assert another.
    """
    out = dict(statement)
    out["id"] = str(uuidlib.UUID(out["id"])) if "id" in out else str(uuidlib.uuid4())
    out["stored"] = format_time(stored)
    out.setdefault("timestamp", out["stored"])
    out["authority"] = authority
    out.setdefault("version", "1.0.0")
    if object_type(out["object"]) == "SubStatement":
        out["object"] = dict(out["object"])
    for holder in (out, out["object"]):
        context = holder.get("context")
        if isinstance(context, dict) and isinstance(context.get("contextActivities"), dict):
            context = dict(context, contextActivities=dict(context["contextActivities"]))
            _arrays(context)
            holder["context"] = context
    return out


@dataclass
class Index:
    """The columns and rows a stored statement is found by.

    The actor and the object go in columns of the statement itself; only what most
    statements lack (group members, context agents and activities, sub-statement parts)
    needs rows of its own, so a typical batch is one insert.
    """

    verb: str
    registration: str | None
    timestamp: datetime.datetime
    actor_key: str
    object_activity: str | None
    object_agent_key: str | None
    ref_target: str | None  # the statement this one targets (StatementRef object), voiding or not
    voids: str | None  # set when this is a voiding statement
    agents: set = field(default_factory=set)  # further {(ifi key, relation)}
    activities: set = field(default_factory=set)  # further {(iri key, relation)}
    actor_ifi: str | None = None


def _agent_rows(agent: dict | None, relation: str, rows: set) -> None:
    if not isinstance(agent, dict):
        return
    ident = ifi(agent)
    if ident:
        rows.add((key(ident), relation))
    for member in agent.get("member", []) or []:
        _agent_rows(member, relation, rows)


def _members(agent: dict, relation: str, rows: set) -> None:
    for member in agent.get("member", []) or []:
        _agent_rows(member, relation, rows)


def _context_rows(context: dict | None, agents: set, activities: set) -> None:
    if not isinstance(context, dict):
        return
    _agent_rows(context.get("instructor"), RELATED, agents)
    _agent_rows(context.get("team"), RELATED, agents)
    for name in CONTEXT_ACTIVITY_KEYS:
        value = (context.get("contextActivities") or {}).get(name, [])
        for item in value if isinstance(value, list) else [value]:
            activities.add((key(item["id"]), RELATED))


def index(statement: dict) -> Index:
    """Index a prepared statement. The authority is not indexed: it is the credential's agent."""
    agents, activities = set(), set()
    target = statement["object"]
    kind = object_type(target)
    actor = statement["actor"]
    actor_ident = ifi(actor)
    _members(actor, ACTOR, agents)
    _context_rows(statement.get("context"), agents, activities)
    object_activity = object_agent_key = None
    if kind == "Activity":
        object_activity = target["id"]
    elif kind in ("Agent", "Group"):
        ident = ifi(target)
        object_agent_key = key(ident) if ident else None
        _members(target, OBJECT, agents)
    elif kind == "SubStatement":
        _agent_rows(target["actor"], RELATED, agents)
        inner = target["object"]
        if object_type(inner) == "Activity":
            activities.add((key(inner["id"]), RELATED))
        elif object_type(inner) in ("Agent", "Group"):
            _agent_rows(inner, RELATED, agents)
        _context_rows(target.get("context"), agents, activities)
    ref = str(uuidlib.UUID(target["id"])) if kind == "StatementRef" else None
    context = statement.get("context") or {}
    return Index(
        verb=statement["verb"]["id"],
        registration=str(uuidlib.UUID(context["registration"])) if "registration" in context else None,
        timestamp=timestamp(statement["timestamp"], "timestamp"),
        actor_key=key(actor_ident) if actor_ident else "",
        object_activity=object_activity,
        object_agent_key=object_agent_key,
        ref_target=ref,
        voids=ref if statement["verb"]["id"] == VOIDED else None,
        agents=agents,
        activities=activities,
        actor_ifi=actor_ident,
    )


# Comparison ------------------------------------------------------------------------------

def _strip_definitions(statement: dict) -> None:
    target = statement.get("object", {})
    if object_type(target) == "Activity":
        target.pop("definition", None)
    context = statement.get("context")
    if isinstance(context, dict):
        _arrays(context)
        for items in (context.get("contextActivities") or {}).values():
            for item in items:
                item.pop("definition", None)
                item.setdefault("objectType", "Activity")
    if object_type(target) == "Activity":
        target.setdefault("objectType", "Activity")
    if object_type(target) == "SubStatement":
        _normalize_body(target)


def _normalize_agent(agent) -> None:
    if not isinstance(agent, dict):
        return
    if "mbox" in agent:
        agent["mbox"] = agent["mbox"].lower()
    if agent.get("objectType") != "Group":
        agent.setdefault("objectType", "Agent")
    if "member" in agent:
        for member in agent["member"]:
            _normalize_agent(member)
        agent["member"] = sorted(agent["member"], key=lambda m: json.dumps(m, sort_keys=True))


def _normalize_body(statement: dict) -> None:
    statement.get("verb", {}).pop("display", None)
    _normalize_agent(statement.get("actor"))
    if object_type(statement.get("object", {})) in ("Agent", "Group"):
        _normalize_agent(statement["object"])
    context = statement.get("context")
    if isinstance(context, dict):
        _normalize_agent(context.get("instructor"))
        _normalize_agent(context.get("team"))
        if "registration" in context:
            context["registration"] = context["registration"].lower()
    if "timestamp" in statement:
        statement["timestamp"] = timestamp(statement["timestamp"], "timestamp").astimezone(datetime.timezone.utc).isoformat()
    statement.pop("attachments", None)
    _strip_definitions(statement)


def comparable(statement: dict, *, keep_timestamp: bool = True) -> dict:
    """The parts of a statement that make it the same statement (xAPI-Data 2.3.1).

    What the LRS may assign (id, authority, stored, version), activity definitions, verb
    displays, attachments, member order and timestamp serialization do not count.
    """
    out = copy.deepcopy(statement)
    for name in ("id", "authority", "stored", "version"):
        out.pop(name, None)
    if not keep_timestamp:
        out.pop("timestamp", None)
    _normalize_body(out)
    return out


def same(stored: dict, received: dict) -> bool:
    """Whether a statement received again under a known id is the one stored."""
    keep = "timestamp" in received
    return comparable(stored, keep_timestamp=keep) == comparable(received, keep_timestamp=keep)


# Formats ---------------------------------------------------------------------------------

def _listed(items) -> list:
    return items if isinstance(items, list) else [items]


def _ids_agent(agent: dict) -> dict:
    if agent.get("objectType") == "Group":
        ident = next((k for k in IFIS if k in agent), None)
        if ident:
            return {"objectType": "Group", ident: agent[ident]}
        return {"objectType": "Group", "member": [_ids_agent(m) for m in agent.get("member", [])]}
    ident = next(k for k in IFIS if k in agent)
    return {"objectType": "Agent", ident: agent[ident]}


def _ids_body(statement: dict) -> dict:
    out = dict(statement)
    out["actor"] = _ids_agent(statement["actor"])
    out["verb"] = {"id": statement["verb"]["id"]}
    target = statement["object"]
    kind = object_type(target)
    if kind == "Activity":
        out["object"] = {"objectType": "Activity", "id": target["id"]}
    elif kind in ("Agent", "Group"):
        out["object"] = _ids_agent(target)
    elif kind == "SubStatement":
        out["object"] = _ids_body(target)
    if "authority" in statement:
        out["authority"] = _ids_agent(statement["authority"])
    context = statement.get("context")
    if isinstance(context, dict):
        context = dict(context)
        for name in ("instructor", "team"):
            if name in context:
                context[name] = _ids_agent(context[name])
        if "contextActivities" in context:
            context["contextActivities"] = {
                name: [{"objectType": "Activity", "id": item["id"]} for item in _listed(items)]
                for name, items in context["contextActivities"].items()
            }
        out["context"] = context
    return out


def pick_language(language_map: dict, preferences: list[str]) -> dict:
    """One entry of a language map: the reader's first acceptable language, else the first entry."""
    if not language_map:
        return language_map
    lowered = {tag.lower(): tag for tag in language_map}
    for wanted in preferences:
        wanted = wanted.lower()
        if wanted == "*":
            break
        if wanted in lowered:
            tag = lowered[wanted]
            return {tag: language_map[tag]}
        for tag_lower, tag in lowered.items():
            if tag_lower.split("-")[0] == wanted.split("-")[0]:
                return {tag: language_map[tag]}
    tag = next(iter(language_map))
    return {tag: language_map[tag]}


def _canonical_activity(activity: dict, preferences: list[str]) -> dict:
    activity = copy.deepcopy(activity)
    definition = activity.get("definition")
    if isinstance(definition, dict):
        for name in ("name", "description"):
            if name in definition:
                definition[name] = pick_language(definition[name], preferences)
        for name in COMPONENT_LISTS:
            for component in definition.get(name, []):
                if "description" in component:
                    component["description"] = pick_language(component["description"], preferences)
    return activity


def _canonical_body(statement: dict, preferences: list[str]) -> dict:
    out = dict(statement)
    if "display" in statement["verb"]:
        out["verb"] = {**statement["verb"], "display": pick_language(statement["verb"]["display"], preferences)}
    target = statement["object"]
    if object_type(target) == "Activity":
        out["object"] = _canonical_activity(target, preferences)
    elif object_type(target) == "SubStatement":
        out["object"] = _canonical_body(target, preferences)
    context = statement.get("context")
    if isinstance(context, dict) and "contextActivities" in context:
        out["context"] = {**context, "contextActivities": {
            name: [_canonical_activity(item, preferences) for item in _listed(items)]
            for name, items in context["contextActivities"].items()
        }}
    return out


def formatted(statement: dict, fmt: str, preferences: list[str] | None = None) -> dict:
    """The statement in the `format` asked for: exact (as stored), ids, or canonical."""
    if fmt == "ids":
        return _ids_body(statement)
    if fmt == "canonical":
        return _canonical_body(statement, preferences or [])
    return statement
