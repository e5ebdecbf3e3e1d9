"""Template context shared by every page."""
from django.conf import settings


def navigation(request):
    from puente.accounts.scoping import navigation_groups

    return {
        "nav_groups": navigation_groups(getattr(request, "user", None)),
        "request_id": getattr(request, "request_id", ""),
        "LANGUAGES": settings.LANGUAGES,
    }
