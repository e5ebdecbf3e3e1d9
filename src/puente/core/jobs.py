"""One interface for all long work.

A job kind is a function registered with `@job("kind")`; it receives a `Progress` to report
percent and message, the acting user, and its stored parameters, and returns JSON-ready
results. `enqueue` stores a Job row and hands it to Celery when CELERY_BROKER_URL is set;
otherwise the local worker (`puente worker`, started by `puente serve`) picks it from the
database. The CLI runs jobs in the foreground with a progress bar (`run_in_foreground`).
"""
import logging
import time
from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.cache import caches
from django.db import connection, transaction
from django.utils import timezone
from django.utils import translation
from django.utils.translation import gettext as _

from . import audit
from .context import reset_request_id, set_request_id
from .models import Job

log = logging.getLogger(__name__)
LIVE_PROGRESS_SECONDS = 24 * 3600  # a live report outlasts any job; the row holds the final state
_KINDS: dict[str, Callable] = {}


class JobError(Exception):
    """A failure whose message is meant for the user (bad input, refused work)."""


def job(kind: str):
    """Register a function as the job kind `kind`."""

    def register(fn):
        _KINDS[kind] = fn
        return fn

    return register


def registered_kinds() -> list[str]:
    return sorted(_KINDS)


class Progress:
    """Reports a job's percent and message (at most twice a second) where pages read them, and to a listener.

    The report goes to the "jobs" cache, which every page and poller reads first while the job
    runs, and to the job's row unless the job is inside a transaction: there the row would
    stay hidden until the commit (on SQLite its write would even wait for the job's own
    lock to end), and a connection streaming rows (COPY) can run no other statement.
    """

    min_interval = 0.5

    def __init__(self, job_row: Job, listener: Callable[[int, str], None] | None = None):
        self.job = job_row
        self.listener = listener
        self._last_write = 0.0
        self._last_percent = -1

    def __call__(self, percent: float, message: str = "") -> None:
        percent = max(0, min(100, int(percent)))
        now = time.monotonic()
        if percent != self._last_percent or now - self._last_write >= self.min_interval:
            if now - self._last_write >= self.min_interval or percent in (0, 100):
                self._store(percent, message[:300])
                self._last_write = now
            self._last_percent = percent
        if self.listener:
            self.listener(percent, message)

    def _store(self, percent: int, message: str) -> None:
        caches["jobs"].set(Job.progress_key(self.job.pk), {"percent": percent, "message": message}, LIVE_PROGRESS_SECONDS)
        if not connection.in_atomic_block:
            Job.objects.filter(pk=self.job.pk).update(percent=percent, message=message)


def enqueue(kind: str, params: dict | None = None, user=None) -> Job:
    """Store a job and hand it to whichever worker this deployment runs."""
    if kind not in _KINDS:
        raise JobError(_("Unknown job kind: %(kind)s") % {"kind": kind})
    with transaction.atomic():
        row = Job.objects.create(
            kind=kind, params=params or {}, created_by=user if _is_user(user) else None, language=_language()
        )
        audit.record(user, "core.job.enqueue", row, {"kind": [None, kind]})
    if settings.PUENTE_JOBS_INLINE:
        run_job(row.pk)
        row.refresh_from_db()
    elif settings.CELERY_BROKER_URL:
        from puente.celery import run_job_task

        run_job_task.delay(row.pk)
    return row


def run_job(job_id: int, listener: Callable[[int, str], None] | None = None) -> str:
    """Claim a queued job and run it to the end; returns its final state."""
    claimed = Job.objects.filter(pk=job_id, state=Job.State.QUEUED).update(
        state=Job.State.RUNNING, started_at=timezone.now(), message=""
    )
    row = Job.objects.select_related("created_by").get(pk=job_id)
    if not claimed:
        return row.state
    token = set_request_id(f"job-{row.pk}")
    # Messages and reports are written in the language of whoever asked for the job; the caller's
    # language comes back afterwards (inline jobs run inside a request).
    previous = translation.get_language()
    translation.activate(row.language)
    try:
        result = _KINDS[row.kind](Progress(row, listener), row.created_by, **row.params)
        Job.objects.filter(pk=row.pk).update(
            state=Job.State.SUCCEEDED, percent=100, result=result, finished_at=timezone.now()
        )
        return Job.State.SUCCEEDED
    except (JobError, ValidationError) as exc:
        message = "; ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
        _fail(row, message)
    except Exception as exc:  # a worker must outlive any one job's bug
        log.exception("job %s (%s) failed", row.pk, row.kind)
        _fail(row, f"{type(exc).__name__}: {exc}")
    finally:
        caches["jobs"].delete(Job.progress_key(row.pk))
        if previous:
            translation.activate(previous)
        else:
            translation.deactivate()
        reset_request_id(token)
    return Job.State.FAILED


def _fail(row: Job, message: str) -> None:
    Job.objects.filter(pk=row.pk).update(state=Job.State.FAILED, error=message, finished_at=timezone.now())


def _language() -> str:
    return (translation.get_language() or settings.LANGUAGE_CODE)[:2]


def _is_user(user) -> bool:
    return user is not None and getattr(user, "is_authenticated", False)


def next_queued_job_id() -> int | None:
    return Job.objects.filter(state=Job.State.QUEUED).order_by("created_at", "id").values_list("pk", flat=True).first()


def run_worker(poll_seconds: float = 1.0, stop_when_idle: bool = False) -> int:
    """The local worker loop: run queued jobs oldest first. Returns how many it ran."""
    ran = 0
    while True:
        job_id = next_queued_job_id()
        if job_id is None:
            if stop_when_idle:
                return ran
            time.sleep(poll_seconds)
            continue
        run_job(job_id)
        ran += 1


def run_in_foreground(kind: str, params: dict, user=None, show_progress: bool = True) -> Job:
    """Run a job now in this process (the CLI), drawing a progress bar on the terminal."""
    if kind not in _KINDS:
        raise JobError(_("Unknown job kind: %(kind)s") % {"kind": kind})
    with transaction.atomic():
        row = Job.objects.create(
            kind=kind, params=params, created_by=user if _is_user(user) else None, language=_language()
        )
        audit.record(user, "core.job.enqueue", row, {"kind": [None, kind]})
    if show_progress:
        from tqdm import tqdm

        with tqdm(total=100, desc=kind, unit="%", bar_format="{desc}: {percentage:3.0f}%|{bar}| {postfix}") as bar:

            def listener(percent, message):
                bar.n = percent
                bar.postfix = message[:60]  # set directly: set_postfix_str would prefix ", "
                bar.refresh()

            run_job(row.pk, listener)
    else:
        run_job(row.pk)
    row.refresh_from_db()
    return row
