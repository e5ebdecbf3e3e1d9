import json
from pathlib import Path

import yaml
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from puente.capacity import actions
from puente.core.jobs import run_in_foreground
from puente.core.management.commands._actor import actor_option, resolve_actor


def read_rules(path: Path) -> dict:
    """Rules from a JSON or YAML file; a file that does not parse is named with its line."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise CommandError(f"{path}: {exc.strerror}") from None
    try:
        data = json.loads(text) if path.suffix.lower() == ".json" else yaml.safe_load(text)
    except json.JSONDecodeError as exc:
        raise CommandError(f"{path}: line {exc.lineno}, column {exc.colno}: {exc.msg}") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        raise CommandError(f"{path}: {where}{getattr(exc, 'problem', exc)}") from None
    if not isinstance(data, dict):
        raise CommandError(f"{path}: the rules must be a mapping of rule names to values")
    return data


class Command(BaseCommand):
    help = "Allocate a fiscal year's requested seats to its sessions (optimizer vs first come) and optionally publish."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True, help="fiscal year, e.g. 2024")
        parser.add_argument("--rules", type=Path, help="JSON or YAML file of allocation rules")
        parser.add_argument("--publish", action="store_true", help="publish the run and notify coordinators")
        actor_option(parser)

    def handle(self, *args, year, rules, publish, **options):
        actor = resolve_actor(options["as_user"])
        try:
            run = actions.start_run(actor, fiscal_year=year, rules=read_rules(rules) if rules else {}, enqueue=False)
        except ValidationError as exc:
            raise CommandError("; ".join(f"{field}: {' '.join(msgs)}" for field, msgs in exc.message_dict.items())) from None
        job = run_in_foreground("capacity.allocate", {"run_id": run.pk}, actor, show_progress=options["verbosity"] > 0)
        if job.error:
            raise CommandError(job.error)
        run.refresh_from_db()
        summary = run.summary
        opt, base = summary["optimizer"], summary["first_come"]
        self.stdout.write(
            f"Run #{run.pk}, FY{year}: {opt['seats_filled']:,} of {opt['seats_asked']:,} seats filled "
            f"({opt['service_rate']:.1%}); first come would fill {base['seats_filled']:,}.\n"
            f"Weighted seats: optimizer / first come = {summary['weighted_ratio']:.3f}; "
            f"optimum at {summary['optimality']:.4%} of the LP bound.\n"
            f"Critical-program service rate: {opt['critical_service_rate']:.1%} (first come {base['critical_service_rate']:.1%}); "
            f"remote-region seat share: {opt['remote_seat_share']:.1%} (first come {base['remote_seat_share']:.1%})."
        )
        if publish:
            actions.publish_run(actor, run)
            self.stdout.write(f"Run #{run.pk} published; coordinators notified.")
