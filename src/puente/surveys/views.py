"""Survey pages: the officer's own surveys, the answer form and the anonymous results."""
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View

from puente.core.exports import export_response, yes_no
from puente.core.imports import Column
from puente.core.views import RestrictedMixin

from . import actions, results
from .filters import ResultsFilterSet
from .forms import AnswerForm
from .models import QUESTION_LABELS, RATINGS, SatisfactionSurvey, SessionSurvey


def own_surveys(user):
    """The user's own surveys (as the officer who took the training)."""
    return (
        SatisfactionSurvey.objects.restrict(user, "view")
        .filter(enrollment__person__account=user)
        .select_related("enrollment__session__program", "enrollment__session__site")
    )


class MySurveys(RestrictedMixin, View):
    """Pending surveys first, then the ones already answered."""

    model = SatisfactionSurvey

    def get(self, request):
        surveys = list(own_surveys(request.user))
        return render(request, "surveys/mine.html", {
            "pending": [s for s in surveys if s.status == SatisfactionSurvey.Status.PENDING],
            "answered": [s for s in surveys if s.status == SatisfactionSurvey.Status.ANSWERED],
        })


class AnswerSurvey(RestrictedMixin, View):
    """The survey form; only the enrollment's own officer reaches it, and only once."""

    model = SatisfactionSurvey
    action = "change"

    def get_survey(self, pk):
        survey = get_object_or_404(own_surveys(self.request.user), pk=pk)
        return survey, actions.answered_already(survey)

    def render_form(self, survey, form, status=200):
        return render(self.request, "surveys/answer.html", {"survey": survey, "session": survey.enrollment.session, "form": form}, status=status)

    def get(self, request, pk):
        survey, refused = self.get_survey(pk)
        if refused:
            messages.info(request, refused)
            return redirect("surveys:mine")
        return self.render_form(survey, AnswerForm())

    def post(self, request, pk):
        survey, refused = self.get_survey(pk)
        if refused:
            messages.error(request, refused)
            return redirect("surveys:mine")
        form = AnswerForm(request.POST)
        if form.is_valid():
            try:
                actions.answer_survey(request.user, survey, form.ratings(), form.cleaned_data["comment"])
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
            else:
                messages.success(request, _("Thank you: your answers were recorded without your name."))
            return redirect("surveys:mine")
        return self.render_form(survey, form, status=400)


class ResultsView(RestrictedMixin, View):
    """Anonymous results by fiscal year, program, domain, academy or session, with charts and exports."""

    model = SessionSurvey

    def get(self, request):
        by = request.GET.get("by") if request.GET.get("by") in results.BREAKDOWNS else "program"
        filterset = ResultsFilterSet(request.GET or None, queryset=results.visible(request.user), request=request)
        data = results.report(filterset.qs, by)
        fmt = request.GET.get("export")
        if fmt in ("csv", "xlsx"):
            return export(data, fmt)
        query = request.GET.copy()
        query.pop("export", None)
        shown = [r for r in data["rows"] if r.responses]  # hidden groups and groups nobody answered in have no share
        top = sorted(shown, key=lambda r: -r.responses)[:20]
        return render(request, "surveys/results.html", {
            **data, "filter_form": filterset.form, "breakdowns": [(key, value[0]) for key, value in results.BREAKDOWNS.items()],
            "querystring": query.urlencode(), "questions": [(name, QUESTION_LABELS[name]) for name in RATINGS],
            "table": [(r, [r.means[name] if r.means else None for name in RATINGS]) for r in data["rows"]],
            "share_chart": {"type": "bar", "percent": True, "labels": [r.label for r in top], "datasets": [
                {"label": str(_("Share satisfied")), "data": [round(100 * r.satisfied_share, 1) for r in top]},
                {"label": str(_("Response rate")), "data": [round(100 * r.response_rate, 1) for r in top]}]},
            "question_chart": None if not data["total"].responses else {
                "type": "bar", "horizontal": True, "labels": [str(QUESTION_LABELS[name]) for name in RATINGS],
                "datasets": [{"label": str(_("Mean rating (1–5)")), "data": [round(data["total"].means[name], 2) for name in RATINGS]}]},
        })


def export_columns(label):
    return [
        Column("group", label), Column("invited", _("Officers invited")), Column("responses", _("Responses")),
        Column("response_rate", _("Response rate")), Column("satisfied_share", _("Share satisfied")),
        *[Column(name, _("Mean: %(question)s") % {"question": QUESTION_LABELS[name]}) for name in RATINGS],
        Column("suppressed", _("Suppressed (fewer than %(minimum)s responses)") % {"minimum": results.minimum_responses()}),
    ]


def export_values(row) -> list:
    def number(value, digits):
        return round(value, digits) if value is not None else ""

    return [
        row.label, row.invited, "" if row.responses is None else row.responses, number(row.response_rate, 4),
        number(row.satisfied_share, 4), *[number(row.means[name], 2) if row.means else "" for name in RATINGS], yes_no(row.suppressed),
    ]


def export(data: dict, fmt: str):
    return export_response([*data["rows"], data["total"]], export_columns(data["label"]), export_values, fmt, f"satisfaction-by-{data['by']}")
