from django import forms
from django.utils.translation import gettext_lazy

from puente.catalog.models import AssessmentKind

from .models import Enrollment


class NominateForm(forms.Form):
    identifiers = forms.CharField(
        label=gettext_lazy("National identifiers of the officers, one per line"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=gettext_lazy("Each officer is checked on their own: active status, overlapping sessions, prerequisites and vetting."),
    )

    def identifier_list(self) -> list[str]:
        return self.cleaned_data["identifiers"].replace(",", "\n").splitlines()


class FillTermForm(forms.Form):
    """A term's proposals: which officers for which sessions, and how much each matters."""

    fiscal_year = forms.IntegerField(label=gettext_lazy("Fiscal year"), min_value=2000, max_value=2100)
    agency = forms.ModelChoiceField(label=gettext_lazy("Agency"), queryset=None)
    file = forms.FileField(
        label=gettext_lazy("Proposals (.csv or .xlsx)"),
        help_text=gettext_lazy("Columns: national_id, session (its number), value (higher is more important; default 1)."),
    )

    def __init__(self, *args, user=None, **kwargs):
        from puente.registry.models import Agency

        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = Agency.objects.restrict(user, "view")


class TransitionForm(forms.Form):
    status = forms.ChoiceField(label=gettext_lazy("New status"), choices=Enrollment.Status.choices)
    reason = forms.CharField(label=gettext_lazy("Reason"), max_length=300, required=False)


class AssessmentForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Assessment"), choices=AssessmentKind.choices)
    taken_on = forms.DateField(label=gettext_lazy("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    score = forms.DecimalField(label=gettext_lazy("Score"), min_value=0, max_value=100, decimal_places=1)
    pass_mark = forms.DecimalField(label=gettext_lazy("Pass mark"), min_value=0, max_value=100, decimal_places=1, initial=70)
