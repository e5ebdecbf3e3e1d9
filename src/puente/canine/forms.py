from django import forms
from django.utils.translation import gettext_lazy as _

from puente.core.forms import ScopedModelForm
from puente.vetting.forms import PersonByIdentifierField

from .models import Dog, Odor, OdorCertification, Team, TrainingEntry

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class OdorForm(ScopedModelForm):
    class Meta:
        model = Odor
        fields = ["code", "name_en", "name_es", "validity_months", "is_active"]


class DogForm(ScopedModelForm):
    scoped_fields = {"agency": "view"}

    class Meta:
        model = Dog
        fields = ["code", "name", "breed", "birth_date", "agency", "status"]
        widgets = {"birth_date": DATE}


class TeamForm(ScopedModelForm):
    scoped_fields = {"handler": "view", "dog": "change"}

    class Meta:
        model = Team
        fields = ["dog", "handler", "formed_on", "ended_on"]
        field_classes = {"handler": PersonByIdentifierField}
        labels = {"handler": _("National identifier of the handler")}
        widgets = {"formed_on": DATE, "ended_on": DATE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["dog"].queryset = self.fields["dog"].queryset.exclude(status__in=[Dog.Status.RETIRED, Dog.Status.DECEASED])


class CertificationForm(ScopedModelForm):
    scoped_fields = {"team": "change"}

    class Meta:
        model = OdorCertification
        fields = ["team", "odor", "certified_on", "expires_on", "evaluator", "notes"]
        widgets = {"certified_on": DATE, "expires_on": DATE, "notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = self.fields["team"].queryset.filter(ended_on__isnull=True).select_related("dog", "handler")
        self.fields["odor"].queryset = Odor.objects.filter(is_active=True)


class TrainingEntryForm(ScopedModelForm):
    scoped_fields = {"team": "view"}

    class Meta:
        model = TrainingEntry
        fields = ["team", "date", "exercise", "odor", "result", "minutes", "notes"]
        widgets = {"date": DATE, "notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = self.fields["team"].queryset.filter(ended_on__isnull=True).select_related("dog", "handler")
        self.fields["odor"].queryset = Odor.objects.filter(is_active=True)
