"""Credential pages: types, evaluations, issued credentials, a person's standing, renewals, coverage."""
import mimetypes

import yaml
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from puente.accounts.scoping import holds
from puente.core import jobs
from puente.core.exports import export_response
from puente.core.imports import Column
from puente.core.services import may
from puente.core.views import (
    Col, GrantRequiredMixin, ObjectDetailView, ObjectEditView, ObjectListView, RestrictedMixin, add_form_errors,
)
from puente.registry.models import Person

from . import actions, coverage, renewals, status, typefile
from .filters import CredentialTypeFilterSet, EvaluationFilterSet, IssuedCredentialFilterSet
from .forms import (
    ComponentFormSet, CoverageForm, CredentialTypeForm, DateForm, EvaluationForm, IssueForm, ReasonForm, RenewalForm,
    TypeImportForm, component_rows,
)
from .models import CredentialType, Evaluation, IssuedCredential, Renewal

SECTION = [
    ("credentials:credential_list", gettext_lazy("Issued credentials"), IssuedCredential),
    ("credentials:type_list", gettext_lazy("Credential types"), CredentialType),
    ("credentials:evaluation_list", gettext_lazy("Evaluations"), Evaluation),
    ("credentials:renewal_list", gettext_lazy("Renewals"), Renewal),
    ("credentials:coverage", gettext_lazy("Coverage"), CredentialType),
]


def section_links(user, current: str = "") -> list[tuple[str, str]]:
    """The credentials pages the user may open, for the links above each of them."""
    links = [(name, label) for name, label, model in SECTION if name != current and may(user, "view", model)]
    if getattr(user, "person_id", None):
        links.append(("credentials:mine", gettext_lazy("My credentials")))
    return links


class SectionMixin:
    section = ""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["extra_actions"] = list(context.get("extra_actions", [])) + section_links(self.request.user, self.section)
        return context


# --- Credential types ---------------------------------------------------------------------------


class CredentialTypeListView(SectionMixin, ObjectListView):
    model = CredentialType
    section = "credentials:type_list"
    filterset_class = CredentialTypeFilterSet
    add_url_name = "credentials:type_add"
    columns = [
        Col(gettext_lazy("Code"), "code", link=True),
        Col(gettext_lazy("Name"), "name"),
        Col(gettext_lazy("Country"), "country"),
        Col(gettext_lazy("Validity (months)"), "validity_months"),
        Col(gettext_lazy("Renewal window (months)"), "renewal_window_months"),
        Col(gettext_lazy("Active"), "is_active"),
    ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        extra = [("credentials:type_export", _("Export YAML"))]
        if may(self.request.user, "add", CredentialType):
            extra.insert(0, ("credentials:type_import", _("Import YAML or JSON")))
        context["extra_actions"] = extra + context["extra_actions"]
        return context


class CredentialTypeDetailView(ObjectDetailView):
    model = CredentialType

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["components"] = self.object.components.select_related("program")
        return context


class CredentialTypeEditView(ObjectEditView):
    """A type with all its components on one form."""

    model = CredentialType
    form_class = CredentialTypeForm
    template_name = "credentials/type_form.html"

    def render_form(self, form, obj, status=200, formset=None, component_errors=()):
        if formset is None:
            initial = [
                {"kind": c.kind, "evaluation_kind": c.evaluation_kind, "program": c.program_id, "vetting_kind": c.vetting_kind,
                 "validity_months": c.validity_months}
                for c in (obj.components.all() if obj else [])
            ]
            formset = ComponentFormSet(initial=initial, prefix="components")
        title = _("Edit %(object)s") % {"object": obj} if obj else _("New %(type)s") % {"type": CredentialType._meta.verbose_name}
        return render(self.request, self.template_name, {
            "form": form, "formset": formset, "object": obj, "title": title, "component_errors": component_errors,
        }, status=status)

    def post(self, request, pk=None):
        obj = self.get_object()
        form = self.form_class(request.POST, instance=obj)
        formset = ComponentFormSet(request.POST, prefix="components")
        component_errors = []
        if form.is_valid() and formset.is_valid():
            try:
                obj = actions.save_type(request.user, self.get_object(), form.cleaned_data, component_rows(formset))
            except ValidationError as exc:
                errors = dict(exc.error_dict) if hasattr(exc, "error_dict") else {"__all__": exc.error_list}
                component_errors = [message for error in errors.pop("components", []) for message in error.messages]
                if errors:
                    add_form_errors(form, ValidationError(errors))
            else:
                messages.success(request, _("Saved %(object)s.") % {"object": obj})
                return redirect(obj.get_absolute_url())
        return self.render_form(form, obj, status=400, formset=formset, component_errors=component_errors)


class CredentialTypeImportView(GrantRequiredMixin, View):
    """Upload a YAML or JSON file of types: every entry is checked, then all are written or none."""

    grant_model = CredentialType

    def get(self, request):
        return render(request, "credentials/type_import.html", {"form": TypeImportForm()})

    def post(self, request):
        form = TypeImportForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                text = upload.read().decode("utf-8")
            except UnicodeDecodeError:
                form.add_error("file", _("%(file)s: the file is not UTF-8 text.") % {"file": upload.name})
            else:
                try:
                    created, updated = actions.import_types(request.user, typefile.parse(typefile.load(text, upload.name), upload.name))
                except ValidationError as exc:
                    return render(request, "credentials/type_import.html", {"form": form, "errors": exc.messages}, status=400)
                messages.success(request, _("%(created)s credential types created, %(updated)s updated.")
                                 % {"created": created, "updated": updated})
                return redirect("credentials:type_list")
        return render(request, "credentials/type_import.html", {"form": form}, status=400)


class CredentialTypeExportView(RestrictedMixin, View):
    """The types the user may see, in the file format the import reads."""

    model = CredentialType

    def get(self, request):
        data = typefile.dump(self.get_queryset())
        response = HttpResponse(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), content_type="application/yaml; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="credential-types.yaml"'
        return response


# --- Evaluations --------------------------------------------------------------------------------


class EvaluationListView(SectionMixin, ObjectListView):
    model = Evaluation
    section = "credentials:evaluation_list"
    filterset_class = EvaluationFilterSet
    add_url_name = "credentials:evaluation_add"
    import_name = "evaluations"
    columns = [
        Col(gettext_lazy("Officer"), "person.full_name", link=True),
        Col(gettext_lazy("National identifier"), "person.national_id"),
        Col(gettext_lazy("Agency"), "person.agency.name"),
        Col(gettext_lazy("Kind"), "kind"),
        Col(gettext_lazy("Date"), "evaluated_on"),
        Col(gettext_lazy("Result"), "result"),
        Col(gettext_lazy("Score"), "score"),
        Col(gettext_lazy("Evaluator"), "evaluator"),
    ]

    @property
    def export(self):
        from .imports import EvaluationImporter

        return (EvaluationImporter.columns, EvaluationImporter.export_row, "evaluations")

    def get_queryset(self):
        return super().get_queryset().select_related("person__agency")


class EvaluationDetailView(ObjectDetailView):
    model = Evaluation


class EvaluationEditView(ObjectEditView):
    model = Evaluation
    form_class = EvaluationForm
    template_name = "credentials/evaluation_form.html"

    def post(self, request, pk=None):
        # As ObjectEditView.post, with the uploaded evidence file.
        obj = self.get_object()
        form = self.form_class(request.POST, request.FILES, instance=obj, user=request.user)
        if form.is_valid():
            try:
                if obj is None:
                    obj = actions.record_evaluation(request.user, **form.cleaned_data)
                else:
                    obj = actions.update_evaluation(request.user, self.get_object(), **form.cleaned_data)
            except ValidationError as exc:
                add_form_errors(form, exc)
            except PermissionDenied:
                form.add_error("person", _("You may not record evaluations for this person."))
            else:
                messages.success(request, _("Saved %(object)s.") % {"object": obj})
                return redirect(obj.get_absolute_url())
        return self.render_form(form, obj, status=400)


class EvaluationEvidenceView(RestrictedMixin, View):
    """The evidence file, only to those who may view the evaluation; each download is audited."""

    model = Evaluation

    def get(self, request, pk):
        evaluation = get_object_or_404(self.get_queryset(), pk=pk)
        try:
            handle = actions.open_evidence(request.user, evaluation)
        except FileNotFoundError:
            raise Http404 from None
        content_type = mimetypes.guess_type(evaluation.evidence_name)[0] or "application/octet-stream"
        return FileResponse(handle, as_attachment=True, filename=evaluation.evidence_name, content_type=content_type)


# --- Issued credentials -------------------------------------------------------------------------


class IssuedCredentialListView(SectionMixin, ObjectListView):
    model = IssuedCredential
    section = "credentials:credential_list"
    filterset_class = IssuedCredentialFilterSet
    add_url_name = "credentials:credential_issue"
    export = (
        [Column("serial", gettext_lazy("Serial number")), Column("credential_type", gettext_lazy("Credential type")),
         Column("national_id", gettext_lazy("National identifier")), Column("holder", gettext_lazy("Holder")),
         Column("agency", gettext_lazy("Agency")), Column("issued_on", gettext_lazy("Issued on")),
         Column("valid_until", gettext_lazy("Valid until")), Column("status", gettext_lazy("Status"))],
        lambda c: [c.serial, c.credential_type.code, c.person.national_id, c.person.full_name, c.person.agency.code,
                   c.issued_on, c.valid_until, c.state],
        "credentials",
    )
    columns = [
        Col(gettext_lazy("Serial number"), "serial", link=True),
        Col(gettext_lazy("Credential type"), "credential_type.code"),
        Col(gettext_lazy("Holder"), "person.full_name"),
        Col(gettext_lazy("Agency"), "person.agency.name"),
        Col(gettext_lazy("Issued on"), "issued_on"),
        Col(gettext_lazy("Valid until"), "valid_until"),
        Col(gettext_lazy("Status"), "state"),
    ]

    def get_queryset(self):
        return super().get_queryset().select_related("person__agency", "credential_type")


class IssuedCredentialDetailView(ObjectDetailView):
    model = IssuedCredential

    def get_queryset(self):
        return super().get_queryset().select_related("person__agency", "credential_type", "issuer_agency", "renewal_of")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["renewals"] = IssuedCredential.objects.restrict(self.request.user, "view").filter(renewal_of=self.object)
        from puente.credentials.certificates.views import DOWNLOADERS

        context["can_download"] = holds(self.request.user, *DOWNLOADERS)
        return context


class IssueView(GrantRequiredMixin, View):
    """Issue a credential to a person; refused with the engine's reasons when not every component is current."""

    grant_model = IssuedCredential

    def render_form(self, form, status=200):
        return render(self.request, "credentials/issue_form.html", {"form": form, "title": _("Issue a credential")}, status=status)

    def get(self, request):
        initial = {key: value for key, value in request.GET.items() if key in ("credential_type", "person")}
        if "person" in initial:
            person = Person.objects.restrict(request.user, "view").filter(pk=initial["person"]).first()
            initial["person"] = person.national_id if person else ""
        return self.render_form(IssueForm(initial=initial, user=request.user))

    def post(self, request):
        form = IssueForm(request.POST, user=request.user)
        if form.is_valid():
            data = form.cleaned_data
            try:
                credential = actions.issue_credential(request.user, data["credential_type"], data["person"], data["issued_on"])
            except ValidationError as exc:
                add_form_errors(form, exc)
            else:
                messages.success(request, _("Issued %(object)s.") % {"object": credential})
                return redirect(credential.get_absolute_url())
        return self.render_form(form, status=400)


class CredentialActionView(LoginRequiredMixin, View):
    """A form-backed action on an issued credential (renew, suspend, reinstate, revoke)."""

    form_class = None
    title = ""
    verb = ""

    def get_object(self, pk):
        return get_object_or_404(IssuedCredential.objects.restrict(self.request.user, "change"), pk=pk)

    def render_form(self, form, credential, status=200):
        return render(self.request, "credentials/credential_action.html",
                      {"form": form, "object": credential, "title": self.title % {"object": credential}}, status=status)

    def get(self, request, pk):
        credential = self.get_object(pk)
        return self.render_form(self.form_class() if self.form_class else None, credential)

    def post(self, request, pk):
        credential = self.get_object(pk)
        form = self.form_class(request.POST) if self.form_class else None
        if form is None or form.is_valid():
            try:
                result = self.act(credential, form.cleaned_data if form else {})
            except ValidationError as exc:
                if form is None:
                    messages.error(request, " ".join(exc.messages))
                    return redirect(credential.get_absolute_url())
                add_form_errors(form, exc)
            else:
                messages.success(request, _("Done: %(object)s.") % {"object": result})
                return redirect(result.get_absolute_url())
        return self.render_form(form, credential, status=400)


class RenewView(CredentialActionView):
    form_class = DateForm
    title = gettext_lazy("Renew %(object)s")

    def act(self, credential, data):
        return actions.renew_credential(self.request.user, credential, data.get("issued_on"))


class SuspendView(CredentialActionView):
    form_class = ReasonForm
    title = gettext_lazy("Suspend %(object)s")

    def act(self, credential, data):
        return actions.suspend_credential(self.request.user, credential, data["reason"], data.get("on_date"))


class ReinstateView(CredentialActionView):
    title = gettext_lazy("Reinstate %(object)s")

    def act(self, credential, data):
        return actions.reinstate_credential(self.request.user, credential)


class RevokeView(CredentialActionView):
    form_class = ReasonForm
    title = gettext_lazy("Revoke %(object)s")

    def act(self, credential, data):
        return actions.revoke_credential(self.request.user, credential, data["reason"], data.get("on_date"))


# --- A person's standing ------------------------------------------------------------------------


def standing(user, person, on_date):
    """For each active type that applies to the person: the engine's result and its reasons."""
    rows = []
    for credential_type in CredentialType.objects.filter(is_active=True, country_id=person.country_id):
        if credential_type.levels and person.agency.level not in credential_type.levels:
            continue
        components = list(credential_type.components.select_related("program"))
        if not components:
            continue
        result = status.statuses(credential_type, [person], on_date)[person.pk]
        labels = {component.key: component.requirement for component in components}
        rows.append({
            "type": credential_type, "result": result, "reasons": status.reasons(result, components),
            "components": [(labels[state.key], state) for state in result.components],
        })
    issued = IssuedCredential.objects.restrict(user, "view").filter(person=person).select_related("credential_type")
    return rows, issued


class PersonCredentialsView(LoginRequiredMixin, View):
    """A person's credentials: standing per type from their records, and the credentials issued."""

    def get(self, request, pk=None):
        people = Person.objects.restrict(request.user, "view").select_related("agency")
        if pk is None:
            person = getattr(request.user, "person", None)
            if person is None:
                raise Http404
            person = get_object_or_404(people, pk=person.pk)
        else:
            person = get_object_or_404(people, pk=pk)
        today = timezone.localdate()
        rows, issued = standing(request.user, person, today)
        return render(request, "credentials/person.html", {
            "person": person, "rows": rows, "issued": issued, "today": today, "mine": pk is None,
            "can_issue": may(request.user, "add", IssuedCredential),
            "extra_actions": section_links(request.user, "credentials:mine" if pk is None else ""),
        })


# --- Renewal work list --------------------------------------------------------------------------


class RenewalListView(RestrictedMixin, View):
    """Who falls due within the coming months, with what they lack; reminders by e-mail."""

    model = Renewal

    def get(self, request):
        form = RenewalForm(request.GET or None, user=request.user)
        form.is_valid()
        values = getattr(form, "cleaned_data", {})
        credential_type = values.get("credential_type") or CredentialType.objects.filter(is_active=True).first()
        months, agency, state = values.get("months") or 6, values.get("agency"), values.get("state") or "due"
        people = self.get_queryset()
        if agency:
            people = people.filter(agency=agency)
        today = timezone.localdate()
        context = {"form": form, "credential_type": credential_type, "months": months, "today": today,
                   "extra_actions": section_links(request.user, "credentials:renewal_list"),
                   "can_remind": may(request.user, "change", Renewal), "agency": agency, "state": state}
        if credential_type is not None:
            due = renewals.due(credential_type, people, today, months, state)
            if request.GET.get("export") in ("csv", "xlsx"):
                return self.export(request.GET["export"], credential_type, due, today)
            page = Paginator(due, 50).get_page(request.GET.get("page"))
            results = status.statuses(credential_type, list(page.object_list), today)
            components = list(credential_type.components.select_related("program"))
            context.update(page_obj=page, paginator=page.paginator, rows=[
                (person, results[person.pk], status.reasons(results[person.pk], components)) for person in page.object_list
            ])
            query = request.GET.copy()
            query.pop("page", None)
            context["querystring"] = query.urlencode()
        return render(request, "credentials/renewal_list.html", context)

    def export(self, fmt, credential_type, due, today):
        components = list(credential_type.components.select_related("program"))
        columns = [Column("national_id", _("National identifier")), Column("name", _("Name")), Column("agency", _("Agency")),
                   Column("status", _("Status")), Column("valid_until", _("Valid until")), Column("reasons", _("What needs attention"))]

        def rows():
            people = list(due)
            for start in range(0, len(people), status.CHUNK):
                chunk = people[start:start + status.CHUNK]
                results = status.statuses(credential_type, chunk, today)
                for person in chunk:
                    yield person, results[person.pk]

        def values(pair):
            person, result = pair
            return [person.national_id, person.full_name, person.agency.code, str(result.status), result.valid_until,
                    "; ".join(status.reasons(result, components))]

        return export_response(rows(), columns, values, fmt, f"renewals-{credential_type.code}")

    def post(self, request):
        """Send reminders to everyone on the list as filtered (a job: the list may be long)."""
        if not may(request.user, "change", Renewal):
            raise PermissionDenied
        form = RenewalForm(request.POST, user=request.user)
        if not form.is_valid() or form.cleaned_data["credential_type"] is None:
            return HttpResponse(_("Choose a credential type and an agency you may see."), status=400)
        agency = form.cleaned_data["agency"]
        row = jobs.enqueue("credentials.remind", {
            "type_id": form.cleaned_data["credential_type"].pk, "agency_id": agency.pk if agency else None,
            "months": form.cleaned_data["months"] or 6, "state": form.cleaned_data["state"] or "due",
        }, request.user)
        messages.success(request, _("Reminders are being sent."))
        return redirect("core:job_detail", pk=row.pk)


# --- Coverage -----------------------------------------------------------------------------------


class CoverageView(RestrictedMixin, View):
    """Share of the people a type applies to who hold it on a date, from their component records."""

    model = CredentialType

    def get(self, request):
        form = CoverageForm(request.GET or None)
        form.is_valid()
        values = getattr(form, "cleaned_data", {})
        credential_type = values.get("credential_type") or self.get_queryset().filter(code="MX-CUP").first() or self.get_queryset().first()
        on_date = values.get("on_date") or timezone.localdate()
        by = values.get("by") or "level"
        context = {"form": form, "credential_type": credential_type, "on_date": on_date, "by": by,
                   "extra_actions": section_links(request.user, "credentials:coverage")}
        if credential_type is not None and credential_type.components.exists():
            result = coverage.compute(credential_type, on_date)
            cells = result.breakdown(by)
            if request.GET.get("export") in ("csv", "xlsx"):
                columns = [Column("group", _("Group")), Column("people", _("People")), Column("holders", _("Holders")),
                           Column("percent", _("Coverage (%)"))]
                return export_response([result.total] + cells, columns, lambda c: [c.label, c.total, c.covered, c.percent],
                                       request.GET["export"], f"coverage-{credential_type.code}-{on_date.isoformat()}")
            shown = cells[:30]
            context.update(total=result.total, cells=cells, chart={
                "type": "bar", "percent": True, "horizontal": len(shown) > 8, "labels": [c.label for c in shown],
                "datasets": [{"label": _("Coverage (%)"), "data": [c.percent for c in shown]}],
            }, export_query=request.GET.urlencode())
        return render(request, "credentials/coverage.html", context)


def coverage_api_payload(credential_type, on_date) -> dict:
    result = coverage.compute(credential_type, on_date)
    return {"credential_type": credential_type.code, "on_date": on_date.isoformat(), "total": result.total.as_dict(),
            **{dimension: [cell.as_dict() for cell in result.breakdown(dimension)] for dimension in coverage.DIMENSIONS}}
