"""Template context shared by every page."""
from django.conf import settings


def navigation(request):
    from puente.accounts.scoping import navigation_for

    return {
        "nav_items": navigation_for(getattr(request, "user", None)),
        "request_id": getattr(request, "request_id", ""),
        "LANGUAGES": settings.LANGUAGES,
    }
