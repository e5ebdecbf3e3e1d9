from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from puente.core.services import may
from puente.core.views import Col, GrantRequiredMixin, ObjectActionView, ObjectDetailView, ObjectEditView, ObjectListView, add_form_errors

from . import actions
from .exports import REQUEST_EXPORT, SESSION_EXPORT
from .filters import InstructorFilterSet, SessionFilterSet, SiteFilterSet, TrainingRequestFilterSet
from .forms import AbsenceForm, InstructorForm, RequestWindowForm, RoomForm, RunForm, SessionForm, SiteForm, TermPlanForm, TrainingRequestForm
from .models import AllocationRun, Instructor, InstructorAbsence, RequestWindow, Room, RunOutcome, Session, Site, TrainingRequest


class SiteListView(ObjectListView):
    model = Site
    filterset_class = SiteFilterSet
    add_url_name = "capacity:site_add"
    columns = [
        Col(gettext_lazy("Code"), "code", link=True),
        Col(gettext_lazy("Name"), "name"),
        Col(gettext_lazy("Kind"), "kind"),
        Col(gettext_lazy("Host agency"), "agency.name"),
        Col(gettext_lazy("Country"), "country.name"),
        Col(gettext_lazy("Active"), "is_active"),
    ]

    def get_queryset(self):
        return super().get_queryset().select_related("agency", "country")


class SiteDetailView(ObjectDetailView):
    model = Site

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["rooms"] = Room.objects.restrict(user, "view").filter(site=self.object)
        context["sessions"] = Session.objects.restrict(user, "view").filter(site=self.object).select_related("program")[:30]
        context["can_add_room"] = may(user, "add", Room)
        return context


class SiteEditView(ObjectEditView):
    model = Site
    form_class = SiteForm
    create_action = actions.create_site
    update_action = actions.update_site


class RoomEditView(ObjectEditView):
    model = Room
    form_class = RoomForm
    create_action = actions.create_room
    update_action = actions.update_room


class InstructorListView(ObjectListView):
    model = Instructor
    filterset_class = InstructorFilterSet
    add_url_name = "capacity:instructor_add"
    columns = [
        Col(gettext_lazy("Name"), "person.full_name", link=True),
        Col(gettext_lazy("Agency"), "person.agency.name"),
        Col(gettext_lazy("Home site"), "home_site.code"),
        Col(gettext_lazy("Qualified programs"), lambda i: ", ".join(p.code for p in i.programs.all())),
        Col(gettext_lazy("Active"), "is_active"),
    ]

    def get_queryset(self):
        return super().get_queryset().select_related("person__agency", "home_site").prefetch_related("programs")


class InstructorDetailView(ObjectDetailView):
    model = Instructor

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["absences"] = InstructorAbsence.objects.restrict(user, "view").filter(instructor=self.object)
        context["absence_form"] = AbsenceForm() if may(user, "add", InstructorAbsence) else None
        return context


class InstructorAbsenceView(GrantRequiredMixin, View):
    """Record a period the instructor cannot teach."""

    grant_model = InstructorAbsence

    def post(self, request, pk):
        instructor = get_object_or_404(Instructor.objects.restrict(request.user, "view"), pk=pk)
        form = AbsenceForm(request.POST)
        if form.is_valid():
            try:
                actions.add_absence(request.user, instructor, **form.cleaned_data)
                messages.success(request, _("Absence recorded."))
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
        else:
            messages.error(request, _("Give the first and last day of the absence."))
        return redirect(instructor.get_absolute_url())


class InstructorEditView(ObjectEditView):
    model = Instructor
    form_class = InstructorForm
    create_action = actions.create_instructor
    update_action = actions.update_instructor


class SessionListView(ObjectListView):
    model = Session
    filterset_class = SessionFilterSet
    export = SESSION_EXPORT
    import_name = "sessions"
    add_url_name = "capacity:session_add"
    columns = [
        Col(gettext_lazy("Session"), lambda s: f"{s.program.code} · {s.start_date:%Y-%m-%d}", link=True),
        Col(gettext_lazy("Program"), "program.title"),
        Col(gettext_lazy("Site"), "site.code"),
        Col(gettext_lazy("Starts"), "start_date"),
        Col(gettext_lazy("Ends"), "end_date"),
        Col(gettext_lazy("Seats"), "seats"),
        Col(gettext_lazy("Language"), "language"),
        Col(gettext_lazy("Status"), "status"),
    ]

    def get_queryset(self):
        return super().get_queryset().select_related("program", "site")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["extra_actions"] = [("capacity:instructor_list", _("Instructors"))] if may(self.request.user, "view", Instructor) else []
        if may(self.request.user, "add", Session):
            context["extra_actions"].append(("capacity:session_plan", _("Plan a term")))
        return context


class SessionDetailView(ObjectDetailView):
    model = Session

    def get_context_data(self, **kwargs):
        from puente.records.models import Attendance, Enrollment

        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["can_work_roster"] = may(user, "change", Attendance) and Enrollment.objects.restrict(user, "change").filter(session=self.object).exists()
        context["can_nominate"] = may(user, "add", Enrollment) and self.object.status not in ("cancelled", "completed")
        context["roster"] = Enrollment.objects.restrict(user, "view").filter(session=self.object) if may(user, "view", Enrollment) else None
        return context

    def get_queryset(self):
        return super().get_queryset().select_related("program", "site", "room").prefetch_related("instructors__person")


class SessionEditView(ObjectEditView):
    model = Session
    form_class = SessionForm
    create_action = actions.create_session
    update_action = actions.update_session


class SessionCancelView(ObjectActionView):
    model = Session
    permission = "delete"
    action = actions.cancel_session
    question = gettext_lazy("Cancel %(object)s? Its seats are no longer offered.")


class TermPlanView(GrantRequiredMixin, View):
    """Plan several sessions of one program at once; all are created or none."""

    template_name = "capacity/term_plan.html"
    grant_model = Session

    def get(self, request):
        return render(request, self.template_name, {"form": TermPlanForm(user=request.user)})

    def post(self, request):
        form = TermPlanForm(request.POST, user=request.user)
        if form.is_valid():
            try:
                sessions = actions.plan_sessions(request.user, **form.cleaned_data)
            except ValidationError as exc:
                add_form_errors(form, exc)
            else:
                messages.success(request, _("Planned %(count)s sessions.") % {"count": len(sessions)})
                return redirect(f"{reverse('capacity:session_list')}?program={sessions[0].program_id}")
        return render(request, self.template_name, {"form": form}, status=400)


class WindowListView(ObjectListView):
    model = RequestWindow
    add_url_name = "capacity:window_add"
    columns = [
        Col(gettext_lazy("Fiscal year"), "fiscal_year", link=True, plain=True),
        Col(gettext_lazy("Opens on"), "opens_on"),
        Col(gettext_lazy("Closes on"), "closes_on"),
        Col(gettext_lazy("Status"), "status"),
    ]


class WindowDetailView(ObjectDetailView):
    model = RequestWindow

    def get_context_data(self, **kwargs):
        from django.db.models import Count, Sum

        context = super().get_context_data(**kwargs)
        requests = TrainingRequest.objects.restrict(self.request.user, "view").filter(
            window=self.object, status=TrainingRequest.Status.SUBMITTED
        )
        context["summary"] = requests.aggregate(requests=Count("id"), seats=Sum("seats"), agencies=Count("agency", distinct=True))
        return context


class WindowEditView(ObjectEditView):
    model = RequestWindow
    form_class = RequestWindowForm
    create_action = actions.open_window
    update_action = actions.update_window


class WindowCloseView(ObjectActionView):
    model = RequestWindow
    action = actions.close_window
    question = gettext_lazy("Close %(object)s? Coordinators can no longer submit, change or withdraw requests.")


class WindowReopenView(ObjectActionView):
    model = RequestWindow
    action = actions.reopen_window
    question = gettext_lazy("Reopen %(object)s?")


class RequestListView(ObjectListView):
    model = TrainingRequest
    filterset_class = TrainingRequestFilterSet
    export = REQUEST_EXPORT
    import_name = "requests"
    add_url_name = "capacity:request_add"
    columns = [
        Col(gettext_lazy("Request"), lambda r: f"#{r.pk}", link=True),
        Col(gettext_lazy("Agency"), "agency.name"),
        Col(gettext_lazy("Program"), "program.code"),
        Col(gettext_lazy("Seats"), "seats"),
        Col(gettext_lazy("Fiscal year"), "window.fiscal_year", plain=True),
        Col(gettext_lazy("Priority"), "priority"),
        Col(gettext_lazy("Status"), "status"),
        Col(gettext_lazy("Submitted"), "submitted_at"),
    ]

    def get_queryset(self):
        return super().get_queryset().select_related("agency", "program", "window").prefetch_related("preferred_sites")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["extra_actions"] = [("capacity:window_list", _("Request windows"))]
        return context


class RequestDetailView(ObjectDetailView):
    model = TrainingRequest

    def get_queryset(self):
        return super().get_queryset().select_related("agency", "program", "window").prefetch_related("preferred_sites")


class RequestEditView(ObjectEditView):
    model = TrainingRequest
    form_class = TrainingRequestForm
    create_action = actions.submit_request
    update_action = actions.update_request


class RequestWithdrawView(ObjectActionView):
    model = TrainingRequest
    permission = "delete"
    action = actions.withdraw_request
    question = gettext_lazy("Withdraw %(object)s?")


class RunListView(ObjectListView):
    model = AllocationRun
    add_url_name = "capacity:run_add"
    columns = [
        Col(gettext_lazy("Run"), lambda r: f"#{r.pk}", link=True),
        Col(gettext_lazy("Fiscal year"), "fiscal_year", plain=True),
        Col(gettext_lazy("Status"), "status"),
        Col(gettext_lazy("Seats filled"), lambda r: r.summary.get("optimizer", {}).get("seats_filled", "")),
        Col(gettext_lazy("Service rate"), lambda r: _percent(r.summary.get("optimizer", {}).get("service_rate"))),
        Col(gettext_lazy("Optimizer ÷ first come"), lambda r: _ratio(r.summary.get("weighted_ratio"))),
        Col(gettext_lazy("Created"), "created_at"),
    ]


def _percent(value):
    from django.utils.formats import number_format

    return "" if value is None else f"{number_format(value * 100, 1)} %"


def _ratio(value):
    from django.utils.formats import number_format

    return "" if value is None else number_format(value, 3)


class RunDetailView(ObjectDetailView):
    model = AllocationRun

    def get_context_data(self, **kwargs):
        from django.db.models import Count, Sum

        from .reasons import REASONS

        context = super().get_context_data(**kwargs)
        run = self.object
        outcomes = RunOutcome.objects.restrict(self.request.user, "view").filter(run=run)
        context["reasons"] = [
            {"code": row["reason_code"], "label": REASONS.get(row["reason_code"], row["reason_code"]), "requests": row["n"], "seats": row["short"]}
            for row in outcomes.exclude(reason_code="").values("reason_code").annotate(n=Count("id"), short=Sum("seats_requested") - Sum("seats_allocated"))
        ]
        context["can_publish"] = run.status == AllocationRun.Status.DONE and may(self.request.user, "change", AllocationRun)
        context["other_runs"] = AllocationRun.objects.restrict(self.request.user, "view").filter(fiscal_year=run.fiscal_year).exclude(pk=run.pk)[:10]
        summary = run.summary or {}
        context["plan_sessions"] = _named(run.plan.get("sessions", []))
        context["plan_instructor_days"] = _sessions_named(run.plan.get("instructor_days", []))
        context["figures"] = _figures(summary)
        context["shares"] = _shares(summary)
        return context


def _sessions_named(candidates: list[dict]) -> list[dict]:
    """Instructor-day candidates with their session (program, site, dates) instead of its id."""
    sessions = Session.objects.select_related("program", "site").in_bulk({int(c["session_id"]) for c in candidates})
    return [{**c, "session": sessions.get(int(c["session_id"]))} for c in candidates]


def _named(candidates: list[dict]) -> list[dict]:
    """Planning candidates with program and site codes instead of ids."""
    from puente.catalog.models import Program

    programs = dict(Program.objects.filter(pk__in={c["program_id"] for c in candidates}).values_list("pk", "code"))
    sites = dict(Site.objects.filter(pk__in={c["site_id"] for c in candidates}).values_list("pk", "code"))
    return [{**c, "program": programs.get(int(c["program_id"]), ""), "site": sites.get(int(c["site_id"]), "")} for c in candidates]


def _figures(summary: dict) -> list[tuple]:
    """(label, optimizer, first come) rows for the run page."""
    if not summary:
        return []
    opt, base = summary["optimizer"], summary["first_come"]
    rows = [
        (_("Seats filled"), opt["seats_filled"], base["seats_filled"]),
        (_("Service rate"), _percent(opt["service_rate"]), _percent(base["service_rate"])),
        (_("Weighted fulfillment"), _percent(opt["weighted_fulfillment"]), _percent(base["weighted_fulfillment"])),
        (_("Critical-program service rate"), _percent(opt["critical_service_rate"]), _percent(base["critical_service_rate"])),
        (_("Agencies with their first critical seat"), _percent(opt["first_seat_coverage"]), _percent(base["first_seat_coverage"])),
        (_("Remote-region share of seats"), _percent(opt["remote_seat_share"]), _percent(base["remote_seat_share"])),
    ]
    return rows


def _shares(summary: dict) -> list[dict]:
    from .reasons import WEIGHT_CLASSES

    if not summary:
        return []
    opt = summary["optimizer"]["shares_by_class"]
    base = summary["first_come"]["shares_by_class"]
    return [
        {"label": label, "asked": _percent(opt[key]["asked_share"]), "optimizer": _percent(opt[key]["seat_share"]),
         "first_come": _percent(base[key]["seat_share"])}
        for key, label in WEIGHT_CLASSES.items() if key in opt
    ]


class RunStartView(GrantRequiredMixin, View):
    template_name = "capacity/run_form.html"
    grant_model = AllocationRun

    def get(self, request):
        return render(request, self.template_name, {"form": RunForm()})

    def post(self, request):
        form = RunForm(request.POST)
        if form.is_valid():
            try:
                run = actions.start_run(request.user, fiscal_year=form.cleaned_data["fiscal_year"], rules=form.rules())
            except ValidationError as exc:
                add_form_errors(form, exc)
            else:
                messages.success(request, _("The run is queued; its progress shows on the Jobs page."))
                return redirect(run.get_absolute_url())
        return render(request, self.template_name, {"form": form}, status=400)


class RunPublishView(ObjectActionView):
    model = AllocationRun
    action = actions.publish_run
    question = gettext_lazy("Publish %(object)s? Coordinators are notified of their seats.")


class RunCompareView(LoginRequiredMixin, View):
    """Two runs side by side: rules and figures."""

    def get(self, request):
        runs = AllocationRun.objects.restrict(request.user, "view")
        if not may(request.user, "view", AllocationRun):
            raise PermissionDenied
        first = get_object_or_404(runs, pk=request.GET.get("a") or 0)
        second = get_object_or_404(runs, pk=request.GET.get("b") or 0)
        rule_names = sorted(set(first.rules) | set(second.rules))
        return render(request, "capacity/run_compare.html", {
            "first": first, "second": second,
            "rules": [(name, first.rules.get(name), second.rules.get(name)) for name in rule_names],
            "figures": [
                (label, a_opt, b_opt)
                for (label, a_opt, _a), (_l, b_opt, _b) in zip(_figures(first.summary), _figures(second.summary))
            ],
        })


class OutcomeListView(ObjectListView):
    """Seats per request in published runs (coordinators: their agency's)."""

    model = RunOutcome
    template_name = "capacity/outcome_list.html"
    columns = [
        Col(gettext_lazy("Request"), lambda o: f"#{o.request_id}", link=True),
        Col(gettext_lazy("Run"), lambda o: f"FY{o.run.fiscal_year} #{o.run_id}"),
        Col(gettext_lazy("Agency"), "request.agency.name"),
        Col(gettext_lazy("Program"), "request.program.code"),
        Col(gettext_lazy("Seats requested"), "seats_requested"),
        Col(gettext_lazy("Seats allocated"), "seats_allocated"),
        Col(gettext_lazy("Why not more"), lambda o: o.reason_text),
    ]

    def get_queryset(self):
        queryset = super().get_queryset().select_related("run", "request__agency", "request__program")
        run = self.request.GET.get("run")
        return queryset.filter(run_id=run) if run and run.isdigit() else queryset


class ServiceReportView(LoginRequiredMixin, View):
    """Service rate by year and by program, domain, country, level, state or agency, with charts."""

    def get(self, request):
        from puente.core.exports import export_response
        from puente.core.imports import Column

        from . import reports

        if not may(request.user, "view", RunOutcome):
            raise PermissionDenied
        years = reports.published_years()
        year = _int(request.GET.get("year")) or (years[-1] if years else None)
        by = request.GET.get("by") if request.GET.get("by") in reports.BREAKDOWNS else "program"
        rows = reports.breakdown(request.user, year, by) if year else []
        label = reports.BREAKDOWNS[by]
        if request.GET.get("export") in ("csv", "xlsx"):
            columns = [Column("group", label), Column("requested", gettext_lazy("Seats requested")),
                       Column("filled", gettext_lazy("Seats filled")), Column("unmet", gettext_lazy("Unmet demand")),
                       Column("rate", gettext_lazy("Service rate"))]
            return export_response(rows, columns, lambda r: [r["group"], r["requested"], r["filled"], r["unmet"],
                                                             round(r["rate"], 4) if r["rate"] is not None else ""],
                                   request.GET["export"], f"service-rate-FY{year}-by-{by}")
        history = reports.by_year(request.user)
        top = rows[:20]
        return render(request, "capacity/service_report.html", {
            "year": year, "years": years, "by": by, "breakdowns": list(reports.BREAKDOWNS.items()),
            "label": label, "rows": rows, "totals": reports.totals(request.user, year) if year else None, "history": history,
            "demand_chart": {"type": "bar", "labels": [r["group"] for r in top], "datasets": [
                {"label": str(gettext_lazy("Seats requested")), "data": [r["requested"] for r in top]},
                {"label": str(gettext_lazy("Seats filled")), "data": [r["filled"] for r in top]}]},
            "rate_chart": {"type": "line", "percent": True, "labels": [f"FY{h['fiscal_year']}" for h in history], "datasets": [
                {"label": str(gettext_lazy("Service rate")), "data": [round(100 * h["rate"], 1) if h["rate"] is not None else None for h in history]},
                {"label": str(gettext_lazy("Mission-critical programs")), "data": [round(100 * h["critical_rate"], 1) if h["critical_rate"] is not None else None for h in history]}]},
        })


def _int(value):
    return int(value) if value and str(value).isdigit() else None


class RunWhatIfView(LoginRequiredMixin, View):
    """Add one planning candidate's session to a run's problem and solve again: predicted vs actual."""

    def post(self, request, pk):
        from .runs import try_extra_session

        run = get_object_or_404(AllocationRun.objects.restrict(request.user, "change"), pk=pk)
        try:
            numbers = {name: int(request.POST[name]) for name in ("program_id", "site_id", "month", "seats")}
        except (KeyError, ValueError):
            messages.error(request, _("Choose a proposed session to try."))
            return redirect(run.get_absolute_url())
        result = try_extra_session(run, **numbers)
        messages.success(request, _(
            "With that session: predicted gain %(predicted).1f, actual gain %(actual).1f weighted seats (%(seats)s more seats filled)."
        ) % {"predicted": result["predicted_gain"], "actual": result["actual_gain"], "seats": result["actual_seats_gain"]})
        return redirect(run.get_absolute_url())
