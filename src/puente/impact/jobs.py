"""The impact estimate as a background job (it reads every unit's months and officers)."""
from django.utils.translation import gettext as _

from puente.core.jobs import JobError, job

from . import estimator
from .models import Estimate, Unit
from .panel import build_panel


def compute(row: Estimate, units, progress=lambda percent, message="": None) -> dict:
    """Run the estimator for `row` over the `units` queryset and store the result on the row."""
    progress(5, _("Reading indicators, assignments and training records"))
    try:
        built = build_panel(units, row.program, row.outcome, float(row.threshold))
        if built is None:
            raise JobError(_("No unit has recorded this outcome yet."))
        panel, units, months = built
        progress(60, _("Estimating effects for %(units)s units over %(months)s months") % {"units": len(units), "months": len(months)})
        result = estimator.run(panel)
    except Exception as exc:  # the estimate page must say it failed, whatever the cause
        Estimate.objects.filter(pk=row.pk).update(status=Estimate.Status.FAILED, error=str(exc))
        raise
    result["months"] = [months[0].isoformat()[:7], months[-1].isoformat()[:7]]
    result["units"] = [
        {"code": u.code, "name": u.name, "agency": u.agency.acronym or u.agency.name,
         "trained_from": panel.periods[int(g)] if g != estimator.NEVER else None}
        for u, g in zip(units, panel.first_treated)
    ]
    Estimate.objects.filter(pk=row.pk).update(status=Estimate.Status.DONE, result=result, error="")
    return result


@job("impact.estimate")
def estimate_job(progress, actor, *, estimate_id: int) -> dict:
    row = Estimate.objects.select_related("program").get(pk=estimate_id)
    result = compute(row, Unit.objects.restrict(actor, "view"), progress)
    progress(100, _("Done"))
    return {"estimate_id": row.pk, "verdict": result["verdict"]["code"]}
