from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext_lazy
from django.views import View

from puente.capacity.models import Session
from puente.core.views import Col, GrantRequiredMixin, ObjectActionView, ObjectDetailView, ObjectListView
from puente.registry.models import Person

from . import actions
from .filters import EnrollmentFilterSet
from .forms import FillTermForm, NominateForm
from .models import Enrollment


class EnrollmentListView(ObjectListView):
    model = Enrollment
    filterset_class = EnrollmentFilterSet

    def get_context_data(self, **kwargs):
        from django.utils.translation import gettext as _

        from puente.core.services import may

        context = super().get_context_data(**kwargs)
        context["extra_actions"] = [("records:fill_term", _("Fill a term"))] if may(self.request.user, "add", Enrollment) else []
        return context
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


class FillTermView(GrantRequiredMixin, View):
    """Upload a term's proposals; the solver picks the best conflict-free nominations within the seats."""

    template_name = "records/fill_term.html"
    grant_model = Enrollment

    def get(self, request):
        return render(request, self.template_name, {"form": FillTermForm(user=request.user)})

    def post(self, request):
        import tempfile
        from pathlib import Path

        from puente.core.imports import ImportFailed

        from .imports import read_proposals

        form = FillTermForm(request.POST, request.FILES, user=request.user)
        context = {"form": form}
        if form.is_valid():
            upload = form.cleaned_data["file"]
            with tempfile.TemporaryDirectory() as folder:
                path = Path(folder) / Path(upload.name).name
                path.write_bytes(upload.read())
                try:
                    proposals, errors = read_proposals(request.user, form.cleaned_data["agency"], form.cleaned_data["fiscal_year"], path, upload.name)
                except ImportFailed as exc:
                    proposals, errors = [], [str(exc)]
            if errors:
                context["errors"] = errors
            else:
                context["report"] = actions.fill_term(request.user, form.cleaned_data["agency"], form.cleaned_data["fiscal_year"], proposals)
                return render(request, self.template_name, context)
        return render(request, self.template_name, context, status=400)
