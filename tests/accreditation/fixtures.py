"""Accreditation objects for tests, built lazily on the shared World."""
import datetime
from pathlib import Path

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from puente.accounts.roles import Role
from puente.accreditation import actions, phases
from puente.accreditation.imports import parse
from puente.accreditation.models import Assignment, Cycle, Framework, OutcomeSurvey, PhaseChange, Program, Proof, SurveyInvitation

FRAMEWORKS = Path(actions.__file__).parent / "frameworks"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def fixture_pm(w):
    if not hasattr(w, "fixture_pm"):
        w.fixture_pm = w.user(Role.PROGRAM_MANAGER, username="fixture-pm")
    return w.fixture_pm


def shipped(w, name: str = "law_enforcement_2016.yaml") -> Framework:
    """A shipped sample framework, imported once."""
    code = parse((FRAMEWORKS / name).read_bytes(), name).code
    found = Framework.objects.filter(code=code).first()
    return found or actions.import_framework(fixture_pm(w), parse((FRAMEWORKS / name).read_bytes(), name))


def program(w, t: str) -> Program:
    """A program in the target agency's country."""
    country = w.agency(t).country
    return Program.objects.get_or_create(
        code=f"PROG-{country.code}", defaults={"name_en": f"Program {country.code}", "name_es": f"Programa {country.code}",
                                               "country": country, "started_on": datetime.date(2016, 1, 1)})[0]


def cycle(w, t: str, phase: str = phases.REMOTE_REVIEW) -> Cycle:
    """The target agency's law-enforcement cycle (basic tier), in the remote file review.

    The `own` cycle is assigned to the signed-in user of the permission matrix (`w.me`), so an
    assessor reaches it and not the other agency's.
    """
    if not hasattr(w, "cycles"):
        w.cycles = {}
    if t not in w.cycles:
        framework = shipped(w)
        since = datetime.date(2023, 1, 10)
        made = Cycle.objects.create(
            program=program(w, t), agency=w.agency(t), framework=framework, tier="basic", phase=phase, enrolled_on=datetime.date(2020, 1, 15),
            phase_since=since, deadline=phases.deadline(phase, framework.program_type, since, None),
        )
        PhaseChange.objects.create(cycle=made, to_phase=phases.ENROLLMENT, changed_on=made.enrolled_on)
        PhaseChange.objects.create(cycle=made, from_phase=phases.ENROLLMENT, to_phase=phase, changed_on=since)
        me = getattr(w, "me", None)
        if t == "own" and me is not None:
            Assignment.objects.create(cycle=made, assessor=me, lead=True)
        w.cycles[t] = made
    return w.cycles[t]


def standard(w, t: str, code: str = "1.1"):
    return cycle(w, t).framework.standards.get(code=code)


def proof(w, t: str, status: str = Proof.Status.SUBMITTED) -> Proof:
    """A submitted PDF proof of standard 1.1 in the target's cycle (one each)."""
    if not hasattr(w, "proofs"):
        w.proofs = {}
    if t not in w.proofs:
        name = f"accreditation/proofs/test-{t}.pdf"
        if not default_storage.exists(name):
            default_storage.save(name, ContentFile(PDF))
        c = cycle(w, t)
        w.proofs[t] = Proof.objects.create(
            cycle=c, standard=standard(w, t), period=0, file=name, file_name=f"mandate-{t}.pdf", content_type="application/pdf",
            size=len(PDF), notes=f"PROOF-NOTE-{t}", status=status, submitted_on=datetime.date(2023, 2, 1),
            retain_until=datetime.date(2027, 2, 1),
        )
    return w.proofs[t]


def survey(w, t: str) -> SurveyInvitation:
    """An open survey of the target's program with the target agency invited; returns the invitation."""
    if not hasattr(w, "invitations"):
        w.invitations = {}
    if t not in w.invitations:
        today = datetime.date.today()
        s = OutcomeSurvey.objects.create(program=program(w, t), title_en=f"SURVEY-{t}", title_es=f"ENCUESTA-{t}",
                                         opened_on=today - datetime.timedelta(days=5), closes_on=today + datetime.timedelta(days=30))
        w.invitations[t] = SurveyInvitation.objects.create(survey=s, agency=w.agency(t), program_type="law_enforcement")
    return w.invitations[t]
