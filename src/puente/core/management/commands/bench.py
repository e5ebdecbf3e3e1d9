"""`puente bench NAME ...`: benchmarks that print their figures (they are not timed tests).

Each module in `puente/bench/` is one benchmark: it declares `HELP`, `add_arguments(parser)`
and `main(options)`, and is found here by its name.
"""
import pkgutil
from importlib import import_module

from django.core.management.base import BaseCommand, CommandError

import puente.bench


def benchmarks() -> dict:
    """{name: module} for every benchmark module."""
    found = {}
    for info in pkgutil.iter_modules(puente.bench.__path__):
        module = import_module(f"puente.bench.{info.name}")
        if hasattr(module, "main"):
            found[info.name] = module
    return found


class Command(BaseCommand):
    help = "Run a benchmark and print its figures."

    def add_arguments(self, parser):
        subparsers = parser.add_subparsers(dest="benchmark", required=True)
        for name, module in sorted(benchmarks().items()):
            module.add_arguments(subparsers.add_parser(name, help=module.HELP))

    def handle(self, *args, benchmark, **options):
        try:
            benchmarks()[benchmark].main(options)
        except (ValueError, OSError) as exc:
            raise CommandError(str(exc)) from None
