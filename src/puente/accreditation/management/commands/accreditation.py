"""`puente accreditation …`: import a framework, list overdue cycles, tallies, purge expired proofs."""
from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from puente.accreditation import actions, reports
from puente.accreditation.imports import FrameworkInvalid, parse
from puente.core.management.commands._actor import actor_option, resolve_actor

SHIPPED = Path(__file__).resolve().parents[2] / "frameworks"


class Command(BaseCommand):
    help = "Accreditation: import-framework FILE, overdue, tallies, purge-proofs."

    def add_arguments(self, parser):
        commands = parser.add_subparsers(dest="subcommand", required=True)
        imp = commands.add_parser("import-framework", help="import a standards framework from YAML or CSV (all or nothing)")
        imp.add_argument("file", type=Path, help=f"YAML or CSV file; the shipped samples are in {SHIPPED}")
        imp.add_argument("--code", default="", help="CSV only: framework code, e.g. LE-2024")
        imp.add_argument("--program-type", default="", help="CSV only: law_enforcement, training_academy or communications_center")
        imp.add_argument("--edition", default="", help="CSV only: edition, e.g. 2024")
        imp.add_argument("--title-en", default="", help="CSV only: title in English")
        imp.add_argument("--title-es", default="", help="CSV only: title in Spanish")
        imp.add_argument("--tiers", default="", help="CSV only: comma-separated tier codes")
        overdue = commands.add_parser("overdue", help="list open cycles past their phase's deadline")
        overdue.add_argument("--program", default="", help="program code")
        tallies = commands.add_parser("tallies", help="print the program tallies")
        tallies.add_argument("--by", choices=list(reports.BREAKDOWNS), default="program_type")
        tallies.add_argument("--program", default="", help="program code")
        commands.add_parser("purge-proofs", help="delete proofs whose four-year retention has ended")
        for sub in (imp, overdue, tallies, commands.choices["purge-proofs"]):
            actor_option(sub)

    def handle(self, *args, subcommand, **options):
        actor = resolve_actor(options["as_user"])
        try:
            getattr(self, subcommand.replace("-", "_"))(actor, options)
        except PermissionDenied:
            raise CommandError(f"{actor} may not do that.") from None

    def import_framework(self, actor, options):
        path = options["file"]
        try:
            content = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"{path}: {exc.strerror}") from None
        tiers = [tier.strip() for tier in options["tiers"].split(",") if tier.strip()]
        try:
            data = parse(content, path.name, code=options["code"], program_type=options["program_type"], edition=options["edition"],
                         title_en=options["title_en"], title_es=options["title_es"], tiers=tiers)
            framework = actions.import_framework(actor, data)
        except FrameworkInvalid as exc:
            raise CommandError("nothing imported:\n  " + "\n  ".join(exc.errors)) from None
        except ValidationError as exc:
            raise CommandError("nothing imported: " + " ".join(exc.messages)) from None
        self.stdout.write(f"Imported {framework.code} ({framework.get_program_type_display()}, edition {framework.edition}): "
                          f"{framework.chapters.count()} chapters, {framework.standards.count()} standards.")

    def _cycles(self, actor, options):
        cycles = reports.visible_cycles(actor).select_related("agency", "framework", "program")
        if options["program"]:
            cycles = cycles.filter(program__code=options["program"])
        return cycles

    def overdue(self, actor, options):
        today = timezone.localdate()
        late = self._cycles(actor, options).overdue(today).order_by("deadline")
        for cycle in late:
            self.stdout.write(f"{cycle.agency.code:28} {cycle.get_phase_display():36} due {cycle.deadline} "
                              f"({(today - cycle.deadline).days} days late)  #{cycle.pk}")
        self.stdout.write(f"{len(late)} overdue cycle(s).")

    def tallies(self, actor, options):
        total, rows = reports.tallies(self._cycles(actor, options), options["by"])
        self.stdout.write(f"{'':40} {'enrolled':>9} {'in progress':>12} {'accredited':>11} {'withdrawn/removed':>18}")
        for row in [*rows, total]:
            self.stdout.write(f"{row.group[:40]:40} {row.enrolled:9} {row.in_progress:12} {row.accredited:11} {row.withdrawn_removed:18}")

    def purge_proofs(self, actor, options):
        self.stdout.write(f"{actions.purge_expired_proofs(actor)} proof(s) past their four-year retention deleted.")
