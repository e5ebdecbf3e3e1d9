"""`puente verify_credential FILE`: check an Open Badge offline and print a verdict.

Exit status 0 when the credential is genuine and current, 1 otherwise (altered, forged,
revoked, suspended or expired).
"""
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from puente.credentials.certificates.cli import verify_file


class Command(BaseCommand):
    help = "Verify an Open Badge (JSON) file: signature, issuer key, status lists and validity."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="the Open Badge file")
        parser.add_argument("--key", type=Path, help="the issuer's key document (JSON) for offline checks")
        parser.add_argument("--status-list", type=Path, action="append", default=[], dest="status_lists",
                            help="a status list credential file (repeat for revocation and suspension)")
        parser.add_argument("--fetch", action="store_true", help="fetch another issuer's key and status lists over the network")
        parser.add_argument("--no-local", action="store_false", dest="local",
                            help="do not use this installation's own key and status lists")

    def handle(self, *args, file, key, status_lists, fetch, local, **options):
        ok, lines = verify_file(file, key_file=key, status_files=status_lists, fetch=fetch, local=local)
        for line in lines:
            self.stdout.write(line)
        if not ok:
            raise CommandError(lines[0])
