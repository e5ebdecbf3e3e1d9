"""Catalog writes: audited with relations as codes, prerequisite chains that come back refused,
programs retired rather than deleted, and only program managers may write."""
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from puente.accounts.roles import Role
from puente.catalog import actions
from puente.catalog.models import Program, ThreatTag
from puente.catalog.prerequisites import cycle_through
from puente.core.models import AuditEntry


def _create(pm, catalog, **fields):
    values = dict(
        code="INV-HT", title_en="Human Trafficking Investigations", title_es="Investigación de trata de personas",
        domain=catalog.investigations, hours=Decimal("40"), languages=["es", "en"],
        threats=[catalog.firearms, catalog.fentanyl], prerequisites=[catalog.basic],
    )
    values.update(fields)
    return actions.create_program(pm, **values)


def test_create_records_fields_and_relation_codes_in_one_entry(catalog, pm):
    program = _create(pm, catalog)
    assert set(program.threats.values_list("code", flat=True)) == {"FENTANYL", "FIREARMS"}
    assert list(program.prerequisites.all()) == [catalog.basic]
    assert program.languages == ["en", "es"], "languages are stored in one order"
    entry = AuditEntry.objects.get(action="catalog.program.create")
    assert entry.actor == pm and entry.object_id == str(program.pk)
    assert entry.changes["threats"] == [None, ["FENTANYL", "FIREARMS"]]
    assert entry.changes["prerequisites"] == [None, ["INV-BAS"]]
    assert entry.changes["hours"] == [None, "40.0"]


def test_update_records_relations_before_and_after_and_skips_no_op(catalog, pm):
    actions.update_program(pm, catalog.advanced, threats=[catalog.fentanyl, catalog.wildlife], hours=Decimal("88"))
    entry = AuditEntry.objects.get(action="catalog.program.update")
    assert entry.changes == {
        "threats": [["FENTANYL", "FIREARMS"], ["FENTANYL", "WILDLIFE"]],
        "hours": ["80.0", "88.0"],
    }
    # The same values again, written as a form or the API send them, change nothing.
    stored = Program.objects.get(pk=catalog.advanced.pk)
    actions.update_program(
        pm, stored, threats=ThreatTag.objects.filter(code__in=["WILDLIFE", "FENTANYL"]), hours=88,
        prerequisites=[catalog.basic], languages=["es", "en"],
    )
    assert AuditEntry.objects.filter(action="catalog.program.update").count() == 1


def test_relations_left_out_stay(catalog, pm):
    actions.update_program(pm, catalog.advanced, title_en="Advanced Criminal Investigations")
    catalog.advanced.refresh_from_db()
    assert catalog.advanced.threats.count() == 2 and list(catalog.advanced.prerequisites.all()) == [catalog.basic]
    assert set(AuditEntry.objects.get(action="catalog.program.update").changes) == {"title_en"}


def test_a_program_cannot_require_itself(catalog, pm):
    with pytest.raises(ValidationError) as excinfo:
        actions.update_program(pm, catalog.basic, prerequisites=[catalog.basic])
    assert "INV-BAS → INV-BAS" in str(excinfo.value.message_dict["prerequisites"])


def test_a_chain_that_comes_back_is_refused_and_nothing_lands(catalog, pm):
    medicine = catalog.tactical_medicine
    actions.update_program(pm, medicine, prerequisites=[catalog.advanced])  # TAC-MED → INV-ADV → INV-BAS
    with pytest.raises(ValidationError) as excinfo:
        actions.update_program(pm, catalog.basic, prerequisites=[medicine], hours=Decimal("100"))
    assert excinfo.value.message_dict["prerequisites"] == [
        "A program cannot require itself, directly or through other programs: INV-BAS → TAC-MED → INV-ADV → INV-BAS."
    ]
    catalog.basic.refresh_from_db()
    assert catalog.basic.hours == Decimal("120.0") and not catalog.basic.prerequisites.exists()
    assert not AuditEntry.objects.filter(object_id=str(catalog.basic.pk)).exists()


def test_model_rules_name_their_field(catalog, pm):
    with pytest.raises(ValidationError) as excinfo:
        _create(pm, catalog, min_class_size=30, max_class_size=20, languages=["fr"])
    assert {"max_class_size", "languages"} <= set(excinfo.value.message_dict)
    assert not Program.objects.filter(code="INV-HT").exists()


def test_retire_and_reactivate_are_audited_and_need_the_delete_grant(catalog, pm):
    actions.retire_program(pm, catalog.advanced)
    assert Program.objects.get(pk=catalog.advanced.pk).status == Program.Status.RETIRED
    assert AuditEntry.objects.get(action="catalog.program.retire").changes == {"status": ["active", "retired"]}
    actions.reactivate_program(pm, catalog.advanced)
    assert Program.objects.get(pk=catalog.advanced.pk).status == Program.Status.ACTIVE
    assert AuditEntry.objects.filter(action="catalog.program.reactivate").exists()


@pytest.mark.parametrize("role", [Role.AGENCY_COORDINATOR, Role.REGISTRAR, Role.AUDITOR, Role.OFFICER])
def test_only_program_managers_write_the_catalog(catalog, world, role):
    user = world.user(role)
    assert Program.objects.restrict(user, "view").count() == 3, "everyone with a role reads the catalog"
    with pytest.raises(PermissionDenied):
        _create(user, catalog)
    with pytest.raises(PermissionDenied):
        actions.update_program(user, catalog.advanced, hours=Decimal("1"))
    with pytest.raises(PermissionDenied):
        actions.retire_program(user, catalog.advanced)
    with pytest.raises(PermissionDenied):
        actions.update_threat(user, catalog.fentanyl, weight=Decimal("1"))
    with pytest.raises(PermissionDenied):
        actions.create_domain(user, code="X", name_en="X", name_es="X")
    assert not AuditEntry.objects.exists()


def test_threat_weight_changes_are_audited_without_spurious_decimals(catalog, pm):
    actions.update_threat(pm, catalog.wildlife, weight=2)
    assert not AuditEntry.objects.exists(), "2 is the stored 2.00"
    actions.update_threat(pm, catalog.wildlife, weight=Decimal("2.5"))
    assert AuditEntry.objects.get(action="catalog.threattag.update").changes == {"weight": ["2.00", "2.50"]}
    domain = actions.create_domain(pm, code="FORENSICS", name_en="Forensics", name_es="Ciencias forenses")
    assert AuditEntry.objects.get(action="catalog.domain.create").object_id == str(domain.pk)


def test_cycle_finder_returns_a_shortest_chain():
    graph = {"A": {"B", "C"}, "B": {"D"}, "C": {"A"}, "D": {"C"}}
    assert cycle_through(graph, "A") == ["A", "C", "A"]
    assert cycle_through(graph, "B") == ["B", "D", "C", "A", "B"]
    assert cycle_through({"A": {"B"}, "B": set()}, "A") is None
    assert cycle_through({"A": {"A"}}, "A") == ["A", "A"]
