from django import forms
from django.utils.translation import gettext_lazy


class NominateForm(forms.Form):
    identifiers = forms.CharField(
        label=gettext_lazy("National identifiers of the officers, one per line"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=gettext_lazy("Each officer is checked on their own: active status, overlapping sessions, prerequisites and vetting."),
    )

    def identifier_list(self) -> list[str]:
        return self.cleaned_data["identifiers"].replace(",", "\n").splitlines()
