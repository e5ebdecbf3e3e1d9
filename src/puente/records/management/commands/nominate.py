from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from puente.core.imports import ImportFailed
from puente.core.management.commands._actor import actor_option, resolve_actor
from puente.records.actions import fill_term
from puente.records.imports import read_proposals
from puente.registry.models import Agency


class Command(BaseCommand):
    help = "Fill a term's nominations at once from a CSV/XLSX of proposals (national_id, session, value)."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True, help="fiscal year of the sessions")
        parser.add_argument("--agency", required=True, help="agency code")
        parser.add_argument("--candidates", type=Path, required=True)
        actor_option(parser)

    def handle(self, *args, year, agency, candidates, **options):
        actor = resolve_actor(options["as_user"])
        found = Agency.objects.restrict(actor, "view").filter(code=agency.upper()).first()
        if found is None:
            raise CommandError(f"No agency you may see has the code {agency}.")
        try:
            proposals, errors = read_proposals(actor, found, year, candidates, candidates.name)
        except (ImportFailed, OSError) as exc:
            raise CommandError(str(exc)) from None
        if errors:
            raise CommandError("\n".join(str(e) for e in errors) + "\nNothing was nominated.")
        report = fill_term(actor, found, year, proposals)
        for person, session, reasons in report["refused"]:
            self.stderr.write(f"{person.national_id} → {session}: {' '.join(reasons)}")
        bound = report["lp_bound"] or report["value"] or 1
        self.stdout.write(
            f"{len(report['nominated'])} nominated, {len(report['waiting'])} on waiting lists, {len(report['refused'])} refused; "
            f"value {report['value']:.1f} ({report['value'] / bound:.2%} of the LP bound)."
        )
