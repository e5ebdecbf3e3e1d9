"""The metrics dashboard and saved views (signed-in users; figures scoped to each reader)."""
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views import View

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
            can_save=may(request.user, "add", SavedView), **dashboard.options(request.user),
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

        tables = [public.published("people-trained"), public.published("service-rate", year=_year(request.GET.get("year")))]
        return render(request, "metrics/public.html", {"tables": [public.as_json(table) for table in tables], "min_cell": public.min_cell()})


class PublicIndexApi(View):
    def get(self, request):
        from . import public

        return JsonResponse({"tables": [
            {"table": code, "url": request.build_absolute_uri(reverse("public_api:table", args=[code]))} for code in public.TABLES
        ], "min_cell": public.min_cell()})


class PublicTableApi(View):
    def get(self, request, code):
        from . import public

        if code not in public.TABLES:
            raise Http404
        options = {"year": _year(request.GET.get("year"))} if code == "service-rate" else {}
        return JsonResponse(public.as_json(public.published(code, **options)))


def _year(value):
    return int(value) if value and value.isdigit() and len(value) == 4 else None
