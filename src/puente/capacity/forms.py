from django import forms
from django.utils.translation import gettext_lazy as _

from puente.catalog.models import Program, ThreatTag
from puente.core.forms import ScopedModelForm

from .models import LANGUAGE_CHOICES, Instructor, RequestWindow, Room, Session, Site, TrainingRequest

MONTH_CHOICES = [
    (1, _("January")), (2, _("February")), (3, _("March")), (4, _("April")), (5, _("May")), (6, _("June")),
    (7, _("July")), (8, _("August")), (9, _("September")), (10, _("October")), (11, _("November")), (12, _("December")),
]
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class SiteForm(ScopedModelForm):
    class Meta:
        model = Site
        fields = ["code", "name", "kind", "agency", "country", "jurisdiction", "is_active"]


class RoomForm(ScopedModelForm):
    class Meta:
        model = Room
        fields = ["site", "name", "kind", "capacity"]


class InstructorForm(ScopedModelForm):
    scoped_fields = {"person": "view"}

    class Meta:
        model = Instructor
        fields = ["person", "programs", "home_site", "days_per_year", "is_active"]


class AbsenceForm(forms.Form):
    start_date = forms.DateField(label=_("From"), widget=DATE)
    end_date = forms.DateField(label=_("To"), widget=DATE)
    reason = forms.CharField(label=_("Reason"), max_length=200, required=False)


class SessionForm(ScopedModelForm):
    class Meta:
        model = Session
        fields = ["program", "site", "room", "start_date", "end_date", "seats", "language", "instructors", "status"]
        widgets = {"start_date": DATE, "end_date": DATE}


class TermPlanForm(forms.Form):
    """Plan a run of sessions of one program at one site."""

    program = forms.ModelChoiceField(label=_("Program"), queryset=None)
    site = forms.ModelChoiceField(label=_("Site"), queryset=None)
    room = forms.ModelChoiceField(label=_("Room"), queryset=None, required=False)
    first_start = forms.DateField(label=_("First start date"), widget=DATE)
    days = forms.IntegerField(label=_("Days per session"), min_value=1, max_value=120, initial=5)
    every_weeks = forms.IntegerField(label=_("Repeat every (weeks)"), min_value=1, max_value=26, initial=2)
    count = forms.IntegerField(label=_("Number of sessions"), min_value=1, max_value=52, initial=4)
    seats = forms.IntegerField(label=_("Seats per session"), min_value=1)
    language = forms.ChoiceField(label=_("Language"), choices=LANGUAGE_CHOICES)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["program"].queryset = Program.objects.restrict(user, "view").filter(status=Program.Status.ACTIVE)
        self.fields["site"].queryset = Site.objects.restrict(user, "view").filter(is_active=True)
        self.fields["room"].queryset = Room.objects.restrict(user, "view").select_related("site")


class RequestWindowForm(ScopedModelForm):
    class Meta:
        model = RequestWindow
        fields = ["fiscal_year", "opens_on", "closes_on"]
        widgets = {"opens_on": DATE, "closes_on": DATE}


class TrainingRequestForm(ScopedModelForm):
    """Coordinators see their own agencies; only program managers see the priority field."""

    scoped_fields = {"agency": "view"}
    preferred_months = forms.TypedMultipleChoiceField(
        label=_("Preferred months"), choices=MONTH_CHOICES, coerce=int, required=False,
        widget=forms.CheckboxSelectMultiple, help_text=_("None ticked: any month."),
    )

    class Meta:
        model = TrainingRequest
        fields = ["window", "agency", "program", "seats", "preferred_months", "preferred_sites", "justification", "priority"]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        from puente.accounts.roles import Role
        from puente.accounts.scoping import holds

        self.fields["window"].queryset = RequestWindow.objects.filter(status=RequestWindow.Status.OPEN)
        self.fields["program"].queryset = Program.objects.filter(status=Program.Status.ACTIVE)
        if not holds(user, Role.PROGRAM_MANAGER):
            del self.fields["priority"]


class RunForm(forms.Form):
    """A new allocation run: the fiscal year and the weighting and fairness rules it uses."""

    fiscal_year = forms.TypedChoiceField(label=_("Fiscal year"), coerce=int, choices=())
    critical_factor = forms.FloatField(label=_("Mission-critical factor"), initial=2.0, min_value=0.01)
    border_factor = forms.FloatField(label=_("Border-region factor"), initial=1.5, min_value=0.01)
    remote_factor = forms.FloatField(label=_("Remote-region factor"), initial=1.25, min_value=0.01)
    underserved_factor = forms.FloatField(
        label=_("Under-served factor"), initial=1.25, min_value=0.01,
        help_text=_("For agencies that got under a quarter of what they asked for in last year's published run."),
    )
    first_seat_fairness = forms.BooleanField(
        label=_("Every agency first gets one seat in each critical program it asked for"), initial=True, required=False
    )
    max_share = forms.FloatField(
        label=_("Largest share of a program's seats for one agency"), initial=0.25, min_value=0.01, max_value=1,
        required=False, help_text=_("Empty: no cap. The share must leave an agency at least one seat in every program asked for: 0.25 needs four seats."),
    )

    THREAT_PREFIX = "threat_"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["fiscal_year"].choices = [(w.fiscal_year, w.fiscal_year) for w in RequestWindow.objects.all()]
        # One optional weight per threat: a run may value a threat differently from the catalog
        # (a surge in one corridor) without changing the catalog for every later run.
        for tag in ThreatTag.objects.all():
            self.fields[self.THREAT_PREFIX + tag.code] = forms.FloatField(
                label=_("Threat weight: %(threat)s") % {"threat": tag.name}, required=False, min_value=0.01,
                help_text=_("Empty: the catalog's weight, %(weight)s.") % {"weight": f"{tag.weight:g}"},
            )

    def rules(self) -> dict:
        rules, threat_weights = {}, {}
        for name, value in self.cleaned_data.items():
            if name.startswith(self.THREAT_PREFIX):
                if value is not None:
                    threat_weights[name.removeprefix(self.THREAT_PREFIX)] = value
            elif name != "fiscal_year":
                rules[name] = value
        return rules | ({"threat_weights": threat_weights} if threat_weights else {})
