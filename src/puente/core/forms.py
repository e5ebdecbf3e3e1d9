from django import forms
from django.utils.translation import gettext_lazy as _


class ImportForm(forms.Form):
    file = forms.FileField(label=_("File (.csv or .xlsx)"))
    keep_good = forms.BooleanField(
        label=_("If some rows are bad, keep the good rows"), required=False,
        help_text=_("Unticked: a file with any bad row writes nothing."),
    )


class ScopedModelForm(forms.ModelForm):
    """A model form whose choices of related objects are limited to what the user may see."""

    scoped_fields: dict[str, str] = {}  # field name -> action the user needs on the choice

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        for name, action in self.scoped_fields.items():
            field = self.fields[name]
            field.queryset = field.queryset.model.objects.restrict(user, action)
