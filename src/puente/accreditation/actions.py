"""Every write about accreditation: atomic, scope-checked and audited.

Phase changes move one step along `phases.ORDER` (or close the cycle with a reason), each a
dated, audited PhaseChange row. Proof files are checked by their content before anything is
stored, and a refused write leaves no file behind.
"""
import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from puente.accounts.roles import Role
from puente.accounts.scoping import holds
from puente.core import audit
from puente.core.services import action_name, create_object, may, require, update_object

from . import phases, uploads
from .imports import FrameworkData
from .models import (
    PROOF_RETENTION_YEARS, Assignment, Chapter, Cycle, Finding, Framework, OnsiteRecord, OutcomeResponse,
    OutcomeSurvey, Phase, PhaseChange, Program, Proof, ProofReview, Recommendation, Standard, SurveyInvitation,
)
from .services import eligibility_for, missing_proofs

# --- Frameworks -------------------------------------------------------------------------------


@transaction.atomic
def import_framework(actor, data: FrameworkData) -> Framework:
    """Write a parsed framework as a new edition; an edition or code already there is refused."""
    if not may(actor, "add", Framework):
        raise PermissionDenied("add framework")
    errors = {}
    if Framework.objects.filter(code=data.code).exists():
        errors["code"] = _("A framework with the code “%(code)s” already exists.") % {"code": data.code}
    if Framework.objects.filter(program_type=data.program_type, edition=data.edition).exists():
        errors["edition"] = _("Edition %(edition)s of this program type's framework is already imported; give the new edition its own name.") % {"edition": data.edition}
    if errors:
        raise ValidationError(errors)
    return write_framework(actor, data)


@transaction.atomic
def write_framework(actor, data: FrameworkData) -> Framework:
    """Write a parsed framework, its chapters and standards, with one audit entry.

    `import_framework` checks the grant and duplicates first; the demo generator, which has
    no signed-in user, calls this directly with the shipped samples.
    """
    framework = Framework(
        code=data.code, program_type=data.program_type, edition=data.edition, title_en=data.title_en, title_es=data.title_es,
        tiers=data.tiers, source_name=data.source_name[:200], imported_by=_user(actor),
    )
    framework.full_clean()
    framework.save()
    chapters = Chapter.objects.bulk_create([
        Chapter(framework=framework, number=c.number, title_en=c.title_en, title_es=c.title_es, position=index)
        for index, c in enumerate(data.chapters)
    ])
    standards = []
    for chapter, chapter_data in zip(chapters, data.chapters):
        for s in chapter_data.standards:
            standards.append(Standard(
                framework=framework, chapter=chapter, code=s.code, title_en=s.title_en, title_es=s.title_es,
                text_en=s.text_en, text_es=s.text_es, tiers=s.tiers, mandatory=s.mandatory, proof_en=s.proof_en,
                proof_es=s.proof_es, frequency=s.frequency, position=len(standards),
            ))
    Standard.objects.bulk_create(standards)
    audit.record(actor, action_name(Framework, "import"), framework, {
        "code": [None, data.code], "chapters": [None, len(chapters)], "standards": [None, len(standards)],
        "source_name": [None, data.source_name]})
    return framework


# --- Programs and cycles ----------------------------------------------------------------------

PROGRAM_FIELDS = ("code", "name_en", "name_es", "country", "sponsor", "started_on", "ended_on")


def create_program(actor, **values) -> Program:
    return create_object(actor, Program, {k: v for k, v in values.items() if k in PROGRAM_FIELDS})


def update_program(actor, program: Program, **values) -> Program:
    return update_object(actor, program, {k: v for k, v in values.items() if k in PROGRAM_FIELDS})


def _check_date(on: datetime.date, since: datetime.date, field: str = "on") -> None:
    if on > timezone.localdate():
        raise ValidationError({field: _("The date cannot be in the future.")})
    if on < since:
        raise ValidationError({field: _("The date cannot be before %(date)s, when the cycle entered its current phase.") % {"date": since}})


@transaction.atomic
def enroll(actor, *, program: Program, agency, framework: Framework, tier: str, enrolled_on: datetime.date, **_ignored) -> Cycle:
    """Enroll an agency in a program on a framework edition; one open cycle per agency and type."""
    if not may(actor, "add", Cycle):
        raise PermissionDenied("add cycle")
    if enrolled_on > timezone.localdate():
        raise ValidationError({"enrolled_on": _("The date cannot be in the future.")})
    if Cycle.objects.open().filter(agency=agency, framework__program_type=framework.program_type).exists():
        raise ValidationError({"agency": _("%(agency)s already has an open cycle of this program type.") % {"agency": agency}})
    cycle = create_object(actor, Cycle, {
        "program": program, "agency": agency, "framework": framework, "tier": tier, "enrolled_on": enrolled_on,
        "phase": Phase.ENROLLMENT, "phase_since": enrolled_on,
        "deadline": phases.deadline(phases.ENROLLMENT, framework.program_type, enrolled_on, None),
    })
    PhaseChange.objects.create(cycle=cycle, from_phase="", to_phase=Phase.ENROLLMENT, changed_on=enrolled_on, changed_by=_user(actor))
    return cycle


def _user(actor):
    return actor if getattr(actor, "is_authenticated", False) else None


def _refuse_unready(cycle: Cycle, wanted: str) -> None:
    """What must be done before entering `wanted` (the rest of the order is in phases)."""
    if wanted == phases.REMOTE_REVIEW:
        missing = missing_proofs(cycle)
        if missing:
            raise ValidationError(_("%(count)s standards still lack a submitted proof (for example %(codes)s); the file cannot go to review.") % {
                "count": len(missing), "codes": ", ".join(item.standard.code for item in missing[:5])})
        if not cycle.assignments.exists():
            raise ValidationError(_("Assign at least one assessor before the remote file review."))
    elif wanted == phases.COMMISSION:
        if not cycle.recommendations.filter(period=0).exists():
            raise ValidationError(_("The assessors have not recorded their recommendation yet."))
        kinds = set(cycle.onsite_records.values_list("kind", flat=True))
        if kinds != {OnsiteRecord.Kind.PUBLIC_COMMENT, OnsiteRecord.Kind.INTERVIEW}:
            raise ValidationError(_("Record the on-site public comment session and at least one interview first."))
    elif wanted in (phases.ACCREDITED, phases.REACCREDITED):
        result = eligibility_for(cycle, 0 if wanted == phases.ACCREDITED else 4)
        if not result.eligible:
            raise ValidationError(_(
                "Not eligible: %(mandatory)s of %(mandatory_total)s applicable mandatory standards and %(other)s of %(other_total)s "
                "other standards are compliant (all mandatory and 80%% of the others are needed).") % {
                "mandatory": result.mandatory_compliant, "mandatory_total": result.mandatory_applicable,
                "other": result.other_compliant, "other_total": result.other_applicable})


@transaction.atomic
def advance(actor, cycle: Cycle, *, to_phase: str, on: datetime.date | None = None, note: str = "") -> Cycle:
    """Move the cycle to the next phase; any other phase is refused with the one expected."""
    require(actor, "change", cycle)
    cycle = Cycle.objects.select_for_update().select_related("framework").get(pk=cycle.pk)
    on = on or timezone.localdate()
    expected = cycle.next_phase
    if not cycle.is_open:
        raise ValidationError(_("The cycle is closed (%(phase)s); a new cycle starts with a new enrollment.") % {"phase": cycle.get_phase_display()})
    if to_phase != expected:
        wanted = Phase(to_phase).label if to_phase in Phase.values else to_phase
        raise ValidationError(_("The cycle is in %(phase)s: it can move only to %(next)s, not to %(wanted)s.") % {
            "phase": cycle.get_phase_display(), "next": Phase(expected).label if expected else "—", "wanted": wanted})
    _check_date(on, cycle.phase_since)
    _refuse_unready(cycle, to_phase)
    before = audit.snapshot(cycle)
    if to_phase == phases.ACCREDITED:
        cycle.accredited_on = on
    if to_phase == phases.REACCREDITED:
        cycle.closed_on = on
    from_phase, cycle.phase, cycle.phase_since = cycle.phase, to_phase, on
    cycle.deadline = phases.deadline(to_phase, cycle.program_type, on, cycle.accredited_on)
    cycle.save()
    PhaseChange.objects.create(cycle=cycle, from_phase=from_phase, to_phase=to_phase, changed_on=on, changed_by=_user(actor), note=note)
    audit.record(actor, action_name(Cycle, "advance"), cycle, audit.diff(before, audit.snapshot(cycle)))
    return cycle


@transaction.atomic
def close(actor, cycle: Cycle, *, outcome: str, reason: str, on: datetime.date | None = None) -> Cycle:
    """Withdraw or remove a cycle from any open phase; the reason is required."""
    require(actor, "change", cycle)
    cycle = Cycle.objects.select_for_update().get(pk=cycle.pk)
    if outcome not in (phases.WITHDRAWN, phases.REMOVED):
        raise ValidationError({"outcome": _("Choose withdrawn or removed.")})
    if not cycle.is_open:
        raise ValidationError(_("The cycle is already closed (%(phase)s).") % {"phase": cycle.get_phase_display()})
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason.")})
    on = on or timezone.localdate()
    _check_date(on, cycle.phase_since)
    before = audit.snapshot(cycle)
    from_phase = cycle.phase
    cycle.phase, cycle.phase_since, cycle.closed_on, cycle.closing_reason, cycle.deadline = outcome, on, on, reason.strip(), None
    cycle.save()
    PhaseChange.objects.create(cycle=cycle, from_phase=from_phase, to_phase=outcome, changed_on=on, changed_by=_user(actor), note=reason.strip())
    audit.record(actor, action_name(Cycle, outcome), cycle, audit.diff(before, audit.snapshot(cycle)))
    return cycle


def assign_assessor(actor, cycle: Cycle, *, assessor, lead: bool = False) -> Assignment:
    """Assign a user who holds the assessor role; they will see this cycle and only theirs."""
    require(actor, "change", cycle)
    if not assessor.role_assignments.filter(role=Role.ASSESSOR).exists():
        raise ValidationError({"assessor": _("%(user)s does not hold the assessor role.") % {"user": assessor}})
    if cycle.assignments.filter(assessor=assessor).exists():
        raise ValidationError({"assessor": _("%(user)s is already assigned to this cycle.") % {"user": assessor}})
    return create_object(actor, Assignment, {"cycle": cycle, "assessor": assessor, "lead": lead, "assigned_on": timezone.localdate()})


# --- Proofs -----------------------------------------------------------------------------------


def _open_for_proofs(cycle: Cycle) -> None:
    if not cycle.is_open or cycle.phase == phases.COMMISSION:
        raise ValidationError(_("Proofs cannot be added or changed while the cycle is %(phase)s.") % {"phase": cycle.get_phase_display().lower()})


def _refused_upload(exc: uploads.UploadRefused, name: str) -> ValidationError:
    messages = {
        "empty": _("%(file)s is empty."),
        "too_large": _("%(file)s is larger than the 10 MB limit."),
        "type": _("%(file)s: files ending in %(suffix)s are not accepted; upload a PDF, an image or an office document."),
        "content": _("%(file)s does not contain a PDF, an image or an office document."),
        "mismatch": _("%(file)s ends in %(suffix)s but its content is a %(kind)s file; the name must match the content."),
    }
    return ValidationError({"file": messages[exc.code] % {"file": name, **exc.params}}, code=exc.code)


def add_proof(actor, *, cycle: Cycle, standard: Standard, notes: str = "", file=None, submit: bool = False, **_ignored) -> Proof:
    """Add a proof for the cycle's current period; the file is checked by its content."""
    if not may(actor, "add", Proof):
        raise PermissionDenied("add proof")
    cycle = Cycle.objects.select_related("framework").get(pk=cycle.pk)  # its phase as stored now, not as the caller read it
    _open_for_proofs(cycle)
    period = cycle.period
    if standard.framework_id != cycle.framework_id:
        raise ValidationError({"standard": _("The standard belongs to another framework edition.")})
    if cycle.tier not in standard.tiers or not standard.due_in(period):
        raise ValidationError({"standard": _("Standard %(code)s needs no proof from this agency in this period.") % {"code": standard.code}})
    fields = {}
    if file is not None:
        try:
            kind = uploads.check(file, file.name, file.size)
        except uploads.UploadRefused as exc:
            raise _refused_upload(exc, file.name) from None
        fields = {"file": file, "file_name": file.name[-200:], "content_type": kind.content_type, "size": file.size}
    today = timezone.localdate()
    proof = Proof(
        cycle=cycle, standard=standard, period=period, notes=notes.strip(), uploaded_by=_user(actor),
        status=Proof.Status.SUBMITTED if submit else Proof.Status.DRAFT, submitted_on=today if submit else None,
        retain_until=phases.add_months(today, 12 * PROOF_RETENTION_YEARS),
        **fields,
    )
    return _save_proof(actor, proof)


def _save_proof(actor, proof: Proof) -> Proof:
    """Validate, store, scope-check and audit a new proof; a refusal removes the stored file."""
    try:
        with transaction.atomic():
            proof.full_clean()
            proof.save()
            require(actor, "add", proof)
            values = audit.snapshot(proof)
            values["file"] = proof.file.name or ""
            audit.record(actor, action_name(Proof, "create"), proof, audit.diff({}, values))
    except Exception:
        if proof.file and proof.file._committed:
            proof.file.storage.delete(proof.file.name)
        raise
    return proof


def _set_status(actor, proof: Proof, status: str, verb: str, **extra) -> Proof:
    before = audit.snapshot(proof)
    proof.status = status
    for name, value in extra.items():
        setattr(proof, name, value)
    proof.save()
    audit.record(actor, action_name(Proof, verb), proof, audit.diff(before, audit.snapshot(proof)))
    return proof


@transaction.atomic
def submit_proof(actor, proof: Proof) -> Proof:
    """Hand a draft (or a proof that needed revision) to the reviewers."""
    require(actor, "change", proof)
    _open_for_proofs(proof.cycle)
    if proof.status not in (Proof.Status.DRAFT, Proof.Status.NEEDS_REVISION):
        raise ValidationError(_("Only a draft or a proof that needs revision can be submitted."))
    return _set_status(actor, proof, Proof.Status.SUBMITTED, "submit", submitted_on=timezone.localdate())


@transaction.atomic
def review_proof(actor, proof: Proof, *, decision: str, comment: str = "") -> ProofReview:
    """Accept a submitted proof, or send it back with what needs revision."""
    if not may(actor, "add", ProofReview):
        raise PermissionDenied("review proof")
    require(actor, "view", proof)
    if proof.status != Proof.Status.SUBMITTED:
        raise ValidationError(_("Only a submitted proof can be reviewed."))
    review = create_object(actor, ProofReview, {"proof": proof, "decision": decision, "comment": comment.strip(), "reviewer": _user(actor)})
    _set_status(actor, proof, decision, "review")
    return review


@transaction.atomic
def delete_proof(actor, proof: Proof) -> None:
    """Delete a draft; a submitted proof is kept for four years (see `purge_expired_proofs`)."""
    require(actor, "delete", proof)
    if proof.status != Proof.Status.DRAFT:
        raise ValidationError(_("Submitted proofs are kept until %(date)s.") % {"date": proof.retain_until})
    name = proof.file.name
    audit.record(actor, action_name(Proof, "delete"), proof, {"file": [name, None]})
    proof.delete()
    if name:
        transaction.on_commit(lambda: proof.file.storage.delete(name))


def purge_expired_proofs(actor, today: datetime.date | None = None) -> int:
    """Delete the proofs (and files) whose four-year retention has ended; returns how many."""
    if not holds(actor, Role.PROGRAM_MANAGER):
        raise PermissionDenied("purge proofs")
    today = today or timezone.localdate()
    count = 0
    for proof in Proof.objects.restrict(actor, "delete").filter(retain_until__lt=today).select_related("standard").iterator():
        with transaction.atomic():
            name = proof.file.name
            audit.record(actor, action_name(Proof, "purge"), proof, {"file": [name, None], "retain_until": [str(proof.retain_until), None]})
            proof.reviews.all().delete()
            proof.delete()
            if name:
                proof.file.storage.delete(name)
        count += 1
    return count


# --- Assessment -------------------------------------------------------------------------------

ASSESSED_PHASES = {phases.REMOTE_REVIEW, phases.ONSITE, phases.COMMISSION, *phases.PERIOD_OF_PHASE} - {phases.REACCREDITED}


def _assessing(actor, cycle: Cycle, model) -> None:
    if not Cycle.objects.restrict(actor, "view").filter(pk=cycle.pk).exists():
        raise PermissionDenied("view cycle")
    if not may(actor, "add", model):
        raise PermissionDenied(f"add {model._meta.model_name}")
    if cycle.phase not in ASSESSED_PHASES:
        raise ValidationError(_("Findings and recommendations are recorded from the remote file review on, not while the cycle is %(phase)s.") % {
            "phase": cycle.get_phase_display().lower()})


@transaction.atomic
def record_findings(actor, cycle: Cycle, results: dict[Standard, tuple[str, str]]) -> int:
    """Record or change the findings of the cycle's current period; returns how many changed."""
    _assessing(actor, cycle, Finding)
    period = cycle.period
    existing = {f.standard_id: f for f in cycle.findings.filter(period=period)}
    changed = 0
    for standard, (result, note) in results.items():
        if standard.framework_id != cycle.framework_id:
            raise ValidationError(_("Standard %(code)s belongs to another framework edition.") % {"code": standard.code})
        finding = existing.get(standard.pk)
        fields = {"result": result, "note": note.strip(), "assessor": _user(actor), "recorded_on": timezone.localdate()}
        if finding is None:
            create_object(actor, Finding, {"cycle": cycle, "standard": standard, "period": period, **fields})
            changed += 1
        elif (finding.result, finding.note) != (result, note.strip()):
            update_object(actor, finding, fields)
            changed += 1
    return changed


@transaction.atomic
def record_recommendation(actor, cycle: Cycle, *, verdict: str, summary: str) -> Recommendation:
    _assessing(actor, cycle, Recommendation)
    current = cycle.recommendations.filter(period=cycle.period).first()
    fields = {"verdict": verdict, "summary": summary.strip(), "assessor": _user(actor), "recorded_on": timezone.localdate()}
    if current:
        return update_object(actor, current, fields)
    return create_object(actor, Recommendation, {"cycle": cycle, "period": cycle.period, **fields})


def record_onsite(actor, cycle: Cycle, *, kind: str, held_on: datetime.date, participants: str, summary: str, **_ignored) -> OnsiteRecord:
    """Record a public comment session or an interview of the on-site assessment."""
    if cycle.phase != phases.ONSITE:
        raise ValidationError(_("Public comment and interviews are recorded during the on-site assessment."))
    if held_on > timezone.localdate():
        raise ValidationError({"held_on": _("The date cannot be in the future.")})
    return create_object(actor, OnsiteRecord, {
        "cycle": cycle, "kind": kind, "held_on": held_on, "participants": participants, "summary": summary, "recorded_by": _user(actor)})


# --- Outcome surveys --------------------------------------------------------------------------


@transaction.atomic
def create_survey(actor, *, program: Program, title_en: str, title_es: str, opened_on, closes_on, accredited_only: bool = True, **_ignored) -> OutcomeSurvey:
    """Create a survey and invite the program's agencies (those accredited, or all enrolled)."""
    survey = create_object(actor, OutcomeSurvey, {
        "program": program, "title_en": title_en, "title_es": title_es, "opened_on": opened_on, "closes_on": closes_on,
        "created_by": _user(actor)})
    cycles = Cycle.objects.restrict(actor, "view").filter(program=program).select_related("framework")
    if accredited_only:
        cycles = cycles.filter(accredited_on__isnull=False)
    invitations = {}
    for cycle in cycles.order_by("enrolled_on"):
        invitations.setdefault(cycle.agency_id, SurveyInvitation(survey=survey, agency_id=cycle.agency_id, program_type=cycle.framework.program_type))
    if not invitations:
        raise ValidationError(_("The program has no agency to ask yet."))
    SurveyInvitation.objects.bulk_create(invitations.values())
    audit.record(actor, action_name(OutcomeSurvey, "invite"), survey, {"invitations": [None, len(invitations)]})
    return survey


ANSWER_FIELDS = ("processes", "collaboration", "improvement", "pride", "community", "comment")


@transaction.atomic
def answer_survey(actor, invitation: SurveyInvitation, **answers) -> OutcomeResponse:
    """The coordinator's answers for their agency, while the survey is open (changeable until it closes)."""
    if not invitation.survey.is_open:
        raise ValidationError(_("The survey is closed."))
    fields = {name: answers[name] for name in ANSWER_FIELDS if name in answers}
    fields |= {"answered_by": _user(actor), "answered_on": timezone.localdate()}
    current = OutcomeResponse.objects.filter(invitation=invitation).first()
    if current:
        return update_object(actor, current, fields)
    return create_object(actor, OutcomeResponse, {"invitation": invitation, **fields})

