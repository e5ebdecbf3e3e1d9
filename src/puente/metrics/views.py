"""The metrics dashboard and saved views (signed-in users; figures scoped to each reader)."""
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views import View

from puente.core.models import Job
from puente.core.services import may

from . import actions, dashboard, exports, registry, sources
from .models import SavedView


class DashboardAccessMixin(LoginRequiredMixin):
    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not may(request.user, "view", SavedView):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class DashboardView(DashboardAccessMixin, View):
    """Cards for every indicator, then the selected one by the drill-down level, over the years."""

    def get(self, request):
        state = dashboard.state_from(request.GET, request.user)
        data = dashboard.table(request.user, state) if state.year else {"rows": [], "by": None, "by_label": None, "total": None}
        context = {
            "state": state, "indicator": state.indicator, "name": registry.name(state.indicator),
            "description": registry.description(state.indicator), "data": data, "crumbs": dashboard.crumbs(state),
            "components": [state.indicator.component_label(c, get_language() or "en") for c in state.indicator.components],
        }
        fmt = request.GET.get("export")
        if fmt in exports.FORMATS and state.year:
            return exports.response(fmt, state, data, context)
        points = dashboard.trend(request.user, state)
        context.update(
            cards=dashboard.cards(request.user, state), trend=points, charts=dashboard.charts(state, data["rows"], points),
            query=state.query(), breakdowns=[(d, sources.DIMENSION_LABELS[d]) for d in state.indicator.breakdowns if d not in state.filters],
            can_save=may(request.user, "add", SavedView), **dashboard.options(request.user, state),
        )
        return render(request, "metrics/dashboard.html", context)


class SavedViewListView(DashboardAccessMixin, View):
    def get(self, request):
        views = SavedView.objects.restrict(request.user, "view").filter(owner=request.user)
        return render(request, "metrics/savedview_list.html", {"views": views})


class SaveViewView(DashboardAccessMixin, View):
    def post(self, request):
        query = request.POST.get("query", "")
        try:
            view = actions.save_view(request.user, request.POST.get("name", ""), query)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect(f"{reverse('metrics:dashboard')}?{query}")
        messages.success(request, _("Saved the view “%(name)s”.") % {"name": view.name})
        return redirect("metrics:saved_list")


class DeleteViewView(DashboardAccessMixin, View):
    def post(self, request, pk):
        view = get_object_or_404(SavedView.objects.restrict(request.user, "delete"), pk=pk)
        actions.delete_view(request.user, view)
        messages.success(request, _("Deleted the view “%(name)s”.") % {"name": view.name})
        return redirect("metrics:saved_list")


class PublicView(View):
    """Aggregated indicators for anyone, no sign-in; small cells are suppressed."""

    def get(self, request):
        from . import public

        year = dashboard.year(request.GET.get("year"))
        tables = [public.published_json(code, year) for code in public.tables()]
        return render(request, "metrics/public.html", {"tables": tables, "min_cell": public.min_cell()})


class ReportView(DashboardAccessMixin, View):
    """The annual report: produce it as a background job, follow its progress, download it."""

    def _jobs(self, user):
        return Job.objects.restrict(user, "view").filter(kind="metrics.annual_report", created_by=user).order_by("-created_at")[:20]

    def get(self, request):
        return render(request, "metrics/report_list.html", {
            "jobs": self._jobs(request.user), "can_run": may(request.user, "add", Job),
            "years": registry.all_years(registry.Scope(request.user)),
        })

    def post(self, request):
        from puente.core import jobs

        from .report import FORMATS, LANGUAGES

        if not may(request.user, "add", Job):
            raise PermissionDenied
        year, language, fmt = dashboard.year(request.POST.get("year")), request.POST.get("language"), request.POST.get("fmt")
        if year is None or language not in LANGUAGES or fmt not in FORMATS:
            messages.error(request, _("Choose a year, a language and a format."))
            return redirect("metrics:report")
        on = dashboard.day(request.POST.get("on"))
        if request.POST.get("on") and (on is None or on.year != year):
            messages.error(request, _("The reference day must be a date in the year of the report."))
            return redirect("metrics:report")
        params = {"year": year, "language": language, "fmt": fmt, "on": on.isoformat() if on else None}
        jobs.enqueue("metrics.annual_report", params, request.user)
        return redirect("metrics:report")


class ReportDownloadView(DashboardAccessMixin, View):
    def get(self, request, pk):
        from django.core.files.storage import default_storage

        from .jobs import report_name

        row = get_object_or_404(Job.objects.restrict(request.user, "view").filter(created_by=request.user),
                                pk=pk, kind="metrics.annual_report", state=Job.State.SUCCEEDED)
        params = row.params
        name = report_name(params["year"], params["language"], params["fmt"])
        content_type = "application/pdf" if params["fmt"] == "pdf" else "text/html; charset=utf-8"
        return FileResponse(default_storage.open(row.result["file"], "rb"), as_attachment=True, filename=name, content_type=content_type)
