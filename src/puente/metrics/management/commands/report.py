"""`puente report annual --year 2024 --lang en|es --format pdf|html [--on 2024-03-31] [--output FILE]`."""
import datetime
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from puente.core.jobs import run_in_foreground
from puente.metrics.jobs import report_name
from puente.metrics.report import FORMATS, LANGUAGES


class Command(BaseCommand):
    help = "Produce a report from the metrics registry."

    def add_arguments(self, parser):
        subparsers = parser.add_subparsers(dest="report", required=True)
        annual = subparsers.add_parser("annual", help="the year's report: every indicator with its breakdown and charts")
        annual.add_argument("--year", type=int, required=True)
        annual.add_argument("--lang", choices=LANGUAGES, default="en")
        annual.add_argument("--format", choices=FORMATS, default="pdf", dest="fmt")
        annual.add_argument("--on", type=datetime.date.fromisoformat, metavar="YYYY-MM-DD",
                            help="the day in the year that figures held on one day (vetting currency, certification coverage, "
                                 "accreditation, canine certifications) are read on (default: 31 December, or today for the current year)")
        annual.add_argument("--output", help="where to write it (default: annual-report-YEAR-LANG.FORMAT here)")

    def handle(self, *args, report, year, lang, fmt, on, output, **options):
        from django.core.files.storage import default_storage

        params = {"year": year, "language": lang, "fmt": fmt, "on": on.isoformat() if on else None}
        job = run_in_foreground("metrics.annual_report", params, None, show_progress=options["verbosity"] > 0)
        if job.error:
            raise CommandError(f"The report could not be produced: {job.error}")
        target = Path(output or report_name(year, lang, fmt))
        with default_storage.open(job.result["file"], "rb") as stored:
            target.write_bytes(stored.read())
        default_storage.delete(job.result["file"])
        self.stdout.write(self.style.SUCCESS(f"Wrote {target} ({job.result['bytes']:,} bytes)."))
