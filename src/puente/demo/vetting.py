"""Vetting demo data: trust evaluations of Mexican border officers, U.S. background checks for joint courses.

In Mexico every police officer must pass the control de confianza evaluation at a state
evaluation and control center (C3), renewed every three years; a share of the force is overdue
and a few fail. Officers who attend binational courses also pass a U.S. background check.
Dates are counted back from today, so the demo's statuses stay current.
"""
import datetime

from django.utils import timezone

from puente.capacity.models import TrainingRequest
from puente.registry.models import Agency, Jurisdiction, Person
from puente.vetting.models import VettingCheck

VETTED_SHARE = 0.6  # of the officers of Mexican border agencies
JOINT_SHARE = 0.15  # of those, in agencies that take joint courses, with a U.S. check
VALIDITY_YEARS = 3
RESULTS = ((VettingCheck.Result.PASSED, 0.9), (VettingCheck.Result.FAILED, 0.06), (VettingCheck.Result.PENDING, 0.04))
US_CENTERS = ("CBP Office of Professional Responsibility", "U.S. Embassy Mexico City, Vetting Unit")
FEDERAL_CENTER = "Centro Nacional de Certificación y Acreditación"
MAX_CHECKS = 60_000  # at full scale; the cap keeps the build fast


def _years(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def state_centers(agencies) -> dict[int, str]:
    """The C3 of each agency's state (federal agencies use the national center)."""
    centers = {}
    for agency in agencies:
        place = agency.jurisdiction
        while place is not None and place.kind != Jurisdiction.Kind.STATE:
            place = place.parent
        centers[agency.pk] = f"C3 {place.name}" if place is not None else FEDERAL_CENTER
    return centers


def _check(ctx, person_id, kind, center, today) -> VettingCheck:
    rng = ctx.rng
    result = rng.choices([r for r, _ in RESULTS], [w for _, w in RESULTS])[0]
    # Up to four years back: checks older than three have expired and await renewal.
    checked_on = today - datetime.timedelta(days=rng.randint(20, 4 * 365))
    valid_until = _years(checked_on, VALIDITY_YEARS) if result == VettingCheck.Result.PASSED else None
    return VettingCheck(person_id=person_id, kind=kind, result=result, checked_on=checked_on, valid_until=valid_until,
                        issuing_center=center)


def build(ctx):
    today = timezone.localdate()
    rng = ctx.rng
    agencies = list(Agency.objects.filter(country_id="MX", border_region=True).select_related("jurisdiction__parent__parent"))
    centers = state_centers(agencies)
    joint_agencies = set(
        TrainingRequest.objects.filter(program__code__startswith="JOINT-", agency__country_id="MX").values_list("agency_id", flat=True)
    )
    people = list(
        Person.objects.filter(agency__in=agencies, status=Person.Status.ACTIVE).order_by("pk").values_list("pk", "agency_id")
    )
    ctx.progress(10, f"{len(people):,} officers in Mexican border agencies")
    count = min(round(len(people) * VETTED_SHARE), ctx.scaled(MAX_CHECKS))
    chosen = rng.sample(people, count) if count < len(people) else people

    demo_officer = ctx.data.get("demo_officer")
    checks = []
    for person_id, agency_id in chosen:
        if demo_officer is not None and person_id == demo_officer.pk:
            continue
        checks.append(_check(ctx, person_id, VettingCheck.Kind.TRUST, centers[agency_id], today))
        if agency_id in joint_agencies and rng.random() < JOINT_SHARE:
            checks.append(_check(ctx, person_id, VettingCheck.Kind.US_BACKGROUND, rng.choice(US_CENTERS), today))
    if demo_officer is not None:
        # The demo officer's login shows a valid trust evaluation and U.S. background check.
        checked_on = today - datetime.timedelta(days=200)
        for kind, center in ((VettingCheck.Kind.TRUST, centers.get(demo_officer.agency_id, FEDERAL_CENTER)),
                             (VettingCheck.Kind.US_BACKGROUND, US_CENTERS[0])):
            checks.append(VettingCheck(person_id=demo_officer.pk, kind=kind, result=VettingCheck.Result.PASSED,
                                       checked_on=checked_on, valid_until=_years(checked_on, VALIDITY_YEARS), issuing_center=center))
    VettingCheck.objects.bulk_create(checks, batch_size=2000)
    ctx.counts.update(vetting_checks=len(checks))
    ctx.progress(100, f"{len(checks):,} vetting checks")
