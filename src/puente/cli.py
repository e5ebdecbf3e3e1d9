"""The `puente` command: the project's manage.py."""
import os
import sys


def main(argv=None):
    """Run a Django management command, with Puente's settings as the default."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "puente.settings.dev")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["puente", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    main()
