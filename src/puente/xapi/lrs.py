"""The xAPI 1.0.3 resources at /xapi/ (xAPI-Communication.md), as plain Django views.

Each request is turned into an `XRequest` first, so the alternate request syntax
(`POST ...?method=PUT` with headers and content as form fields, for clients that cannot set
headers) goes through the same code as a normal request. Order of checks: CORS preflight,
body size (413), credentials (401/403), X-Experience-API-Version (400), parameters (400),
then the resource. Every response carries X-Experience-API-Version and the CORS headers.
"""
import base64
import binascii
import json
import logging
from urllib.parse import parse_qsl

from django.conf import settings
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import http_date
from django.views.decorators.csrf import csrf_exempt

from . import actions, queries
from .models import Attachment, Credential, Document
from .spec import LATEST, VERSIONS, XAPIError, documents, multipart
from .spec import validate as check
from .spec.statements import format_time, formatted, ifi

log = logging.getLogger(__name__)
FORM_HEADERS = {"authorization", "x-experience-api-version", "content-type", "content-length", "if-match", "if-none-match"}
METHODS = ("GET", "HEAD", "PUT", "POST", "DELETE")
CORS_HEADERS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Methods": "GET, HEAD, PUT, POST, DELETE, OPTIONS",
    "Access-Control-Allow-Headers": "Authorization, Content-Type, X-Experience-API-Version, If-Match, If-None-Match, Accept-Language, Accept",
    "Access-Control-Expose-Headers": "ETag, Last-Modified, Content-Type, X-Experience-API-Version, X-Experience-API-Consistent-Through",
    "Access-Control-Max-Age": "86400",
}


def limits() -> tuple[int, int]:
    """(largest request body, largest attachment) in bytes; settings may change them."""
    return (getattr(settings, "PUENTE_XAPI_MAX_BODY", 16 * 1024 * 1024),
            getattr(settings, "PUENTE_XAPI_MAX_ATTACHMENT", 8 * 1024 * 1024))


class XRequest:
    """Method, parameters, headers and body of an xAPI request, whichever syntax it came in."""

    def __init__(self, request):
        self.request = request
        self.method = request.method
        self.params = {name: request.GET.get(name) for name in request.GET}
        self.headers = {name.lower(): value for name, value in request.headers.items()}
        self.body = self._read(request)
        if self.method == "POST" and "method" in self.params:
            self._alternate()
        self.credential = None

    @staticmethod
    def _read(request) -> bytes:
        max_body, _ = limits()
        declared = request.META.get("CONTENT_LENGTH") or "0"
        if declared.isdigit() and int(declared) > max_body:
            raise XAPIError(413, f"The request body is {declared} bytes; the limit is {max_body}")
        body = request.read(max_body + 1)
        if len(body) > max_body:
            raise XAPIError(413, f"The request body is larger than the limit of {max_body} bytes")
        return body

    def _alternate(self) -> None:
        """Communication 1.3: the method in ?method=, everything else in the form body."""
        method = self.params.pop("method")
        if self.params:
            raise XAPIError(400, f"Alternate request syntax: only 'method' may be in the query string, not {sorted(self.params)[0]}")
        if method not in METHODS:
            raise XAPIError(400, f"Alternate request syntax: method must be one of {', '.join(METHODS)}")
        if not self.headers.get("content-type", "").lower().startswith("application/x-www-form-urlencoded"):
            raise XAPIError(400, "Alternate request syntax: the request must be application/x-www-form-urlencoded")
        try:
            fields = parse_qsl(self.body.decode("utf-8"), keep_blank_values=True, strict_parsing=bool(self.body))
        except (UnicodeDecodeError, ValueError):
            raise XAPIError(400, "Alternate request syntax: the form body cannot be read") from None
        self.method, self.body = method, b""
        self.headers.pop("content-type", None)
        for name, value in fields:
            if name == "content":
                self.body = value.encode("utf-8")
            elif name.lower() in FORM_HEADERS:
                self.headers[name.lower()] = value
            else:
                self.params[name] = value

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "")

    def json(self, what: str = "content"):
        try:
            return json.loads(self.body.decode("utf-8"))
        except UnicodeDecodeError:
            raise XAPIError(400, f"The {what} is not UTF-8") from None
        except ValueError as exc:
            raise XAPIError(400, f"The {what} is not valid JSON: {exc}") from None

    def languages(self) -> list[str]:
        ranked = []
        for position, item in enumerate(self.headers.get("accept-language", "").split(",")):
            tag, _, q = item.strip().partition(";q=")
            if tag:
                try:
                    ranked.append((-float(q or 1), position, tag.strip()))
                except ValueError:
                    continue
        return [tag for _, _, tag in sorted(ranked)]

    def allow(self, *names: str) -> None:
        """Refuse parameters the resource does not define, including ones that differ only in case."""
        for name in self.params:
            if name not in names:
                near = next((known for known in names if known.lower() == name.lower()), None)
                hint = f" (did you mean {near}?)" if near else ""
                raise XAPIError(400, f"Unknown parameter {name}{hint}")

    def require(self, name: str) -> str:
        if name not in self.params:
            raise XAPIError(400, f"The parameter {name} is required")
        return self.params[name]


def authenticate(x: XRequest) -> Credential:
    header = x.headers.get("authorization", "")
    if not header:
        if x.request.user.is_authenticated:
            raise XAPIError(403, "Signing in to the web site gives no access to the xAPI: use an xAPI credential with HTTP Basic authentication")
        raise XAPIError(401, "Authentication required: HTTP Basic with an xAPI credential's key and secret")
    scheme, _, value = header.partition(" ")
    try:
        username, _, secret = base64.b64decode(value.strip(), validate=True).decode("utf-8").partition(":")
    except (binascii.Error, UnicodeDecodeError):
        username = secret = ""
    if scheme.lower() != "basic" or not username:
        raise XAPIError(401, "Authentication required: HTTP Basic with an xAPI credential's key and secret")
    credential = Credential.objects.select_related("agency").filter(key=username).first()
    if credential is None or not credential.active or not credential.check_secret(secret):
        raise XAPIError(401, "The credential was refused: unknown key, wrong secret, or revoked")
    return credential


def check_version(x: XRequest) -> None:
    version = x.headers.get("x-experience-api-version")
    if version is None:
        raise XAPIError(400, f"The X-Experience-API-Version header is required (this LRS speaks {', '.join(VERSIONS)})")
    if not check.VERSION_RE.match(version.strip()):
        raise XAPIError(400, f"X-Experience-API-Version {version} is not supported (this LRS speaks 1.0.x, up to {LATEST})")


def json_response(data, status: int = 200) -> HttpResponse:
    body = data if isinstance(data, (bytes, str)) else json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return HttpResponse(body, status=status, content_type="application/json; charset=utf-8")


def error_response(exc: XAPIError, accept: str) -> HttpResponse:
    if "text/plain" in accept and "json" not in accept:
        response = HttpResponse(exc.message, status=exc.status, content_type="text/plain; charset=utf-8")
    else:
        response = json_response({"status": exc.status, "message": exc.message}, status=exc.status)
    if exc.status == 401:
        response["WWW-Authenticate"] = 'Basic realm="Puente xAPI"'
    return response


def resource(handlers: dict, *, public: bool = False, consistent: bool = False):
    """A Django view for one xAPI resource: {method: handler(x) -> HttpResponse}."""

    @csrf_exempt
    def view(request):
        if request.method == "OPTIONS":
            return _finish(HttpResponse(status=200))
        try:
            x = XRequest(request)
            handler = handlers.get("GET" if x.method == "HEAD" else x.method)
            if not public:
                x.credential = authenticate(x)
                check_version(x)
            if handler is None:
                raise XAPIError(405, f"{x.method} is not allowed here")
            response = handler(x)
            if x.method == "HEAD":
                response.content = b""
        except Exception as exc:  # every answer carries the xAPI headers, failures too
            if not isinstance(exc, XAPIError):
                log.exception("xAPI request failed: %s %s", request.method, request.path)
                exc = XAPIError(500, "The LRS failed to handle this request")
            response = error_response(exc, request.headers.get("Accept", ""))
            if exc.status == 405:
                response["Allow"] = ", ".join(sorted(set(handlers) | ({"HEAD"} if "GET" in handlers else set()) | {"OPTIONS"}))
        if consistent:
            # Every answer of the Statement resource, refusals included (Communication 2.1.3).
            response["X-Experience-API-Consistent-Through"] = format_time(timezone.now())
        return _finish(response)

    return view


def _finish(response: HttpResponse) -> HttpResponse:
    response["X-Experience-API-Version"] = LATEST
    for name, value in CORS_HEADERS.items():
        response[name] = value
    return response


# Statements ------------------------------------------------------------------------------

def _statements_in(x: XRequest) -> tuple[object, dict | None]:
    """The JSON content and the attachment parts by hash, from application/json or multipart/mixed."""
    kind = x.content_type.split(";")[0].strip().lower()
    if kind == "application/json":
        return x.json("statement content"), None
    if kind != "multipart/mixed":
        raise XAPIError(400, "Statements must be sent as application/json, or multipart/mixed with attachments")
    parts = multipart.parse(x.body, x.content_type)
    if not parts:
        raise XAPIError(400, "The multipart body has no parts")
    first = parts[0]
    if first.headers.get("content-type", "").split(";")[0].strip().lower() != "application/json":
        raise XAPIError(400, "The first part of a multipart statement request must be application/json")
    try:
        content = json.loads(first.content.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise XAPIError(400, f"The statement part is not valid JSON: {exc}") from None
    received = {}
    for position, part in enumerate(parts[1:], start=2):
        sha2 = part.headers.get("x-experience-api-hash")
        if not sha2:
            raise XAPIError(400, f"multipart part {position} has no X-Experience-API-Hash header")
        received[sha2.strip().lower()] = part
    return content, received


def post_statements(x: XRequest) -> HttpResponse:
    if x.content_type.lower().startswith("application/x-www-form-urlencoded"):
        raise XAPIError(400, "A form-encoded POST needs ?method= (alternate request syntax)")
    x.allow()
    content, parts = _statements_in(x)
    statements = check.statements(content)
    received = actions.check_attachments(statements, parts, limits()[1])
    ids = actions.store_statements(x.credential, statements, received)
    return json_response(ids)


def put_statement(x: XRequest) -> HttpResponse:
    x.allow("statementId")
    statement_id = check.uuid(x.require("statementId"), "statementId")
    content, parts = _statements_in(x)
    if isinstance(content, list):
        raise XAPIError(400, "PUT stores one statement: send an object, not an array")
    statement = check.statement(content)
    if "id" in statement and statement["id"].lower() != statement_id.lower():
        raise XAPIError(400, "The statement's id differs from the statementId parameter")
    statement = {**statement, "id": statement_id}
    received = actions.check_attachments([statement], parts, limits()[1])
    actions.store_statements(x.credential, [statement], received)
    return HttpResponse(status=204)


def get_statements(x: XRequest) -> HttpResponse:
    single = [name for name in ("statementId", "voidedStatementId") if name in x.params]
    if single:
        x.allow(*single, "format", "attachments")
        if len(single) == 2:
            raise XAPIError(400, "statementId and voidedStatementId cannot be used together")
        query = queries.StatementQuery.parse({k: v for k, v in x.params.items() if k in ("format", "attachments")})
        statement_id = check.uuid(x.params[single[0]], single[0])
        row = queries.single(x.credential, statement_id, voided=single[0] == "voidedStatementId")
        statement = formatted(json.loads(row.data), query.format, x.languages())
        response = _with_attachments(statement, [statement], query.attachments)
        response["Last-Modified"] = http_date(row.stored.timestamp())
        return response
    if "more" in x.params:
        x.allow("more")
        query, position = queries.read_more(x.credential, x.params["more"])
    else:
        x.allow(*queries.FILTERS)
        query, position = queries.StatementQuery.parse(x.params), None
    page, after = queries.statements(x.credential, query, position)
    more = ""
    if after is not None:
        more = f"{reverse('xapi:statements')}?more={queries.more_token(x.credential, query, after)}"
    if query.format == "exact" and not query.attachments:
        # The stored JSON is the answer: no need to parse and serialize it again.
        body = '{"statements":[' + ",".join(row.data for row in page) + '],"more":' + json.dumps(more) + "}"
        response = json_response(body)
    else:
        statements = [formatted(json.loads(row.data), query.format, x.languages()) for row in page]
        response = _with_attachments({"statements": statements, "more": more}, statements, query.attachments)
    if page:
        response["Last-Modified"] = http_date(max(row.stored for row in page).timestamp())
    return response


def _with_attachments(result, statements: list[dict], attachments: bool) -> HttpResponse:
    """application/json, or multipart/mixed with every attachment's raw data after the result."""
    if not attachments:
        return json_response(result)
    hashes = []
    for statement in statements:
        for attachment in actions.attachments_of(statement):
            if attachment["sha2"].lower() not in hashes:
                hashes.append(attachment["sha2"].lower())
    stored = {a.sha2: a for a in Attachment.objects.filter(sha2__in=hashes)}
    parts = [({"Content-Type": "application/json"}, json.dumps(result, ensure_ascii=False).encode("utf-8"))]
    for sha2 in hashes:
        if sha2 in stored:
            parts.append(({"Content-Type": stored[sha2].content_type, "Content-Transfer-Encoding": "binary",
                           "X-Experience-API-Hash": sha2}, bytes(stored[sha2].content)))
    body, content_type = multipart.build(parts)
    return HttpResponse(body, content_type=content_type)


statements_view = resource({"GET": get_statements, "PUT": put_statement, "POST": post_statements}, consistent=True)


# Documents -------------------------------------------------------------------------------

def _agent(x: XRequest) -> str:
    """The agent a document belongs to: an Agent object (an identified Group is sent as its identifier)."""
    agent = queries.agent_param(x.require("agent"))
    if agent.get("objectType") == "Group":
        raise XAPIError(400, "agent: must be an Agent object, not a Group (send a Group's identifier as an Agent)")
    return ifi(agent)


def _since(x: XRequest):
    return queries.time_param(x.params["since"], "since") if "since" in x.params else None


def _document_resource(kind: str, id_param: str, scope_params: tuple, scope_of):
    """GET (one or the ids), PUT, POST (merge) and DELETE for one kind of document."""

    def get(x):
        x.allow(*scope_params, id_param, "since")
        scope = scope_of(x)
        if id_param in x.params:
            if "since" in x.params:
                raise XAPIError(400, f"since lists documents; it cannot be used with {id_param}")
            doc = queries.document(x.credential, scope, x.params[id_param])
            if doc is None:
                raise XAPIError(404, f"No document with {id_param} {x.params[id_param]}")
            response = HttpResponse(bytes(doc.content), content_type=doc.content_type)
            response["ETag"] = f'"{doc.etag}"'
            response["Last-Modified"] = http_date(doc.updated.timestamp())
            return response
        found = list(queries.documents(x.credential, scope, _since(x)).values_list("document_id", "updated"))
        body = json.dumps([ident for ident, _ in found]).encode("utf-8")
        response = json_response(body)
        response["ETag"] = f'"{documents.etag(body)}"'
        if found:
            response["Last-Modified"] = http_date(max(updated for _, updated in found).timestamp())
        return response

    def write(x, merge: bool):
        x.allow(*scope_params, id_param)
        scope = scope_of(x)
        document_id = x.require(id_param)
        actions.write_document(x.credential, kind, scope, document_id, x.body, x.content_type or "application/octet-stream",
                               merge=merge, if_match=x.headers.get("if-match"), if_none_match=x.headers.get("if-none-match"))
        return HttpResponse(status=204)

    def delete(x):
        x.allow(*scope_params, id_param)
        scope = scope_of(x)
        if id_param not in x.params and kind != Document.Kind.STATE:
            raise XAPIError(400, f"The parameter {id_param} is required")
        actions.delete_documents(x.credential, scope, x.params.get(id_param), if_match=x.headers.get("if-match"))
        return HttpResponse(status=204)

    return resource({"GET": get, "PUT": lambda x: write(x, False), "POST": lambda x: write(x, True), "DELETE": delete})


def _state_scope(x):
    activity = check.iri(x.require("activityId"), "activityId")
    registration = check.uuid(x.params["registration"], "registration").lower() if "registration" in x.params else ""
    return actions.document_scope(Document.Kind.STATE, activity, _agent(x), registration)


state_view = _document_resource(Document.Kind.STATE, "stateId", ("activityId", "agent", "registration"), _state_scope)
activity_profile_view = _document_resource(
    Document.Kind.ACTIVITY_PROFILE, "profileId", ("activityId",),
    lambda x: actions.document_scope(Document.Kind.ACTIVITY_PROFILE, check.iri(x.require("activityId"), "activityId")),
)
agent_profile_view = _document_resource(
    Document.Kind.AGENT_PROFILE, "profileId", ("agent",),
    lambda x: actions.document_scope(Document.Kind.AGENT_PROFILE, agent=_agent(x)),
)


# Agents, Activities, About -------------------------------------------------------------------

def get_agents(x: XRequest) -> HttpResponse:
    x.allow("agent")
    agent = queries.agent_param(x.require("agent"))
    if agent.get("objectType") == "Group":
        raise XAPIError(400, "agent: must be an Agent, not a Group")
    person = {"objectType": "Person"}
    if "name" in agent:
        person["name"] = [agent["name"]]
    for name in check.IFIS:
        if name in agent:
            person[name] = [agent[name]]
    return json_response(person)


def get_activities(x: XRequest) -> HttpResponse:
    x.allow("activityId")
    activity_id = check.iri(x.require("activityId"), "activityId")
    return json_response(queries.activity_definition(x.credential, activity_id))


def get_about(x: XRequest) -> HttpResponse:
    return json_response({"version": list(VERSIONS), "extensions": {}})


agents_view = resource({"GET": get_agents})
activities_view = resource({"GET": get_activities})
about_view = resource({"GET": get_about}, public=True)
