from django import forms
from django.utils.translation import gettext_lazy as _

from puente.catalog.models import Program
from puente.registry.models import Agency, Person
from puente.vetting.forms import PersonByIdentifierField

from .models import ActivityLink


class CredentialForm(forms.Form):
    provider = forms.CharField(label=_("Content provider"), max_length=120,
                               help_text=_("Who runs the e-learning content, e.g. the academy's learning platform."))
    agency = forms.ModelChoiceField(label=_("Agency"), queryset=Agency.objects.none())
    agency_read = forms.BooleanField(
        label=_("May read every statement of the agency"), required=False,
        help_text=_("Unticked: the credential reads only the statements it sent."),
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = Agency.objects.restrict(user, "view")


class ActivityLinkForm(forms.ModelForm):
    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["program"].queryset = Program.objects.restrict(user, "view").filter(
            delivery_mode__in=(Program.DeliveryMode.E_LEARNING, Program.DeliveryMode.BLENDED), status=Program.Status.ACTIVE)

    class Meta:
        model = ActivityLink
        fields = ["activity_iri", "program"]
        help_texts = {
            "activity_iri": _("The activity id the content sends in its statements, e.g. https://lms.example.org/courses/cites-101."),
            "program": _("E-learning and blended programs only. Completed, passed and failed statements land on the officer's transcript."),
        }


class ResolveForm(forms.Form):
    person = PersonByIdentifierField(label=_("National identifier of the person"), queryset=Person.objects.none())

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = Person.objects.restrict(user, "view")
