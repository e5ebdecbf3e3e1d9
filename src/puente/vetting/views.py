"""Vetting pages. Details are for vetting officers, and every read of one is audited;
anyone who may see a person can ask for their status (valid until a date, or not valid)."""
import mimetypes

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from puente.core.views import Col, ObjectDetailView, ObjectEditView, ObjectListView, RestrictedMixin, add_form_errors
from puente.registry.models import Person

from . import actions, services
from .filters import VettingAccessFilterSet, VettingCheckFilterSet
from .forms import VettingCheckForm
from .models import VettingAccess, VettingCheck


class VettingCheckListView(ObjectListView):
    model = VettingCheck
    filterset_class = VettingCheckFilterSet
    add_url_name = "vetting:check_add"
    columns = [
        Col(gettext_lazy("Officer"), "person.full_name", link=True),
        Col(gettext_lazy("National identifier"), "person.national_id"),
        Col(gettext_lazy("Agency"), "person.agency.name"),
        Col(gettext_lazy("Kind"), "kind"),
        Col(gettext_lazy("Result"), "result"),
        Col(gettext_lazy("Date"), "checked_on"),
        Col(gettext_lazy("Valid until"), "valid_until"),
        Col(gettext_lazy("Issuing center"), "issuing_center"),
    ]

    def get_queryset(self):
        return super().get_queryset().select_related("person__agency")


class VettingCheckDetailView(ObjectDetailView):
    model = VettingCheck

    def get_object(self, queryset=None):
        check = super().get_object(queryset)
        return actions.view_check(self.request.user, check)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["status"] = services.status_for(self.object.person)
        return context


class VettingCheckEditView(ObjectEditView):
    model = VettingCheck
    form_class = VettingCheckForm
    template_name = "vetting/check_form.html"

    def post(self, request, pk=None):
        # As ObjectEditView.post, with the uploaded evidence file.
        obj = self.get_object()
        form = self.form_class(request.POST, request.FILES, instance=obj, user=request.user)
        if form.is_valid():
            try:
                if obj is None:
                    obj = actions.record_check(request.user, **form.cleaned_data)
                else:
                    obj = actions.update_check(request.user, self.get_object(), **form.cleaned_data)
            except ValidationError as exc:
                add_form_errors(form, exc)
            else:
                messages.success(request, _("Saved %(object)s.") % {"object": obj})
                return redirect(obj.get_absolute_url())
        return self.render_form(form, obj, status=400)


class VettingEvidenceView(RestrictedMixin, View):
    """The evidence file, only to those who may view the check; each download is audited."""

    model = VettingCheck

    def get(self, request, pk):
        check = get_object_or_404(self.get_queryset(), pk=pk)
        if not check.evidence:
            raise Http404
        try:
            handle = actions.open_evidence(request.user, check)
        except FileNotFoundError:
            raise Http404 from None
        content_type = mimetypes.guess_type(check.evidence_name)[0] or "application/octet-stream"
        return FileResponse(handle, as_attachment=True, filename=check.evidence_name, content_type=content_type)


class VettingStatusView(LoginRequiredMixin, View):
    """A fragment: "valid until DATE" or "not valid", for anyone who may view the person."""

    def get(self, request, person_id):
        person = get_object_or_404(Person.objects.restrict(request.user, "view"), pk=person_id)
        valid, until = services.status_for(person)
        return render(request, "vetting/_status.html", {"person": person, "valid": valid, "until": until})


class VettingAccessListView(ObjectListView):
    """Who read whose vetting details, and when."""

    model = VettingAccess
    filterset_class = VettingAccessFilterSet
    columns = [
        Col(gettext_lazy("Time"), "timestamp"),
        Col(gettext_lazy("Viewer"), "actor_name"),
        Col(gettext_lazy("Vetting check of"), "object_repr"),
    ]
