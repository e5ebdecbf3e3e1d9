"""Generic views every app builds on (as NetBox does), and the jobs and audit log pages.

Every queryset comes from `restrict(user, action)`; an object outside the user's scope is a
404, an action the user's roles do not grant at all is a 403. Writes call the app's actions.
"""
import uuid
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import DetailView, ListView

from . import jobs
from .exports import export_response
from .filters import AuditEntryFilterSet
from .forms import ImportForm
from .models import AuditEntry, Job
from .services import may


class Col:
    """A table column: a label and how to read the cell from a row."""

    def __init__(self, label, accessor, link: bool = False, plain: bool = False):
        self.label = label
        self.accessor = accessor
        self.link = link
        self.plain = plain  # numbers such as years print without grouping

    def value(self, obj):
        if callable(self.accessor):
            return self.accessor(obj)
        value = obj
        for part in self.accessor.split("."):
            display = getattr(value, f"get_{part}_display", None)
            value = display() if display else getattr(value, part, None)
            if value is None:
                return ""
        return value


class GrantRequiredMixin(LoginRequiredMixin):
    """A page that needs a role granting `grant_action` on `grant_model` somewhere (else 403)."""

    grant_model = None
    grant_action = "add"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not may(request.user, self.grant_action, self.grant_model):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class RestrictedMixin(LoginRequiredMixin):
    """Lists and details: 403 when no role grants the action at all, 404 for rows out of scope."""

    model = None
    action = "view"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not may(request.user, self.action, self.model):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return self.model.objects.restrict(self.request.user, self.action)


class ObjectListView(RestrictedMixin, ListView):
    """A filtered, searchable, paginated list with CSV/XLSX export of what the user may see."""

    template_name = "core/object_list.html"
    paginate_by = 50
    filterset_class = None
    columns: list[Col] = []
    export = None  # (columns, row_values, filename) when the list can be exported
    import_name = None  # the importer's name when the list can be imported
    add_url_name = None

    def get_queryset(self):
        queryset = super().get_queryset()
        if self.filterset_class is None:
            self.filterset = None
            return queryset
        self.filterset = self.filterset_class(self.request.GET or None, queryset=queryset, request=self.request)
        # Invalid filter values are shown as form errors and ignored, never widen the scope.
        return self.filterset.qs

    def get(self, request, *args, **kwargs):
        fmt = request.GET.get("export")
        if fmt in ("csv", "xlsx") and self.export:
            columns, row_values, filename = self.export
            return export_response(self.get_queryset().iterator(chunk_size=2000), columns, row_values, fmt, filename)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.copy()
        query.pop("page", None)
        context.update(
            title=self.model._meta.verbose_name_plural.capitalize(),
            columns=self.columns,
            filter_form=self.filterset.form if self.filterset else None,
            querystring=query.urlencode(),
            can_export=bool(self.export),
            add_url=reverse(self.add_url_name) if self.add_url_name and may(self.request.user, "add", self.model) else None,
            import_url=self.import_url(),
        )
        return context

    def import_url(self):
        from .imports import importers

        importer = importers().get(self.import_name) if self.import_name else None
        return reverse("core:import", args=[self.import_name]) if importer and importer.permitted(self.request.user) else None


class ObjectDetailView(RestrictedMixin, DetailView):
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["can_change"] = self.model.objects.restrict(user, "change").filter(pk=self.object.pk).exists()
        return context


class ObjectEditView(LoginRequiredMixin, View):
    """Create (no pk) or edit an object through the app's actions."""

    model = None
    form_class = None
    template_name = "core/object_form.html"
    create_action = None
    update_action = None

    def get_object(self):
        pk = self.kwargs.get("pk")
        if pk is None:
            if not may(self.request.user, "add", self.model):
                raise PermissionDenied
            return None
        return get_object_or_404(self.model.objects.restrict(self.request.user, "change"), pk=pk)

    def render_form(self, form, obj, status=200):
        verbose = self.model._meta.verbose_name
        title = _("Edit %(object)s") % {"object": obj} if obj else _("New %(type)s") % {"type": verbose}
        return render(self.request, self.template_name, {"form": form, "object": obj, "title": title}, status=status)

    def get(self, request, pk=None):
        obj = self.get_object()
        # Links such as "add a room" pass initial values in the query string (?site=3).
        initial = {key: value for key, value in request.GET.items() if key in self.form_class.base_fields}
        return self.render_form(self.form_class(instance=obj, initial=initial, user=request.user), obj)

    def post(self, request, pk=None):
        obj = self.get_object()
        form = self.form_class(request.POST, instance=obj, user=request.user)
        if form.is_valid():
            try:
                if obj is None:
                    obj = type(self).create_action(request.user, **form.cleaned_data)
                else:
                    # The form wrote the new values into its instance; the action needs the stored
                    # object to compare before and after.
                    obj = type(self).update_action(request.user, self.get_object(), **form.cleaned_data)
            except ValidationError as exc:
                add_form_errors(form, exc)
            else:
                messages.success(request, _("Saved %(object)s.") % {"object": obj})
                return redirect(obj.get_absolute_url())
        return self.render_form(form, obj, status=400)


def add_form_errors(form, exc: ValidationError) -> None:
    """Show a service's ValidationError on the form, field by field where it names one."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


class ObjectActionView(LoginRequiredMixin, View):
    """A confirmed one-click action on an object (deactivate, reactivate): GET asks, POST does."""

    model = None
    action = None
    permission = "change"
    question = ""
    template_name = "core/confirm.html"

    def get_object(self, pk):
        return get_object_or_404(self.model.objects.restrict(self.request.user, self.permission), pk=pk)

    def get(self, request, pk):
        obj = self.get_object(pk)
        return render(request, self.template_name, {"object": obj, "question": self.question % {"object": obj}})

    def post(self, request, pk):
        obj = self.get_object(pk)
        try:
            type(self).action(request.user, obj)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Done: %(object)s.") % {"object": obj})
        return redirect(obj.get_absolute_url())


class HomeView(LoginRequiredMixin, View):
    def get(self, request):
        from puente.accounts.scoping import role_assignments

        return render(request, "home.html", {"assignments": role_assignments(request.user)})


class ImportView(LoginRequiredMixin, View):
    """Upload a CSV/XLSX file; the import runs as a job and its page shows the report."""

    def dispatch(self, request, name, *args, **kwargs):
        from .imports import importers

        self.importer = importers().get(name)
        if self.importer is None:
            raise Http404
        if request.user.is_authenticated and not self.importer.permitted(request.user):
            raise PermissionDenied
        self.name = name
        return super().dispatch(request, *args, **kwargs)

    def context(self, form):
        return {"form": form, "name": self.name, "columns": self.importer.columns}

    def get(self, request):
        return render(request, "core/import_form.html", self.context(ImportForm()))

    def post(self, request):
        form = ImportForm(request.POST, request.FILES)
        if not form.is_valid():
            return render(request, "core/import_form.html", self.context(form), status=400)
        upload = form.cleaned_data["file"]
        folder = Path(settings.MEDIA_ROOT) / "imports" / uuid.uuid4().hex
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / Path(upload.name).name
        with path.open("wb") as out:
            for chunk in upload.chunks():
                out.write(chunk)
        row = jobs.enqueue(
            "import",
            {"kind": self.name, "path": str(path), "filename": upload.name, "keep_good": form.cleaned_data["keep_good"]},
            request.user,
        )
        return redirect("core:job_detail", pk=row.pk)


class JobListView(ObjectListView):
    model = Job
    template_name = "core/job_list.html"
    paginate_by = 25

    def get_template_names(self):
        if self.request.headers.get("HX-Request"):
            return ["core/_job_rows.html"]
        return [self.template_name]


class JobDetailView(ObjectDetailView):
    model = Job

    def get_template_names(self):
        if self.request.headers.get("HX-Request"):
            return ["core/_job_progress.html"]
        return ["core/job_detail.html"]


class AuditListView(ObjectListView):
    model = AuditEntry
    columns = [
        Col(gettext_lazy("Time"), "timestamp", link=True),
        Col(gettext_lazy("Actor"), "actor_name"),
        Col(gettext_lazy("Action"), "action"),
        Col(gettext_lazy("Object"), "object_repr"),
        Col(gettext_lazy("Changes"), lambda e: ", ".join(sorted(e.changes))),
        Col(gettext_lazy("Request"), "request_id"),
    ]
    filterset_class = AuditEntryFilterSet


class AuditDetailView(ObjectDetailView):
    """One entry with its changed fields, before and after."""

    model = AuditEntry
