"""One job interface: inline in tests, the local worker on one machine, Celery over Redis or RabbitMQ."""
import os
import socket
import time
from urllib.parse import urlparse

import pytest

from puente.core import jobs
from puente.core.models import AuditEntry, Job


@jobs.job("test.count")
def count_job(progress, actor, *, to: int, fail_at: int | None = None):
    for n in range(1, to + 1):
        if n == fail_at:
            raise jobs.JobError(f"refused at {n}")
        progress(100 * n / to, f"counted {n}")
    return {"counted": to, "by": actor.username if actor else None}


@jobs.job("test.crash")
def crash_job(progress, actor):
    raise RuntimeError("bug in the job")


def test_inline_job_succeeds_with_result_and_audit(world, pm):
    row = jobs.enqueue("test.count", {"to": 5}, pm)
    assert (row.state, row.percent, row.result) == (Job.State.SUCCEEDED, 100, {"counted": 5, "by": pm.username})
    assert row.started_at and row.finished_at
    assert AuditEntry.objects.filter(action="core.job.enqueue", object_id=str(row.pk), actor=pm).exists()


def test_failures_are_stored_not_raised(world, pm):
    refused = jobs.enqueue("test.count", {"to": 5, "fail_at": 3}, pm)
    assert (refused.state, refused.error) == (Job.State.FAILED, "refused at 3")
    crashed = jobs.enqueue("test.crash", {}, pm)
    assert crashed.state == Job.State.FAILED and crashed.error == "RuntimeError: bug in the job"


def test_unknown_kind_is_refused(world, pm):
    with pytest.raises(jobs.JobError, match="Unknown job kind"):
        jobs.enqueue("no.such", {}, pm)
    assert not Job.objects.exists()


def test_job_runs_in_the_language_of_whoever_asked(world, pm):
    from django.utils import translation

    with translation.override("es"):
        row = jobs.enqueue("test.count", {"to": 1}, pm)
    assert row.language == "es"


def test_progress_listener_sees_every_step(world, pm):
    seen = []
    row = Job.objects.create(kind="test.count", params={"to": 4}, created_by=pm)
    jobs.run_job(row.pk, listener=lambda percent, message: seen.append(percent))
    assert seen == [25, 50, 75, 100]


def test_a_job_runs_once_even_if_two_workers_claim_it(world, pm):
    row = Job.objects.create(kind="test.count", params={"to": 1}, created_by=pm)
    assert jobs.run_job(row.pk) == Job.State.SUCCEEDED
    Job.objects.filter(pk=row.pk).update(result={"counted": "first"})
    assert jobs.run_job(row.pk) == Job.State.SUCCEEDED
    assert Job.objects.get(pk=row.pk).result == {"counted": "first"}


def test_local_worker_runs_queued_jobs_oldest_first(world, pm, settings):
    settings.PUENTE_JOBS_INLINE = False
    settings.CELERY_BROKER_URL = ""
    first = jobs.enqueue("test.count", {"to": 2}, pm)
    second = jobs.enqueue("test.count", {"to": 3}, pm)
    assert Job.objects.get(pk=first.pk).state == Job.State.QUEUED
    assert jobs.run_worker(stop_when_idle=True) == 2
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.state == second.state == Job.State.SUCCEEDED
    assert first.finished_at <= second.started_at


def test_job_pages_poll_progress(world, pm, client):
    row = Job.objects.create(kind="test.count", params={"to": 2}, created_by=pm, percent=40, message="halfway", state="running")
    client.force_login(pm)
    page = client.get(f"/jobs/{row.pk}/").content.decode()
    assert 'hx-trigger="every 1s"' in page and 'value="40"' in page and "halfway" in page
    fragment = client.get(f"/jobs/{row.pk}/", HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in fragment and 'value="40"' in fragment
    rows = client.get("/jobs/", HTTP_HX_REQUEST="true").content.decode()
    assert f"test.count #{row.pk}" in rows and "<html" not in rows


BROKERS = {
    "redis": os.environ.get("PUENTE_TEST_REDIS_URL", "redis://127.0.0.1:6379/15"),
    "rabbitmq": os.environ.get("PUENTE_TEST_AMQP_URL", "amqp://guest:guest@127.0.0.1:5672//"),
}


def _reachable(url: str) -> bool:
    parts = urlparse(url)
    try:
        with socket.create_connection((parts.hostname, parts.port or {"redis": 6379, "amqp": 5672}[parts.scheme]), timeout=2):
            return True
    except OSError:
        return False


@pytest.mark.broker
@pytest.mark.parametrize("broker", sorted(BROKERS))
def test_celery_worker_runs_the_same_jobs(transactional_db, settings, broker):
    """A real Celery worker over a real broker runs an enqueued job and stores its progress."""
    url = BROKERS[broker]
    if not _reachable(url):
        if os.environ.get("CI") == "true":
            pytest.fail(f"{broker} is not reachable at {url}; CI runs the job tests on both brokers")
        pytest.skip(f"{broker} is not reachable at {url}")
    from celery.contrib.testing.worker import start_worker

    from puente.celery import app

    settings.PUENTE_JOBS_INLINE = False
    settings.CELERY_BROKER_URL = url
    # Drop the previous test's broker connections (Celery keeps its producer pool apart).
    app.close()
    app.amqp._producer_pool = None
    app.conf.update(broker_url=url, result_backend=None, task_always_eager=False, broker_connection_retry_on_startup=True)
    queue = f"puente-test-{os.getpid()}"  # one name: celery caches its routing table
    app.conf.task_default_queue = queue
    with start_worker(app, pool="solo", perform_ping_check=False, loglevel="WARNING", queues=[queue], shutdown_timeout=10):
        # Declare the queue first: Redis drops a message published before its queue is bound.
        with app.connection_for_write() as connection:
            app.amqp.queues[queue](connection.default_channel).declare()
        row = jobs.enqueue("test.count", {"to": 3}, None)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            row.refresh_from_db()
            if row.is_finished:
                break
            time.sleep(0.2)
    assert row.state == Job.State.SUCCEEDED, row.error
    assert row.result == {"counted": 3, "by": None}
    app.close()
