"""The program view: tallies by program type, phase, country and year; median time per phase;
the pipeline. Everything is computed from the cycles the user may see."""
import statistics
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass

from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import phases
from .models import Cycle, Phase, PhaseChange, ProgramType

BREAKDOWNS = {
    "program_type": gettext_lazy("Program type"),
    "phase": gettext_lazy("Phase"),
    "country": gettext_lazy("Country"),
    "year": gettext_lazy("Year enrolled"),
}
ENDED = {phases.WITHDRAWN, phases.REMOVED}


@dataclass
class Tally:
    group: str
    enrolled: int = 0
    in_progress: int = 0
    accredited: int = 0
    withdrawn_removed: int = 0

    def add(self, phase: str, accredited: bool) -> None:
        self.enrolled += 1
        if accredited:
            self.accredited += 1
        elif phase in ENDED:
            self.withdrawn_removed += 1
        else:
            self.in_progress += 1


def _cycle_rows(cycles):
    return cycles.values_list("pk", "phase", "accredited_on", "enrolled_on", "framework__program_type", "agency__country__name_en", "agency__country__name_es")


def tallies(cycles, by: str) -> tuple[Tally, list[Tally]]:
    """(total, one row per group) for the cycles, grouped `by` one of BREAKDOWNS."""
    type_labels = dict(ProgramType.choices)
    phase_labels = dict(Phase.choices)
    spanish = (get_language() or "en").startswith("es")
    total = Tally(_("Total"))
    groups: dict = {}
    for _pk, phase, accredited_on, enrolled_on, program_type, country_en, country_es in _cycle_rows(cycles):
        key = {
            "program_type": program_type, "phase": phase, "year": enrolled_on.year,
            "country": (country_es if spanish else country_en),
        }[by]
        accredited = accredited_on is not None
        total.add(phase, accredited)
        groups.setdefault(key, Tally(str(key))).add(phase, accredited)
    order = {"program_type": list(type_labels), "phase": list(phase_labels)}.get(by)
    keys = sorted(groups, key=order.index) if order else sorted(groups)
    rows = []
    for key in keys:
        row = groups[key]
        if by == "program_type":
            row.group = str(type_labels[key])
        elif by == "phase":
            row.group = str(phase_labels[key])
        rows.append(row)
    return total, rows


def median_days_per_phase(cycles) -> list[dict]:
    """Median (and count of) days spent in each phase a cycle has left, from its phase changes."""
    durations: dict[str, list[int]] = defaultdict(list)
    changes = PhaseChange.objects.filter(cycle__in=cycles.values("pk")).order_by("cycle_id", "changed_on", "id")
    previous = None
    for cycle_id, phase, changed_on in changes.values_list("cycle_id", "to_phase", "changed_on"):
        if previous and previous[0] == cycle_id:
            durations[previous[1]].append((changed_on - previous[2]).days)
        previous = (cycle_id, phase, changed_on)
    labels = dict(Phase.choices)
    return [
        {"phase": str(labels[phase]), "cycles": len(durations[phase]), "median_days": statistics.median(durations[phase]),
         "median_months": round(statistics.median(durations[phase]) / 30.44, 1)}
        for phase in phases.ORDER if durations.get(phase)
    ]


def pipeline(cycles) -> dict:
    """Cycles now in each phase, as a chart spec for charts.js."""
    counts = Counter(cycles.values_list("phase", flat=True))
    shown = [phase for phase in [*phases.ORDER, phases.WITHDRAWN, phases.REMOVED] if counts.get(phase)]
    labels = dict(Phase.choices)
    return {
        "type": "bar", "horizontal": True, "labels": [str(labels[p]) for p in shown],
        "datasets": [{"label": _("Cycles"), "data": [counts[p] for p in shown]}],
    }


def outcomes_chart(rows: list[Tally]) -> dict:
    """Accredited, in progress and withdrawn/removed per group, stacked side by side."""
    return {
        "type": "bar", "labels": [row.group for row in rows],
        "datasets": [
            {"label": _("Accredited"), "data": [row.accredited for row in rows]},
            {"label": _("In progress"), "data": [row.in_progress for row in rows]},
            {"label": _("Withdrawn or removed"), "data": [row.withdrawn_removed for row in rows]},
        ],
    }


def as_dicts(rows: list[Tally]) -> list[dict]:
    return [asdict(row) for row in rows]


def visible_cycles(user, program=None):
    # distinct: an assessor's scope joins the assignments.
    cycles = Cycle.objects.restrict(user, "view").distinct()
    return cycles.filter(program=program) if program is not None else cycles
