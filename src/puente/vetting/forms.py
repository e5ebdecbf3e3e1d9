from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from puente.core.forms import ScopedModelForm

from .models import VettingCheck


class PersonByIdentifierField(forms.ModelChoiceField):
    """A person typed by national identifier, among the people the user may see."""

    widget = forms.TextInput

    def prepare_value(self, value):
        if hasattr(value, "national_id"):
            return value.national_id
        if isinstance(value, int):
            person = self.queryset.filter(pk=value).first()
            return person.national_id if person else ""
        return value

    def to_python(self, value):
        value = (value or "").strip().upper()
        if not value:
            return None
        matches = list(self.queryset.filter(national_id=value)[:2])
        if len(matches) != 1:
            raise ValidationError(
                _("No person you may see has the identifier %(id)s.") if not matches
                else _("Several people you may see have the identifier %(id)s."),
                code="invalid_choice", params={"id": value},
            )
        return matches[0]


DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class VettingCheckForm(ScopedModelForm):
    scoped_fields = {"person": "view"}

    class Meta:
        model = VettingCheck
        fields = ["person", "kind", "result", "checked_on", "valid_until", "issuing_center", "notes", "evidence"]
        field_classes = {"person": PersonByIdentifierField}
        labels = {"person": _("National identifier of the person")}
        widgets = {"checked_on": DATE, "valid_until": DATE, "notes": forms.Textarea(attrs={"rows": 4})}
