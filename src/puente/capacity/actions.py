"""Every write to sites, sessions, request windows and training requests: atomic and audited."""
import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from puente.accounts.roles import Role
from puente.accounts.scoping import holds
from puente.core.services import create_object, update_object

from .models import AllocationRun, Instructor, InstructorAbsence, RequestWindow, Room, Session, Site, TrainingRequest


def create_site(actor, **fields) -> Site:
    return create_object(actor, Site, fields)


def update_site(actor, site: Site, **fields) -> Site:
    return update_object(actor, site, fields)


def create_room(actor, **fields) -> Room:
    return create_object(actor, Room, fields)


def update_room(actor, room: Room, **fields) -> Room:
    return update_object(actor, room, fields)


def check_instructors(instructors, *, program, start_date, end_date, session_id=None) -> None:
    """Refuse an instructor not qualified for the program, absent, or teaching elsewhere then."""
    problems = []
    for instructor in instructors:
        if not instructor.programs.filter(pk=program.pk).exists():
            problems.append(_("%(name)s is not qualified for %(program)s.") % {"name": instructor, "program": program.code})
        absent = instructor.absences.filter(start_date__lte=end_date, end_date__gte=start_date).first()
        if absent:
            problems.append(_("%(name)s is unavailable from %(start)s to %(end)s.") % {
                "name": instructor, "start": absent.start_date, "end": absent.end_date})
        busy = (instructor.sessions.exclude(pk=session_id).exclude(status=Session.Status.CANCELLED)
                .filter(start_date__lte=end_date, end_date__gte=start_date).first())
        if busy:
            problems.append(_("%(name)s already teaches %(session)s then.") % {"name": instructor, "session": busy})
    if problems:
        raise ValidationError({"instructors": problems})


def create_session(actor, *, instructors=(), **fields) -> Session:
    if instructors:
        check_instructors(instructors, program=fields["program"], start_date=fields["start_date"], end_date=fields["end_date"])
    return create_object(actor, Session, fields, many={"instructors": list(instructors)})


def update_session(actor, session: Session, *, instructors=None, **fields) -> Session:
    chosen = instructors if instructors is not None else list(session.instructors.all())
    if chosen:
        check_instructors(
            chosen, program=fields.get("program", session.program), start_date=fields.get("start_date", session.start_date),
            end_date=fields.get("end_date", session.end_date), session_id=session.pk,
        )
    return update_object(actor, session, fields, many={"instructors": instructors})


def add_absence(actor, instructor: Instructor, **fields) -> InstructorAbsence:
    return create_object(actor, InstructorAbsence, {"instructor": instructor, **fields})


def cancel_session(actor, session: Session) -> Session:
    return update_object(actor, session, {"status": Session.Status.CANCELLED}, verb="cancel", permission="delete")


@transaction.atomic
def plan_sessions(actor, *, program, site, room=None, first_start: datetime.date, days: int, every_weeks: int,
                  count: int, seats: int, language: str) -> list[Session]:
    """A term plan: `count` sessions of `days` days, one every `every_weeks` weeks. All or none."""
    if not 1 <= count <= 52:
        raise ValidationError({"count": _("Plan between 1 and 52 sessions at a time.")})
    if days < 1 or every_weeks < 1:
        raise ValidationError({"days": _("Sessions last at least one day and repeat at least weekly.")})
    sessions = []
    for index in range(count):
        start = first_start + datetime.timedelta(weeks=every_weeks * index)
        sessions.append(create_session(
            actor, program=program, site=site, room=room, start_date=start,
            end_date=start + datetime.timedelta(days=days - 1), seats=seats, language=language,
        ))
    return sessions


def create_instructor(actor, *, programs=(), **fields) -> Instructor:
    return create_object(actor, Instructor, fields, many={"programs": list(programs)})


def update_instructor(actor, instructor: Instructor, *, programs=None, **fields) -> Instructor:
    return update_object(actor, instructor, fields, many={"programs": programs})


def open_window(actor, **fields) -> RequestWindow:
    return create_object(actor, RequestWindow, {**fields, "status": RequestWindow.Status.OPEN})


def update_window(actor, window: RequestWindow, **fields) -> RequestWindow:
    return update_object(actor, window, fields)


def close_window(actor, window: RequestWindow) -> RequestWindow:
    """After closing, coordinators can no longer submit, edit or withdraw requests."""
    return update_object(actor, window, {"status": RequestWindow.Status.CLOSED}, verb="close")


def reopen_window(actor, window: RequestWindow) -> RequestWindow:
    return update_object(actor, window, {"status": RequestWindow.Status.OPEN}, verb="reopen")


def closed_window_refusal(actor, window: RequestWindow) -> str | None:
    """Why `actor` may not change requests in `window`, or None when they may."""
    # Program managers may still correct requests after the window closes; coordinators may not.
    if not window.is_open and not holds(actor, Role.PROGRAM_MANAGER):
        return _("The FY%(year)s request window is closed.") % {"year": window.fiscal_year}
    return None


def _require_open(actor, window: RequestWindow) -> None:
    refusal = closed_window_refusal(actor, window)
    if refusal:
        raise ValidationError({"window": refusal})


def _require_priority_rights(actor, fields: dict, current: int = 0) -> None:
    if fields.get("priority", current) != current and not holds(actor, Role.PROGRAM_MANAGER):
        raise PermissionDenied(_("Only program managers set priorities."))


def submit_request(actor, *, preferred_sites=(), **fields) -> TrainingRequest:
    _require_open(actor, fields["window"])
    _require_priority_rights(actor, fields)
    fields.setdefault("submitted_at", timezone.now())
    fields.setdefault("submitted_by", actor if getattr(actor, "is_authenticated", False) else None)
    return create_object(actor, TrainingRequest, fields, many={"preferred_sites": list(preferred_sites)})


def update_request(actor, request: TrainingRequest, *, preferred_sites=None, **fields) -> TrainingRequest:
    _require_open(actor, request.window)
    _require_priority_rights(actor, fields, request.priority)
    if "window" in fields and fields["window"] != request.window:
        _require_open(actor, fields["window"])
    return update_object(actor, request, fields, many={"preferred_sites": preferred_sites})


def withdraw_request(actor, request: TrainingRequest) -> TrainingRequest:
    _require_open(actor, request.window)
    return update_object(actor, request, {"status": TrainingRequest.Status.WITHDRAWN}, verb="withdraw", permission="delete")


def set_priority(actor, request: TrainingRequest, priority: int) -> TrainingRequest:
    if not holds(actor, Role.PROGRAM_MANAGER):
        raise PermissionDenied(_("Only program managers set priorities."))
    return update_object(actor, request, {"priority": priority}, verb="set_priority")


@transaction.atomic
def start_run(actor, *, fiscal_year: int, rules: dict | None = None, enqueue: bool = True) -> AllocationRun:
    """Store a run with its rules and queue the solve as a background job (the CLI runs it itself)."""
    from puente.core import jobs

    from .runs import parse_rules, run_refusal

    try:
        rules_obj = parse_rules(rules or {})
    except jobs.JobError as exc:
        raise ValidationError({"rules": str(exc)}) from None
    if not RequestWindow.objects.filter(fiscal_year=fiscal_year).exists():
        raise ValidationError({"fiscal_year": _("There is no request window for FY%(year)s.") % {"year": fiscal_year}})
    refusal = run_refusal(fiscal_year, rules_obj)
    if refusal:
        raise ValidationError(refusal)
    run = create_object(actor, AllocationRun, {
        "fiscal_year": fiscal_year, "rules": rules_obj.to_dict(), "created_by": actor if getattr(actor, "is_authenticated", False) else None,
    })
    if enqueue:
        transaction.on_commit(lambda: _enqueue_run(actor, run))
    return run


def _enqueue_run(actor, run) -> None:
    from puente.core import jobs

    row = jobs.enqueue("capacity.allocate", {"run_id": run.pk}, actor)
    AllocationRun.objects.filter(pk=run.pk).update(job=row)


@transaction.atomic
def publish_run(actor, run: AllocationRun) -> AllocationRun:
    """Publish a finished run (the year's earlier published run is withdrawn) and tell coordinators."""
    if run.status != AllocationRun.Status.DONE:
        raise ValidationError({"status": _("Only a finished, unpublished run can be published.")})
    for earlier in AllocationRun.objects.filter(fiscal_year=run.fiscal_year, status=AllocationRun.Status.PUBLISHED):
        update_object(actor, earlier, {"status": AllocationRun.Status.DONE}, verb="unpublish")
    run = update_object(actor, run, {
        "status": AllocationRun.Status.PUBLISHED, "published_at": timezone.now(),
        "published_by": actor if getattr(actor, "is_authenticated", False) else None,
    }, verb="publish")
    transaction.on_commit(lambda: notify_coordinators(run))
    return run


def notify_coordinators(run: AllocationRun) -> int:
    """E-mail each coordinator of an agency in the run, in their language, with their seats."""
    from django.core.mail import send_mass_mail
    from django.db.models import Sum
    from django.utils import translation

    from puente.accounts.models import RoleAssignment

    totals = {
        row["request__agency"]: row
        for row in run.outcomes.values("request__agency").annotate(asked=Sum("seats_requested"), got=Sum("seats_allocated"))
    }
    messages = []
    assignments = RoleAssignment.objects.filter(role=Role.AGENCY_COORDINATOR, agency_id__in=totals).select_related("user", "agency")
    for assignment in assignments:
        user = assignment.user
        if not user.email:
            continue
        row = totals[assignment.agency_id]
        with translation.override(user.language or "en"):
            subject = _("FY%(year)s training seats published") % {"year": run.fiscal_year}
            body = _("%(agency)s asked for %(asked)s seats and was allocated %(got)s. Open Puente to see each request and the reason for any seats not allocated.") % {
                "agency": assignment.agency.name, "asked": row["asked"], "got": row["got"]}
        messages.append((subject, body, None, [user.email]))
    send_mass_mail(messages, fail_silently=False)
    return len(messages)
