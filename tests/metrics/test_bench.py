"""`puente bench metrics`: builds the demo when asked, then times every indicator and public table."""
import json

from django.core.management import call_command

from puente.metrics import public, registry
from puente.registry.models import Person


def test_builds_the_demo_then_times_every_indicator_and_public_table(db, capsys):
    call_command("bench", "metrics", "--scale", "tiny", "--repeat", "1", "--json")
    report = json.loads(capsys.readouterr().out)
    assert Person.objects.exists() and report["sizes"]["people"] == Person.objects.count()
    timed = {figure["indicator"]: figure["seconds"] for figure in report["figures"]}
    assert set(timed) == set(registry.sources()) | {f"public:{code}" for code in public.tables()}
    assert timed["service_rate"] is not None and timed["certification_coverage"] is not None
    assert report["slowest"]["seconds"] == max(s for code, s in timed.items() if s is not None and not code.startswith("public:"))
