from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from puente.core.jobs import run_in_foreground
from puente.demo.builder import SCALES, parse_scale


class Command(BaseCommand):
    help = "Build the demo database (replacing its contents) and serve the UI."

    def add_arguments(self, parser):
        parser.add_argument("--scale", default="default", help=f"{', '.join(SCALES)} or a fraction of the real size (0-1].")
        parser.add_argument("--seed", type=int, default=7)
        parser.add_argument("--no-serve", action="store_true", help="Build only; do not start the server.")
        parser.add_argument("--port", type=int, default=8000)

    def handle(self, *args, scale, seed, no_serve, port, **options):
        try:
            fraction = parse_scale(scale)
        except ValueError as exc:
            raise CommandError(str(exc)) from None
        call_command("migrate", interactive=False, verbosity=0)
        call_command("flush", interactive=False, verbosity=0)
        job = run_in_foreground("demo.build", {"seed": seed, "scale": fraction}, None, show_progress=options["verbosity"] > 0)
        if job.error:
            raise CommandError(f"The demo could not be built: {job.error}")
        result = job.result
        self.stdout.write(self.style.SUCCESS(
            f"Demo built (seed {seed}, scale {fraction:g}): "
            + ", ".join(f"{value:,} {key}" for key, value in result.items() if isinstance(value, int))
        ))
        self.stdout.write("Demo logins (one per role):")
        for login in result["logins"]:
            where = f" — {login['agency']}" if login["agency"] else ""
            self.stdout.write(f"  {login['username']:<12} {login['password']:<12} {login['role']}{where}")
        if not no_serve:
            call_command("serve", port=port)
