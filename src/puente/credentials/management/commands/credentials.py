"""`puente credentials ...`: load the shipped types, import or export types, send renewal reminders,
print coverage."""
import datetime
import sys
from pathlib import Path

import yaml
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError

from puente.core.jobs import run_in_foreground
from puente.core.management.commands._actor import actor_option, resolve_actor


def _date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"{value!r} is not a date in the form YYYY-MM-DD") from None


class Command(BaseCommand):
    help = "Credential types, renewal reminders and coverage."

    def add_arguments(self, parser):
        commands = parser.add_subparsers(dest="subcommand", required=True)
        defaults = commands.add_parser("load-defaults", help="create or update the shipped credential types (the CUP and others)")
        actor_option(defaults)
        imports = commands.add_parser("import-types", help="create or update credential types from a YAML or JSON file")
        imports.add_argument("file", type=Path)
        actor_option(imports)
        commands.add_parser("export-types", help="print every credential type as YAML")
        remind = commands.add_parser("remind", help="e-mail renewal reminders to everyone falling due")
        remind.add_argument("--type", dest="type_code", default="MX-CUP", help="credential type code (default MX-CUP)")
        remind.add_argument("--agency", help="only this agency (code)")
        remind.add_argument("--months", type=int, default=6, help="falling due within this many months (default 6)")
        actor_option(remind)
        cover = commands.add_parser("coverage", help="print coverage by level and state on a date")
        cover.add_argument("--type", dest="type_code", default="MX-CUP")
        cover.add_argument("--on", dest="on_date", type=_date, help="date (default today)")
        verify = commands.add_parser("verify", help="check an Open Badge file offline: signature, issuer key, status, validity")
        verify.add_argument("file", type=Path, help="the Open Badge (JSON) file")
        verify.add_argument("--key", type=Path, help="the issuer's key document (JSON) for offline checks")
        verify.add_argument("--status-list", type=Path, action="append", default=[], dest="status_lists",
                            help="a status list credential file (repeat for revocation and suspension)")
        verify.add_argument("--fetch", action="store_true", help="fetch another issuer's key and status lists over the network")
        verify.add_argument("--no-local", action="store_false", dest="local",
                            help="do not use this installation's own key and status lists")

    def handle(self, *args, subcommand, **options):
        try:
            getattr(self, subcommand.replace("-", "_"))(**options)
        except ValidationError as exc:
            raise CommandError("\n".join(exc.messages)) from None
        except PermissionDenied as exc:
            raise CommandError(f"not allowed: {exc}") from None

    def verify(self, file, key, status_lists, fetch, local, **options):
        """Exit status 0 only when the credential is genuine and current."""
        from puente.credentials.certificates.cli import verify_file

        ok, lines = verify_file(file, key_file=key, status_files=status_lists, fetch=fetch, local=local)
        for line in lines:
            self.stdout.write(line)
        if not ok:
            raise CommandError(lines[0])

    def load_defaults(self, as_user, **options):
        from puente.credentials import actions

        created, updated = actions.load_defaults(resolve_actor(as_user))
        self.stdout.write(self.style.SUCCESS(f"{created} credential types created, {updated} updated."))

    def import_types(self, file, as_user, **options):
        from puente.credentials import actions, typefile

        actor = resolve_actor(as_user)
        created, updated = actions.import_types(actor, typefile.parse(typefile.read_path(file), file.name))
        self.stdout.write(self.style.SUCCESS(f"{created} credential types created, {updated} updated."))

    def export_types(self, **options):
        from puente.credentials import typefile
        from puente.credentials.models import CredentialType

        yaml.safe_dump(typefile.dump(CredentialType.objects.all()), sys.stdout, allow_unicode=True, sort_keys=False)

    def _type(self, code):
        from puente.credentials.models import CredentialType

        found = CredentialType.objects.filter(code=code).first()
        if found is None:
            raise CommandError(f"No credential type has the code {code!r}.")
        return found

    def remind(self, type_code, agency, months, as_user, verbosity=1, **options):
        from puente.registry.models import Agency

        actor = resolve_actor(as_user)
        agency_id = None
        if agency:
            found = Agency.objects.filter(code=agency).first()
            if found is None:
                raise CommandError(f"No agency has the code {agency!r}.")
            agency_id = found.pk
        job = run_in_foreground("credentials.remind", {"type_id": self._type(type_code).pk, "agency_id": agency_id, "months": months},
                                actor, show_progress=verbosity > 0)
        if job.error:
            raise CommandError(job.error)
        result = job.result
        self.stdout.write(self.style.SUCCESS(
            f"{result['sent']} reminders sent to {result['people']} people falling due ({result['without_address']} without an e-mail address)."
        ))

    def coverage(self, type_code, on_date, **options):
        from django.utils import timezone

        from puente.credentials import coverage

        result = coverage.compute(self._type(type_code), on_date or timezone.localdate())
        total = result.total
        self.stdout.write(f"{type_code} on {result.on_date}: {total.covered:,} of {total.total:,} ({total.percent}%)")
        for dimension in ("level", "state"):
            self.stdout.write(f"By {dimension}:")
            for cell in result.breakdown(dimension):
                self.stdout.write(f"  {cell.label:<40} {cell.covered:>9,} / {cell.total:>9,}  {cell.percent}%")
