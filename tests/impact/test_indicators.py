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
