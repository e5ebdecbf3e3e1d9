import datetime

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from puente.core.services import may
from puente.core.views import Col, ObjectDetailView, ObjectEditView, ObjectListView, add_form_errors

from . import actions
from .estimator import SCANS_PER_SCANNER_HOUR
from .filters import AssignmentFilterSet, EstimateFilterSet, ObservationFilterSet, UnitFilterSet
from .forms import AssignmentForm, EstimateForm, MonthForm, UnitForm
from .imports import OBSERVATION_COLUMNS
from .models import Assignment, Estimate, Measure, Observation, Unit
from .panel import outcome_label
from .verdicts import headline, reasons

OBSERVATION_EXPORT = (
    OBSERVATION_COLUMNS,
    lambda o: [o.unit.code, f"{o.period:%Y-%m}", o.measure.code, o.value],
    "operational-indicators",
)


class UnitListView(ObjectListView):
    model = Unit
    filterset_class = UnitFilterSet
    add_url_name = "impact:unit_add"
    columns = [
        Col(gettext_lazy("Code"), "code", link=True),
        Col(gettext_lazy("Name"), "name"),
        Col(gettext_lazy("Agency"), "agency.name"),
        Col(gettext_lazy("Kind"), "kind"),
        Col(gettext_lazy("Active"), lambda u: _("yes") if u.is_active else _("no")),
    ]

    def get_queryset(self):
        return super().get_queryset().select_related("agency")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["extra_actions"] = [("impact:observation_list", _("Operational indicators")),
                                    ("impact:assignment_list", _("Unit assignments"))]
        return context


class UnitDetailView(ObjectDetailView):
    """A unit with a table of its last twelve recorded months, one column per measure."""

    model = Unit

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        unit = self.object
        measures = list(Measure.objects.all())
        values = {}
        for period, measure_id, value in unit.observations.values_list("period", "measure_id", "value"):
            values.setdefault(period, {})[measure_id] = value
        months = sorted(values, reverse=True)[:12]
        context.update(
            measures=measures,
            months=[(m, [values[m].get(measure.pk, "") for measure in measures]) for m in months],
            this_month=actions.this_month(),
            staff=unit.assignments.filter(end_date__isnull=True).count(),
        )
        return context


class UnitEditView(ObjectEditView):
    model = Unit
    form_class = UnitForm
    create_action = actions.create_unit
    update_action = actions.update_unit


class UnitMonthView(LoginRequiredMixin, View):
    """All measures of one unit for one month, in one form: blank removes a value."""

    template_name = "impact/unit_month.html"

    def setup_month(self, request, pk, year, month):
        self.unit = get_object_or_404(Unit.objects.restrict(request.user, "change"), pk=pk)
        try:
            self.period = datetime.date(year, month, 1)
        except ValueError:
            raise Http404 from None
        self.measures = list(Measure.objects.all())

    def render_form(self, form, status=200):
        return render(self.request, self.template_name, {"form": form, "unit": self.unit, "period": self.period, "rate": SCANS_PER_SCANNER_HOUR}, status=status)

    def get(self, request, pk, year, month):
        self.setup_month(request, pk, year, month)
        stored = actions.stored_month(self.unit, self.period)
        return self.render_form(MonthForm(measures=self.measures, initial=stored))

    def post(self, request, pk, year, month):
        self.setup_month(request, pk, year, month)
        form = MonthForm(request.POST, measures=self.measures)
        if form.is_valid():
            try:
                created, updated, removed = actions.record_month(request.user, self.unit, self.period, form.values())
            except ValidationError as exc:
                add_form_errors(form, exc)
            else:
                messages.success(request, _("Saved %(month)s for %(unit)s: %(created)s new, %(updated)s changed, %(removed)s removed.") % {
                    "month": f"{self.period:%Y-%m}", "unit": self.unit.code, "created": created, "updated": updated, "removed": removed})
                return redirect(self.unit.get_absolute_url())
        return self.render_form(form, status=400)


class ObservationListView(ObjectListView):
    model = Observation
    filterset_class = ObservationFilterSet
    export = OBSERVATION_EXPORT
    import_name = "operational-indicators"
    columns = [
        Col(gettext_lazy("Unit"), "unit.code", link=True),
        Col(gettext_lazy("Agency"), "unit.agency.name"),
        Col(gettext_lazy("Month"), lambda o: f"{o.period:%Y-%m}"),
        Col(gettext_lazy("Measure"), "measure.name"),
        Col(gettext_lazy("Value"), "value"),
    ]

    def get_queryset(self):
        return super().get_queryset().select_related("unit__agency", "measure")


class AssignmentListView(ObjectListView):
    model = Assignment
    filterset_class = AssignmentFilterSet
    add_url_name = "impact:assignment_add"
    import_name = "unit-assignments"
    columns = [
        Col(gettext_lazy("Officer"), "person", link=True),
        Col(gettext_lazy("Unit"), "unit.code"),
        Col(gettext_lazy("Agency"), "unit.agency.name"),
        Col(gettext_lazy("From"), "start_date"),
        Col(gettext_lazy("To"), lambda a: a.end_date or "—"),
    ]

    def get_queryset(self):
        return super().get_queryset().select_related("person", "unit__agency")


class AssignmentEditView(ObjectEditView):
    model = Assignment
    form_class = AssignmentForm
    create_action = actions.create_assignment
    update_action = actions.update_assignment


class ImpactView(LoginRequiredMixin, View):
    """Pick a program, an outcome and a threshold; the estimate runs as a job."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not may(request.user, "view", Estimate):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def render_page(self, form, status=200):
        estimates = Estimate.objects.restrict(self.request.user, "view").select_related("program")[:10]
        return render(self.request, "impact/impact.html", {
            "form": form if may(self.request.user, "add", Estimate) else None,
            "estimates": [(e, outcome_label(e.outcome)) for e in estimates],
        }, status=status)

    def get(self, request):
        return self.render_page(EstimateForm())

    def post(self, request):
        if not may(request.user, "add", Estimate):
            raise PermissionDenied
        form = EstimateForm(request.POST)
        if form.is_valid():
            try:
                estimate = actions.request_estimate(request.user, **form.cleaned_data)
            except ValidationError as exc:
                add_form_errors(form, exc)
            else:
                return redirect(estimate.get_absolute_url())
        return self.render_page(form, status=400)


class EstimateListView(ObjectListView):
    model = Estimate
    filterset_class = EstimateFilterSet
    columns = [
        Col(gettext_lazy("Estimate"), lambda e: f"#{e.pk}", link=True),
        Col(gettext_lazy("Program"), "program.code"),
        Col(gettext_lazy("Outcome"), lambda e: outcome_label(e.outcome)),
        Col(gettext_lazy("Training threshold"), "threshold"),
        Col(gettext_lazy("Status"), "status"),
        Col(gettext_lazy("Created"), "created"),
    ]

    def get_queryset(self):
        return super().get_queryset().select_related("program")


class EstimateDetailView(ObjectDetailView):
    model = Estimate

    def get_template_names(self):
        if self.request.headers.get("HX-Request"):
            return ["impact/_estimate_result.html"]
        return ["impact/estimate_detail.html"]

    def render_to_response(self, context, **kwargs):
        response = super().render_to_response(context, **kwargs)
        if self.request.headers.get("HX-Request") and self.object.status != Estimate.Status.QUEUED:
            response["HX-Refresh"] = "true"  # a whole page load draws the chart
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        estimate, result = self.object, self.object.result
        label = outcome_label(estimate.outcome)
        context.update(outcome_label=label, threshold_percent=round(100 * estimate.threshold))
        if estimate.status == Estimate.Status.DONE and result:
            study = [e for e in result["event_study"] if e["estimate"] is not None]
            context.update(
                headline=headline(result, label), reasons=reasons(result), conclusive=not result["verdict"]["reasons"],
                study=study,
                chart={"type": "line", "labels": [e["event"] for e in study], "datasets": [
                    {"label": _("Effect"), "data": [round(e["estimate"], 3) for e in study]},
                    {"label": _("Low end of the interval"), "data": [round(e["low"], 3) for e in study]},
                    {"label": _("High end of the interval"), "data": [round(e["high"], 3) for e in study]},
                ]},
            )
        return context
