"""From stored indicators, assignments and training records to the estimator's panel, and back."""
import datetime
from collections import defaultdict

import numpy as np
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from puente.records.models import TrainingRecord

from .estimator import NEVER, OUTCOMES, Panel, first_treated_month, outcome_values
from .estimator.outcomes import SEIZURES
from .models import Assignment, Measure, Observation

OUTCOME_LABELS = {
    "seizures_per_1000": gettext_lazy("Seizures per 1,000 inspections"),
    "scan_usage": gettext_lazy("Scan usage rate (percent of scanner capacity used)"),
    "scans_per_1000": gettext_lazy("Scans per 1,000 inspections"),
    "complaints_per_1000": gettext_lazy("Complaints per 1,000 inspections"),
    "use_of_force_per_1000": gettext_lazy("Use-of-force incidents per 1,000 inspections"),
}


def outcome_choices() -> list[tuple[str, str]]:
    """The derived rates first, then every recorded measure as a plain monthly count."""
    return [(code, str(OUTCOME_LABELS[code])) for code in OUTCOMES] + [
        (m.code, _("%(measure)s (monthly count)") % {"measure": m.name}) for m in Measure.objects.all()
    ]


def outcome_label(code: str) -> str:
    return dict(outcome_choices()).get(code, code)


def month_index(day: datetime.date, first: datetime.date) -> int:
    return (day.year - first.year) * 12 + day.month - first.month


def _inputs(outcome: str) -> tuple[list[str], bool]:
    """The measure codes an outcome reads, and whether it needs the seizure total."""
    if outcome in OUTCOMES:
        needed = OUTCOMES[outcome].inputs
        return [c for c in needed if c != SEIZURES], SEIZURES in needed
    return [outcome], False


def build_panel(units, program, outcome: str, threshold: float):
    """(Panel, units, months) for the `units` queryset; None when no unit has data."""
    codes, with_seizures = _inputs(outcome)
    seizure_codes = list(Measure.objects.filter(group=Measure.Group.SEIZURE).values_list("code", flat=True)) if with_seizures else []
    units = list(units.select_related("agency").order_by("code"))
    rows = list(
        Observation.objects.filter(unit__in=units, measure__code__in=codes + seizure_codes)
        .values_list("unit_id", "period", "measure__code", "value")
    )
    if not rows:
        return None
    first, last = min(r[1] for r in rows), max(r[1] for r in rows)
    n_months = month_index(last, first) + 1
    position = {u.pk: i for i, u in enumerate(units)}
    arrays = {code: np.full((len(units), n_months), np.nan) for code in codes + ([SEIZURES] if with_seizures else [])}
    for unit_id, period, code, value in rows:
        i, t = position[unit_id], month_index(period, first)
        if code in seizure_codes:
            # A recorded seizure count makes the month's total known; unrecorded items count as none.
            total = arrays[SEIZURES]
            total[i, t] = (0 if np.isnan(total[i, t]) else total[i, t]) + value
        else:
            arrays[code][i, t] = value
    y = outcome_values(outcome, arrays)
    treated = _first_treated(units, position, program, float(threshold), first, n_months)
    months = [_add_months(first, k) for k in range(n_months)]
    # Units with no data at all for the outcome are left out.
    keep = ~np.all(np.isnan(y), axis=1)
    units = [u for u, k in zip(units, keep) if k]
    return Panel(y[keep], treated[keep], [m.isoformat()[:7] for m in months]), units, months


def _add_months(day: datetime.date, k: int) -> datetime.date:
    total = day.year * 12 + day.month - 1 + k
    return datetime.date(total // 12, total % 12 + 1, 1)


def _first_treated(units, position, program, threshold, first, n_months) -> np.ndarray:
    assignments = list(Assignment.objects.filter(unit__in=units).values_list("unit_id", "person_id", "start_date", "end_date"))
    completed = defaultdict(lambda: np.inf)
    for person_id, end in (
        TrainingRecord.objects.filter(program=program, result=TrainingRecord.Result.COMPLETED,
                                      person_id__in={a[1] for a in assignments})
        .values_list("person_id", "end_date")
    ):
        completed[person_id] = min(completed[person_id], month_index(end, first))
    if not assignments:
        return np.full(len(units), NEVER)
    unit_index = [position[a[0]] for a in assignments]
    start = [month_index(a[2], first) for a in assignments]
    end = [month_index(a[3], first) if a[3] else np.inf for a in assignments]
    done = [completed[a[1]] for a in assignments]
    return first_treated_month(np.array(unit_index), np.array(start, float), np.array(end, float), np.array(done, float),
                               len(units), n_months, threshold)
