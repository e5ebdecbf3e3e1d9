import json

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from puente.catalog.models import Program
from puente.core.jobs import run_in_foreground
from puente.core.management.commands._actor import actor_option, resolve_actor
from puente.impact import actions
from puente.impact.panel import outcome_choices, outcome_label
from puente.impact.verdicts import headline, reasons


class Command(BaseCommand):
    help = "Operational impact: `impact estimate --program CODE --measure NAME` estimates a program's effect on an outcome."

    def add_arguments(self, parser):
        commands = parser.add_subparsers(dest="subcommand", required=True)
        estimate = commands.add_parser("estimate", help="difference-in-differences estimate with an event study and a verdict")
        estimate.add_argument("--program", required=True, help="program code, e.g. ANAM-INI-OP")
        estimate.add_argument("--measure", required=True,
                              help="outcome: seizures_per_1000, scan_usage, scans_per_1000, complaints_per_1000, "
                                   "use_of_force_per_1000, or any measure code")
        estimate.add_argument("--threshold", type=float, default=0.5,
                              help="share of a unit's officers who must have completed the program (default 0.5)")
        estimate.add_argument("--json", action="store_true", help="print the whole result as JSON")
        actor_option(estimate)

    def handle(self, *args, subcommand, **options):
        actor = resolve_actor(options["as_user"])
        program = Program.objects.filter(code=options["program"].strip().upper()).first()
        if program is None:
            raise CommandError(f"No program with code {options['program']!r}.")
        if options["measure"] not in dict(outcome_choices()):
            raise CommandError(f"Unknown measure {options['measure']!r}; one of: {', '.join(dict(outcome_choices()))}.")
        try:
            estimate = actions.request_estimate(actor, program=program, outcome=options["measure"],
                                                threshold=options["threshold"], enqueue=False)
        except ValidationError as exc:
            raise CommandError("; ".join(f"{field}: {' '.join(msgs)}" for field, msgs in exc.message_dict.items())) from None
        job = run_in_foreground("impact.estimate", {"estimate_id": estimate.pk}, actor, show_progress=options["verbosity"] > 0)
        if job.error:
            raise CommandError(job.error)
        estimate.refresh_from_db()
        result = estimate.result
        if options["json"]:
            self.stdout.write(json.dumps(result, indent=2))
            return
        label = outcome_label(estimate.outcome)
        self.stdout.write(f"Estimate #{estimate.pk}: {program.code} on {label}, threshold {estimate.threshold}")
        counts = result["counts"]
        self.stdout.write(f"{counts['units']} units, {counts['treated_units']} trained in {counts['cohorts']} months, "
                          f"{counts['control_units']} untrained after the first training; months {result['months'][0]} to {result['months'][1]}.")
        self.stdout.write("month  effect   95% interval")
        for row in result["event_study"]:
            if row["estimate"] is not None:
                self.stdout.write(f"{row['event']:>5}  {row['estimate']:>7.3f}  [{row['low']:.3f}, {row['high']:.3f}]")
        self.stdout.write(headline(result, label))
        for reason in reasons(result):
            self.stdout.write(f"  - {reason}")
