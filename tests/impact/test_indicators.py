"""The operational indicators the impact app contributes to the metrics registry."""
import pytest

from puente.impact.models import Measure, Observation
from puente.metrics import registry
from puente.metrics.registry import Scope

from .fixtures import impact, month


@pytest.fixture
def data(world):
    imp = impact(world)
    measures = {m.code: m for m in Measure.objects.all()}
    own, other = imp["unit"]["own"], imp["unit"]["other"]
    for unit, values in ((own, {"scans": 300, "scanner_hours": 20, "seizures_fentanyl": 6, "seizures_firearms": 2}),
                         (other, {"scans": 90, "scanner_hours": 10, "seizures_cocaine": 1})):
        for code, value in values.items():
            Observation.objects.create(unit=unit, period=month(0), measure=measures[code], value=value)
    return imp


def test_registered_and_computed_by_agency(data, pm):
    assert {"scan_usage_rate", "seizures_per_1000_inspections", "use_of_force_per_1000_inspections"} <= set(registry.sources())
    usage = registry.evaluate("scan_usage_rate", Scope(user=pm), 2023, ("agency",))
    by_agency = {row.key[0]: row.value.value for row in usage.rows}
    assert by_agency[data["unit"]["own"].agency_id] == pytest.approx(300 / 600)
    assert usage.total.value.value == pytest.approx(390 / 900)
    seizures = registry.evaluate("seizures_per_1000_inspections", Scope(user=pm), 2023)
    # 9 seizures over 4,100 + 4,101 inspections (the fixture's January values).
    assert seizures.total.value.value == pytest.approx(1000 * 9 / 8201)
    assert registry.years("scan_usage_rate", Scope(user=pm)) == [2023]


def test_a_coordinator_counts_own_units_only(data, coordinator):
    usage = registry.evaluate("scan_usage_rate", Scope(user=coordinator), 2023)
    assert usage.total.value.value == pytest.approx(0.5)


def _estimate(program, outcome="scan_usage", estimate=6.0, baseline=30.0, ends="2024-12", **extra):
    from puente.impact.models import Estimate

    overall = {"estimate": estimate, "low": None if estimate is None else estimate - 2, "high": None if estimate is None else estimate + 2}
    return Estimate.objects.create(program=program, outcome=outcome, status=Estimate.Status.DONE, **extra, result={
        "overall": overall, "baseline": baseline, "months": ["2022-01", ends], "counts": {"treated_units": 8}})


@pytest.fixture
def estimates(world):
    from .fixtures import program

    first, second = program("NII-OP"), program("K9-FEN")
    _estimate(first, estimate=1.0)  # superseded by the newer one below
    _estimate(first, estimate=6.0, baseline=30.0)
    _estimate(second, estimate=-3.0, baseline=60.0)
    _estimate(first, outcome="seizures_per_1000", estimate=0.1, baseline=0.5)
    _estimate(second, estimate=None, ends="2025-06")  # too little data: no figure
    return first, second


def test_training_effect_reads_each_programs_latest_estimate_of_the_year(estimates, pm):
    first, second = estimates
    result = registry.evaluate("training_effect", Scope(pm), 2024, ("program",))
    effects = {row.key[0]: row.value.value for row in result.rows}
    assert effects == {first.code: pytest.approx(6 / 30), second.code: pytest.approx(-3 / 60)}
    assert result.total.value.value is None  # effects of two programs do not make one figure
    alone = registry.evaluate("training_effect", Scope(pm, {"program": first.code}), 2024)
    assert alone.total.parts["estimate"] == 6.0 and alone.total.parts["treated_units"] == 8
    seizures = registry.evaluate("training_effect", Scope(pm, {"program": first.code, "outcome": "seizures_per_1000"}), 2024)
    assert seizures.total.value.value == pytest.approx(0.1 / 0.5)
    assert registry.years("training_effect", Scope(pm)) == [2024]


def test_training_effect_is_the_program_managers_and_auditors(estimates, coordinator, world):
    from puente.accounts.roles import Role

    assert registry.evaluate("training_effect", Scope(coordinator), 2024, ("program",)).rows == []
    assert len(registry.evaluate("training_effect", Scope(world.user(Role.AUDITOR)), 2024, ("program",)).rows) == 2


def test_the_annual_reports_impact_section_lists_each_programs_effect(data, pm):
    from puente.metrics import report

    from .fixtures import program

    _estimate(program("NII-OP"), estimate=6.0, baseline=30.0, ends="2023-12")
    impact = next(s for s in report.sections(Scope(pm), 2023) if s.code == "impact")
    assert impact.figures["training_effect"] == {"NII-OP": pytest.approx(0.2)}
    assert any(t["name"] == "Training effect on operations" and t["rows"][0]["display"] == "20.0 %" for t in impact.tables)


def test_the_dashboard_shows_effects_by_program_with_an_outcome_to_choose(estimates, pm, client):
    client.force_login(pm)
    page = client.get("/metrics/", {"indicator": "training_effect", "year": 2024, "outcome": "seizures_per_1000"}).content.decode()
    assert 'name="outcome"' in page and "20.0 %" in page  # NII-OP: 0.1 over 0.5 on seizures
    page = client.get("/metrics/", {"indicator": "training_effect", "year": 2024}).content.decode()
    assert "-5.0 %" in page  # K9-FEN on scan usage
    # Effects on two outcomes make no one figure: the outcome read is chosen, never "All".
    outcome = page[page.index('name="outcome"'):page.index("</select>", page.index('name="outcome"'))]
    assert '<option value="scan_usage" selected>' in outcome and '<option value="">' not in outcome
