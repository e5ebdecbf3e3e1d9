"""Survey pages: the officer's own surveys and the answer form."""
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View

from puente.core.views import RestrictedMixin

from . import actions
from .forms import AnswerForm
from .models import SatisfactionSurvey


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
        if survey.status == SatisfactionSurvey.Status.ANSWERED:
            return survey, _("You already answered this survey on %(day)s; answers cannot be changed.") % {"day": survey.answered_on.isoformat()}
        return survey, None

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
