"""The indicator formulas and definitions alone: plain inputs in, values out (no database)."""
import pytest

from puente.metrics.indicators import INDICATORS, Indicator, Value, combine, formulas
from puente.metrics.indicators.catalog import CRITICAL_GAP, HOURS_PER_OFFICER, PEOPLE_TRAINED, SERVICE_RATE, TRAINED_GROWTH, UNMET_DEMAND, VETTING_CURRENCY


def test_service_rate_keeps_its_parts_and_fletc_reads_45_percent():
    value = SERVICE_RATE.formula({"requested": 24_923, "filled": 11_246})
    assert value.numerator == 11_246 and value.denominator == 24_923
    assert round(100 * value.value) == 45


def test_a_ratio_without_a_denominator_has_no_value():
    assert SERVICE_RATE.formula({"requested": 0, "filled": 0}) == Value(None, 0, 0)
    assert VETTING_CURRENCY.formula({"vetted": 0, "officers": 0}).value is None


def test_unmet_demand_and_the_mission_critical_gap():
    assert UNMET_DEMAND.formula({"requested": 10, "filled": 4}).value == 6
    gap = CRITICAL_GAP.formula({"critical_requested": 100, "critical_filled": 30, "other_requested": 50, "other_filled": 40})
    assert gap.value == pytest.approx(-50.0)
    assert CRITICAL_GAP.formula({"critical_requested": 0, "critical_filled": 0, "other_requested": 5, "other_filled": 5}).value is None


def test_year_over_year_growth_reproduces_anam():
    value = TRAINED_GROWTH.formula({"people": 8_996, "previous": 8_082})
    assert round(100 * value.value) == 11 and value.numerator == 914
    assert TRAINED_GROWTH.formula({"people": 5, "previous": 0}).value is None


def test_hours_per_officer_and_people_trained():
    assert HOURS_PER_OFFICER.formula({"hours": 120, "officers": 8}).value == 15
    assert PEOPLE_TRAINED.formula({"people": 7}).value == 7


def test_evaluate_reads_missing_components_as_zero():
    values = SERVICE_RATE.evaluate({("MX",): {"requested": 10, "filled": 5}, ("US",): {"requested": 4, "filled": None}})
    assert values[("MX",)].value == 0.5 and values[("US",)].value == 0


def test_totals_recomputed_from_parts_not_averaged():
    cells = {("MX", "TMED"): {"requested": 10, "filled": 9}, ("MX", "ASR"): {"requested": 90, "filled": 9}, ("US", "TMED"): {"requested": 50, "filled": 25}}
    by_country = combine(cells, 1)
    assert by_country[("MX",)] == {"requested": 100, "filled": 18}
    assert SERVICE_RATE.evaluate(by_country)[("MX",)].value == pytest.approx(0.18)  # not the mean of 0.9 and 0.1
    assert combine(cells, 0)[()] == {"requested": 150, "filled": 43}


def test_definitions_are_bilingual_and_checked():
    for indicator in INDICATORS:
        assert indicator.text("name", "en") and indicator.text("name", "es-mx") != indicator.text("name", "en")
        assert indicator.text("description", "es") and indicator.default_breakdown in indicator.breakdowns
    with pytest.raises(ValueError, match="unknown unit"):
        Indicator("x", {}, {}, "furlongs", ("a",), formulas.people)
    with pytest.raises(ValueError, match="unknown dimensions"):
        Indicator("x", {}, {}, "count", ("a",), formulas.people, breakdowns=("planet",), default_breakdown="planet")
    with pytest.raises(ValueError, match="people counts"):
        Indicator("x", {}, {}, "count", ("a",), formulas.people, people=("b",))


def test_the_pure_core_imports_no_django():
    import ast
    from pathlib import Path

    import puente.metrics.indicators as package

    for path in Path(package.__file__).parent.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            names = [alias.name for alias in node.names] if isinstance(node, ast.Import) else [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            assert not any(name.startswith(("django", "puente")) for name in names), f"{path.name} imports {names}"
