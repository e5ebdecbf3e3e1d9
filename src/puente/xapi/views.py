"""Pages of the learning record store: credentials, linked activities, unmatched outcomes."""
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from puente.core.services import may
from puente.core.views import Col, GrantRequiredMixin, ObjectActionView, ObjectDetailView, ObjectEditView, ObjectListView, RestrictedMixin, add_form_errors

from . import actions
from .filters import CredentialFilterSet, UnmatchedOutcomeFilterSet
from .forms import ActivityLinkForm, CredentialForm, ResolveForm
from .models import ActivityLink, Credential, Statement, UnmatchedOutcome


def _status(credential) -> str:
    return _("Active") if credential.active else _("Revoked")


class CredentialListView(ObjectListView):
    model = Credential
    filterset_class = CredentialFilterSet
    add_url_name = "xapi:credential_add"
    columns = [
        Col(gettext_lazy("Content provider"), "provider", link=True),
        Col(gettext_lazy("Agency"), "agency.name"),
        Col(gettext_lazy("Key"), "key"),
        Col(gettext_lazy("Reads the whole agency"), "agency_read"),
        Col(gettext_lazy("Issued"), "created"),
        Col(gettext_lazy("Status"), _status),
    ]

    def get_queryset(self):
        return super().get_queryset().select_related("agency")


class CredentialIssueView(GrantRequiredMixin, View):
    """Issue a credential; the secret shows on the answer page only, never again."""

    grant_model = Credential

    def get(self, request):
        return self._form(request, CredentialForm(user=request.user))

    def _form(self, request, form, status=200):
        return render(request, "core/object_form.html", {"form": form, "title": _("Issue an xAPI credential")}, status=status)

    def post(self, request):
        form = CredentialForm(request.POST, user=request.user)
        if form.is_valid():
            try:
                credential, secret = actions.issue_credential(request.user, **form.cleaned_data)
            except ValidationError as exc:
                add_form_errors(form, exc)
            else:
                endpoint = request.build_absolute_uri(reverse("xapi:about")).rsplit("about", 1)[0]
                return render(request, "xapi/credential_issued.html", {"object": credential, "secret": secret, "endpoint": endpoint})
        return self._form(request, form, status=400)


class CredentialDetailView(ObjectDetailView):
    model = Credential

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_revoke"] = self.object.active and Credential.objects.restrict(self.request.user, "delete").filter(pk=self.object.pk).exists()
        context["statements"] = Statement.objects.filter(credential=self.object).count()
        context["endpoint"] = self.request.build_absolute_uri(reverse("xapi:about")).rsplit("about", 1)[0]
        return context


class CredentialRevokeView(ObjectActionView):
    model = Credential
    permission = "delete"
    action = actions.revoke_credential
    question = gettext_lazy("Revoke %(object)s? Content using it will be refused at once.")


class LinkListView(ObjectListView):
    model = ActivityLink
    add_url_name = "xapi:link_add"
    columns = [
        Col(gettext_lazy("Activity IRI"), "activity_iri"),
        Col(gettext_lazy("Program"), "program"),
        Col(gettext_lazy("Linked by"), "created_by"),
        Col(gettext_lazy("Linked"), "created"),
    ]

    def get_queryset(self):
        return super().get_queryset().select_related("program", "created_by")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if may(self.request.user, "delete", ActivityLink):
            unlink = Col(gettext_lazy("Unlink"), lambda link: format_html(
                '<a href="{}">{}</a>', reverse("xapi:link_delete", args=[link.pk]), _("Unlink")))
            context["columns"] = [*self.columns, unlink]
        return context


class LinkAddView(ObjectEditView):
    model = ActivityLink
    form_class = ActivityLinkForm
    create_action = actions.link_activity


class LinkDeleteView(ObjectActionView):
    model = ActivityLink
    permission = "delete"
    action = actions.unlink_activity
    question = gettext_lazy("Unlink %(object)s? Statements already received stay on the transcripts.")


class UnmatchedListView(ObjectListView):
    model = UnmatchedOutcome
    filterset_class = UnmatchedOutcomeFilterSet
    columns = [
        Col(gettext_lazy("Received"), "created", link=True),
        Col(gettext_lazy("Agency"), "agency.name"),
        Col(gettext_lazy("Program"), "program.code"),
        Col(gettext_lazy("Name in the statement"), "actor_name"),
        Col(gettext_lazy("Learner identifier"), "actor_ifi"),
        Col(gettext_lazy("Result"), "result"),
        Col(gettext_lazy("Finished on"), "finished_on"),
        Col(gettext_lazy("Why it did not match"), "reason"),
        Col(gettext_lazy("Status"), "status"),
    ]

    def get_queryset(self):
        return super().get_queryset().select_related("agency", "program")


class UnmatchedResolveView(RestrictedMixin, View):
    """One unmatched outcome: pick the person it belongs to, and it lands on their transcript."""

    model = UnmatchedOutcome

    def _render(self, request, outcome, form, status=200):
        can_resolve = (outcome.status == UnmatchedOutcome.Status.OPEN
                       and UnmatchedOutcome.objects.restrict(request.user, "change").filter(pk=outcome.pk).exists())
        return render(request, "xapi/unmatched_resolve.html",
                      {"object": outcome, "form": form, "can_resolve": can_resolve}, status=status)

    def get(self, request, pk):
        outcome = get_object_or_404(self.get_queryset().select_related("program", "agency", "person", "statement"), pk=pk)
        return self._render(request, outcome, ResolveForm(user=request.user))

    def post(self, request, pk):
        outcome = get_object_or_404(UnmatchedOutcome.objects.restrict(request.user, "change"), pk=pk)
        form = ResolveForm(request.POST, user=request.user)
        if form.is_valid():
            try:
                actions.resolve_outcome(request.user, outcome, form.cleaned_data["person"])
            except ValidationError as exc:
                add_form_errors(form, exc)
            else:
                messages.success(request, _("The outcome is on %(person)s's transcript.") % {"person": form.cleaned_data["person"]})
                return redirect("xapi:unmatched_list")
        return self._render(request, outcome, form, status=400)
