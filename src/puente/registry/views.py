from django.utils.translation import gettext_lazy as _

from puente.core.services import may
from puente.core.views import Col, ObjectActionView, ObjectDetailView, ObjectEditView, ObjectListView

from . import actions
from .exports import AGENCY_EXPORT, PERSON_EXPORT
from .filters import AgencyFilterSet, JurisdictionFilterSet, PersonFilterSet
from .forms import AgencyForm, JurisdictionForm, PersonForm
from .models import Agency, Jurisdiction, Person


class JurisdictionListView(ObjectListView):
    model = Jurisdiction
    filterset_class = JurisdictionFilterSet
    add_url_name = "registry:jurisdiction_add"
    columns = [
        Col(_("Name"), "name", link=True),
        Col(_("Kind"), "kind"),
        Col(_("Code"), "code"),
        Col(_("Country"), "country.name"),
        Col(_("Part of"), "parent.name"),
    ]

    def get_queryset(self):
        return super().get_queryset().select_related("country", "parent")


class JurisdictionDetailView(ObjectDetailView):
    model = Jurisdiction


class JurisdictionEditView(ObjectEditView):
    model = Jurisdiction
    form_class = JurisdictionForm
    create_action = actions.create_jurisdiction
    update_action = actions.update_jurisdiction


class AgencyListView(ObjectListView):
    model = Agency
    filterset_class = AgencyFilterSet
    export = AGENCY_EXPORT
    import_name = "agencies"
    add_url_name = "registry:agency_add"
    columns = [
        Col(_("Name"), "name", link=True),
        Col(_("Code"), "code"),
        Col(_("Acronym"), "acronym"),
        Col(_("Country"), "country.name"),
        Col(_("Jurisdiction"), "jurisdiction.name"),
        Col(_("Level"), "level"),
        Col(_("Kind"), "kind"),
        Col(_("Border region"), "border_region"),
        Col(_("Active"), "is_active"),
    ]

    def get_queryset(self):
        return super().get_queryset().select_related("country", "jurisdiction")


class AgencyDetailView(ObjectDetailView):
    model = Agency

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        people = Person.objects.restrict(self.request.user, "view").filter(agency=self.object)
        context["people_count"] = people.count()
        context["people"] = people[:25]
        return context


class AgencyEditView(ObjectEditView):
    model = Agency
    form_class = AgencyForm
    create_action = actions.create_agency
    update_action = actions.update_agency


class AgencyDeactivateView(ObjectActionView):
    model = Agency
    permission = "delete"
    action = actions.deactivate_agency
    question = _("Deactivate %(object)s? Its people and records are kept.")


class AgencyReactivateView(ObjectActionView):
    model = Agency
    permission = "delete"
    action = actions.reactivate_agency
    question = _("Reactivate %(object)s?")


class PersonListView(ObjectListView):
    model = Person
    filterset_class = PersonFilterSet
    export = PERSON_EXPORT
    import_name = "people"
    add_url_name = "registry:person_add"
    columns = [
        Col(_("Name"), "full_name", link=True),
        Col(_("National identifier"), "national_id"),
        Col(_("Agency"), "agency.name"),
        Col(_("Rank"), "rank"),
        Col(_("Status"), "status"),
        Col(_("Hire date"), "hire_date"),
    ]

    def get_queryset(self):
        return super().get_queryset().select_related("agency")


class PersonDetailView(ObjectDetailView):
    model = Person

    def get_context_data(self, **kwargs):
        from puente.vetting.services import status_for

        context = super().get_context_data(**kwargs)
        # Everyone who may see the person sees whether their vetting is valid, never its details.
        context["valid"], context["until"] = status_for(self.object)
        # Links to the person's record in other areas, for those who may read them.
        from puente.credentials.models import IssuedCredential
        from puente.records.models import TrainingRecord

        user = self.request.user
        context["can_see_transcript"] = may(user, "view", TrainingRecord)
        context["can_see_credentials"] = may(user, "view", IssuedCredential)
        return context


class PersonEditView(ObjectEditView):
    model = Person
    form_class = PersonForm
    create_action = actions.create_person
    update_action = actions.update_person


class PersonDeactivateView(ObjectActionView):
    model = Person
    permission = "delete"
    action = actions.deactivate_person
    question = _("Mark %(object)s as inactive? Their training history is kept.")
