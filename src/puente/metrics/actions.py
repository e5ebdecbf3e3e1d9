"""Every write of the metrics app: saving and deleting named dashboard views."""
from django.db import transaction

from puente.core import audit
from puente.core.services import action_name, create_object, require

from .models import SavedView, clean_query


@transaction.atomic
def save_view(actor, name: str, query: str) -> SavedView:
    """Name the dashboard state in `query` for `actor` (names are unique per owner)."""
    return create_object(actor, SavedView, {"owner": actor, "name": name.strip(), "query": clean_query(query)})


@transaction.atomic
def delete_view(actor, view: SavedView) -> None:
    require(actor, "delete", view)
    audit.record(actor, action_name(SavedView, "delete"), view, {k: [v, None] for k, v in audit.snapshot(view).items()})
    view.delete()
