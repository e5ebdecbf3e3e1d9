from django import forms
from django.utils.translation import gettext_lazy as _

from puente.core.forms import ScopedModelForm

from .models import RoleAssignment, User


class RoleAssignmentForm(ScopedModelForm):
    scoped_fields = {"agency": "view"}

    class Meta:
        model = RoleAssignment
        fields = ["role", "agency"]


class UserCreateForm(forms.ModelForm):
    password = forms.CharField(label=_("Password"), widget=forms.PasswordInput, required=False,
                               help_text=_("Leave empty to create an account that cannot sign in yet."))

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)

    class Meta:
        model = User
        fields = ["username", "first_name", "last_name", "email", "language", "person"]


class LanguageForm(forms.Form):
    language = forms.ChoiceField(label=_("Language"), choices=[("", _("Browser's language")), ("en", _("English")), ("es", _("Spanish"))], required=False)
    next = forms.CharField(required=False, widget=forms.HiddenInput)
