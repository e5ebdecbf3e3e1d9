"""Reads of the learning record store: GET statements with every filter, `more` paging, documents.

Every read starts from what the credential may read (`Statement.objects.readable_by`).
"""
import datetime
import json
from dataclasses import dataclass

from django.core import signing
from django.db.models import Q

from .models import AUTHORITY_HOME, Document, Statement
from .spec import XAPIError
from .spec.statements import ACTOR, OBJECT, ifi, key
from .spec.validate import actor as valid_actor
from .spec.validate import iri, timestamp, uuid

PAGE_MAX = 500
# Statement-reference chains followed for the targeting rule (Communication 2.1.3).
MAX_REF_DEPTH = 5
MORE_SALT = "puente.xapi.more"
AUTHORITY_PREFIX = f"account:{AUTHORITY_HOME}|"
FILTERS = ("agent", "verb", "activity", "registration", "related_activities", "related_agents", "since", "until",
           "limit", "format", "attachments", "ascending")


def boolean(value: str | None, name: str) -> bool:
    if value is None:
        return False
    # JSON's true/false; some clients send Python's True/False.
    if value.lower() not in ("true", "false"):
        raise XAPIError(400, f"{name}: must be true or false")
    return value.lower() == "true"


def time_param(value: str, name: str) -> datetime.datetime:
    # Some clients send Python's str(datetime), with a space for the T.
    return timestamp(value.replace(" ", "T", 1), name)


def agent_param(value: str, name: str = "agent") -> dict:
    try:
        agent = json.loads(value)
    except ValueError:
        raise XAPIError(400, f"{name}: not valid JSON") from None
    return valid_actor(agent, name)


@dataclass
class StatementQuery:
    """GET statements' parameters, checked."""

    agent: str | None = None
    verb: str | None = None
    activity: str | None = None
    registration: str | None = None
    related_activities: bool = False
    related_agents: bool = False
    since: datetime.datetime | None = None
    until: datetime.datetime | None = None
    limit: int = 0
    format: str = "exact"
    attachments: bool = False
    ascending: bool = False

    @classmethod
    def parse(cls, params: dict) -> "StatementQuery":
        query = cls()
        if "agent" in params:
            query.agent = ifi(agent_param(params["agent"]))
            if query.agent is None:
                raise XAPIError(400, "agent: an anonymous Group cannot be searched for; give an Agent or an identified Group")
        if "verb" in params:
            query.verb = iri(params["verb"], "verb")
        if "activity" in params:
            query.activity = iri(params["activity"], "activity")
        if "registration" in params:
            query.registration = uuid(params["registration"], "registration").lower()
        query.related_activities = boolean(params.get("related_activities"), "related_activities")
        query.related_agents = boolean(params.get("related_agents"), "related_agents")
        if "since" in params:
            query.since = time_param(params["since"], "since")
        if "until" in params:
            query.until = time_param(params["until"], "until")
        if "limit" in params:
            if not params["limit"].isdigit():
                raise XAPIError(400, "limit: must be a non-negative integer")
            query.limit = int(params["limit"])
        query.format = params.get("format", "exact")
        if query.format not in ("exact", "ids", "canonical"):
            raise XAPIError(400, "format: must be ids, exact or canonical")
        query.attachments = boolean(params.get("attachments"), "attachments")
        query.ascending = boolean(params.get("ascending"), "ascending")
        return query

    def to_params(self) -> dict:
        return {name: (value.isoformat() if isinstance(value, datetime.datetime) else value)
                for name, value in self.__dict__.items()}

    @classmethod
    def from_params(cls, params: dict) -> "StatementQuery":
        query = cls(**params)
        for name in ("since", "until"):
            if getattr(query, name):
                setattr(query, name, datetime.datetime.fromisoformat(getattr(query, name)))
        return query


def _matching(readable, query: StatementQuery):
    """Statements meeting the non-time filters, voided ones included (the targeting rule needs them)."""
    conditions = Q()
    if query.agent:
        agent = key(query.agent)
        rows = {"agent_rows__key": agent}
        if not query.related_agents:
            rows["agent_rows__relation__in"] = (ACTOR, OBJECT)
        match = Q(actor_key=agent) | Q(object_agent_key=agent) | Q(pk__in=Statement.objects.filter(**rows).values("pk"))
        if query.related_agents and query.agent.startswith(AUTHORITY_PREFIX):
            # The authority of every statement is the agent of the credential that sent it.
            match |= Q(credential__key=query.agent[len(AUTHORITY_PREFIX):])
        conditions &= match
    if query.verb:
        conditions &= Q(verb_key=key(query.verb))
    if query.activity:
        activity = key(query.activity)
        match = Q(object_activity_key=activity)
        if query.related_activities:
            match |= Q(pk__in=Statement.objects.filter(activity_rows__key=activity).values("pk"))
        conditions &= match
    if query.registration:
        conditions &= Q(registration=query.registration)
    return readable.filter(conditions), bool(conditions)


def statements(credential, query: StatementQuery, after: tuple | None = None) -> tuple[list[Statement], tuple | None]:
    """One page of statements and the position after it (None when it is the last page)."""
    readable = Statement.objects.readable_by(credential)
    matched, filtered = _matching(readable, query)
    if filtered:
        # Statements targeting a matched statement match too, recursively (Communication 2.1.3).
        level, union = matched, Q(pk__in=matched.values("pk"))
        for _depth in range(MAX_REF_DEPTH):
            level = readable.filter(ref_target__in=level.values("statement_id"))
            if not level.exists():
                break
            union |= Q(pk__in=level.values("pk"))
        selected = readable.filter(union)
    else:
        selected = readable
    selected = selected.filter(voided=False)
    if query.since:
        selected = selected.filter(stored__gt=query.since)
    if query.until:
        selected = selected.filter(stored__lte=query.until)
    if after is not None:
        stored, pk = datetime.datetime.fromisoformat(after[0]), after[1]
        if query.ascending:
            selected = selected.filter(Q(stored__gt=stored) | Q(stored=stored, pk__gt=pk))
        else:
            selected = selected.filter(Q(stored__lt=stored) | Q(stored=stored, pk__lt=pk))
    order = ("stored", "pk") if query.ascending else ("-stored", "-pk")
    size = min(query.limit or PAGE_MAX, PAGE_MAX)
    page = list(selected.order_by(*order).only("pk", "stored", "data")[: size + 1])
    if len(page) <= size:
        return page, None
    page = page[:size]
    return page, (page[-1].stored.isoformat(), page[-1].pk)


def more_token(credential, query: StatementQuery, position: tuple) -> str:
    """A signed, stateless continuation: the query and where the last page ended."""
    return signing.dumps({"c": credential.pk, "q": query.to_params(), "p": list(position)}, salt=MORE_SALT, compress=True)


def read_more(credential, token: str, max_age: int = 7 * 24 * 3600) -> tuple[StatementQuery, tuple]:
    try:
        data = signing.loads(token, salt=MORE_SALT, max_age=max_age)
    except signing.BadSignature:
        raise XAPIError(400, "more: this continuation is not valid or has expired") from None
    if data["c"] != credential.pk:
        raise XAPIError(403, "more: this continuation belongs to another credential")
    return StatementQuery.from_params(data["q"]), tuple(data["p"])


def single(credential, statement_id: str, *, voided: bool) -> Statement:
    """statementId (not voided) or voidedStatementId (voided only); 404 otherwise."""
    row = Statement.objects.readable_by(credential).filter(statement_id=statement_id, voided=voided).first()
    if row is None:
        raise XAPIError(404, f"No {'voided ' if voided else ''}statement with id {statement_id}")
    return row


def activity_definition(credential, activity_id: str) -> dict:
    """The Activity as last described by a statement the credential may read; just its id if none."""
    row = (Statement.objects.readable_by(credential).filter(object_activity_key=key(activity_id))
           .order_by("-stored", "-pk").only("data").first())
    activity = {"objectType": "Activity", "id": activity_id}
    if row is not None:
        definition = json.loads(row.data)["object"].get("definition")
        if definition:
            activity["definition"] = definition
    return activity


def documents(credential, scope: str, since: datetime.datetime | None = None):
    found = Document.objects.filter(agency_id=credential.agency_id, provider=credential.provider, scope_key=scope)
    if since is not None:
        found = found.filter(updated__gt=since)
    return found.order_by("updated")


def document(credential, scope: str, document_id: str) -> Document | None:
    return Document.objects.filter(agency_id=credential.agency_id, provider=credential.provider,
                                   key=key(f"{scope}\n{document_id}")).first()
