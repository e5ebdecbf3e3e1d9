"""The estimate end to end: stored indicators, assignments and records in; effect, chart and verdict out."""
import pytest
from django.core.management import call_command
from django.urls import reverse

from puente.accounts.roles import Role
from puente.impact import actions
from puente.impact.models import Estimate

from .fixtures import planted


def _run(world, pm, django_capture_on_commit_callbacks, outcome="seizures_per_1000", threshold=0.5):
    nii = planted(world)
    with django_capture_on_commit_callbacks(execute=True):
        estimate = actions.request_estimate(pm, program=nii, outcome=outcome, threshold=threshold)
    estimate.refresh_from_db()
    return estimate


def test_planted_effect_is_found_with_an_interval(world, pm, django_capture_on_commit_callbacks):
    estimate = _run(world, pm, django_capture_on_commit_callbacks)
    assert estimate.status == Estimate.Status.DONE, estimate.error
    result = estimate.result
    overall = result["overall"]
    assert overall["low"] < 0.6 < overall["high"]
    assert overall["low"] > 0
    assert result["verdict"]["code"] == "increase", (result["verdict"], result["counts"], overall, result["pretrend"])
    assert result["counts"]["units"] == 20
    trained = [u for u in result["units"] if u["trained_from"]]
    assert 0 < len(trained) < 20
    before = [e for e in result["event_study"] if e["event"] < -1 and e["estimate"] is not None]
    assert before and all(e["low"] < 0.6 for e in before)


def test_page_shows_verdict_and_chart_data(client, world, pm, django_capture_on_commit_callbacks):
    estimate = _run(world, pm, django_capture_on_commit_callbacks)
    client.force_login(pm)
    page = client.get(estimate.get_absolute_url()).content.decode()
    assert "rose by" in page and 'id="event-chart"' in page and "MX-SON-NOG-POL-U00" in page
    spanish = client.get(estimate.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert 'lang="es"' in spanish and 'id="event-chart"' in spanish


def test_an_untrained_program_is_not_enough_data(world, pm, django_capture_on_commit_callbacks):
    from .fixtures import program

    planted(world)
    other = program("OTHER-PROG")
    with django_capture_on_commit_callbacks(execute=True):
        estimate = actions.request_estimate(pm, program=other, outcome="seizures_per_1000", threshold=0.5)
    estimate.refresh_from_db()
    verdict = estimate.result["verdict"]
    assert verdict["code"] == "inconclusive"
    assert {r["code"] for r in verdict["reasons"]} >= {"few_treated"}


def test_form_posts_and_redirects_to_the_estimate(client, world, pm, django_capture_on_commit_callbacks):
    nii = planted(world)
    client.force_login(pm)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("impact:impact"), {"program": nii.pk, "outcome": "scan_usage", "threshold": "0.5"})
    estimate = Estimate.objects.latest("pk")
    assert response.status_code == 302 and response["Location"] == estimate.get_absolute_url()
    estimate.refresh_from_db()
    # No scan counts recorded: the job fails with a message rather than inventing a number.
    assert estimate.status == Estimate.Status.FAILED and "No unit has recorded" in estimate.error


def test_bad_threshold_is_refused(client, world, pm):
    nii = planted(world, units_per_agency=1, months=2)
    client.force_login(pm)
    response = client.post(reverse("impact:impact"), {"program": nii.pk, "outcome": "seizures_per_1000", "threshold": "1.5"})
    assert response.status_code == 400 and not Estimate.objects.exists()


def test_coordinators_do_not_see_the_impact_page(client, world):
    client.force_login(world.user(Role.AGENCY_COORDINATOR))
    assert client.get(reverse("impact:impact")).status_code == 403


def test_cli_prints_the_verdict(world, capsys):
    from puente.accounts.models import User

    planted(world)
    User.objects.create_superuser("admin", password="x-Secret-123")
    call_command("impact", "estimate", "--program", "NII-OP", "--measure", "seizures_per_1000", verbosity=0)
    out = capsys.readouterr().out
    assert "rose by" in out and "month  effect" in out


def test_cli_refuses_an_unknown_measure(world):
    from django.core.management.base import CommandError

    from puente.accounts.models import User

    User.objects.create_superuser("admin", password="x-Secret-123")
    planted(world, units_per_agency=1, months=2)
    with pytest.raises(CommandError, match="Unknown measure"):
        call_command("impact", "estimate", "--program", "NII-OP", "--measure", "nonsense", verbosity=0)
