"""Accreditation demo data.

The Mexico Police Professionalization Program (December 2015 – January 2024) as the source
tells it: 82 agencies enrolled from 2016 to December 2021 (the last finished in November
2023); 70 earned accreditation (22 law enforcement agencies, 29 training academies, 19
communications centers) and 12 withdrew or were removed. Accredited agencies then go through
their annual reviews up to today. An outcome survey went to 74 agencies afterwards.

A second, current program shows cycles in every open phase: the demo coordinator's agency in
its self-assessment with proofs half done, cycles under review for the demo assessor, one
ready for the commission, one overdue. These counts do not depend on the demo scale.
"""
import datetime
from pathlib import Path

from django.contrib.auth.hashers import make_password
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db.models.signals import post_save
from django.utils import timezone

from puente.accounts.models import RoleAssignment, User
from puente.accounts.roles import Role
from puente.accreditation import actions, phases
from puente.accreditation.imports import parse
from puente.accreditation.models import (
    AGENCY_KINDS, PROOF_RETENTION_YEARS, Assignment, Cycle, Finding, Framework, OnsiteRecord, OutcomeResponse, OutcomeSurvey,
    PhaseChange, Program, Proof, ProgramType, Recommendation, Standard, SurveyInvitation,
)
from puente.registry.models import Agency

FRAMEWORKS = Path(actions.__file__).parent / "frameworks"
LE, TA, CC = ProgramType.LAW_ENFORCEMENT, ProgramType.TRAINING_ACADEMY, ProgramType.COMMUNICATIONS_CENTER
ACCREDITED = {LE: 22, TA: 29, CC: 19}
ENDED = {LE: 6, TA: 2, CC: 4}  # 12 withdrawn or removed
PROGRAM_END = datetime.date(2023, 11, 30)
LAST_ENROLLED = datetime.date(2021, 12, 6)
SURVEYED_ENDED = 4  # 70 accredited + 4 that left = the 74 agencies asked
ASSESSOR_TEAM = [("assessor.garza", "Lorena", "Garza"), ("assessor.mendez", "Raúl", "Méndez"), ("assessor.fuentes", "Elena", "Fuentes"),
                 ("assessor.holt", "Martin", "Holt"), ("assessor.ochoa", "Diana", "Ochoa"), ("assessor.rivas", "Tomás", "Rivas")]
WITHDRAWN_REASONS = [
    "Change of administration after the municipal election; the new command left the process.",
    "Budget cuts: the agency could not fund the accreditation manager's post.",
    "The agency merged into the state police.",
]
REMOVED_REASONS = [
    "Missed the self-assessment deadline without an approved extension.",
    "Did not correct the non-compliant mandatory standards found on site.",
]
PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def add_months(day, months):
    return phases.add_months(day, months)


def _frameworks() -> dict[str, Framework]:
    found = {}
    for path in sorted(FRAMEWORKS.glob("*.yaml")):
        data = parse(path.read_bytes(), path.name)
        found[data.code] = Framework.objects.filter(code=data.code).first() or actions.write_framework(None, data)
    return found


def _agencies(ctx, kind_set, count, exclude, prefix) -> list[Agency]:
    """`count` Mexican agencies of these kinds (state and municipal first), created when the registry has too few."""
    chosen = list(
        Agency.objects.filter(country_id="MX", kind__in=kind_set, is_active=True).exclude(pk__in=exclude)
        .exclude(level=Agency.Level.FEDERAL).order_by("-border_region", "code")[:count]
    )
    if len(chosen) < count:
        template = Agency.objects.filter(country_id="MX", level=Agency.Level.STATE).select_related("jurisdiction").first()
        kind = sorted(kind_set)[0]
        for n in range(count - len(chosen)):
            chosen.append(Agency.objects.create(
                code=f"MX-ACR-{prefix}-{n + 1:02d}", name=f"{prefix} {n + 1} ({template.jurisdiction.name})", country_id="MX",
                jurisdiction=template.jurisdiction, level=Agency.Level.STATE, kind=kind))
    ctx.rng.shuffle(chosen)
    return chosen


class _Plan:
    """Cycles, their phase history and what each phase left behind, written at the end in bulk."""

    def __init__(self, ctx, frameworks, today):
        self.ctx, self.rng, self.today = ctx, ctx.rng, today
        self.frameworks = frameworks
        self.standards = {f.pk: list(Standard.objects.filter(framework=f).order_by("position")) for f in frameworks.values()}
        self.cycles: list[Cycle] = []
        self.history: dict[int, list[tuple[str, datetime.date, str]]] = {}

    def cycle(self, program, agency, framework, enrolled_on, tier="basic") -> Cycle:
        cycle = Cycle(program=program, agency=agency, framework=framework, tier=tier, enrolled_on=enrolled_on, phase=phases.ENROLLMENT,
                      phase_since=enrolled_on)
        self.cycles.append(cycle)
        self.history[id(cycle)] = [(phases.ENROLLMENT, enrolled_on, "")]
        return cycle

    def move(self, cycle, phase, on, note=""):
        self.history[id(cycle)].append((phase, on, note))
        cycle.phase, cycle.phase_since = phase, on
        if phase == phases.ACCREDITED:
            cycle.accredited_on = on
        if phase in phases.CLOSED:
            cycle.closed_on = on
            cycle.closing_reason = note if phase != phases.REACCREDITED else ""

    def due(self, cycle, period):
        return [s for s in self.standards[cycle.framework_id] if cycle.tier in s.tiers and s.due_in(period)]

    def save(self):
        for cycle in self.cycles:
            cycle.deadline = phases.deadline(cycle.phase, cycle.framework.program_type, cycle.phase_since, cycle.accredited_on)
        Cycle.objects.bulk_create(self.cycles, batch_size=500)
        changes = []
        for cycle in self.cycles:
            previous = ""
            for phase, on, note in self.history[id(cycle)]:
                changes.append(PhaseChange(cycle=cycle, from_phase=previous, to_phase=phase, changed_on=on, note=note))
                previous = phase
        PhaseChange.objects.bulk_create(changes, batch_size=2000)
        return len(changes)

    def reached(self, cycle, phase) -> datetime.date | None:
        return next((on for p, on, _ in self.history[id(cycle)] if p == phase), None)


def _durations(rng, program_type) -> list[int]:
    """Months in enrollment, self-assessment, remote review, on-site and commission review."""
    self_assessment = rng.randint(20, 34) if program_type == LE else rng.randint(12, 22)
    return [rng.randint(1, 2), self_assessment, rng.randint(1, 3), rng.randint(1, 2), rng.randint(2, 5)]


def _accredited_history(plan, cycle, finish_by, overdue=False, accredited_on=None):
    """Enrollment to accreditation within the program (on `accredited_on` when given), then annual reviews up to today."""
    rng = plan.rng
    months = _durations(rng, cycle.framework.program_type)
    available = (finish_by.year - cycle.enrolled_on.year) * 12 + finish_by.month - cycle.enrolled_on.month
    while sum(months) > available and any(m > 1 for m in months):
        longest = months.index(max(months))
        months[longest] -= 1
    day = cycle.enrolled_on
    for phase, length in zip(phases.ORDER[1:6], months):
        day = min(add_months(day, length) + datetime.timedelta(days=rng.randint(0, 20)), finish_by)
        plan.move(cycle, phase, accredited_on if accredited_on and phase == phases.ACCREDITED else day)
    accredited = cycle.accredited_on
    # Annual reviews open on each anniversary; reaccreditation at the end of year 3; decided in year 4.
    steps = [(phases.ANNUAL_1, 12), (phases.ANNUAL_2, 24), (phases.ANNUAL_3, 36), (phases.REACCREDITATION, 39), (phases.REACCREDITED, 46)]
    for phase, after in steps:
        on = add_months(accredited, after) - datetime.timedelta(days=rng.randint(1, 25))  # a little ahead of each deadline
        if on > plan.today or (overdue and phase != phases.ANNUAL_1):
            break
        plan.move(cycle, phase, on)


def _ended_history(plan, cycle, finish_by):
    rng = plan.rng
    months = _durations(rng, cycle.framework.program_type)
    stop = rng.randint(1, 4)  # leaves during the self-assessment (most) up to the on-site assessment
    day = cycle.enrolled_on
    for phase, length in list(zip(phases.ORDER[1:6], months))[:stop]:
        day = add_months(day, length)
        if day >= finish_by:
            break
        plan.move(cycle, phase, day)
    removed = rng.random() < 0.4
    reason = rng.choice(REMOVED_REASONS if removed else WITHDRAWN_REASONS)
    plan.move(cycle, phases.REMOVED if removed else phases.WITHDRAWN, min(add_months(day, rng.randint(2, 8)), finish_by), reason)


def _enrollment_dates(rng, count) -> list[datetime.date]:
    """Spread from March 2016 to the last enrollment, in December 2021."""
    first = datetime.date(2016, 3, 1)
    span = (datetime.date(2021, 9, 30) - first).days
    dates = sorted(first + datetime.timedelta(days=rng.randint(0, span)) for _ in range(count - 1))
    return [*dates, LAST_ENROLLED]


def _mexico_program(ctx, plan, frameworks, exclude) -> Program:
    rng = plan.rng
    program = Program.objects.create(
        code="mx-professionalization", name_en="Mexico Police Professionalization Program",
        name_es="Programa de Profesionalización Policial en México", country_id="MX",
        sponsor="U.S. Department of State, Bureau of International Narcotics and Law Enforcement Affairs (INL)",
        started_on=datetime.date(2015, 12, 1), ended_on=datetime.date(2024, 1, 31),
    )
    edition = {LE: frameworks["LE-2016"], TA: frameworks["TA-2016"], CC: frameworks["CC-2016"]}
    entries = []
    for program_type in (LE, TA, CC):
        agencies = _agencies(ctx, AGENCY_KINDS[program_type] - {"forensic_lab"} if program_type == LE else AGENCY_KINDS[program_type],
                             ACCREDITED[program_type] + ENDED[program_type], exclude, program_type.upper()[:4])
        entries += [(program_type, agency, index < ACCREDITED[program_type]) for index, agency in enumerate(agencies)]
    rng.shuffle(entries)
    # The last agency to enroll (December 2021) is a communications center that finished in November 2023.
    last = next(i for i, (t, _a, ok) in enumerate(entries) if t == CC and ok)
    entries.append(entries.pop(last))
    # Two agencies stopped sending their annual reviews: the program view flags them overdue.
    overdue = {entry[1].pk for entry in rng.sample([e for e in entries[:-1] if e[2]], 2)}
    for (program_type, agency, accredited), enrolled_on in zip(entries, _enrollment_dates(rng, len(entries))):
        tier = "advanced" if program_type == LE and agency.level == Agency.Level.STATE else "basic"
        cycle = plan.cycle(program, agency, edition[program_type], enrolled_on, tier)
        if accredited:
            last = enrolled_on == LAST_ENROLLED
            _accredited_history(plan, cycle, PROGRAM_END if last else PROGRAM_END - datetime.timedelta(days=20),
                                overdue=agency.pk in overdue, accredited_on=datetime.date(2023, 11, 17) if last else None)
        else:
            _ended_history(plan, cycle, PROGRAM_END)
    return program


def _current_program(plan, frameworks, coordinator_agency, exclude) -> tuple[Program, dict]:
    """Cycles of today's program in every open phase (dates counted back from today)."""
    today = plan.today
    program = Program.objects.create(
        code="border-2024", name_en="Border Accreditation Program 2024–2028", name_es="Programa de Acreditación Fronteriza 2024–2028",
        country_id="MX", sponsor="Puente binational program", started_on=datetime.date(2024, 1, 15),
    )
    police = list(Agency.objects.filter(country_id="MX", kind="police", level=Agency.Level.MUNICIPAL, border_region=True)
                  .exclude(pk__in=exclude).exclude(pk=coordinator_agency.pk).order_by("code")[:5])
    academy = Agency.objects.filter(country_id="MX", kind="training_academy").exclude(pk__in=exclude).order_by("code").first()
    comms = Agency.objects.filter(country_id="MX", kind="communications_center").exclude(pk__in=exclude).order_by("code").first()
    le = frameworks["LE-2024"]
    cycles = {}

    def made(key, agency, framework, enrolled_days_ago, path):
        if agency is None:
            return
        cycle = plan.cycle(program, agency, framework, today - datetime.timedelta(days=enrolled_days_ago))
        for phase, days_ago in path:
            plan.move(cycle, phase, today - datetime.timedelta(days=days_ago))
        cycles[key] = cycle

    made("coordinator", coordinator_agency, le, 620, [(phases.SELF_ASSESSMENT, 580)])
    made("remote", police[0] if police else None, le, 760, [(phases.SELF_ASSESSMENT, 720), (phases.REMOTE_REVIEW, 30)])
    made("onsite", comms, frameworks["CC-2016"], 700, [(phases.SELF_ASSESSMENT, 670), (phases.REMOTE_REVIEW, 110), (phases.ONSITE, 25)])
    made("commission", police[1] if len(police) > 1 else None, le, 820,
         [(phases.SELF_ASSESSMENT, 790), (phases.REMOTE_REVIEW, 200), (phases.ONSITE, 140), (phases.COMMISSION, 40)])
    made("academy", academy, frameworks["TA-2016"], 400, [(phases.SELF_ASSESSMENT, 370)])
    made("enrolled", police[2] if len(police) > 2 else None, le, 35, [])
    made("overdue", police[3] if len(police) > 3 else None, le, 300, [])  # enrollment lasts 3 months: long past
    return program, cycles


def _assessors(ctx) -> list[User]:
    password = make_password(None)
    team = []
    for username, first, last in ASSESSOR_TEAM:
        user = User.objects.create(username=username, first_name=first, last_name=last, password=password,
                                   email=f"{username}@demo.puente.example")
        RoleAssignment.objects.create(user=user, role=Role.ASSESSOR)
        team.append(user)
    return team


def _records(plan, team, current):
    """Proofs, findings, recommendations and on-site records for what each cycle went through."""
    rng, today = plan.rng, plan.today
    proofs, findings, recommendations, onsite, assignments = [], [], [], [], []
    for cycle in plan.cycles:
        reached_review = plan.reached(cycle, phases.REMOTE_REVIEW)
        started = plan.reached(cycle, phases.SELF_ASSESSMENT)
        if started is None:
            continue
        lead, member = rng.sample(team, 2)
        if reached_review:
            assignments += [Assignment(cycle=cycle, assessor=lead, lead=True, assigned_on=reached_review),
                            Assignment(cycle=cycle, assessor=member, assigned_on=reached_review)]
        coordinator_cycle = cycle is current.get("coordinator")
        due = plan.due(cycle, 0)
        for index, standard in enumerate(due):
            if reached_review:
                status, share = Proof.Status.ACCEPTED if plan.reached(cycle, phases.ONSITE) else Proof.Status.SUBMITTED, 1
            elif coordinator_cycle or cycle is current.get("academy"):
                share = index / len(due)
                status = (Proof.Status.ACCEPTED if share < 0.35 else Proof.Status.SUBMITTED if share < 0.55
                          else Proof.Status.NEEDS_REVISION if share < 0.6 else Proof.Status.DRAFT if share < 0.7 else None)
            else:
                status = Proof.Status.SUBMITTED if rng.random() < 0.5 else None
            if status is None:
                continue
            submitted = min(started + datetime.timedelta(days=rng.randint(30, 600)), (reached_review or today) - datetime.timedelta(days=1))
            proofs.append(_proof(cycle, standard, 0, status, submitted))
        closed_before_onsite = plan.reached(cycle, phases.ONSITE) is None
        if reached_review and (cycle.phase not in (phases.REMOTE_REVIEW,) or cycle is current.get("remote")):
            removed = cycle.phase == phases.REMOVED
            for index, standard in enumerate(due):
                if cycle is current.get("remote") and index >= len(due) // 2:
                    break  # the demo assessor is half-way through this review
                result = Finding.Result.COMPLIANT
                if not standard.mandatory and rng.random() < 0.08:
                    result = Finding.Result.NON_COMPLIANT if rng.random() < 0.7 else Finding.Result.NOT_APPLICABLE
                if removed and standard.mandatory and rng.random() < 0.3:
                    result = Finding.Result.NON_COMPLIANT
                findings.append(Finding(cycle=cycle, standard=standard, period=0, result=result, assessor=lead,
                                        recorded_on=reached_review + datetime.timedelta(days=rng.randint(5, 25))))
        if not closed_before_onsite:
            held = plan.reached(cycle, phases.ONSITE) + datetime.timedelta(days=rng.randint(3, 15))
            held = min(held, today)
            onsite += [
                OnsiteRecord(cycle=cycle, kind=OnsiteRecord.Kind.PUBLIC_COMMENT, held_on=held, participants="Neighbors, business chamber, civil society",
                             summary="Residents described response times and courtesy; two asked for more patrols at night.", recorded_by=lead),
                OnsiteRecord(cycle=cycle, kind=OnsiteRecord.Kind.INTERVIEW, held_on=held, participants="Head of the agency",
                             summary="Explained how directives are reviewed and how the accreditation manager reports to command.", recorded_by=lead),
                OnsiteRecord(cycle=cycle, kind=OnsiteRecord.Kind.INTERVIEW, held_on=held, participants="Line staff (6)",
                             summary="Staff knew where to find directives and had signed the latest ones.", recorded_by=member),
            ]
        commission = plan.reached(cycle, phases.COMMISSION)
        if commission:
            verdict = Recommendation.Verdict.DENY if cycle.phase == phases.REMOVED else Recommendation.Verdict.ACCREDIT
            recommendations.append(Recommendation(cycle=cycle, period=0, verdict=verdict, assessor=lead, recorded_on=commission,
                                                  summary="Mandatory standards met; minor findings corrected during the visit."))
        # Annual standards for each review year the agency has gone through, and the reaccreditation.
        for period, phase in ((1, phases.ANNUAL_1), (2, phases.ANNUAL_2), (3, phases.ANNUAL_3), (4, phases.REACCREDITED)):
            opened = plan.reached(cycle, phase)
            if opened is None:
                break
            for standard in plan.due(cycle, period):
                proofs.append(_proof(cycle, standard, period, Proof.Status.ACCEPTED, opened))
                findings.append(Finding(cycle=cycle, standard=standard, period=period, result=Finding.Result.COMPLIANT, assessor=lead,
                                        recorded_on=opened))
    Proof.objects.bulk_create(proofs, batch_size=2000)
    Finding.objects.bulk_create(findings, batch_size=2000)
    Recommendation.objects.bulk_create(recommendations)
    OnsiteRecord.objects.bulk_create(onsite)
    Assignment.objects.bulk_create(assignments)
    return len(proofs), len(findings)


def _proof(cycle, standard, period, status, submitted) -> Proof:
    return Proof(
        cycle=cycle, standard=standard, period=period, status=status, notes=f"{standard.proof_es or standard.proof_en}",
        submitted_on=submitted if status != Proof.Status.DRAFT else None,
        retain_until=phases.add_months(submitted, 12 * PROOF_RETENTION_YEARS),
    )


def _coordinator_files(cycle):
    """Real PDF files on a few of the coordinator's proofs, stored like uploads."""
    for proof in Proof.objects.filter(cycle=cycle).select_related("standard").order_by("standard__position")[:4]:
        name = default_storage.save(f"accreditation/proofs/{cycle.pk}/demo-{proof.standard.code}.pdf", ContentFile(PDF))
        proof.file, proof.file_name, proof.content_type, proof.size = name, f"{proof.standard.code}-evidencia.pdf", "application/pdf", len(PDF)
        proof.save(update_fields=["file", "file_name", "content_type", "size"])


def _outcome_survey(rng, program, cycles):
    """The program's closing survey: the 70 accredited agencies and 4 that left; most answered."""
    survey = OutcomeSurvey.objects.create(
        program=program, title_en="What accreditation changed: outcome survey", title_es="Lo que cambió la acreditación: encuesta de resultados",
        opened_on=datetime.date(2023, 12, 1), closes_on=datetime.date(2024, 1, 19))
    accredited = [c for c in cycles if c.accredited_on]
    left = [c for c in cycles if c.phase in (phases.WITHDRAWN, phases.REMOVED)][:SURVEYED_ENDED]
    invitations = SurveyInvitation.objects.bulk_create([
        SurveyInvitation(survey=survey, agency=c.agency, program_type=c.framework.program_type) for c in accredited + left])
    agree = {"processes": 0.96, "collaboration": 0.92, "improvement": 0.94, "pride": 0.95, "community": 0.86}
    responses = []
    for invitation, cycle in zip(invitations, accredited + left):
        if rng.random() < 0.08:
            continue  # did not answer
        factor = 1.0 if cycle.accredited_on else 0.6
        answers = {theme: rng.choice([4, 5, 5]) if rng.random() < share * factor else rng.choice([2, 3]) for theme, share in agree.items()}
        responses.append(OutcomeResponse(invitation=invitation, answered_on=datetime.date(2023, 12, 1) + datetime.timedelta(days=rng.randint(1, 45)),
                                         **answers))
    OutcomeResponse.objects.bulk_create(responses)
    return survey, len(invitations), len(responses)


def _midway_survey(rng, program, current, today):
    """An open survey of today's program: the coordinator's agency has not answered yet."""
    survey = OutcomeSurvey.objects.create(
        program=program, title_en="Midway survey: what the self-assessment changed", title_es="Encuesta intermedia: lo que cambió la autoevaluación",
        opened_on=today - datetime.timedelta(days=10), closes_on=today + datetime.timedelta(days=50))
    invitations = SurveyInvitation.objects.bulk_create([
        SurveyInvitation(survey=survey, agency=c.agency, program_type=c.framework.program_type) for c in current.values()])
    answered = [i for i, c in zip(invitations, current.values()) if c is not current.get("coordinator")][:3]
    OutcomeResponse.objects.bulk_create([
        OutcomeResponse(invitation=i, processes=5, collaboration=4, improvement=4, pride=5, community=rng.choice([3, 4]),
                        answered_on=today - datetime.timedelta(days=rng.randint(1, 9))) for i in answered])


def _assign_demo_assessor_later(cycles: list[int]):
    """The demo logins are created after this part: assign the assessor's cycles when that account appears."""

    def assign(sender, instance, created, **kwargs):
        if created and instance.username == "assessor":
            post_save.disconnect(dispatch_uid="demo-accreditation-assessor", sender=User)
            Assignment.objects.bulk_create([Assignment(cycle=cycle, assessor=instance) for cycle in Cycle.objects.filter(pk__in=cycles)])

    post_save.connect(assign, sender=User, weak=False, dispatch_uid="demo-accreditation-assessor")


def build(ctx):
    today = timezone.localdate()
    rng = ctx.rng
    frameworks = _frameworks()
    ctx.progress(10, f"{len(frameworks)} standards frameworks")
    coordinator_agency = ctx.data["demo_agencies"]["coordinator"]
    plan = _Plan(ctx, frameworks, today)
    mexico = _mexico_program(ctx, plan, frameworks, exclude={coordinator_agency.pk})
    mexico_cycles = list(plan.cycles)
    current_program, current = _current_program(plan, frameworks, coordinator_agency, exclude={c.agency_id for c in mexico_cycles})
    changes = plan.save()
    ctx.progress(50, f"{len(plan.cycles)} accreditation cycles")
    team = _assessors(ctx)
    proofs, findings = _records(plan, team, current)
    if "coordinator" in current:
        _coordinator_files(current["coordinator"])
    survey, asked, answered = _outcome_survey(rng, mexico, mexico_cycles)
    _midway_survey(rng, current_program, current, today)
    # The demo assessor: today's cycles under review, and a handful of the Mexico program's.
    reviewed = [current[key].pk for key in ("remote", "onsite", "commission") if key in current]
    reviewed += [c.pk for c in mexico_cycles if c.accredited_on][:6]
    _assign_demo_assessor_later(reviewed)
    ctx.counts.update(accreditation_cycles=len(plan.cycles), accreditation_phase_changes=changes, accreditation_proofs=proofs,
                      accreditation_findings=findings, accreditation_survey_answers=answered)
    ctx.progress(100, f"{len(mexico_cycles)} cycles in the Mexico program; {asked} agencies surveyed, {answered} answered")
