"""The eligibility rule alone: no database, no Django."""
import ast
from pathlib import Path

from puente.accreditation import eligibility
from puente.accreditation.eligibility import COMPLIANT, NON_COMPLIANT, NOT_APPLICABLE, StandardFacts, decide

BOTH = frozenset({"basic", "advanced"})
ADVANCED = frozenset({"advanced"})


def standards(mandatory: int, other: int, tiers=BOTH):
    return ([StandardFacts(f"M{i}", True, tiers) for i in range(mandatory)]
            + [StandardFacts(f"O{i}", False, tiers) for i in range(other)])


def test_all_compliant_is_eligible():
    result = decide(standards(3, 5), {**{f"M{i}": COMPLIANT for i in range(3)}, **{f"O{i}": COMPLIANT for i in range(5)}}, "basic")
    assert result.eligible and result.mandatory_compliant == 3 and result.other_share == 1.0


def test_one_mandatory_non_compliant_is_not_eligible():
    findings = {"M0": COMPLIANT, "M1": NON_COMPLIANT, **{f"O{i}": COMPLIANT for i in range(5)}}
    result = decide(standards(2, 5), findings, "basic")
    assert not result.eligible and result.failing_mandatory == ["M1"]


def test_eighty_percent_of_others_is_the_threshold():
    mandatory = {"M0": COMPLIANT}
    exactly = decide(standards(1, 5), {**mandatory, "O0": NON_COMPLIANT, **{f"O{i}": COMPLIANT for i in range(1, 5)}}, "basic")
    assert exactly.eligible and exactly.other_compliant == 4 and exactly.other_applicable == 5
    below = decide(standards(1, 5), {**mandatory, "O0": NON_COMPLIANT, "O1": NON_COMPLIANT,
                                     **{f"O{i}": COMPLIANT for i in range(2, 5)}}, "basic")
    assert not below.eligible and below.failing_mandatory == []


def test_not_applicable_and_other_tiers_are_left_out():
    facts = [StandardFacts("M0", True, BOTH), StandardFacts("M1", True, ADVANCED), StandardFacts("O0", False, BOTH),
             StandardFacts("O1", False, BOTH)]
    result = decide(facts, {"M0": COMPLIANT, "O0": COMPLIANT, "O1": NOT_APPLICABLE}, "basic")
    assert result.eligible and result.mandatory_applicable == 1 and result.other_applicable == 1
    # The same findings at the advanced tier: M1 applies and has no finding.
    advanced = decide(facts, {"M0": COMPLIANT, "O0": COMPLIANT, "O1": NOT_APPLICABLE}, "advanced")
    assert not advanced.eligible and advanced.unassessed == ["M1"]


def test_missing_findings_count_as_not_compliant():
    result = decide(standards(1, 2), {"M0": COMPLIANT, "O0": COMPLIANT}, "basic")
    assert not result.eligible and result.unassessed == ["O1"] and result.other_share == 0.5


def test_no_other_standards_needs_only_the_mandatory():
    assert decide(standards(2, 0), {"M0": COMPLIANT, "M1": COMPLIANT}, "basic").eligible


def test_the_rule_imports_no_django():
    tree = ast.parse(Path(eligibility.__file__).read_text())
    modules = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    modules |= {node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    assert not any(name.startswith("django") or name.startswith("puente") for name in modules)
