from django import forms
from django.utils.translation import gettext_lazy as _

from puente.core.forms import ScopedModelForm

from .models import LANGUAGE_CHOICES, AssessmentKind, Domain, Program, ThreatTag


class DomainForm(ScopedModelForm):
    class Meta:
        model = Domain
        fields = ["code", "name_en", "name_es"]


class ThreatTagForm(ScopedModelForm):
    class Meta:
        model = ThreatTag
        fields = ["code", "name_en", "name_es", "weight"]
        help_texts = {
            "weight": _(
                "Seat allocation ranks programs by the weight of their threats: a seat in a program "
                "tagged 4 counts four times a seat in an ordinary (1) program. Changing a weight changes "
                "who gets seats in the next allocation run."
            ),
        }


class ProgramForm(ScopedModelForm):
    scoped_fields = {"domain": "view", "threats": "view", "prerequisites": "view"}

    languages = forms.MultipleChoiceField(
        label=_("Languages offered"), choices=LANGUAGE_CHOICES, widget=forms.CheckboxSelectMultiple,
    )
    required_assessments = forms.MultipleChoiceField(
        label=_("Assessments required"), choices=AssessmentKind.choices, widget=forms.CheckboxSelectMultiple, required=False,
    )

    class Meta:
        model = Program
        fields = [
            "code", "title_en", "title_es", "description_en", "description_es", "domain", "threats",
            "mission_critical", "delivery_mode", "hours", "ce_credits", "prerequisites", "vetting_required",
            "min_class_size", "max_class_size", "languages", "min_attendance_percent", "required_assessments", "max_attempts",
        ]
        widgets = {
            "description_en": forms.Textarea(attrs={"rows": 4}),
            "description_es": forms.Textarea(attrs={"rows": 4}),
            "threats": forms.SelectMultiple(attrs={"size": 8}),
            "prerequisites": forms.SelectMultiple(attrs={"size": 10}),
        }
        help_texts = {
            "threats": _("The threats this program prepares officers for; their weights rank it in allocation."),
            "prerequisites": _("Programs an officer must have completed before being nominated to this one."),
            "vetting_required": _("Only officers with a valid vetting result may be nominated (joint U.S.–Mexico courses)."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # A program is never its own prerequisite; chains that come back are refused on saving.
            self.fields["prerequisites"].queryset = self.fields["prerequisites"].queryset.exclude(pk=self.instance.pk)
        # The completion rule has sensible defaults; a form that leaves it out keeps them.
        for name in ("min_attendance_percent", "max_attempts"):
            self.fields[name].required = False

    def _default_if_empty(self, name):
        value = self.cleaned_data.get(name)
        return Program._meta.get_field(name).default if value is None else value

    def clean_min_attendance_percent(self):
        return self._default_if_empty("min_attendance_percent")

    def clean_max_attempts(self):
        return self._default_if_empty("max_attempts")
