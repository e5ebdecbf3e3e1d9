"""Whether a cycle's findings earn accreditation: a pure rule, with no Django import.

Every applicable mandatory standard must be compliant, and at least 80% of the applicable
other standards. A standard is applicable when the agency's tier is among its tiers and the
assessor did not find it not applicable; an applicable standard with no finding yet counts
as not compliant, so an unfinished assessment is never eligible by accident.
"""
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from fractions import Fraction

COMPLIANT = "compliant"
NON_COMPLIANT = "non_compliant"
NOT_APPLICABLE = "not_applicable"
OTHER_THRESHOLD = Fraction(4, 5)


@dataclass(frozen=True)
class StandardFacts:
    code: str
    mandatory: bool
    tiers: frozenset[str]


@dataclass
class Eligibility:
    eligible: bool
    mandatory_applicable: int = 0
    mandatory_compliant: int = 0
    other_applicable: int = 0
    other_compliant: int = 0
    failing_mandatory: list[str] = field(default_factory=list)  # codes not (yet) compliant
    unassessed: list[str] = field(default_factory=list)  # applicable codes with no finding

    @property
    def other_share(self) -> float:
        """Share of applicable other standards found compliant (1.0 when there are none)."""
        return self.other_compliant / self.other_applicable if self.other_applicable else 1.0


def decide(standards: Iterable[StandardFacts], findings: Mapping[str, str], tier: str) -> Eligibility:
    """Eligibility of an agency of `tier` given `findings` ({standard code: result})."""
    result = Eligibility(eligible=False)
    for standard in standards:
        if tier not in standard.tiers:
            continue
        found = findings.get(standard.code)
        if found == NOT_APPLICABLE:
            continue
        if found is None:
            result.unassessed.append(standard.code)
        compliant = found == COMPLIANT
        if standard.mandatory:
            result.mandatory_applicable += 1
            result.mandatory_compliant += compliant
            if not compliant:
                result.failing_mandatory.append(standard.code)
        else:
            result.other_applicable += 1
            result.other_compliant += compliant
    others_ok = (
        result.other_applicable == 0
        or Fraction(result.other_compliant, result.other_applicable) >= OTHER_THRESHOLD
    )
    result.eligible = not result.failing_mandatory and others_ok
    return result
