"""Every write of the impact app: units, assignments, monthly indicators, estimate requests."""
import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from puente.core import audit
from puente.core.services import action_name, create_object, require, update_object

from .estimator import plausibility_errors
from .models import Assignment, Estimate, Measure, Observation, Unit, month_start


def create_unit(actor, **fields) -> Unit:
    return create_object(actor, Unit, fields)


def update_unit(actor, unit: Unit, **fields) -> Unit:
    return update_object(actor, unit, fields)


def create_assignment(actor, **fields) -> Assignment:
    return create_object(actor, Assignment, fields)


def update_assignment(actor, assignment: Assignment, **fields) -> Assignment:
    return update_object(actor, assignment, fields)


@transaction.atomic
def delete_assignment(actor, assignment: Assignment) -> None:
    require(actor, "delete", assignment)
    audit.record(actor, action_name(Assignment, "delete"), assignment, audit.diff(audit.snapshot(assignment), {}))
    assignment.delete()


# Monthly indicators


def this_month() -> datetime.date:
    return month_start(timezone.localdate())


def period_error(period: datetime.date) -> str | None:
    """Why a month cannot be recorded (it has not ended yet), or None."""
    if period > this_month():
        return _("%(month)s is in the future.") % {"month": f"{period:%Y-%m}"}
    return None


def rule_message(rule: str, numbers: dict) -> str:
    """The user's words for a plausibility rule of the estimator's outcomes module."""
    if rule == "scans_over_capacity":
        return _(
            "%(scans)s scans do not fit in %(hours)s scanner hours: at most %(rate)s scans an hour, so at most %(most)s."
        ) % numbers
    return _("%(scans)s scans are more than the %(inspections)s inspections of the month.") % numbers


def month_errors(values: dict[str, int | None]) -> list[tuple[str, str]]:
    """[(measure code, message)] for one unit-month's values by measure code (None: not recorded)."""
    known = {code: value for code, value in values.items() if value is not None}
    return [(code, rule_message(rule, numbers)) for code, rule, numbers in plausibility_errors(known)]


def stored_month(unit: Unit, period: datetime.date) -> dict[str, int]:
    return dict(Observation.objects.filter(unit=unit, period=period).values_list("measure__code", "value"))


@transaction.atomic
def record_month(actor, unit: Unit, period: datetime.date, values: dict[Measure, int | None]) -> tuple[int, int, int]:
    """Set a unit's values for one month: a number replaces the stored one, None removes it.

    Refused as a whole (ValidationError naming the measure) when a value is negative, the month
    has not ended, or the month's values together break a plausibility rule.
    Returns (created, updated, removed).
    """
    require(actor, "change", unit)
    period = month_start(period)
    if error := period_error(period):
        raise ValidationError({"period": error})
    for measure, value in values.items():
        if value is not None and value < 0:
            raise ValidationError({measure.code: _("A count cannot be negative.")})
    merged = stored_month(unit, period) | {m.code: v for m, v in values.items()}
    errors = month_errors(merged)
    if errors:
        raise ValidationError({code: message for code, message in errors})
    existing = {o.measure_id: o for o in Observation.objects.select_for_update().filter(unit=unit, period=period)}
    created = updated = removed = 0
    for measure, value in values.items():
        current = existing.get(measure.pk)
        if value is None:
            if current is not None:
                require(actor, "delete", current)
                audit.record(actor, action_name(Observation, "delete"), current, {"value": [current.value, None]})
                current.delete()
                removed += 1
        elif current is None:
            create_object(actor, Observation, {"unit": unit, "period": period, "measure": measure, "value": value})
            created += 1
        elif current.value != value:
            update_object(actor, current, {"value": value})
            updated += 1
    return created, updated, removed


def record_value(actor, *, unit: Unit, period: datetime.date, measure: Measure, value: int) -> Observation:
    """Set one measure for one unit and month (creating or replacing it): the API's write."""
    record_month(actor, unit, period, {measure: value})
    return Observation.objects.get(unit=unit, period=month_start(period), measure=measure)


def update_value(actor, observation: Observation, **fields) -> Observation:
    unit = fields.get("unit", observation.unit)
    period = fields.get("period", observation.period)
    measure = fields.get("measure", observation.measure)
    if (unit.pk, month_start(period), measure.pk) != (observation.unit_id, observation.period, observation.measure_id):
        raise ValidationError(_("Unit, month and measure identify a value; record a new value instead."))
    return record_value(actor, unit=unit, period=period, measure=measure, value=fields.get("value", observation.value))


def delete_value(actor, observation: Observation) -> None:
    require(actor, "delete", observation)
    record_month(actor, observation.unit, observation.period, {observation.measure: None})


# Impact estimates


def request_estimate(actor, *, program, outcome: str, threshold, enqueue: bool = True) -> Estimate:
    """Store an estimate request and queue the estimator (the CLI runs it in the foreground)."""
    from .panel import outcome_choices

    if outcome not in dict(outcome_choices()):
        raise ValidationError({"outcome": _("Unknown outcome “%(code)s”.") % {"code": outcome}})
    estimate = create_object(actor, Estimate, {
        "program": program, "outcome": outcome, "threshold": threshold,
        "created_by": actor if getattr(actor, "is_authenticated", False) else None,
    })
    if enqueue:
        transaction.on_commit(lambda: _enqueue(actor, estimate))
    return estimate


def _enqueue(actor, estimate: Estimate) -> None:
    from puente.core import jobs

    row = jobs.enqueue("impact.estimate", {"estimate_id": estimate.pk}, actor)
    Estimate.objects.filter(pk=estimate.pk).update(job=row)
