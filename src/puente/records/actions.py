"""Nominations: every write is atomic, scope-checked and audited; refusals say why."""
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import formats
from django.utils.translation import gettext as _

from puente.core import audit
from puente.core.services import action_name, bulk_write, create_object, may, require, require_all, update_object

from . import completion, eligibility, lifecycle
from .models import Assessment, Attendance, Enrollment, TrainingRecord


class NominationRefused(ValidationError):
    """The officer may not be nominated; `refusals` holds the reason codes."""

    def __init__(self, messages, refusals):
        super().__init__(messages)
        self.refusals = refusals


def _day(value) -> str:
    return formats.date_format(value, "SHORT_DATE_FORMAT") if value else "—"


def describe(refusal: eligibility.Refusal, person) -> str:
    """A refusal in the reader's language."""
    p = refusal.params
    name = person.full_name
    if refusal.code == eligibility.INACTIVE:
        return _("%(name)s is not active (status: %(status)s).") % {"name": name, "status": person.get_status_display()}
    if refusal.code == eligibility.ALREADY:
        return _("%(name)s is already enrolled in this session.") % {"name": name}
    if refusal.code == eligibility.OVERLAP:
        return _("%(name)s already has %(program)s from %(start)s to %(end)s, which overlaps this session.") % {
            "name": name, "program": p["program"], "start": _day(p["start"]), "end": _day(p["end"])}
    if refusal.code == eligibility.PREREQUISITE:
        return _("%(name)s has not completed the prerequisites: %(programs)s.") % {"name": name, "programs": ", ".join(p["programs"])}
    if refusal.code == eligibility.VETTING:
        return _("%(name)s has no vetting check valid through %(needed)s, which this program requires.") % {
            "name": name, "needed": _day(p["needed"])}
    return refusal.code


def vetting_valid_until(person):
    """The last day the person's vetting is valid (None if they have no valid check)."""
    from puente.vetting.services import valid_until

    return valid_until(person)


def officer_facts(person) -> eligibility.OfficerFacts:
    # Only seats held count against overlapping sessions: a place on a waiting list does not
    # (a seat offered from it later is checked again).
    held = Enrollment.objects.filter(person=person, status__in=Enrollment.HOLDS_SEAT).select_related("session__program")
    # The transcript counts: sessions completed here, historic records and e-learning alike.
    completed = TrainingRecord.objects.filter(person=person, result=TrainingRecord.Result.COMPLETED).values_list("program__code", flat=True)
    return eligibility.OfficerFacts(
        active=person.status == person.Status.ACTIVE,
        completed_programs=frozenset(completed),
        commitments=tuple((e.session_id, e.session.program.code, e.session.start_date, e.session.end_date) for e in held),
        vetting_valid_until=vetting_valid_until(person),
    )


def session_facts(session) -> eligibility.SessionFacts:
    program = session.program
    return eligibility.SessionFacts(
        id=session.pk, start=session.start_date, end=session.end_date,
        prerequisites=frozenset(program.prerequisites.values_list("code", flat=True)),
        vetting_required=program.vetting_required,
    )


def allocated_seats(agency, session) -> int:
    """The agency's seats in the session under the year's published allocation."""
    from puente.capacity.reports import published_run

    run = published_run(session.fiscal_year)
    if run is None:
        return 0
    key = str(session.pk)
    outcomes = run.outcomes.filter(request__agency=agency, request__program=session.program_id)
    return sum(outcome.allocation.get(key, 0) for outcome in outcomes)


def seats_taken(agency, session) -> int:
    return Enrollment.objects.filter(agency=agency, session=session, status__in=Enrollment.HOLDS_SEAT).count()


@transaction.atomic
def nominate(actor, person, session, waitlist_priority: int = 0) -> Enrollment:
    """Nominate an officer into one of their agency's allocated seats, or onto its waiting list."""
    if session.status in (session.Status.CANCELLED, session.Status.COMPLETED):
        raise ValidationError({"session": _("This session is %(status)s.") % {"status": session.get_status_display()}})
    existing = Enrollment.objects.filter(person=person, session=session).first()
    found = eligibility.refusals(officer_facts(person), session_facts(session))
    if existing is not None and existing.status in Enrollment.ACTIVE:
        found.insert(0, eligibility.Refusal(eligibility.ALREADY))
    if found:
        raise NominationRefused([describe(r, person) for r in found], found)
    agency = person.agency
    free = allocated_seats(agency, session) - seats_taken(agency, session)
    status = Enrollment.Status.NOMINATED if free > 0 else Enrollment.Status.WAITLISTED
    reason = "" if free > 0 else _("No free seat of %(agency)s in this session.") % {"agency": agency.acronym or agency.name}
    return _place(actor, existing, person, session, status, reason, waitlist_priority)


def _place(actor, existing, person, session, status, reason, waitlist_priority=0) -> Enrollment:
    """Create the enrollment, or reuse a withdrawn or cancelled one for the same session."""
    fields = {
        "status": status, "status_reason": reason, "waitlist_priority": waitlist_priority,
        "nominated_by": actor if getattr(actor, "is_authenticated", False) else None,
    }
    if existing is not None:
        return update_object(actor, existing, fields, verb="renominate")
    return create_object(actor, Enrollment, {"person": person, "session": session, "agency": person.agency, **fields})


@dataclass
class BulkLine:
    identifier: str
    person: object = None
    enrollment: Enrollment | None = None
    problems: tuple = ()


def bulk_nominate(actor, session, identifiers: list[str], people_queryset) -> list[BulkLine]:
    """Nominate each listed officer (by national id) on their own; report each outcome."""
    lines = []
    for identifier in [i.strip().upper() for i in identifiers if i.strip()]:
        line = BulkLine(identifier)
        person = people_queryset.filter(national_id=identifier).first()
        if person is None:
            line.problems = (_("No officer you may nominate has the identifier %(id)s.") % {"id": identifier},)
        else:
            line.person = person
            try:
                line.enrollment = nominate(actor, person, session)
            except ValidationError as exc:
                line.problems = tuple(exc.messages)
        lines.append(line)
    return lines


@transaction.atomic
def withdraw(actor, enrollment: Enrollment, reason: str = "") -> Enrollment:
    """Withdraw a nomination; its seat is offered to the agency's waiting list in priority order."""
    if enrollment.status not in Enrollment.ACTIVE:
        raise ValidationError({"status": _("Only a nomination or a place on the waiting list can be withdrawn.")})
    held_seat = enrollment.status in Enrollment.HOLDS_SEAT
    # A coordinator may withdraw without typing a reason: the action itself says who and when.
    enrollment = transition(actor, enrollment, Enrollment.Status.WITHDRAWN, reason or _("Withdrawn by the agency."), permission="delete")
    if held_seat:
        offer_freed_seat(actor, enrollment.session, enrollment.agency)
    return enrollment


def offer_freed_seat(actor, session, agency) -> Enrollment | None:
    """Give a free seat to the first still-eligible officer on the agency's waiting list."""
    if allocated_seats(agency, session) - seats_taken(agency, session) <= 0:
        return None
    waiting = Enrollment.objects.filter(session=session, agency=agency, status=Enrollment.Status.WAITLISTED).select_related("person")
    for candidate in waiting.order_by("-waitlist_priority", "nominated_at", "id"):
        facts = officer_facts(candidate.person)
        others = tuple(c for c in facts.commitments if c[0] != session.pk)
        if eligibility.refusals(eligibility.OfficerFacts(facts.active, facts.completed_programs, others, facts.vetting_valid_until), session_facts(session)):
            continue
        before = audit.snapshot(candidate)
        Enrollment.objects.filter(pk=candidate.pk).update(status=Enrollment.Status.NOMINATED, status_reason="")
        candidate.refresh_from_db()
        audit.record(actor, "records.enrollment.offer_seat", candidate, audit.diff(before, audit.snapshot(candidate)))
        return candidate
    return None


def set_waitlist_priority(actor, enrollment: Enrollment, priority: int) -> Enrollment:
    return update_object(actor, enrollment, {"waitlist_priority": priority}, verb="set_priority")



def fill_term(actor, agency, fiscal_year: int, proposals: list[tuple]) -> dict:
    """Nominate a whole term at once: the best conflict-free choice among proposed officers.

    `proposals` are (person, session, value) the coordinator put forward. Each is checked like a
    single nomination; the officer-level solver then picks, within the agency's seats, the set
    of nominations of highest total value with no officer in two overlapping sessions. The
    chosen are nominated; the others wait, in value order, with the solver's reason.
    """
    from puente.capacity.nomination import model as nm
    from puente.capacity.nomination.solver import solve

    officers, slots, candidates, seats, chosen_people = {}, {}, [], {}, {}
    for index, (person, session, value) in enumerate(proposals):
        facts = officer_facts(person)
        found = eligibility.refusals(facts, session_facts(session))
        officers[person.pk] = nm.Officer(id=person.pk, agency_id=agency.pk)
        slots[session.pk] = nm.SessionSlot(id=session.pk, program_id=session.program_id, start=session.start_date, end=session.end_date)
        seats[(agency.pk, session.pk)] = max(0, allocated_seats(agency, session) - seats_taken(agency, session))
        candidates.append(nm.Candidate(
            id=index, officer_id=person.pk, session_id=session.pk, agency_id=agency.pk, value=float(value),
            eligible=not found, reason=found[0].code if found else "",
        ))
        chosen_people[index] = (person, session, found)
    result = solve(nm.Problem(officers=tuple(officers.values()), sessions=tuple(slots.values()), candidates=tuple(candidates), seats=seats))
    assigned = set(result.assigned)
    report = {"nominated": [], "waiting": [], "refused": [], "value": result.value, "lp_bound": result.lp_bound}
    with transaction.atomic():
        # The chosen first, so their seats are held before the others go on the waiting lists.
        for index in sorted(chosen_people, key=lambda i: i not in assigned):
            person, session, found = chosen_people[index]
            if found:
                report["refused"].append((person, session, [describe(r, person) for r in found]))
            elif index in assigned:
                report["nominated"].append(nominate(actor, person, session))
            else:
                reason = _("Not chosen for this term (%(reason)s).") % {"reason": result.reasons.get(index, "")}
                existing = Enrollment.objects.filter(person=person, session=session).first()
                report["waiting"].append(_place(actor, existing, person, session, Enrollment.Status.WAITLISTED, reason))
    return report


@transaction.atomic
def record_elearning_outcome(person, program, result: str, finished_on, reference: str, via: str, actor=None) -> TrainingRecord:
    """Put an e-learning completion or failure on the person's transcript.

    Called by the learning record store when a statement says a person completed, passed or
    failed an activity linked to an e-learning program (`via` names the content provider).
    One record per person, program and day: a later pass on the same day turns a failure into
    a completion, and a repeated statement changes nothing.
    """
    if result not in TrainingRecord.Result.values:
        raise ValidationError(_("Unknown result %(result)s.") % {"result": result})
    record = TrainingRecord.objects.filter(person=person, program=program, start_date=finished_on).first()
    if record is None:
        record = TrainingRecord(person=person, program=program, agency=person.agency, source=TrainingRecord.Source.ELEARNING,
                                start_date=finished_on, end_date=finished_on, hours=program.hours, ce_credits=program.ce_credits,
                                result=result, reference=reference[:200])
        record.full_clean()
        record.save()
        audit.record(actor, "records.trainingrecord.elearning", record, audit.diff({}, audit.snapshot(record)) | {"via": [None, via]})
        return record
    if record.result == result or record.result == TrainingRecord.Result.COMPLETED:
        return record  # the same news again, or a failure after a pass the same day: the pass stands
    before = audit.snapshot(record)
    record.result = result
    record.reference = reference[:200]
    record.save(update_fields=["result", "reference"])
    audit.record(actor, "records.trainingrecord.elearning", record, audit.diff(before, audit.snapshot(record)) | {"via": [None, via]})
    return record


def withdraw_elearning_outcome(record: TrainingRecord, standing: list[tuple[str, str]], via: str, voided_by: str) -> TrainingRecord | None:
    """Take a voided e-learning statement off the transcript line it wrote last, audited.

    `standing` holds the (result, reference) of the outcomes for the same person, program and
    day that still stand, oldest first. The line becomes what they alone would have made (as
    in `record_elearning_outcome`: a completion wins, else the first failure stays), or goes
    when none is left. `voided_by` names the voiding statement.
    """
    with transaction.atomic():
        before = audit.snapshot(record)
        note = {"via": [None, via], "voided_by": [None, voided_by]}
        if not standing:
            audit.record(None, action_name(TrainingRecord, "void"), record, {key: [value, None] for key, value in before.items()} | note)
            record.delete()
            return None
        results = [result for result, _reference in standing]
        result = TrainingRecord.Result.COMPLETED if TrainingRecord.Result.COMPLETED in results else results[0]
        record.result = result
        record.reference = next(reference for outcome, reference in standing if outcome == result)[:200]
        record.save(update_fields=["result", "reference"])
        audit.record(None, action_name(TrainingRecord, "void"), record, audit.diff(before, audit.snapshot(record)) | note)
        return record


def _status_label(code: str) -> str:
    return str(dict(Enrollment.Status.choices).get(code, code))


def transition(actor, enrollment: Enrollment, status: str, reason: str = "", permission: str = "change") -> Enrollment:
    """Move an enrollment one legal step along its lifecycle, audited with the reason.

    Illegal steps are refused with the current and wanted states named.
    """
    refusal = lifecycle.check(enrollment.status, status, reason)
    if refusal is not None:
        if refusal.code == "reason":
            raise ValidationError({"status_reason": _("Say why the enrollment is %(status)s.") % {"status": _status_label(status).lower()}})
        allowed = ", ".join(_status_label(s) for s in sorted(lifecycle.TRANSITIONS.get(enrollment.status, ()))) or _("none: it is final")
        raise ValidationError({"status": _("An enrollment that is %(current)s cannot become %(wanted)s (possible: %(allowed)s).") % {
            "current": _status_label(enrollment.status).lower(), "wanted": _status_label(status).lower(), "allowed": allowed}})
    if status == Enrollment.Status.NO_SHOW and enrollment.session.start_date > _today():
        raise ValidationError({"status": _("An officer can be marked as a no-show only once the session has started.")})
    return update_object(actor, enrollment, {"status": status, "status_reason": reason[:300]}, verb=status, permission=permission)


def _today():
    from django.utils import timezone

    return timezone.localdate()


def session_days(session) -> list:
    """The days of a session, first to last."""
    import datetime

    return [session.start_date + datetime.timedelta(days=n) for n in range((session.end_date - session.start_date).days + 1)]


@transaction.atomic
def record_attendance(actor, session, day, marks: dict[int, str]) -> int:
    """Mark officers for one day of a session ({enrollment id: mark}); returns how many changed.

    Marking a nominated or confirmed officer present or late moves them to attended, through
    every step in between, each audited. Officers who withdrew or were cancelled cannot be marked.
    """
    if day not in session_days(session):
        raise ValidationError({"day": _("%(day)s is not a day of this session (%(start)s to %(end)s).") % {
            "day": _day(day), "start": _day(session.start_date), "end": _day(session.end_date)}})
    if day > _today():
        raise ValidationError({"day": _("Attendance cannot be recorded for a day that has not come yet.")})
    valid_marks = set(Attendance.Mark.values)
    enrollments = {e.pk: e for e in Enrollment.objects.filter(session=session, pk__in=list(marks)).select_related("session")}
    for enrollment_id, mark in marks.items():
        if enrollment_id not in enrollments:
            raise ValidationError({"enrollment": _("Enrollment %(id)s is not on this session's roster.") % {"id": enrollment_id}})
        if mark not in valid_marks:
            raise ValidationError({"mark": _("“%(mark)s” is not one of: %(allowed)s.") % {"mark": mark, "allowed": ", ".join(sorted(valid_marks))}})
        if enrollments[enrollment_id].status not in (*Enrollment.HOLDS_SEAT, Enrollment.Status.COMPLETED, Enrollment.Status.FAILED):
            raise ValidationError({"enrollment": _("%(name)s is %(status)s and cannot be marked.") % {
                "name": enrollments[enrollment_id].person.full_name, "status": enrollments[enrollment_id].get_status_display().lower()}})
    require_all(actor, "change", Enrollment, list(marks))
    existing = {a.enrollment_id: a for a in Attendance.objects.filter(enrollment_id__in=list(marks), day=day)}
    new, changed = [], []
    recorder = actor if getattr(actor, "is_authenticated", False) else None
    for enrollment_id, mark in marks.items():
        current = existing.get(enrollment_id)
        if current is None:
            new.append(Attendance(enrollment_id=enrollment_id, day=day, mark=mark, recorded_by=recorder))
        elif current.mark != mark:
            before = audit.snapshot(current)
            current.mark, current.recorded_by = mark, recorder
            changed.append((current, before))
    bulk_write(actor, Attendance, new, changed, ["mark", "recorded_by"])
    for enrollment_id, mark in marks.items():
        enrollment = enrollments[enrollment_id]
        if mark in completion.ATTENDING and enrollment.status in (Enrollment.Status.NOMINATED, Enrollment.Status.CONFIRMED):
            for step in lifecycle.path_to(enrollment.status, Enrollment.Status.ATTENDED):
                enrollment = transition(actor, enrollment, step)
    return len(new) + len(changed)


@transaction.atomic
def record_assessment(actor, enrollment: Enrollment, kind: str, score, pass_mark, taken_on) -> Assessment:
    """Record the next attempt at an assessment; refused past the program's allowed attempts."""
    require(actor, "change", enrollment)
    program = enrollment.session.program
    if enrollment.status != Enrollment.Status.ATTENDED:
        raise ValidationError({"enrollment": _("Assessments are recorded for officers who attended; this one is %(status)s.") % {
            "status": enrollment.get_status_display().lower()}})
    if taken_on > _today():
        raise ValidationError({"taken_on": _("The assessment date is in the future.")})
    attempts = Assessment.objects.filter(enrollment=enrollment, kind=kind).count()
    if attempts >= program.max_attempts:
        raise ValidationError({"kind": _("%(program)s allows %(count)s attempts at this assessment; all have been used.") % {
            "program": program.code, "count": program.max_attempts}})
    return create_object(actor, Assessment, {
        "enrollment": enrollment, "kind": kind, "attempt": attempts + 1, "score": score, "pass_mark": pass_mark,
        "taken_on": taken_on, "assessor": actor if getattr(actor, "is_authenticated", False) else None})


def completion_outcome(enrollment: Enrollment) -> completion.Outcome:
    """What the program's completion rule says about this enrollment today."""
    program = enrollment.session.program
    rule = completion.Rule(program.min_attendance_percent, tuple(program.required_assessments), program.max_attempts)
    marks = list(enrollment.attendance.values_list("mark", flat=True))
    attempts = [completion.Attempt(a.kind, a.attempt, a.score, a.pass_mark) for a in enrollment.assessments.all()]
    return completion.evaluate(rule, len(session_days(enrollment.session)), marks, attempts)


def describe_shortfall(code: str, subject) -> str:
    """A completion shortfall in the reader's language."""
    if code == "attendance":
        return _("attendance %(percent)s%% is below the program's minimum") % {"percent": subject if subject is not None else 0}
    if code == "unmarked":
        return _("%(count)s session days have no attendance mark (counted as absent)") % {"count": subject}
    from puente.catalog.models import AssessmentKind

    return _("%(assessment)s not passed") % {"assessment": dict(AssessmentKind.choices).get(subject, subject)}


@transaction.atomic
def finalize(actor, enrollment: Enrollment) -> Enrollment:
    """Close one enrollment once its session has ended.

    Attended: completed or failed by the program's completion rule; completion puts the
    program's hours and credits on the transcript and opens the satisfaction survey.
    Nominated or confirmed with no day attended: no-show. Anything else is left as it is.
    """
    # Results are the roster's business (registrars, program managers), not the nominating agency's.
    if not may(actor, "change", Attendance):
        raise PermissionDenied("close results")
    session = enrollment.session
    if session.end_date > _today():
        raise ValidationError({"session": _("The session ends on %(day)s; results are final after that.") % {"day": _day(session.end_date)}})
    if enrollment.status in (Enrollment.Status.NOMINATED, Enrollment.Status.CONFIRMED):
        return transition(actor, enrollment, Enrollment.Status.NO_SHOW, _("No day attended."))
    if enrollment.status != Enrollment.Status.ATTENDED:
        return enrollment
    outcome = completion_outcome(enrollment)
    reasons = "; ".join(describe_shortfall(code, subject) for code, subject in outcome.shortfalls if code != "unmarked")
    status = Enrollment.Status.COMPLETED if outcome.completed else Enrollment.Status.FAILED
    enrollment = transition(actor, enrollment, status, reasons)
    program = session.program
    result = TrainingRecord.Result.COMPLETED if outcome.completed else TrainingRecord.Result.FAILED
    create_object(actor, TrainingRecord, {
        "person": enrollment.person, "program": program, "agency": enrollment.agency, "enrollment": enrollment,
        "source": TrainingRecord.Source.SESSION, "start_date": session.start_date, "end_date": session.end_date,
        "hours": program.hours if outcome.completed else 0, "ce_credits": program.ce_credits if outcome.completed else 0,
        "result": result, "score": outcome.best_score, "reference": str(session)[:200]})
    if outcome.completed:
        from puente.surveys.actions import open_satisfaction_survey

        open_satisfaction_survey(enrollment)
    return enrollment


def finalize_session(actor, session) -> dict[str, int]:
    """Finalize every open enrollment of an ended session; counts by resulting status."""
    counts: dict[str, int] = {}
    for enrollment in Enrollment.objects.restrict(actor, "change").filter(
        session=session, status__in=Enrollment.HOLDS_SEAT
    ).select_related("session__program", "person", "agency"):
        enrollment = finalize(actor, enrollment)
        counts[enrollment.status] = counts.get(enrollment.status, 0) + 1
    return counts
