"""`puente bench NAME ...`: benchmarks that print their figures (they are not timed tests)."""
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Run a benchmark and print its figures: allocation, nominations."

    def add_arguments(self, parser):
        benchmarks = parser.add_subparsers(dest="benchmark", required=True)
        allocation = benchmarks.add_parser("allocation", help="seat allocation: optimizer vs first come, LP bound, time, memory")
        allocation.add_argument("--scale", choices=["fletc", "10x"], default="fletc")
        allocation.add_argument("--instance", help="a folder of CSV files (agencies, programs, sessions, requests) instead of a synthetic instance")
        allocation.add_argument("--json", action="store_true", help="print the figures as JSON")
        allocation.add_argument("--repeat", type=int, default=3, help="solves to take the median of")

        nominations = benchmarks.add_parser("nominations", help="officer-level assignment: time, % of the LP bound, conflicts, memory")
        nominations.add_argument("--n", type=int, default=100_000, help="candidate nominations")
        nominations.add_argument("--json", action="store_true", help="print the figures as JSON")
        nominations.add_argument("--repeat", type=int, default=3, help="solves to take the median of")
        nominations.add_argument("--seed", type=int, default=2024)

    def handle(self, *args, benchmark, **options):
        if benchmark == "allocation":
            from puente.bench.allocation import run

            try:
                run(options["scale"], options["instance"], options["json"], repeat=options["repeat"])
            except (ValueError, OSError) as exc:
                raise CommandError(str(exc)) from None
        elif benchmark == "nominations":
            from puente.bench.nominations import run

            run(options["n"], options["json"], repeat=options["repeat"], seed=options["seed"])
