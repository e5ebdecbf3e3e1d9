"""Job kinds of the metrics app (registered when core discovers `jobs` modules)."""
import datetime

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from puente.core.jobs import JobError, job

from . import report


def report_name(year: int, language: str, fmt: str) -> str:
    return f"annual-report-{year}-{language}.{fmt}"


@job("metrics.annual_report")
def annual_report_job(progress, user, year: int, language: str, fmt: str, on: str | None = None) -> dict:
    """Build the annual report and keep it in storage for the one who asked (`on`: the ISO
    reference day of the figures held on one day)."""
    try:
        content = report.build(user, year, language, fmt, progress, on=datetime.date.fromisoformat(on) if on else None)
    except ValueError as exc:
        raise JobError(str(exc)) from None
    name = default_storage.save(f"reports/{report_name(year, language, fmt)}", ContentFile(content))
    return {"file": name, "year": year, "language": language, "format": fmt, "bytes": len(content)}
