"""Set-based coverage and work lists agree with the rules engine, person by person."""
import datetime
import random

import pytest

from puente.catalog.models import Domain, Program
from puente.credentials import coverage, renewals, status
from puente.credentials.actions import import_types
from puente.credentials.models import CredentialType, Evaluation
from puente.credentials.rules import Status
from puente.records.models import TrainingRecord
from puente.registry.models import Agency, Person
from puente.vetting.models import VettingCheck

ON = datetime.date(2024, 3, 31)
DAY = datetime.timedelta(days=1)


def _types(world, program):
    base = {"country": world.mx, "levels": [], "name_en": "T", "name_es": "T", "description_en": "", "description_es": ""}
    entries = [
        ("cup", dict(base, code="CUP", validity_months=36, renewal_window_months=6), [
            {"kind": "vetting", "vetting_kind": "trust"},
            {"kind": "program", "program": program},
            {"kind": "evaluation", "evaluation_kind": "basic_competencies", "validity_months": 36},
            {"kind": "evaluation", "evaluation_kind": "performance", "validity_months": 12},
        ]),
        # No component shorter than the credential: its own validity decides on its own.
        ("long", dict(base, code="LONG", validity_months=12, renewal_window_months=2, levels=["state", "municipal"]), [
            {"kind": "program", "program": program},
            {"kind": "vetting", "vetting_kind": "trust", "validity_months": 24},
        ]),
    ]
    import_types(None, entries)
    return CredentialType.objects.get(code="CUP"), CredentialType.objects.get(code="LONG")


@pytest.fixture
def sample(world):
    """300 Mexican officers in three agencies with random facts around the boundaries."""
    domain = Domain.objects.create(code="LEGAL", name_en="Law", name_es="Derecho")
    program = Program.objects.create(code="FI", title_en="Initial", title_es="Inicial", domain=domain, hours=480)
    state_police = Agency.objects.create(code="MX-SON-PE", name="Policía Estatal", country=world.mx, jurisdiction=world.sonora,
                                         level="state", kind="police")
    federal = Agency.objects.create(code="MX-GN", name="Guardia Nacional", country=world.mx, level="federal", kind="national_guard")
    rng = random.Random(11)
    agencies = [world.own, state_police, federal]
    people = Person.objects.bulk_create([
        Person(agency=rng.choice(agencies), country=world.mx, given_names=f"P{i}", family_names="Test") for i in range(300)
    ])

    def near(days):
        """A date before ON: recent, long ago, or right on a boundary `days` back."""
        if mode == "fresh":
            return ON - rng.randint(0, 150) * DAY
        if mode == "old":
            return ON - rng.randint(1300, 1800) * DAY
        return ON - rng.choice([days, days + 1, days - 1, rng.randint(0, 5 * 365)]) * DAY

    checks, records, evaluations = [], [], []
    for person in people:
        mode = rng.choice(["fresh", "old", "edge", "edge"])
        for _ in range(rng.randint(0, 2)):
            on = near(3 * 365)
            result = rng.choice(["passed", "passed", "failed"])
            checks.append(VettingCheck(person=person, kind="trust", result=result, checked_on=on,
                                       valid_until=on + rng.choice([3 * 365, 2 * 365, 1095, 1096]) * DAY if result == "passed" else None))
        if rng.random() < 0.85:
            end = near(rng.randint(100, 4000))
            records.append(TrainingRecord(person=person, program=program, agency=person.agency, source="historic", start_date=end - 90 * DAY,
                                          end_date=end, hours=480, result=rng.choice(["completed"] * 5 + ["failed"])))
        for kind, months in (("basic_competencies", 36), ("performance", 12)):
            for _ in range(rng.randint(0, 2)):
                evaluations.append(Evaluation(person=person, kind=kind, evaluated_on=near(months * 30 + rng.choice([0, 5, 10])),
                                              result=rng.choice(["passed", "passed", "passed", "failed"]), evaluator="E"))
    VettingCheck.objects.bulk_create(checks)
    TrainingRecord.objects.bulk_create(records)
    Evaluation.objects.bulk_create(evaluations)
    return _types(world, program)


@pytest.mark.parametrize("on_date", [ON, ON - 365 * DAY, datetime.date(2024, 2, 29), datetime.date(2023, 3, 1)])
def test_coverage_equals_the_engine(world, sample, on_date):
    for credential_type in sample:
        people = list(status.population(credential_type).values_list("pk", flat=True))
        results = status.statuses(credential_type, people, on_date)
        expected = {pk for pk, result in results.items() if result.covered}
        counted = set(status.population(credential_type).filter(status.covered_q(credential_type, on_date)).values_list("pk", flat=True))
        assert counted == expected
        result = coverage.compute(credential_type, on_date)
        assert result.total.covered == len(expected) and result.total.total == len(people)
        by_level = {cell.key: cell for cell in result.breakdown("level")}
        for level, cell in by_level.items():
            in_level = set(Person.objects.filter(pk__in=people, agency__level=level).values_list("pk", flat=True))
            assert cell.covered == len(expected & in_level) and cell.total == len(in_level)
    statuses = {r.status for r in status.statuses(sample[0], status.population(sample[0]), ON).values()}
    assert statuses == set(Status)  # the sample is not degenerate


def test_levels_and_states(world, sample):
    _cup, long = sample
    result = coverage.compute(long, ON)
    assert {cell.key for cell in result.breakdown("level")} == {"state", "municipal"}  # federal is not covered by this type
    states = result.breakdown("state")
    assert [cell.label for cell in states] == ["Sonora"]
    assert sum(cell.total for cell in result.breakdown("agency")) == result.total.total


def test_work_list_equals_the_engine(world, sample):
    cup = sample[0]
    people = Person.objects.all()  # the U.S. officer among them: the type does not apply to them
    horizon = renewals.horizon(ON, 6)
    applies = list(status.population(cup))
    assert len(applies) == people.count() - 1
    now = status.statuses(cup, applies, ON)
    later = status.statuses(cup, applies, horizon)
    due = set(renewals.due(cup, people, ON, 6).values_list("pk", flat=True))
    assert due == {pk for pk in now if not later[pk].covered}
    expiring = set(renewals.due(cup, people, ON, 6, "expiring").values_list("pk", flat=True))
    assert expiring == {pk for pk in due if now[pk].covered}
    lapsed = set(renewals.due(cup, people, ON, 6, "lapsed").values_list("pk", flat=True))
    assert lapsed == {pk for pk in due if not now[pk].covered} and lapsed | expiring == due
    # Everyone inside the renewal window on ON is on the list.
    assert {pk for pk, result in now.items() if result.status == Status.EXPIRING} <= expiring


def test_coverage_of_a_type_without_components_is_refused(world):
    empty = CredentialType.objects.create(code="EMPTY", name_en="E", name_es="E", country=world.mx, validity_months=12)
    with pytest.raises(ValueError, match="at least one component"):
        coverage.compute(empty, ON)


