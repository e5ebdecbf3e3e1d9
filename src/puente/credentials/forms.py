from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from puente.catalog.models import Program
from puente.core.forms import ScopedModelForm
from puente.registry.models import Agency, Person
from puente.vetting.forms import DATE, PersonByIdentifierField
from puente.vetting.models import VettingCheck

from .models import Component, CredentialType, Evaluation


class CredentialTypeForm(forms.ModelForm):
    levels = forms.MultipleChoiceField(
        label=_("Agency levels"), choices=Agency.Level.choices, required=False, widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked: every level."),
    )

    class Meta:
        model = CredentialType
        fields = ["code", "name_en", "name_es", "description_en", "description_es", "country", "levels", "validity_months",
                  "renewal_window_months", "is_active"]
        widgets = {"description_en": forms.Textarea(attrs={"rows": 3}), "description_es": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)  # the user is not needed: types are not scoped


class ComponentForm(forms.Form):
    """One row of a type's components; a row without a kind is left out."""

    kind = forms.ChoiceField(label=_("Kind"), choices=[("", "—")] + Component.Kind.choices, required=False)
    evaluation_kind = forms.ChoiceField(label=_("Evaluation"), choices=[("", "—")] + Evaluation.Kind.choices, required=False)
    program = forms.ModelChoiceField(label=_("Program"), queryset=Program.objects.all(), required=False)
    vetting_kind = forms.ChoiceField(label=_("Vetting check"), choices=[("", "—")] + VettingCheck.Kind.choices, required=False)
    validity_months = forms.IntegerField(label=_("Validity (months)"), min_value=1, required=False)


ComponentFormSet = forms.formset_factory(ComponentForm, extra=2)


def component_rows(formset) -> list[dict]:
    return [form.cleaned_data for form in formset.forms if form.cleaned_data.get("kind")]


class TypeImportForm(forms.Form):
    file = forms.FileField(label=_("File (.yaml, .yml or .json)"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".yaml", ".yml", ".json")):
            raise forms.ValidationError(_("Only .yaml, .yml and .json files can be imported."))
        if upload.size > 1024 * 1024:
            raise forms.ValidationError(_("The file is larger than 1 MB."))
        return upload


class EvaluationForm(ScopedModelForm):
    scoped_fields = {"person": "view"}

    class Meta:
        model = Evaluation
        fields = ["person", "kind", "evaluated_on", "result", "score", "evaluator", "notes", "evidence"]
        field_classes = {"person": PersonByIdentifierField}
        labels = {"person": _("National identifier of the person")}
        widgets = {"evaluated_on": DATE, "notes": forms.Textarea(attrs={"rows": 3})}


class IssueForm(forms.Form):
    credential_type = forms.ModelChoiceField(label=_("Credential type"), queryset=CredentialType.objects.filter(is_active=True))
    person = PersonByIdentifierField(label=_("National identifier of the holder"), queryset=Person.objects.none())
    issued_on = forms.DateField(label=_("Issue date"), widget=DATE, required=False, help_text=_("Empty: today."))

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = Person.objects.restrict(user, "view")


class DateForm(forms.Form):
    issued_on = forms.DateField(label=_("Renewal date"), widget=DATE, required=False, help_text=_("Empty: today."))


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=300)
    on_date = forms.DateField(label=_("Date"), widget=DATE, required=False, help_text=_("Empty: today."))


class RenewalForm(forms.Form):
    credential_type = forms.ModelChoiceField(label=_("Credential type"), queryset=CredentialType.objects.filter(is_active=True),
                                             required=False, empty_label=None)
    agency = forms.ModelChoiceField(label=_("Agency"), queryset=Agency.objects.none(), required=False)
    months = forms.IntegerField(label=_("Falling due within (months)"), min_value=1, max_value=24, initial=6, required=False)
    state = forms.ChoiceField(label=_("Show"), required=False, choices=[
        ("due", _("Everyone due")), ("expiring", _("Still valid, falling due")), ("lapsed", _("Not valid today")),
    ])

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = Agency.objects.restrict(user, "view")


class CoverageForm(forms.Form):
    credential_type = forms.ModelChoiceField(label=_("Credential type"), queryset=CredentialType.objects.all(), required=False,
                                             empty_label=None)
    on_date = forms.DateField(label=_("On"), widget=DATE, required=False)
    by = forms.ChoiceField(label=_("Break down by"), required=False, choices=[
        ("level", _("Level")), ("state", _("State")), ("agency", _("Agency")), ("country", _("Country")),
    ])

    def clean_on_date(self):
        return self.cleaned_data.get("on_date") or timezone.localdate()

