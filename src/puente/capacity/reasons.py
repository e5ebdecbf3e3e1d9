"""Reasons and weight classes of the allocation core, in words for the pages (both languages)."""
from django.utils.translation import gettext_lazy

REASONS = {
    "no_session": gettext_lazy("No session of this program in your preferred months and sites."),
    "program_full": gettext_lazy("The program's sessions in your window are full."),
    "fairness_cap": gettext_lazy("Your agency reached its share cap for this program."),
    "lower_priority": gettext_lazy("Lower priority than the requests that got these seats."),
}

EXAMPLE = gettext_lazy("(For example, %(agency)s got a seat there.)")

WEIGHT_CLASSES = {
    "critical": gettext_lazy("Mission-critical programs"),
    "border": gettext_lazy("Border-region agencies"),
    "remote": gettext_lazy("Remote-region agencies"),
    "underserved": gettext_lazy("Under-served agencies"),
    "none": gettext_lazy("Other requests"),
}
