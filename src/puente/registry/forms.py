from django import forms

from puente.core.forms import ScopedModelForm

from .models import Agency, Jurisdiction, Person


class JurisdictionForm(ScopedModelForm):
    class Meta:
        model = Jurisdiction
        fields = ["country", "kind", "name", "code", "parent", "border_region"]


class AgencyForm(ScopedModelForm):
    class Meta:
        model = Agency
        fields = ["code", "name", "acronym", "country", "jurisdiction", "level", "kind", "border_region", "remote"]


class PersonForm(ScopedModelForm):
    scoped_fields = {"agency": "view"}

    class Meta:
        model = Person
        fields = ["agency", "given_names", "family_names", "rank", "status", "hire_date", "national_id", "email"]
        widgets = {"hire_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}
