from django import forms
from django.utils.translation import gettext_lazy as _

from puente.catalog.models import Program
from puente.core.forms import ScopedModelForm
from puente.registry.models import Person

from .models import Assignment, Estimate, Measure, Unit

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class UnitForm(ScopedModelForm):
    scoped_fields = {"agency": "view"}

    class Meta:
        model = Unit
        fields = ["code", "name", "agency", "kind", "jurisdiction", "is_active"]


class AssignmentForm(ScopedModelForm):
    """The officer is named by national identifier: an agency may have hundreds of thousands."""

    scoped_fields = {"unit": "change"}
    national_id = forms.CharField(label=_("Officer's national identifier"), max_length=30)

    class Meta:
        model = Assignment
        fields = ["national_id", "unit", "start_date", "end_date"]
        widgets = {"start_date": DATE, "end_date": DATE}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.user = user
        if self.instance.pk:
            self.initial["national_id"] = self.instance.person.national_id

    def clean(self):
        data = super().clean()
        unit, national_id = data.get("unit"), (data.pop("national_id", "") or "").strip()
        if unit and national_id:
            person = Person.objects.restrict(self.user, "view").filter(agency=unit.agency, national_id=national_id).first()
            if person is None:
                self.add_error("national_id", _("No officer of %(agency)s has this identifier.") % {"agency": unit.agency})
            else:
                data["person"] = person
        return data


class MonthForm(forms.Form):
    """One whole-number field per measure for one unit and month; a blank field is not recorded."""

    def __init__(self, *args, measures, **kwargs):
        super().__init__(*args, **kwargs)
        self.measures = list(measures)
        for measure in self.measures:
            self.fields[measure.code] = forms.IntegerField(label=measure.name, required=False, min_value=0)

    def values(self) -> dict[Measure, int | None]:
        return {m: self.cleaned_data.get(m.code) for m in self.measures}


class EstimateForm(forms.Form):
    program = forms.ModelChoiceField(label=_("Program"), queryset=Program.objects.all())
    outcome = forms.ChoiceField(label=_("Outcome measure"))
    threshold = forms.DecimalField(
        label=_("Training threshold"), min_value=0.05, max_value=1, decimal_places=2, initial=0.5,
        help_text=Estimate._meta.get_field("threshold").help_text,
    )

    def __init__(self, *args, **kwargs):
        from .panel import outcome_choices

        super().__init__(*args, **kwargs)
        self.fields["outcome"].choices = outcome_choices()
