import datetime

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy, ngettext
from django.utils.translation import gettext as _
from django.views import View

from puente.capacity.models import Session
from puente.core.services import may
from puente.core.views import Col, GrantRequiredMixin, ObjectActionView, ObjectDetailView, ObjectListView
from puente.registry.models import Person

from . import actions, lifecycle, transcripts
from .exports import RECORD_EXPORT
from .filters import EnrollmentFilterSet, TrainingRecordFilterSet
from .forms import AssessmentForm, FillTermForm, NominateForm, TransitionForm
from .models import Attendance, Enrollment, TrainingRecord

# Officers who hold a seat, or whose results are in, can be marked (a late correction is allowed).
MARKABLE = (*Enrollment.HOLDS_SEAT, Enrollment.Status.COMPLETED, Enrollment.Status.FAILED)


class EnrollmentListView(ObjectListView):
    model = Enrollment
    filterset_class = EnrollmentFilterSet

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["extra_actions"] = [("records:fill_term", _("Fill a term"))] if may(self.request.user, "add", Enrollment) else []
        return context
    columns = [
        Col(gettext_lazy("Officer"), "person.full_name", link=True),
        Col(gettext_lazy("National identifier"), "person.national_id"),
        Col(gettext_lazy("Session"), "session"),
        Col(gettext_lazy("Agency"), "agency.name"),
        Col(gettext_lazy("Status"), "status"),
        Col(gettext_lazy("Reason"), "status_reason"),
    ]

    def get_queryset(self):
        return super().get_queryset().select_related("person", "session__program", "session__site", "agency")


class EnrollmentDetailView(ObjectDetailView):
    model = Enrollment

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        enrollment = self.object
        user = self.request.user
        context["can_withdraw"] = (
            enrollment.status in Enrollment.ACTIVE
            and Enrollment.objects.restrict(user, "delete").filter(pk=enrollment.pk).exists()
        )
        if context["can_change"]:
            # Only the steps the lifecycle allows from here; withdrawing has its own page.
            labels = dict(Enrollment.Status.choices)
            steps = lifecycle.TRANSITIONS.get(enrollment.status, frozenset()) - {Enrollment.Status.WITHDRAWN, Enrollment.Status.ATTENDED,
                                                                               Enrollment.Status.COMPLETED, Enrollment.Status.FAILED}
            context["steps"] = [(step, labels[step], step in lifecycle.NEEDS_REASON) for step in sorted(steps)]
            context["assessment_form"] = AssessmentForm() if enrollment.status == Enrollment.Status.ATTENDED else None
            context["can_finalize"] = enrollment.status in Enrollment.HOLDS_SEAT and enrollment.session.end_date <= timezone.localdate()
        context["attendance"] = enrollment.attendance.all()
        context["assessments"] = enrollment.assessments.all()
        if enrollment.status in (Enrollment.Status.ATTENDED, Enrollment.Status.COMPLETED, Enrollment.Status.FAILED):
            outcome = actions.completion_outcome(enrollment)
            context["outcome"] = outcome
            context["shortfalls"] = [actions.describe_shortfall(code, subject) for code, subject in outcome.shortfalls]
        return context


class EnrollmentWithdrawView(ObjectActionView):
    model = Enrollment
    permission = "delete"
    action = actions.withdraw
    question = gettext_lazy("Withdraw %(object)s? The seat goes to the next officer on your waiting list.")


class NominateView(GrantRequiredMixin, View):
    """Nominate officers to a session by national identifier; every refusal is listed with its reason."""

    template_name = "records/nominate.html"
    grant_model = Enrollment

    def setup_view(self, request, pk):
        session = get_object_or_404(Session.objects.restrict(request.user, "view").select_related("program", "site"), pk=pk)
        return session, Person.objects.restrict(request.user, "view").select_related("agency")

    def get(self, request, pk):
        session, _people = self.setup_view(request, pk)
        return render(request, self.template_name, {"session": session, "form": NominateForm()})

    def post(self, request, pk):
        session, people = self.setup_view(request, pk)
        form = NominateForm(request.POST)
        lines = []
        if form.is_valid():
            lines = actions.bulk_nominate(request.user, session, form.identifier_list(), people)
        status = 200 if form.is_valid() else 400
        return render(request, self.template_name, {"session": session, "form": form, "lines": lines}, status=status)


class FillTermView(GrantRequiredMixin, View):
    """Upload a term's proposals; the solver picks the best conflict-free nominations within the seats."""

    template_name = "records/fill_term.html"
    grant_model = Enrollment

    def get(self, request):
        return render(request, self.template_name, {"form": FillTermForm(user=request.user)})

    def post(self, request):
        import tempfile
        from pathlib import Path

        from puente.core.imports import ImportFailed

        from .imports import read_proposals

        form = FillTermForm(request.POST, request.FILES, user=request.user)
        context = {"form": form}
        if form.is_valid():
            upload = form.cleaned_data["file"]
            with tempfile.TemporaryDirectory() as folder:
                path = Path(folder) / Path(upload.name).name
                path.write_bytes(upload.read())
                try:
                    proposals, errors = read_proposals(request.user, form.cleaned_data["agency"], form.cleaned_data["fiscal_year"], path, upload.name)
                except ImportFailed as exc:
                    proposals, errors = [], [str(exc)]
            if errors:
                context["errors"] = errors
            else:
                context["report"] = actions.fill_term(request.user, form.cleaned_data["agency"], form.cleaned_data["fiscal_year"], proposals)
                return render(request, self.template_name, context)
        return render(request, self.template_name, context, status=400)


class EnrollmentTransitionView(LoginRequiredMixin, View):
    """Move an enrollment along its lifecycle (confirm, no-show, cancel, withdraw) with a reason."""

    def post(self, request, pk):
        enrollment = get_object_or_404(Enrollment.objects.restrict(request.user, "change").select_related("session"), pk=pk)
        form = TransitionForm(request.POST)
        if form.is_valid():
            try:
                actions.transition(request.user, enrollment, form.cleaned_data["status"], form.cleaned_data["reason"])
                messages.success(request, _("The enrollment is now %(status)s.") % {"status": enrollment.get_status_display().lower()})
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
        else:
            messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect(enrollment.get_absolute_url())


class AssessmentAddView(LoginRequiredMixin, View):
    """Record the next attempt at one assessment of an enrollment."""

    def post(self, request, pk):
        enrollment = get_object_or_404(Enrollment.objects.restrict(request.user, "change").select_related("session__program"), pk=pk)
        form = AssessmentForm(request.POST)
        if form.is_valid():
            try:
                actions.record_assessment(request.user, enrollment, **form.cleaned_data)
                messages.success(request, _("Assessment recorded."))
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
        else:
            messages.error(request, " ".join(f"{form.fields[n].label}: {e}" for n, errors in form.errors.items() for e in errors))
        return redirect(enrollment.get_absolute_url())


class EnrollmentFinalizeView(ObjectActionView):
    model = Enrollment
    action = actions.finalize
    question = gettext_lazy("Close %(object)s? Completion is decided by the program's rule and goes on the transcript.")


class RosterListView(GrantRequiredMixin, View):
    """The sessions whose rosters the user works: for instructors, the ones they teach."""

    template_name = "records/roster_list.html"
    grant_model = Attendance
    grant_action = "change"

    def get(self, request):
        enrollments = Enrollment.objects.restrict(request.user, "change").exclude(status__in=[Enrollment.Status.WAITLISTED])
        sessions = (
            Session.objects.filter(pk__in=enrollments.values("session_id"))
            .select_related("program", "site")
            .annotate(roster=Count("enrollments", filter=Q(enrollments__in=enrollments.filter(status__in=Enrollment.HOLDS_SEAT))))
            .order_by("-start_date")
        )
        paginator = Paginator(sessions, 50)
        page = paginator.get_page(request.GET.get("page"))
        return render(request, self.template_name, {"page_obj": page, "paginator": paginator, "is_paginated": page.has_other_pages(),
                                                    "sessions": page.object_list})


class RosterView(GrantRequiredMixin, View):
    """One session's roster: a mark per officer per day, the whole roster present in one action."""

    template_name = "records/roster.html"
    grant_model = Attendance
    grant_action = "change"

    def enrollments(self, request, session):
        return (
            Enrollment.objects.restrict(request.user, "change")
            .filter(session=session).exclude(status=Enrollment.Status.WAITLISTED)
            .select_related("person").prefetch_related("attendance").order_by("person__family_names", "person__given_names", "id")
        )

    def get_session(self, request, pk):
        visible = Enrollment.objects.restrict(request.user, "change").filter(session_id=pk)
        if not visible.exists():
            raise Http404
        return get_object_or_404(Session.objects.select_related("program", "site"), pk=pk)

    def get(self, request, pk):
        session = self.get_session(request, pk)
        return render(request, self.template_name, self.context(request, session))

    def context(self, request, session):
        days = actions.session_days(session)
        today = timezone.localdate()
        open_days = [d for d in days if d <= today]
        try:
            current_day = datetime.date.fromisoformat(request.GET.get("day", ""))
        except ValueError:
            current_day = None
        if current_day not in open_days:
            current_day = open_days[-1] if open_days else None
        labels = dict(Attendance.Mark.choices)
        rows = []
        for enrollment in self.enrollments(request, session):
            marks = {a.day: a.mark for a in enrollment.attendance.all()}
            rows.append({"enrollment": enrollment, "cells": [(day, labels.get(marks.get(day), "")) for day in days],
                         "current": marks.get(current_day, ""), "markable": enrollment.status in MARKABLE})
        return {"session": session, "days": days, "open_days": open_days, "current_day": current_day, "rows": rows,
                "marks": Attendance.Mark.choices, "ended": session.end_date <= today}

    def post(self, request, pk):
        session = self.get_session(request, pk)
        enrollments = {e.pk: e for e in self.enrollments(request, session) if e.status in MARKABLE}
        try:
            day = datetime.date.fromisoformat(request.POST.get("day", ""))
        except ValueError:
            messages.error(request, _("Choose a day of the session."))
            return redirect("records:roster", pk=session.pk)
        if request.POST.get("all") == "present":
            marks = {pk: Attendance.Mark.PRESENT for pk in enrollments}
        else:
            marks = {}
            for enrollment_id in enrollments:
                value = request.POST.get(f"mark-{enrollment_id}-{day.isoformat()}", "")
                if value:
                    marks[enrollment_id] = value
        try:
            changed = actions.record_attendance(request.user, session, day, marks)
            messages.success(request, ngettext("%(count)s mark saved.", "%(count)s marks saved.", changed) % {"count": changed})
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        except PermissionDenied:
            raise
        return redirect(f"{reverse('records:roster', args=[session.pk])}?day={day.isoformat()}")


class RosterFinalizeView(RosterView):
    """Close every open enrollment of an ended session by the completion rule."""

    def post(self, request, pk):
        session = self.get_session(request, pk)
        try:
            counts = actions.finalize_session(request.user, session)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect("records:roster", pk=session.pk)
        labels = dict(Enrollment.Status.choices)
        summary = ", ".join(f"{labels[status]}: {count}" for status, count in sorted(counts.items())) or _("nothing left to close")
        messages.success(request, _("Results closed: %(summary)s.") % {"summary": summary})
        return redirect("records:roster", pk=session.pk)


class TrainingRecordListView(ObjectListView):
    model = TrainingRecord
    filterset_class = TrainingRecordFilterSet
    export = RECORD_EXPORT
    import_name = "training-records"
    columns = [
        Col(gettext_lazy("Officer"), "person.full_name", link=True),
        Col(gettext_lazy("National identifier"), "person.national_id"),
        Col(gettext_lazy("Program"), "program.code"),
        Col(gettext_lazy("End date"), "end_date"),
        Col(gettext_lazy("Hours"), "hours"),
        Col(gettext_lazy("Result"), "result"),
        Col(gettext_lazy("Source"), "source"),
        Col(gettext_lazy("Agency"), "agency.name"),
    ]

    def get_queryset(self):
        return super().get_queryset().select_related("person", "program", "agency")


class TrainingRecordDetailView(ObjectDetailView):
    model = TrainingRecord


class TranscriptView(LoginRequiredMixin, View):
    """An officer's transcript: the page, or ?format=pdf|csv in ?lang=en|es (default: the reader's)."""

    template_name = "records/transcript.html"

    def get(self, request, pk):
        person = get_object_or_404(Person.objects.restrict(request.user, "view").select_related("agency"), pk=pk)
        if not may(request.user, "view", TrainingRecord):
            raise PermissionDenied
        transcript = transcripts.transcript_for(request.user, person)
        language = request.GET.get("lang") if request.GET.get("lang") in ("en", "es") else get_language()[:2]
        fmt = request.GET.get("format")
        if fmt == "csv":
            return transcripts.csv_response(transcript, language)
        if fmt == "pdf":
            return transcripts.pdf_response(transcript, language)
        return render(request, self.template_name, {"t": transcript, "person": person})


class MyTranscriptView(LoginRequiredMixin, View):
    """The signed-in officer's own transcript."""

    def get(self, request):
        person = getattr(request.user, "person", None)
        if person is None:
            messages.info(request, _("Your account is not linked to an officer record, so there is no transcript to show."))
            return redirect("home")
        return redirect("records:transcript", pk=person.pk)
