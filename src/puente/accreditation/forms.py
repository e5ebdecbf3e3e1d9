from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from puente.accounts.models import User
from puente.accounts.roles import Role
from puente.core.forms import ScopedModelForm

from . import phases, uploads
from .models import THEMES, Cycle, Finding, OnsiteRecord, OutcomeResponse, OutcomeSurvey, Phase, Program, ProgramType, Recommendation

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class FrameworkImportForm(forms.Form):
    file = forms.FileField(label=_("Framework file (.yaml, .yml or .csv)"))
    code = forms.SlugField(label=_("Code (CSV only)"), required=False, help_text=_("For example LE-2024."))
    program_type = forms.ChoiceField(label=_("Program type (CSV only)"), choices=[("", "—"), *ProgramType.choices], required=False)
    edition = forms.CharField(label=_("Edition (CSV only)"), max_length=20, required=False)
    title_en = forms.CharField(label=_("Title in English (CSV only)"), max_length=200, required=False)
    title_es = forms.CharField(label=_("Title in Spanish (CSV only)"), max_length=200, required=False)
    tiers = forms.CharField(label=_("Tier codes, comma-separated (CSV only)"), max_length=200, required=False)

    def csv_fields(self) -> dict:
        data = self.cleaned_data
        return {
            "code": data["code"], "program_type": data["program_type"], "edition": data["edition"],
            "title_en": data["title_en"], "title_es": data["title_es"],
            "tiers": [tier.strip() for tier in data["tiers"].split(",") if tier.strip()],
        }


class ProgramForm(ScopedModelForm):
    class Meta:
        model = Program
        fields = ["code", "name_en", "name_es", "country", "sponsor", "started_on", "ended_on"]
        widgets = {"started_on": DATE, "ended_on": DATE}


class EnrollForm(ScopedModelForm):
    scoped_fields = {"program": "view", "agency": "view", "framework": "view"}

    class Meta:
        model = Cycle
        fields = ["program", "agency", "framework", "tier", "enrolled_on"]
        widgets = {"enrolled_on": DATE}
        help_texts = {"tier": _("One of the framework's tier codes.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = self.fields["agency"].queryset.filter(is_active=True).select_related("country")
        self.fields["enrolled_on"].initial = timezone.localdate()


class AdvanceForm(forms.Form):
    to_phase = forms.ChoiceField(label=_("Move to"), choices=Phase.choices)
    on = forms.DateField(label=_("Date"), widget=DATE, initial=timezone.localdate)
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class CloseForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=[(phases.WITHDRAWN, Phase.WITHDRAWN.label), (phases.REMOVED, Phase.REMOVED.label)])
    on = forms.DateField(label=_("Date"), widget=DATE, initial=timezone.localdate)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))


class AssignForm(forms.Form):
    assessor = forms.ModelChoiceField(label=_("Assessor"), queryset=User.objects.none())
    lead = forms.BooleanField(label=_("Team leader"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assessor"].queryset = User.objects.filter(is_active=True, role_assignments__role=Role.ASSESSOR).distinct().order_by("username")


class ProofForm(forms.Form):
    file = forms.FileField(
        label=_("File"), required=False,
        help_text=_("PDF, image (PNG, JPEG, GIF, TIFF) or office document (Word, Excel, PowerPoint, OpenDocument), at most 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(uploads.ALLOWED_SUFFIXES)}),
    )
    notes = forms.CharField(label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    submit = forms.BooleanField(label=_("Submit for review now"), required=False, initial=True)

    def clean(self):
        data = super().clean()
        if not data.get("file") and not (data.get("notes") or "").strip():
            raise forms.ValidationError(_("A proof needs a file or a note."))
        return data


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(label=_("Decision"), choices=[("accepted", _("Accept")), ("needs_revision", _("Needs revision"))], widget=forms.RadioSelect)
    comment = forms.CharField(label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class FindingsForm(forms.Form):
    """One result and note per due standard of the period."""

    def __init__(self, *args, standards, current: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.standards = standards
        choices = [("", _("— not yet —")), *Finding.Result.choices]
        for standard in standards:
            finding = current.get(standard.pk)
            self.fields[f"result_{standard.pk}"] = forms.ChoiceField(
                label=str(standard), choices=choices, required=False, initial=finding.result if finding else "")
            self.fields[f"note_{standard.pk}"] = forms.CharField(
                label=_("Note on %(code)s") % {"code": standard.code}, required=False, initial=finding.note if finding else "",
                widget=forms.TextInput)

    def rows(self):
        for standard in self.standards:
            yield standard, self[f"result_{standard.pk}"], self[f"note_{standard.pk}"]

    def results(self) -> dict:
        return {
            standard: (self.cleaned_data[f"result_{standard.pk}"], self.cleaned_data[f"note_{standard.pk}"])
            for standard in self.standards if self.cleaned_data.get(f"result_{standard.pk}")
        }


class RecommendationForm(forms.ModelForm):
    class Meta:
        model = Recommendation
        fields = ["verdict", "summary"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 3})}


class OnsiteForm(forms.ModelForm):
    class Meta:
        model = OnsiteRecord
        fields = ["kind", "held_on", "participants", "summary"]
        widgets = {"held_on": DATE, "summary": forms.Textarea(attrs={"rows": 3})}


class SurveyForm(ScopedModelForm):
    scoped_fields = {"program": "view"}
    accredited_only = forms.BooleanField(label=_("Only agencies that earned accreditation"), required=False, initial=True)

    class Meta:
        model = OutcomeSurvey
        fields = ["program", "title_en", "title_es", "opened_on", "closes_on"]
        widgets = {"opened_on": DATE, "closes_on": DATE}


class ResponseForm(forms.ModelForm):
    class Meta:
        model = OutcomeResponse
        fields = ["processes", "collaboration", "improvement", "pride", "community", "comment"]
        widgets = {"comment": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        scale = [(5, _("Strongly agree")), (4, _("Agree")), (3, _("Neither agree nor disagree")), (2, _("Disagree")), (1, _("Strongly disagree"))]
        for name, question in THEMES:
            self.fields[name] = forms.TypedChoiceField(label=question, choices=scale, coerce=int, widget=forms.RadioSelect,
                                                       initial=getattr(self.instance, name, None))
