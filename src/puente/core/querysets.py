"""The one scoping layer: every read of a domain model goes through `restrict(user, action)`."""
from django.db import models


class RestrictedQuerySet(models.QuerySet):
    """A queryset that can narrow itself to the rows a user may act on."""

    def restrict(self, user, action: str = "view"):
        """Only the rows `user` may `action` (view, add, change, delete), by their roles."""
        from puente.accounts.scoping import restriction_for

        q = restriction_for(user, self.model, action)
        if q is None:
            return self.none()
        return self.filter(q) if q else self


RestrictedManager = models.Manager.from_queryset(RestrictedQuerySet)
