"""The request id of the current request or command, for the audit log."""
import contextvars
import uuid

_request_id = contextvars.ContextVar("puente_request_id", default="")


def current_request_id() -> str:
    return _request_id.get()


def set_request_id(value: str | None = None) -> contextvars.Token:
    """Start a new unit of work (a request, a command, a job) with its own id."""
    return _request_id.set(value or uuid.uuid4().hex)


def reset_request_id(token: contextvars.Token) -> None:
    _request_id.reset(token)
