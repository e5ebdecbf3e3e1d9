"""Commands act as a named user, so their writes are scoped and audited like the UI's."""
from django.core.management.base import CommandError


def actor_option(parser):
    parser.add_argument("--as", dest="as_user", default="admin", help="User name the command acts as (default: admin).")


def resolve_actor(username: str):
    from puente.accounts.models import User

    try:
        return User.objects.get(username=username, is_active=True)
    except User.DoesNotExist:
        raise CommandError(f"No active user named {username!r}; pass --as USER.") from None
