from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from puente.core.imports import importers
from puente.core.jobs import run_in_foreground

from ._actor import actor_option, resolve_actor


class Command(BaseCommand):
    help = "Import a CSV or XLSX file (agencies, people, ...). Bad rows are listed; nothing is written unless every row is good or --keep-good is given."

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=sorted(importers()))
        parser.add_argument("file", type=Path)
        parser.add_argument("--keep-good", action="store_true", help="Write the good rows even if some rows are bad.")
        actor_option(parser)

    def handle(self, *args, kind, file, keep_good, **options):
        if not file.is_file():
            raise CommandError(f"{file}: no such file.")
        actor = resolve_actor(options["as_user"])
        job = run_in_foreground(
            "import", {"kind": kind, "path": str(file.resolve()), "filename": file.name, "keep_good": keep_good},
            actor, show_progress=options["verbosity"] > 0,
        )
        if job.error:
            raise CommandError(job.error)
        report = job.result
        for error in report["errors"]:
            self.stderr.write(error["text"])
        if report.get("unlisted"):
            self.stderr.write(f"... and {report['unlisted']} more bad rows.")
        summary = (
            f"{report['file']}: {report['rows']} rows, {report['created']} created, {report['updated']} updated, "
            f"{report['unchanged']} unchanged, {report.get('bad_rows', len(report['errors']))} bad."
        )
        if not report["written"]:
            raise CommandError(summary + " Nothing was written (use --keep-good to keep the good rows).")
        if report["errors"]:
            summary += f" Kept rows: {', '.join(map(str, report['kept_rows']))}."
        self.stdout.write(summary)
