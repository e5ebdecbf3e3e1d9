from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from puente.core.services import may
from puente.core.views import Col, ObjectActionView, ObjectDetailView, ObjectEditView, ObjectListView

from . import actions
from .forms import LanguageForm, RoleAssignmentForm, UserCreateForm
from .models import RoleAssignment, User


def set_language(request):
    """Switch the interface language; signed-in users keep it as their preference."""
    form = LanguageForm(request.POST or None)
    target = request.POST.get("next") or request.META.get("HTTP_REFERER") or "/"
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        target = "/"
    response = HttpResponseRedirect(target)
    if request.method == "POST" and form.is_valid():
        language = form.cleaned_data["language"]
        if request.user.is_authenticated:
            actions.set_language(request.user, request.user, language)
        if language:
            translation.activate(language)
            response.set_cookie("django_language", language, samesite="Lax")
        else:
            response.delete_cookie("django_language")
    return response


class UserListView(ObjectListView):
    model = User
    add_url_name = "accounts:user_add"
    columns = [
        Col(gettext_lazy("User name"), "username", link=True),
        Col(gettext_lazy("Name"), lambda u: u.get_full_name()),
        Col(gettext_lazy("Roles"), lambda u: ", ".join(str(a.get_role_display()) for a in u.role_assignments.all())),
        Col(gettext_lazy("Active"), "is_active"),
    ]

    def get_queryset(self):
        return super().get_queryset().prefetch_related("role_assignments")


class UserDetailView(ObjectDetailView):
    model = User
    template_name = "accounts/user_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["assignments"] = RoleAssignment.objects.restrict(user, "view").filter(user=self.object).select_related("agency")
        context["can_grant"] = may(user, "add", RoleAssignment)
        context["grant_form"] = RoleAssignmentForm(user=user)
        return context


class UserCreateView(ObjectEditView):
    model = User
    form_class = UserCreateForm

    @staticmethod
    def create_action(actor, **fields):
        return actions.create_user(actor, **fields)


class GrantRoleView(LoginRequiredMixin, View):
    def post(self, request, pk):
        target = get_object_or_404(User.objects.restrict(request.user, "view"), pk=pk)
        if not may(request.user, "add", RoleAssignment):
            raise PermissionDenied
        form = RoleAssignmentForm(request.POST, user=request.user)
        if form.is_valid():
            try:
                actions.grant_role(request.user, target, form.cleaned_data["role"], form.cleaned_data["agency"])
                messages.success(request, _("Role granted."))
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
        else:
            messages.error(request, _("The role could not be granted: check the role and agency."))
        return redirect("accounts:user_detail", pk=target.pk)


class RevokeRoleView(ObjectActionView):
    model = RoleAssignment
    permission = "delete"
    question = gettext_lazy("Revoke %(object)s?")

    def post(self, request, pk):
        assignment = self.get_object(pk)
        actions.revoke_role(request.user, assignment)
        messages.success(request, _("Role revoked."))
        return redirect("accounts:user_detail", pk=assignment.user_id)


class ProfileView(LoginRequiredMixin, View):
    """The signed-in user's own page: language and API token."""

    def get(self, request):
        from rest_framework.authtoken.models import Token

        token = Token.objects.filter(user=request.user).first()
        return render(request, "accounts/profile.html", {
            "has_token": token is not None,
            "language_form": LanguageForm(initial={"language": request.user.language, "next": reverse("accounts:profile")}),
        })

    def post(self, request):
        token = actions.issue_api_token(request.user, request.user)
        # Shown once: it is a secret.
        return render(request, "accounts/profile.html", {
            "has_token": True, "new_token": token.key,
            "language_form": LanguageForm(initial={"language": request.user.language, "next": reverse("accounts:profile")}),
        })
