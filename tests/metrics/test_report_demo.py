"""The annual report on the default-scale demo: each section's figures are the registry's, and
where the demo reproduces the source documents at this scale, they are the source figures."""
import datetime

import pytest
from django.core.management import call_command
from django.test import override_settings

from puente.canine.models import Dog
from puente.demo import builder
from puente.demo.builder import DemoContext
from puente.metrics import registry, report
from puente.metrics.registry import Scope
from puente.registry.models import Agency

YEAR = 2024
MARCH = datetime.date(2024, 3, 31)


@pytest.fixture(scope="module")
def sections(django_db_setup, django_db_blocker, tmp_path_factory):
    """The default-scale demo (built once for the module) and the 2024 report on it, with
    coverage read on 31 March as the source reports it."""
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media")):
        builder.build(DemoContext(seed=7, scale=builder.SCALES["default"]))
        yield {section.code: section for section in report.sections(Scope(public=True, on=MARCH), YEAR)}
        call_command("flush", interactive=False)


def _total(code, year=YEAR, **filters):
    return registry.evaluate(code, Scope(public=True, filters=filters, on=MARCH), year).total


@pytest.mark.django_db
def test_demand_and_capacity(sections):
    figures = sections["demand"].figures
    now = _total("service_rate")
    assert (figures["requested"], figures["filled"], figures["rate"]) == (now.parts["requested"], now.parts["filled"], now.value.value)
    assert figures["previous_rate"] == _total("service_rate", YEAR - 1).value.value
    assert round(figures["rate"], 2) == 0.45 and round(figures["previous_rate"], 2) == 0.54  # FLETC: 45%, 54% in 2023
    by_program = registry.evaluate("service_rate", Scope(public=True), YEAR, ("program",))
    assert sections["programs"].figures["programs"] == {row.key[0]: row.value.value for row in by_program.rows}
    assert sections["programs"].figures["critical_gap"] == _total("critical_gap").value.value < 0


@pytest.mark.django_db
def test_people_trained_and_anams_growth(sections):
    figures = sections["trainees"].figures
    assert figures["people"] == _total("people_trained").parts["people"]
    assert figures["growth"] == _total("trained_growth").value.value
    anam = Agency.objects.get(code="MX-ANAM").pk
    last_year = _total("trained_growth", YEAR - 1, agency=anam)
    assert figures["agencies"][anam][:2] == (last_year.parts["previous"], last_year.parts["people"]) == (8_082, 8_996)
    assert figures["agency_growth"][anam][0] == last_year.value.value and round(last_year.value.value, 2) == 0.11


@pytest.mark.django_db
def test_certification_coverage_by_level(sections):
    figures = sections["certification"].figures
    total = _total("certification_coverage")
    assert figures["day"] == MARCH and (figures["holders"], figures["people"]) == (total.parts["holders"], total.parts["people"])
    assert {level: round(share, 3) for level, share in figures["levels"].items()} == {"federal": 0.59, "state": 0.884, "municipal": 0.789}


@pytest.mark.django_db
def test_accreditation_canine_and_satisfaction(sections):
    accreditation = sections["accreditation"].figures
    assert (accreditation["accredited"], accreditation["withdrawn_removed"]) == (70, 12)
    assert accreditation["types"] == {"law_enforcement": 22, "training_academy": 29, "communications_center": 19}
    assert accreditation["accredited"] == _total("accreditation_pipeline").parts["accredited"]
    canine = sections["canine"].figures
    cbp = Agency.objects.get(code="US-CBP").pk
    assert canine["dogs_by_agency"][cbp] == Dog.objects.filter(agency_id=cbp).count() == 536
    assert canine["certified"] == _total("canine_teams_certified").parts["certified"] > 0
    assert {"FENTANYL-PRECURSORS", "XYLAZINE", "KETAMINE"} <= set(canine["odors"])
    satisfaction = sections["satisfaction"].figures
    assert satisfaction["share"] == _total("satisfaction").value.value == pytest.approx(0.98)
    assert satisfaction["threats"]["FENTANYL"] == _total("satisfaction", threat="FENTANYL").value.value == 1.0
    assert satisfaction["applied"] == _total("skills_applied").value.value
    assert sections["impact"].figures["scan_usage_rate"] == _total("scan_usage_rate").value.value


@pytest.mark.django_db
def test_the_report_says_the_figures_in_both_languages(sections):
    english = report.build(None, YEAR, "en", "html", on=MARCH).decode()
    for text in ("8,082", "8,996", "70 agencies had been accredited", "536 of them at U.S. Customs and Border Protection",
                 "98.0 %", "Federal 59.0 %, State 88.4 %, Municipal 78.9 %", "<h2>Hours per officer</h2>"):
        assert text in english
    spanish = report.build(None, YEAR, "es", "html", on=MARCH).decode()
    assert '<html lang="es">' in spanish and "Cobertura de certificación" in spanish and "Binomios caninos certificados" in spanish
    with pytest.raises(ValueError, match="not in 2024"):
        report.build(None, YEAR, "en", "html", on=datetime.date(2023, 3, 31))
