"""The credentials demo: CUP coverage on the coverage date comes from component records."""
import pytest
from django.utils import timezone

from puente.credentials import coverage, status
from puente.credentials.models import CredentialType, IssuedCredential
from puente.demo import builder
from puente.demo.builder import DemoContext
from puente.demo.credentials import COVERAGE_DATE, holders_at_scale
from puente.registry.models import Person


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        ctx = DemoContext(seed=5, scale=0.004)
        builder.build(ctx)
        yield ctx
        from django.core.management import call_command
        call_command("flush", interactive=False)


@pytest.mark.django_db
def test_cup_coverage_by_level_is_the_designed_one(demo):
    cup = CredentialType.objects.get(code="MX-CUP")
    result = coverage.compute(cup, COVERAGE_DATE)
    by_level = {cell.key: cell for cell in result.breakdown("level")}
    people = {level: Person.objects.filter(country_id="MX", agency__level=level).count() for level in ("federal", "state", "municipal")}
    expected = holders_at_scale(people)
    assert {level: cell.covered for level, cell in by_level.items()} == expected
    assert {level: cell.total for level, cell in by_level.items()} == people
    assert abs(by_level["federal"].percent - 59.0) < 1.5 and abs(by_level["state"].percent - 88.4) < 1.5


@pytest.mark.django_db
def test_the_engine_agrees_with_the_set_based_count(demo):
    cup = CredentialType.objects.get(code="MX-CUP")
    people = list(status.population(cup).values_list("pk", flat=True))
    for on_date in (COVERAGE_DATE, timezone.localdate()):
        results = status.statuses(cup, people, on_date)
        holders = {pk for pk, result in results.items() if result.covered}
        assert coverage.compute(cup, on_date).total.covered == len(holders)
        assert set(status.population(cup).filter(status.covered_q(cup, on_date)).values_list("pk", flat=True)) == holders
        assert {result.status for result in results.values()} >= {"current", "incomplete", "expired"}


@pytest.mark.django_db
def test_the_coordinators_agency_has_issued_credentials(demo):
    agency = demo.data["demo_agencies"]["coordinator"]
    issued = IssuedCredential.objects.filter(person__agency=agency)
    assert issued.count() == demo.counts["issued_credentials"] > 0
    assert issued.filter(renewal_of__isnull=False).exists()
    assert IssuedCredential.objects.filter(person=demo.data["demo_officer"], valid_until__gte=timezone.localdate()).exists()
    assert len(set(issued.values_list("serial", flat=True))) == issued.count()
