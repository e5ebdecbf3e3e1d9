from django.core.management.base import BaseCommand

from puente.core.jobs import run_worker


class Command(BaseCommand):
    help = "Run queued background jobs (the local worker used when no Celery broker is set)."

    def add_arguments(self, parser):
        parser.add_argument("--poll", type=float, default=1.0, help="Seconds between looks for new jobs.")
        parser.add_argument("--until-idle", action="store_true", help="Stop when no job is queued.")

    def handle(self, *args, poll, until_idle, **options):
        ran = run_worker(poll_seconds=poll, stop_when_idle=until_idle)
        self.stdout.write(f"Ran {ran} job(s).")
