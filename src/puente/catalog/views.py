from django.db.models import Count
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from puente.core.exports import export_response
from puente.core.views import Col, ObjectActionView, ObjectDetailView, ObjectEditView, ObjectListView

from . import actions
from .exports import PROGRAM_EXPORT, number, prerequisites_first
from .filters import DomainFilterSet, ProgramFilterSet, ThreatTagFilterSet
from .forms import DomainForm, ProgramForm, ThreatTagForm
from .models import Domain, Program, ThreatTag


class CatalogListView(ObjectListView):
    """The catalog's lists share a sub-menu: programs, domains, threats."""

    template_name = "catalog/object_list.html"


class ProgramListView(CatalogListView):
    model = Program
    filterset_class = ProgramFilterSet
    export = PROGRAM_EXPORT
    import_name = "programs"
    add_url_name = "catalog:program_add"
    columns = [
        Col(_("Code"), "code", link=True),
        Col(_("Title"), "title"),
        Col(_("Domain"), "domain.name"),
        Col(_("Threats"), lambda p: ", ".join(t.code for t in p.threats.all())),
        Col(_("Delivery mode"), "delivery_mode"),
        Col(_("Hours"), lambda p: number(p.hours)),
        Col(_("Languages"), "languages"),
        Col(_("Mission-critical"), "mission_critical"),
        Col(_("Vetting required"), "vetting_required"),
        Col(_("Status"), "status"),
    ]

    def get_queryset(self):
        return super().get_queryset().select_related("domain").prefetch_related("threats", "prerequisites")

    def get(self, request, *args, **kwargs):
        fmt = request.GET.get("export")
        if fmt in ("csv", "xlsx"):
            # Ordered so that a file imports back into an empty catalog: prerequisites first.
            columns, row_values, filename = self.export
            return export_response(prerequisites_first(self.get_queryset()), columns, row_values, fmt, filename)
        return super().get(request, *args, **kwargs)


class ProgramDetailView(ObjectDetailView):
    model = Program

    def get_queryset(self):
        return super().get_queryset().select_related("domain")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        program, user = self.object, self.request.user
        visible = Program.objects.restrict(user, "view")
        spanish = (get_language() or "en").startswith("es")
        context.update(
            can_delete=Program.objects.restrict(user, "delete").filter(pk=program.pk).exists(),
            threats=program.threats.all(),
            prerequisites=visible.filter(required_by=program),
            required_by=visible.filter(prerequisites=program),
            other_language={
                "code": "en" if spanish else "es",
                "title": program.title_en if spanish else program.title_es,
                "description": program.description_en if spanish else program.description_es,
            },
        )
        return context


class ProgramEditView(ObjectEditView):
    model = Program
    form_class = ProgramForm
    template_name = "catalog/program_form.html"
    create_action = actions.create_program
    update_action = actions.update_program


class ProgramRetireView(ObjectActionView):
    model = Program
    permission = "delete"
    action = actions.retire_program
    question = _("Retire %(object)s? It is no longer offered; its sessions, records and credentials are kept.")


class ProgramReactivateView(ObjectActionView):
    model = Program
    permission = "delete"
    action = actions.reactivate_program
    question = _("Offer %(object)s again?")


class DomainListView(CatalogListView):
    model = Domain
    filterset_class = DomainFilterSet
    add_url_name = "catalog:domain_add"
    columns = [
        Col(_("Code"), "code", link=True),
        Col(_("Name"), "name"),
        Col(_("Programs"), "program_count"),
    ]

    def get_queryset(self):
        # Meta.ordering does not apply to a query with an aggregate: order explicitly.
        return super().get_queryset().annotate(program_count=Count("programs")).order_by("code")


class DomainDetailView(ObjectDetailView):
    model = Domain

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["programs"] = Program.objects.restrict(self.request.user, "view").filter(domain=self.object)
        return context


class DomainEditView(ObjectEditView):
    model = Domain
    form_class = DomainForm
    create_action = actions.create_domain
    update_action = actions.update_domain


class ThreatTagListView(CatalogListView):
    model = ThreatTag
    filterset_class = ThreatTagFilterSet
    add_url_name = "catalog:threat_add"
    columns = [
        Col(_("Code"), "code", link=True),
        Col(_("Name"), "name"),
        Col(_("Threat weight"), lambda t: number(t.weight)),
        Col(_("Programs"), "program_count"),
    ]

    def get_queryset(self):
        return super().get_queryset().annotate(program_count=Count("programs")).order_by("-weight", "code")


class ThreatTagDetailView(ObjectDetailView):
    model = ThreatTag

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["programs"] = Program.objects.restrict(self.request.user, "view").filter(threats=self.object)
        context["weight_help"] = ThreatTagForm.base_fields["weight"].help_text
        return context


class ThreatTagEditView(ObjectEditView):
    model = ThreatTag
    form_class = ThreatTagForm
    create_action = actions.create_threat
    update_action = actions.update_threat
