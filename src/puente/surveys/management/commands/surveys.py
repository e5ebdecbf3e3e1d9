import datetime

from django.core.management.base import BaseCommand, CommandError

from puente.core.management.commands._actor import actor_option, resolve_actor
from puente.surveys import actions


def day(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"--date: {value!r} is not a date like 2025-05-01") from None


class Command(BaseCommand):
    help = "Survey tasks. follow-ups: open the follow-up surveys of completions three to six months old and tell coordinators (run daily)."

    def add_arguments(self, parser):
        parser.add_argument("task", choices=["follow-ups"])
        parser.add_argument("--date", help="act as if today were this date (YYYY-MM-DD)")
        actor_option(parser)

    def handle(self, task, date=None, as_user="admin", **options):
        actor = resolve_actor(as_user)
        opened = actions.open_follow_ups(actor, day(date) if date else None)
        self.stdout.write(f"{opened} follow-up surveys opened")
