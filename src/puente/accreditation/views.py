"""Accreditation pages. Every cycle is read through `Cycle.objects.restrict`: an assessor
reaching for a cycle not assigned to them, or a coordinator for another agency's, gets a 404.
Writes call `actions`; a refused write shows its reason and changes nothing."""
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Prefetch
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from puente.core.exports import export_response, yes_no
from puente.core.imports import Column
from puente.core.services import may
from puente.core.views import Col, GrantRequiredMixin, ObjectDetailView, ObjectEditView, ObjectListView, RestrictedMixin, add_form_errors

from . import actions, phases, reports, services
from .filters import CycleFilterSet, ProofFilterSet
from .forms import (
    AdvanceForm, AssignForm, CloseForm, EnrollForm, FindingsForm, FrameworkImportForm, OnsiteForm, ProgramForm, ProofForm,
    RecommendationForm, ResponseForm, ReviewForm, SurveyForm,
)
from .imports import CSV_COLUMNS, FrameworkInvalid, parse
from .models import (
    PERIOD_LABELS, REPORTED_FROM, THEME_LABELS, THEMES, Cycle, Finding, Framework, OnsiteRecord, OutcomeResponse, OutcomeSurvey, Program, ProgramType, Proof,
    ProofReview, Recommendation, Standard, SurveyInvitation,
)

# --- Frameworks -------------------------------------------------------------------------------


class FrameworkListView(ObjectListView):
    model = Framework
    add_url_name = "accreditation:framework_import"
    columns = [
        Col(gettext_lazy("Framework"), "title", link=True),
        Col(gettext_lazy("Code"), "code"),
        Col(gettext_lazy("Program type"), "program_type"),
        Col(gettext_lazy("Edition"), "edition", plain=True),
        Col(gettext_lazy("Standards"), "standard_count"),
        Col(gettext_lazy("Cycles"), "cycle_count"),
    ]

    def get_queryset(self):
        return super().get_queryset().annotate(
            standard_count=Count("standards", distinct=True), cycle_count=Count("cycles", distinct=True)).order_by("program_type", "-edition")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["extra_actions"] = [("accreditation:framework_compare", _("Compare editions"))]
        return context


class FrameworkImportView(GrantRequiredMixin, View):
    """Upload a YAML or CSV framework; every problem is listed and nothing is written."""

    grant_model = Framework
    template_name = "accreditation/framework_import.html"

    def get(self, request):
        return render(request, self.template_name, {"form": FrameworkImportForm(), "columns": ", ".join(CSV_COLUMNS)})

    def post(self, request):
        form = FrameworkImportForm(request.POST, request.FILES)
        problems = []
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                data = parse(upload.read(), upload.name, **form.csv_fields())
                framework = actions.import_framework(request.user, data)
            except FrameworkInvalid as exc:
                problems = exc.errors
            except ValidationError as exc:
                problems = exc.messages
            else:
                messages.success(request, _("Imported %(framework)s: %(count)s standards.") % {
                    "framework": framework, "count": framework.standards.count()})
                return redirect(framework.get_absolute_url())
        return render(request, self.template_name, {"form": form, "problems": problems, "columns": ", ".join(CSV_COLUMNS)}, status=400)


class FrameworkDetailView(ObjectDetailView):
    model = Framework
    template_name = "accreditation/framework_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["chapters"] = self.object.chapters.prefetch_related(Prefetch("standards", Standard.objects.order_by("position")))
        context["editions"] = Framework.objects.restrict(self.request.user, "view").filter(program_type=self.object.program_type).exclude(pk=self.object.pk)
        return context


class FrameworkCompareView(RestrictedMixin, View):
    """Two editions side by side: standards added, removed and changed."""

    model = Framework

    def get(self, request):
        frameworks = self.get_queryset()
        chosen = [frameworks.filter(pk=request.GET.get(key)).first() if str(request.GET.get(key, "")).isdigit() else None for key in ("a", "b")]
        context = {"frameworks": frameworks, "a": chosen[0], "b": chosen[1]}
        if all(chosen):
            if chosen[0].program_type != chosen[1].program_type:
                context["problem"] = _("Compare two editions of the same program type.")
            else:
                context["rows"] = _compare(*chosen)
        return render(request, "accreditation/framework_compare.html", context)


COMPARED = ("title_en", "title_es", "text_en", "text_es", "mandatory", "tiers", "frequency", "proof_en", "proof_es")


def _compare(old: Framework, new: Framework) -> list[dict]:
    before = {s.code: s for s in old.standards.order_by("position")}
    after = {s.code: s for s in new.standards.order_by("position")}
    rows = []
    for code in [*before, *(c for c in after if c not in before)]:
        a, b = before.get(code), after.get(code)
        if a and b:
            changed = [Standard._meta.get_field(name).verbose_name for name in COMPARED if getattr(a, name) != getattr(b, name)]
            state = "changed" if changed else "same"
        else:
            changed, state = [], "removed" if a else "added"
        rows.append({"code": code, "old": a, "new": b, "state": state, "changed": changed})
    return rows


# --- Programs and the program view ------------------------------------------------------------


class ProgramListView(ObjectListView):
    model = Program
    add_url_name = "accreditation:program_add"
    columns = [
        Col(gettext_lazy("Program"), lambda p: p, link=True),
        Col(gettext_lazy("Country"), "country"),
        Col(gettext_lazy("Sponsor"), "sponsor"),
        Col(gettext_lazy("Started"), "started_on"),
        Col(gettext_lazy("Ended"), "ended_on"),
    ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["extra_actions"] = [("accreditation:tallies", _("Tallies of all programs"))]
        return context


class ProgramEditView(ObjectEditView):
    model = Program
    form_class = ProgramForm
    create_action = actions.create_program
    update_action = actions.update_program


class TalliesView(RestrictedMixin, View):
    """The program view: tallies, median time per phase, pipeline chart and exports.

    With a program (programs/<pk>/) it covers that program's cycles; without, every program's.
    """

    model = Program

    def get(self, request, pk=None):
        program = get_object_or_404(self.get_queryset(), pk=pk) if pk else None
        by = request.GET.get("by") if request.GET.get("by") in reports.BREAKDOWNS else "program_type"
        cycles = reports.visible_cycles(request.user, program)
        total, rows = reports.tallies(cycles, by)
        fmt = request.GET.get("export")
        if fmt in ("csv", "xlsx"):
            columns = [Column("group", reports.BREAKDOWNS[by]), Column("enrolled", gettext_lazy("Enrolled")),
                       Column("in_progress", gettext_lazy("In progress")), Column("accredited", gettext_lazy("Accredited")),
                       Column("withdrawn_removed", gettext_lazy("Withdrawn or removed"))]
            name = f"accreditation-{program.code if program else 'all'}-{by}"
            return export_response([*rows, total], columns, lambda r: [r.group, r.enrolled, r.in_progress, r.accredited, r.withdrawn_removed], fmt, name)
        return render(request, "accreditation/tallies.html", {
            "program": program, "by": by, "breakdowns": list(reports.BREAKDOWNS.items()), "label": reports.BREAKDOWNS[by],
            "total": total, "rows": rows, "medians": reports.median_days_per_phase(cycles),
            "pipeline_chart": reports.pipeline(cycles), "outcomes_chart": reports.outcomes_chart(rows),
            "overdue": cycles.overdue().count(),
            "surveys": OutcomeSurvey.objects.restrict(request.user, "view").filter(program=program) if program else None,
            "can_change": program is not None and may(request.user, "change", Program),
        })


# --- Cycles -----------------------------------------------------------------------------------


def _deadline(cycle):
    return cycle.deadline or ""


CYCLE_EXPORT = [
    Column("agency", gettext_lazy("Agency")), Column("agency_code", gettext_lazy("Agency code")),
    Column("country", gettext_lazy("Country")), Column("program", gettext_lazy("Program")),
    Column("program_type", gettext_lazy("Program type")), Column("framework", gettext_lazy("Framework edition")),
    Column("tier", gettext_lazy("Tier")), Column("phase", gettext_lazy("Phase")), Column("enrolled_on", gettext_lazy("Enrolled")),
    Column("phase_since", gettext_lazy("In this phase since")), Column("deadline", gettext_lazy("Deadline")),
    Column("overdue", gettext_lazy("Overdue")), Column("accredited_on", gettext_lazy("Accredited")),
    Column("closed_on", gettext_lazy("Closed")), Column("closing_reason", gettext_lazy("Reason for closing")),
]


def _cycle_row(c: Cycle) -> list:
    return [c.agency.name, c.agency.code, c.agency.country_id, str(c.program), c.get_program_type_display(), c.framework.edition,
            c.tier, c.get_phase_display(), c.enrolled_on, c.phase_since, c.deadline, yes_no(c.is_overdue), c.accredited_on,
            c.closed_on, c.closing_reason]


class CycleListView(ObjectListView):
    model = Cycle
    filterset_class = CycleFilterSet
    add_url_name = "accreditation:cycle_add"
    export = (CYCLE_EXPORT, _cycle_row, "accreditation-cycles")
    columns = [
        Col(gettext_lazy("Agency"), "agency.name", link=True),
        Col(gettext_lazy("Program type"), lambda c: c.get_program_type_display()),
        Col(gettext_lazy("Program"), "program"),
        Col(gettext_lazy("Enrolled"), "enrolled_on"),
        Col(gettext_lazy("Phase"), "phase"),
        Col(gettext_lazy("Deadline"), _deadline),
        Col(gettext_lazy("Overdue"), "is_overdue"),
    ]

    def get_queryset(self):
        return super().get_queryset().distinct().select_related("agency", "program", "framework")


class CycleEnrollView(ObjectEditView):
    model = Cycle
    form_class = EnrollForm
    create_action = actions.enroll


def _cycle(request, pk, action: str = "view") -> Cycle:
    """A cycle the user may `action`, else 404 (an assessor's other cycles do not exist for them)."""
    return get_object_or_404(Cycle.objects.restrict(request.user, action).distinct().select_related("agency", "framework", "program"), pk=pk)


class CycleDetailView(LoginRequiredMixin, View):
    """Where a cycle stands: phase and deadline, progress per chapter, what is missing, history."""

    def get(self, request, pk):
        cycle = _cycle(request, pk)
        statuses = services.standard_statuses(cycle)
        user = request.user
        assessed = cycle.period if cycle.phase in actions.ASSESSED_PHASES else None
        context = {
            "object": cycle, "cycle": cycle, "statuses": statuses, "progress": services.chapter_progress(statuses),
            "missing": [item for item in statuses if not item.covered], "period_label": PERIOD_LABELS[cycle.period],
            "history": cycle.phase_changes.select_related("changed_by"),
            "assignments": cycle.assignments.select_related("assessor"),
            "onsite": cycle.onsite_records.all(), "recommendations": cycle.recommendations.all(),
            "eligibility": services.eligibility_for(cycle, assessed) if assessed is not None else None,
            "can_change": Cycle.objects.restrict(user, "change").filter(pk=cycle.pk).exists(),
            "can_assess": may(user, "add", Finding) and assessed is not None,
            "can_review": may(user, "add", ProofReview) and cycle.is_open,
            "can_record_onsite": may(user, "add", OnsiteRecord) and cycle.phase == phases.ONSITE,
            "advance_form": AdvanceForm(initial={"to_phase": cycle.next_phase}) if cycle.next_phase else None,
        }
        return render(request, "accreditation/cycle_detail.html", context)


class CycleWriteView(LoginRequiredMixin, View):
    """A form about one cycle (GET shows it, POST calls the action); refusals show the reason."""

    form_class = None
    title = ""
    permission = "change"
    grant_model = None  # when set, the page needs the "add" grant on it (assessors' records)

    def form(self, cycle, data=None, files=None):
        return self.form_class(data, files) if data is not None else self.form_class()

    def page(self, request, cycle, form, status=200):
        return render(request, "accreditation/cycle_form.html", {"cycle": cycle, "form": form, "title": self.title, "object": cycle}, status=status)

    def get_cycle(self, request, pk):
        if self.grant_model is not None and not may(request.user, "add", self.grant_model):
            raise PermissionDenied
        return _cycle(request, pk, self.permission)

    def get(self, request, pk):
        cycle = self.get_cycle(request, pk)
        return self.page(request, cycle, self.form(cycle))

    def post(self, request, pk):
        cycle = self.get_cycle(request, pk)
        form = self.form(cycle, request.POST, request.FILES)
        if form.is_valid():
            try:
                self.act(request, cycle, form.cleaned_data)
            except ValidationError as exc:
                add_form_errors(form, exc)
            else:
                messages.success(request, self.done_message(cycle))
                return redirect(self.next_url(cycle))
        return self.page(request, cycle, form, status=400)

    def next_url(self, cycle):
        return cycle.get_absolute_url()

    def done_message(self, cycle):
        return _("Saved.")


class CycleAdvanceView(CycleWriteView):
    form_class = AdvanceForm
    title = gettext_lazy("Move to the next phase")

    def form(self, cycle, data=None, files=None):
        return AdvanceForm(data, initial={"to_phase": cycle.next_phase})

    def act(self, request, cycle, data):
        actions.advance(request.user, cycle, **data)

    def done_message(self, cycle):
        cycle.refresh_from_db()
        return _("The cycle is now in %(phase)s.") % {"phase": cycle.get_phase_display()}


class CycleCloseView(CycleWriteView):
    form_class = CloseForm
    title = gettext_lazy("Withdraw or remove")

    def act(self, request, cycle, data):
        actions.close(request.user, cycle, **data)


class CycleAssignView(CycleWriteView):
    form_class = AssignForm
    title = gettext_lazy("Assign an assessor")

    def act(self, request, cycle, data):
        actions.assign_assessor(request.user, cycle, **data)


class OnsiteAddView(CycleWriteView):
    form_class = OnsiteForm
    title = gettext_lazy("Record public comment or an interview")
    permission = "view"
    grant_model = OnsiteRecord

    def act(self, request, cycle, data):
        actions.record_onsite(request.user, cycle, **data)


class RecommendationView(CycleWriteView):
    form_class = RecommendationForm
    title = gettext_lazy("Recommendation to the commission")
    permission = "view"
    grant_model = Recommendation

    def form(self, cycle, data=None, files=None):
        return RecommendationForm(data, instance=cycle.recommendations.filter(period=cycle.period).first())

    def act(self, request, cycle, data):
        actions.record_recommendation(request.user, cycle, **data)


class FindingsView(LoginRequiredMixin, View):
    """The assessor's sheet: one result per due standard of the current period."""

    def setup_cycle(self, request, pk):
        cycle = _cycle(request, pk)
        if not may(request.user, "add", Finding):
            raise PermissionDenied
        standards = services.due_standards(cycle)
        current = {f.standard_id: f for f in cycle.findings.filter(period=cycle.period)}
        return cycle, standards, current

    def page(self, request, cycle, form, status=200):
        statuses = {item.standard.pk: item for item in services.standard_statuses(cycle)}
        return render(request, "accreditation/findings.html", {
            "cycle": cycle, "object": cycle, "form": form, "period_label": PERIOD_LABELS[cycle.period],
            "rows": [(standard, result, note, statuses.get(standard.pk)) for standard, result, note in form.rows()],
            "eligibility": services.eligibility_for(cycle), "recommendation_form": RecommendationForm(
                instance=cycle.recommendations.filter(period=cycle.period).first()),
        }, status=status)

    def get(self, request, pk):
        cycle, standards, current = self.setup_cycle(request, pk)
        return self.page(request, cycle, FindingsForm(standards=standards, current=current))

    def post(self, request, pk):
        cycle, standards, current = self.setup_cycle(request, pk)
        form = FindingsForm(request.POST, standards=standards, current=current)
        if form.is_valid():
            try:
                changed = actions.record_findings(request.user, cycle, form.results())
            except ValidationError as exc:
                add_form_errors(form, exc)
            else:
                messages.success(request, _("%(count)s findings recorded.") % {"count": changed})
                return redirect("accreditation:cycle_findings", pk=cycle.pk)
        return self.page(request, cycle, form, status=400)


class CycleStandardView(LoginRequiredMixin, View):
    """One standard within a cycle: its text, the proofs of every period, and an upload form."""

    def context(self, request, cycle, standard, form):
        proofs = cycle.proofs.filter(standard=standard).select_related("uploaded_by").prefetch_related("reviews")
        return {
            "cycle": cycle, "object": cycle, "standard": standard, "proofs": proofs, "form": form,
            "findings": cycle.findings.filter(standard=standard).select_related("assessor"),
            "period_label": PERIOD_LABELS[cycle.period],
            "can_add": may(request.user, "add", Proof) and cycle.is_open and cycle.phase != phases.COMMISSION
            and cycle.tier in standard.tiers and standard.due_in(cycle.period),
        }

    def objects(self, request, pk, standard_pk):
        cycle = _cycle(request, pk)
        standard = get_object_or_404(Standard.objects.filter(framework_id=cycle.framework_id).select_related("chapter"), pk=standard_pk)
        return cycle, standard

    def get(self, request, pk, standard_pk):
        cycle, standard = self.objects(request, pk, standard_pk)
        return render(request, "accreditation/cycle_standard.html", self.context(request, cycle, standard, ProofForm()))

    def post(self, request, pk, standard_pk):
        cycle, standard = self.objects(request, pk, standard_pk)
        if not may(request.user, "add", Proof):
            raise PermissionDenied
        form = ProofForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                actions.add_proof(request.user, cycle=cycle, standard=standard, **form.cleaned_data)
            except ValidationError as exc:
                add_form_errors(form, exc)
            else:
                messages.success(request, _("Proof added to %(code)s.") % {"code": standard.code})
                return redirect("accreditation:cycle_standard", pk=cycle.pk, standard_pk=standard.pk)
        return render(request, "accreditation/cycle_standard.html", self.context(request, cycle, standard, form), status=400)


# --- Proofs -----------------------------------------------------------------------------------


class ProofListView(ObjectListView):
    model = Proof
    filterset_class = ProofFilterSet
    columns = [
        Col(gettext_lazy("Proof"), lambda p: p, link=True),
        Col(gettext_lazy("Agency"), "cycle.agency.name"),
        Col(gettext_lazy("Period"), lambda p: p.get_period_display()),
        Col(gettext_lazy("Status"), "status"),
        Col(gettext_lazy("Submitted"), "submitted_on"),
        Col(gettext_lazy("Kept until"), "retain_until"),
    ]

    def get_queryset(self):
        return super().get_queryset().distinct().select_related("cycle__agency", "standard")


class ProofDetailView(ObjectDetailView):
    model = Proof
    template_name = "accreditation/proof_detail.html"

    def get_queryset(self):
        return super().get_queryset().distinct().select_related("cycle__agency", "cycle__framework", "standard", "uploaded_by")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        proof = self.object
        context["reviews"] = proof.reviews.select_related("reviewer")
        context["can_review"] = may(self.request.user, "add", ProofReview) and proof.status == Proof.Status.SUBMITTED
        context["review_form"] = ReviewForm()
        context["can_delete"] = context["can_change"] and proof.status == Proof.Status.DRAFT
        context["can_submit"] = context["can_change"] and proof.status in (Proof.Status.DRAFT, Proof.Status.NEEDS_REVISION)
        return context


def _proof(request, pk, action="view") -> Proof:
    return get_object_or_404(Proof.objects.restrict(request.user, action).distinct().select_related("cycle", "standard"), pk=pk)


class ProofFileView(LoginRequiredMixin, View):
    """The stored file, only to those who may view the proof; served as an attachment."""

    def get(self, request, pk):
        proof = _proof(request, pk)
        if not proof.file:
            raise Http404
        try:
            handle = proof.file.open("rb")
        except FileNotFoundError:
            raise Http404 from None
        return FileResponse(handle, as_attachment=True, filename=proof.file_name, content_type=proof.content_type or "application/octet-stream")


class ProofSubmitView(LoginRequiredMixin, View):
    def post(self, request, pk):
        proof = _proof(request, pk, "change")
        try:
            actions.submit_proof(request.user, proof)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Submitted for review."))
        return redirect(proof.get_absolute_url())


class ProofReviewView(LoginRequiredMixin, View):
    def post(self, request, pk):
        proof = _proof(request, pk)
        if not may(request.user, "add", ProofReview):
            raise PermissionDenied
        form = ReviewForm(request.POST)
        if form.is_valid():
            try:
                actions.review_proof(request.user, proof, **form.cleaned_data)
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
            else:
                messages.success(request, _("Review recorded."))
        else:
            messages.error(request, _("Choose a decision."))
        return redirect(proof.get_absolute_url())


class ProofDeleteView(LoginRequiredMixin, View):
    def post(self, request, pk):
        proof = _proof(request, pk, "delete")
        target = reverse_standard(proof)
        try:
            actions.delete_proof(request.user, proof)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect(proof.get_absolute_url())
        messages.success(request, _("Draft deleted."))
        return redirect(target)


def reverse_standard(proof: Proof) -> str:
    return reverse("accreditation:cycle_standard", args=[proof.cycle_id, proof.standard_id])


# --- Outcome surveys --------------------------------------------------------------------------


class SurveyListView(ObjectListView):
    model = OutcomeSurvey
    add_url_name = "accreditation:survey_add"
    columns = [
        Col(gettext_lazy("Survey"), lambda s: s, link=True),
        Col(gettext_lazy("Program"), "program"),
        Col(gettext_lazy("Opened"), "opened_on"),
        Col(gettext_lazy("Closes"), "closes_on"),
        Col(gettext_lazy("Agencies asked"), "asked"),
        Col(gettext_lazy("Answers"), "answered"),
    ]

    def get_queryset(self):
        return super().get_queryset().distinct().select_related("program").annotate(
            asked=Count("invitations", distinct=True), answered=Count("invitations__response", distinct=True)).order_by("-opened_on", "-id")


class SurveyAddView(ObjectEditView):
    model = OutcomeSurvey
    form_class = SurveyForm
    create_action = actions.create_survey

    def post(self, request, pk=None):
        # As ObjectEditView.post: the form's extra choice goes to the action too.
        self.get_object()
        form = self.form_class(request.POST, user=request.user)
        if form.is_valid():
            try:
                survey = actions.create_survey(request.user, **form.cleaned_data)
            except ValidationError as exc:
                add_form_errors(form, exc)
            else:
                messages.success(request, _("Survey sent to %(count)s agencies.") % {"count": survey.invitations.count()})
                return redirect(survey.get_absolute_url())
        return self.render_form(form, None, status=400)


def survey_results(responses) -> dict:
    """Share of agencies reporting each outcome (agree or strongly agree), overall and per program type."""
    rows = list(responses.values_list("invitation__program_type", *THEME_LABELS))
    types = [t for t in ProgramType.values if any(r[0] == t for r in rows)]
    table = []
    for index, theme in enumerate(THEME_LABELS, start=1):
        shares = {}
        for program_type in [None, *types]:
            answers = [r[index] for r in rows if program_type is None or r[0] == program_type]
            shares[program_type] = sum(a >= REPORTED_FROM for a in answers) / len(answers) if answers else None
        table.append({"theme": THEME_LABELS[theme], "overall": shares[None], "by_type": [shares[t] for t in types]})
    chart = {
        "type": "bar", "percent": True, "labels": [str(row["theme"]) for row in table],
        "datasets": [
            {"label": str(ProgramType(t).label), "data": [round(100 * row["by_type"][i], 1) if row["by_type"][i] is not None else None for row in table]}
            for i, t in enumerate(types)
        ],
    }
    return {"table": table, "types": [ProgramType(t).label for t in types], "chart": chart, "count": len(rows)}


class SurveyDetailView(ObjectDetailView):
    model = OutcomeSurvey
    template_name = "accreditation/survey_detail.html"

    def get_queryset(self):
        return super().get_queryset().distinct()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        invitations = SurveyInvitation.objects.restrict(user, "view").filter(survey=self.object).select_related("agency", "response")
        responses = OutcomeResponse.objects.restrict(user, "view").filter(invitation__survey=self.object)
        context.update(
            invitations=invitations, asked=self.object.invitations.count() if context["can_change"] else invitations.count(),
            results=survey_results(responses), themes=THEMES,
            can_answer=may(user, "add", OutcomeResponse) and self.object.is_open,
        )
        return context


class SurveyRespondView(LoginRequiredMixin, View):
    """The coordinator answers for their agency (a 404 for another agency's invitation)."""

    def invitation(self, request, pk):
        if not may(request.user, "add", OutcomeResponse):
            raise PermissionDenied
        return get_object_or_404(SurveyInvitation.objects.restrict(request.user, "view").select_related("survey", "agency"), pk=pk)

    def page(self, request, invitation, form, status=200):
        return render(request, "accreditation/survey_respond.html", {"invitation": invitation, "survey": invitation.survey, "form": form}, status=status)

    def get(self, request, pk):
        invitation = self.invitation(request, pk)
        current = OutcomeResponse.objects.filter(invitation=invitation).first()
        return self.page(request, invitation, ResponseForm(instance=current))

    def post(self, request, pk):
        invitation = self.invitation(request, pk)
        form = ResponseForm(request.POST)
        if form.is_valid():
            try:
                actions.answer_survey(request.user, invitation, **form.cleaned_data)
            except ValidationError as exc:
                add_form_errors(form, exc)
            else:
                messages.success(request, _("Thank you: your agency's answers are recorded."))
                return redirect(invitation.survey.get_absolute_url())
        return self.page(request, invitation, form, status=400)

