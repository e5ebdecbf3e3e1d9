import subprocess
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Serve the web UI and API; without a Celery broker, also start a local job worker."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--threads", type=int, default=8)

    def handle(self, *args, host, port, threads, **options):
        from waitress import serve

        from puente.wsgi import application

        call_command("migrate", interactive=False, verbosity=0)
        worker = None
        if not settings.CELERY_BROKER_URL:
            # One machine, no extra service: a worker process of our own runs the jobs.
            worker = subprocess.Popen([sys.executable, "-m", "puente.cli", "worker"])
            self.stdout.write(f"Job worker started (pid {worker.pid}).")
        else:
            self.stdout.write("Jobs go to Celery workers at CELERY_BROKER_URL.")
        self.stdout.write(f"Puente is at http://{host}:{port}/  (API docs: http://{host}:{port}/api/docs/)")
        try:
            serve(application, host=host, port=port, threads=threads, ident="puente")
        finally:
            if worker is not None:
                worker.terminate()
                worker.wait(timeout=10)
