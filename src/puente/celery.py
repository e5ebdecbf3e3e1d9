"""The Celery application: used only when CELERY_BROKER_URL is set."""
import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "puente.settings.dev")

app = Celery("puente")
app.config_from_object("django.conf:settings", namespace="CELERY")


@app.task(name="puente.run_job")
def run_job_task(job_id: int) -> str:
    """Run one stored job; its state and progress are written to the database."""
    from puente.core.jobs import run_job

    return run_job(job_id)
