"""Canine pages: dogs, teams, odor certifications (expiring and expired flagged) and the
training log with its two approvals."""
from django.db.models import F, OuterRef, Subquery, Value
from django.db.models.functions import Concat
from django.utils.translation import gettext_lazy

from puente.core.services import may
from puente.core.views import Col, ObjectActionView, ObjectDetailView, ObjectEditView, ObjectListView

from . import actions
from .exports import CERTIFICATION_EXPORT, DOG_EXPORT, TEAM_EXPORT, TRAINING_EXPORT
from .filters import CertificationFilterSet, DogFilterSet, TeamFilterSet, TrainingEntryFilterSet
from .forms import CertificationForm, DogForm, OdorForm, TeamForm, TrainingEntryForm
from .models import Dog, Odor, OdorCertification, Team, TrainingEntry
from .permissions import SUPERVISOR_APPROVE, TRAINER_APPROVE

# The canine lists link to each other: (url name, label, model the user must be able to view).
SECTIONS = [
    ("canine:team_list", gettext_lazy("Teams"), Team),
    ("canine:dog_list", gettext_lazy("Dogs"), Dog),
    ("canine:certification_list", gettext_lazy("Odor certifications"), OdorCertification),
    ("canine:training_list", gettext_lazy("Training log"), TrainingEntry),
    ("canine:odor_list", gettext_lazy("Odors"), Odor),
]


class CanineListView(ObjectListView):
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["extra_actions"] = [(name, label) for name, label, model in SECTIONS if model is not self.model and may(user, "view", model)]
        return context


def _handler_name():
    """The handler of the dog's active team, as one subquery."""
    active = Team.objects.filter(dog=OuterRef("pk"), ended_on__isnull=True)
    return Subquery(active.annotate(name=Concat(F("handler__given_names"), Value(" "), F("handler__family_names"))).values("name")[:1])


class OdorListView(CanineListView):
    model = Odor
    add_url_name = "canine:odor_add"
    columns = [
        Col(gettext_lazy("Code"), "code", link=True),
        Col(gettext_lazy("Name"), "name"),
        Col(gettext_lazy("Valid for (months)"), "validity_months"),
        Col(gettext_lazy("Active"), "is_active"),
    ]


class OdorDetailView(ObjectDetailView):
    model = Odor

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        certifications = OdorCertification.objects.restrict(self.request.user, "view").filter(odor=self.object, team__ended_on__isnull=True)
        context["counts"] = {
            "current": certifications.current().count(),
            "expiring": certifications.expiring().count(),
            "expired": certifications.expired().count(),
        }
        return context


class OdorEditView(ObjectEditView):
    model = Odor
    form_class = OdorForm
    create_action = actions.create_odor
    update_action = actions.update_odor


class DogListView(CanineListView):
    model = Dog
    filterset_class = DogFilterSet
    add_url_name = "canine:dog_add"
    export = DOG_EXPORT
    columns = [
        Col(gettext_lazy("Name"), "name", link=True),
        Col(gettext_lazy("Code"), "code"),
        Col(gettext_lazy("Breed"), "breed"),
        Col(gettext_lazy("Birth date"), "birth_date"),
        Col(gettext_lazy("Agency"), "agency.acronym"),
        Col(gettext_lazy("Status"), "status"),
        Col(gettext_lazy("Handler"), lambda dog: dog.current_handler or "—"),
    ]

    def get_queryset(self):
        return super().get_queryset().select_related("agency").annotate(current_handler=_handler_name())


class DogDetailView(ObjectDetailView):
    model = Dog

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["teams"] = Team.objects.restrict(user, "view").filter(dog=self.object).select_related("handler")
        context["can_form_team"] = context["can_change"] and may(user, "add", Team) and self.object.status in (
            Dog.Status.ACTIVE, Dog.Status.IN_TRAINING) and self.object.active_team is None
        return context


class DogEditView(ObjectEditView):
    model = Dog
    form_class = DogForm
    create_action = actions.create_dog
    update_action = actions.update_dog


class TeamListView(CanineListView):
    model = Team
    filterset_class = TeamFilterSet
    add_url_name = "canine:team_add"
    export = TEAM_EXPORT
    columns = [
        Col(gettext_lazy("Team"), lambda team: team.dog.name, link=True),
        Col(gettext_lazy("Dog code"), "dog.code"),
        Col(gettext_lazy("Handler"), "handler.full_name"),
        Col(gettext_lazy("Agency"), "dog.agency.acronym"),
        Col(gettext_lazy("Formed on"), "formed_on"),
        Col(gettext_lazy("Ended on"), "ended_on"),
    ]

    def get_queryset(self):
        return super().get_queryset().select_related("dog__agency", "handler")


class TeamDetailView(ObjectDetailView):
    model = Team

    def get_queryset(self):
        return super().get_queryset().select_related("dog__agency", "handler")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        team = self.object
        context["certifications"] = (
            OdorCertification.objects.restrict(user, "view").filter(team=team).select_related("odor").order_by("odor__code", "-expires_on")
        )
        context["training"] = TrainingEntry.objects.restrict(user, "view").filter(team=team).select_related("odor")[:20]
        context["can_certify"] = team.is_active and context["can_change"] and may(user, "add", OdorCertification)
        # Whoever may view a team and add entries at all may log its training (same scopes).
        context["can_log"] = team.is_active and may(user, "add", TrainingEntry)
        return context


class TeamEditView(ObjectEditView):
    model = Team
    form_class = TeamForm
    create_action = actions.form_team
    update_action = actions.update_team


class TeamEndView(ObjectActionView):
    model = Team
    permission = "delete"
    action = actions.end_team
    question = gettext_lazy("End the team %(object)s? The dog can then work with another handler.")


class CertificationListView(CanineListView):
    model = OdorCertification
    filterset_class = CertificationFilterSet
    add_url_name = "canine:certification_add"
    export = CERTIFICATION_EXPORT
    columns = [
        Col(gettext_lazy("Team"), lambda c: c.team.dog.name, link=True),
        Col(gettext_lazy("Handler"), "team.handler.full_name"),
        Col(gettext_lazy("Agency"), "team.dog.agency.acronym"),
        Col(gettext_lazy("Odor"), "odor.name"),
        Col(gettext_lazy("Certified on"), "certified_on"),
        Col(gettext_lazy("Expires on"), "expires_on"),
        Col(gettext_lazy("State"), "state"),
    ]

    def get_queryset(self):
        return super().get_queryset().select_related("team__dog__agency", "team__handler", "odor")


class CertificationEditView(ObjectEditView):
    model = OdorCertification
    form_class = CertificationForm
    create_action = actions.certify
    update_action = actions.update_certification


class TrainingListView(CanineListView):
    model = TrainingEntry
    filterset_class = TrainingEntryFilterSet
    add_url_name = "canine:training_add"
    export = TRAINING_EXPORT
    import_name = "canine-training"
    columns = [
        Col(gettext_lazy("Date"), "date", link=True),
        Col(gettext_lazy("Dog"), "team.dog.name"),
        Col(gettext_lazy("Handler"), "team.handler.full_name"),
        Col(gettext_lazy("Exercise"), "exercise"),
        Col(gettext_lazy("Odor"), "odor.name"),
        Col(gettext_lazy("Result"), "result"),
        Col(gettext_lazy("Approval"), "stage"),
    ]

    def get_queryset(self):
        return super().get_queryset().select_related("team__dog", "team__handler", "odor")


class TrainingDetailView(ObjectDetailView):
    model = TrainingEntry

    def get_queryset(self):
        return super().get_queryset().select_related(
            "team__dog", "team__handler", "odor", "recorded_by", "trainer_approved_by", "supervisor_approved_by"
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_change"] = context["can_change"] and self.object.trainer_approved_by_id is None
        context["approve"] = actions.may_approve(self.request.user, self.object)
        return context


class TrainingEditView(ObjectEditView):
    model = TrainingEntry
    form_class = TrainingEntryForm
    create_action = actions.log_training
    update_action = actions.update_training


class TrainerApproveView(ObjectActionView):
    model = TrainingEntry
    permission = TRAINER_APPROVE
    action = actions.approve_as_trainer
    question = gettext_lazy("Approve %(object)s as the trainer?")


class SupervisorApproveView(ObjectActionView):
    model = TrainingEntry
    permission = SUPERVISOR_APPROVE
    action = actions.approve_as_supervisor
    question = gettext_lazy("Approve %(object)s as the supervisor?")

