"""Exports of sessions and training requests: the import columns, headed in the reader's language."""
from .imports import REQUEST_COLUMNS, SESSION_COLUMNS


def session_row(session) -> list:
    return [
        session.program.code, session.site.code, session.start_date.isoformat(), session.end_date.isoformat(),
        session.seats, session.language, session.get_status_display(),
    ]


def request_row(request) -> list:
    return [
        request.window.fiscal_year, request.agency.code, request.program.code, request.seats,
        ";".join(str(m) for m in request.preferred_months),
        ";".join(site.code for site in request.preferred_sites.all()),
        request.justification, request.submitted_at.isoformat(timespec="minutes"),
    ]


SESSION_EXPORT = (SESSION_COLUMNS, session_row, "sessions")
REQUEST_EXPORT = (REQUEST_COLUMNS, request_row, "training-requests")
