"""Survey forms: ratings on a 1–5 scale and an optional comment."""
from django import forms
from django.utils.translation import gettext_lazy as _

from .models import FOLLOW_UP_QUESTIONS, QUESTIONS


class RatingForm(forms.Form):
    """One radio group per question, then the comment."""

    questions = ()
    choices = ()
    comment = forms.CharField(
        label=_("Anything else you want to tell us? (optional)"), required=False, max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        ratings = {
            name: forms.TypedChoiceField(
                label=question, choices=self.choices, coerce=int, widget=forms.RadioSelect,
                error_messages={"required": _("Please choose a rating from 1 to 5.")},
            )
            for name, question in self.questions
        }
        self.fields = {**ratings, **self.fields}

    def ratings(self) -> dict:
        return {name: self.cleaned_data[name] for name, _question in self.questions}


class AnswerForm(RatingForm):
    """The officer's satisfaction survey."""

    questions = QUESTIONS
    choices = [(1, _("1 · very poor")), (2, _("2 · poor")), (3, _("3 · fair")), (4, _("4 · good")), (5, _("5 · excellent"))]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["comment"].help_text = _("Shown to program staff without your name. Please do not name yourself or others.")


class FollowUpForm(RatingForm):
    """The agency's follow-up on an officer's training (level 3)."""

    questions = FOLLOW_UP_QUESTIONS
    choices = [(1, _("1 · strongly disagree")), (2, _("2 · disagree")), (3, _("3 · neither")), (4, _("4 · agree")),
               (5, _("5 · strongly agree"))]
