from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext_lazy
from django.views import View

from puente.capacity.models import Session
from puente.core.views import Col, GrantRequiredMixin, ObjectActionView, ObjectDetailView, ObjectListView
from puente.registry.models import Person

from . import actions
from .filters import EnrollmentFilterSet
from .forms import NominateForm
from .models import Enrollment


class EnrollmentListView(ObjectListView):
    model = Enrollment
    filterset_class = EnrollmentFilterSet
    columns = [
        Col(gettext_lazy("Officer"), "person.full_name", link=True),
        Col(gettext_lazy("National identifier"), "person.national_id"),
        Col(gettext_lazy("Session"), "session"),
        Col(gettext_lazy("Agency"), "agency.name"),
        Col(gettext_lazy("Status"), "status"),
        Col(gettext_lazy("Reason"), "status_reason"),
    ]

    def get_queryset(self):
        return super().get_queryset().select_related("person", "session__program", "session__site", "agency")


class EnrollmentDetailView(ObjectDetailView):
    model = Enrollment

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_withdraw"] = (
            self.object.status in Enrollment.ACTIVE
            and Enrollment.objects.restrict(self.request.user, "delete").filter(pk=self.object.pk).exists()
        )
        return context


class EnrollmentWithdrawView(ObjectActionView):
    model = Enrollment
    permission = "delete"
    action = actions.withdraw
    question = gettext_lazy("Withdraw %(object)s? The seat goes to the next officer on your waiting list.")


class NominateView(GrantRequiredMixin, View):
    """Nominate officers to a session by national identifier; every refusal is listed with its reason."""

    template_name = "records/nominate.html"
    grant_model = Enrollment

    def setup_view(self, request, pk):
        session = get_object_or_404(Session.objects.restrict(request.user, "view").select_related("program", "site"), pk=pk)
        return session, Person.objects.restrict(request.user, "view").select_related("agency")

    def get(self, request, pk):
        session, _people = self.setup_view(request, pk)
        return render(request, self.template_name, {"session": session, "form": NominateForm()})

    def post(self, request, pk):
        session, people = self.setup_view(request, pk)
        form = NominateForm(request.POST)
        lines = []
        if form.is_valid():
            lines = actions.bulk_nominate(request.user, session, form.identifier_list(), people)
        status = 200 if form.is_valid() else 400
        return render(request, self.template_name, {"session": session, "form": form, "lines": lines}, status=status)
