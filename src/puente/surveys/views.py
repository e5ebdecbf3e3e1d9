"""Survey pages: the officer's own surveys and their form, anonymous results, and the agency's follow-ups."""
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views import View

from puente.core.exports import export_response, yes_no
from puente.core.imports import Column
from puente.core.views import Col, ObjectListView, RestrictedMixin, add_form_errors

from . import actions, results
from .filters import FollowUpFilterSet, FollowUpResultsFilterSet, ResultsFilterSet
from .forms import AnswerForm, FollowUpForm
from .models import FOLLOW_UP_LABELS, FOLLOW_UP_QUESTIONS, QUESTION_LABELS, FollowUpSurvey, SatisfactionSurvey, SessionSurvey


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
    """Results by fiscal year, program, domain, academy (or session), with charts and exports."""

    model = SessionSurvey
    filterset_class = ResultsFilterSet
    breakdowns = results.BREAKDOWNS
    questions = QUESTION_LABELS
    title = _lazy("Satisfaction")
    intro = _lazy("Responses are anonymous.")
    positive = _lazy("Share satisfied")
    positive_rule = _lazy("overall rating 4 or 5")
    filename = "satisfaction"

    def rows(self, user):
        return results.visible(user)

    def report(self, queryset, by):
        return results.report(queryset, by)

    def get(self, request):
        by = request.GET.get("by") if request.GET.get("by") in self.breakdowns else "program"
        filterset = self.filterset_class(request.GET or None, queryset=self.rows(request.user), request=request)
        data = self.report(filterset.qs, by)
        fmt = request.GET.get("export")
        if fmt in ("csv", "xlsx"):
            return export(data, fmt, self.questions, self.positive, f"{self.filename}-by-{by}")
        query = request.GET.copy()
        query.pop("export", None)
        shown = [r for r in data["rows"] if r.responses]  # hidden groups and groups nobody answered in have no share
        top = sorted(shown, key=lambda r: -r.responses)[:20]
        names = list(self.questions)
        return render(request, "surveys/results.html", {
            **data, "filter_form": filterset.form, "breakdowns": [(key, value[0]) for key, value in self.breakdowns.items()],
            "title": self.title, "intro": self.intro, "positive": self.positive, "positive_rule": self.positive_rule,
            "querystring": query.urlencode(), "questions": [self.questions[name] for name in names],
            "table": [(r, [r.means[name] if r.means else None for name in names]) for r in data["rows"]],
            "share_chart": {"type": "bar", "percent": True, "labels": [r.label for r in top], "datasets": [
                {"label": str(self.positive), "data": [round(100 * r.satisfied_share, 1) for r in top]},
                {"label": str(_("Response rate")), "data": [round(100 * r.response_rate, 1) for r in top]}]},
            "question_chart": None if not data["total"].responses else {
                "type": "bar", "horizontal": True, "labels": [str(self.questions[name]) for name in names],
                "datasets": [{"label": str(_("Mean rating (1–5)")), "data": [round(data["total"].means[name], 2) for name in names]}]},
        })


class FollowUpResultsView(ResultsView):
    """Level 3: whether trainings are used on the job, by program, year, domain or academy."""

    model = FollowUpSurvey
    filterset_class = FollowUpResultsFilterSet
    breakdowns = results.FOLLOW_UP_BREAKDOWNS
    questions = FOLLOW_UP_LABELS
    title = _lazy("Training follow-up")
    intro = _lazy("Three to six months after a completion, the officer's agency says whether the training is used on the job.")
    positive = _lazy("Share using the skills")
    positive_rule = _lazy("agree or strongly agree that the skills are used on the job")
    filename = "follow-up"

    def rows(self, user):
        return results.visible_follow_ups(user)

    def report(self, queryset, by):
        return results.follow_up_report(queryset, by)


def export(data: dict, fmt: str, questions: dict, positive, filename: str):
    """The report's rows and total as CSV or XLSX; hidden groups export no counts."""
    columns = [
        Column("group", data["label"]), Column("invited", _("Officers invited")), Column("responses", _("Responses")),
        Column("response_rate", _("Response rate")), Column("satisfied_share", positive),
        *[Column(name, _("Mean: %(question)s") % {"question": label}) for name, label in questions.items()],
        Column("suppressed", _("Suppressed (fewer than %(minimum)s responses)") % {"minimum": data["minimum"]}),
    ]

    def number(value, digits):
        return round(value, digits) if value is not None else ""

    def values(row) -> list:
        return [
            row.label, row.invited, "" if row.responses is None else row.responses, number(row.response_rate, 4),
            number(row.satisfied_share, 4), *[number(row.means[name], 2) if row.means else "" for name in questions],
            yes_no(row.suppressed),
        ]

    return export_response([*data["rows"], data["total"]], columns, values, fmt, filename)


class FollowUpList(ObjectListView):
    """Follow-ups of the agency's officers: the open ones to answer, and the rest."""

    model = FollowUpSurvey
    filterset_class = FollowUpFilterSet
    columns = [
        Col(_lazy("Officer"), "enrollment.person", link=True),
        Col(_lazy("Program"), "enrollment.session.program"),
        Col(_lazy("Training ended"), "enrollment.session.end_date"),
        Col(_lazy("Opens on"), "opens_on"),
        Col(_lazy("Closes on"), "closes_on"),
        Col(_lazy("Status"), "status"),
    ]

    def get_queryset(self):
        return super().get_queryset().select_related("enrollment__person", "enrollment__session__program")

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {"extra_actions": [("surveys:follow_up_results", _("Results"))]}


class FollowUpAnswer(RestrictedMixin, View):
    """One follow-up: its answers once given, or the form while it is open and the user may answer."""

    model = FollowUpSurvey

    def get_survey(self, pk, action="view"):
        return get_object_or_404(
            FollowUpSurvey.objects.restrict(self.request.user, action).select_related("enrollment__person", "enrollment__session__program"),
            pk=pk,
        )

    def render_page(self, survey, form, status=200):
        may_answer = FollowUpSurvey.objects.restrict(self.request.user, "change").filter(pk=survey.pk).exists()
        refused = actions.follow_up_refusal(survey)
        answers = [(label, getattr(survey, name)) for name, label in FOLLOW_UP_QUESTIONS]
        return render(self.request, "surveys/follow_up.html", {
            "survey": survey, "session": survey.enrollment.session, "form": form if may_answer and not refused else None,
            "refused": refused, "answers": answers if survey.status == FollowUpSurvey.Status.ANSWERED else None,
        }, status=status)

    def get(self, request, pk):
        return self.render_page(self.get_survey(pk), FollowUpForm())

    def post(self, request, pk):
        survey = self.get_survey(pk, "change")
        refused = actions.follow_up_refusal(survey)
        if refused:
            messages.error(request, refused)
            return redirect(survey.get_absolute_url())
        form = FollowUpForm(request.POST)
        if form.is_valid():
            try:
                actions.answer_follow_up(request.user, survey, form.ratings(), form.cleaned_data["comment"])
            except ValidationError as exc:
                add_form_errors(form, exc)
            else:
                messages.success(request, _("Thank you: the follow-up was recorded."))
                return redirect("surveys:follow_up_list")
        return self.render_page(survey, form, status=400)
