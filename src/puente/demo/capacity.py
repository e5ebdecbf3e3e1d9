"""Demand and capacity demo data: sites, rooms, instructors, sessions, requests, allocation runs.

The figures come from FLETC's reports on training for state, local and tribal officers: in FY2024
agencies asked for 24,923 seats, 32% more than in FY2023, and 11,246 were filled (45%); in FY2023
the service rate was 54%. The worst shortfalls were in the mission-critical programs (tactical
medicine, active-shooter response, advanced investigations).

The published runs reproduce those figures because the data is built for it: each fiscal year's
sessions hold exactly the seats the year filled, and every program's demand is spread over enough
agencies, with enough requests free of month and site preferences, that the optimizer can fill
every seat under the default rules (the per-agency share cap included; at tiny scales, where a
program offers fewer seats than the cap needs to leave an agency one, the run raises the cap just
enough, as a program manager would have to). Capacity is then what binds, as it did at FLETC. The
runs are solved by the same code as a program manager's run and checked against the targets; any
difference stops the build.

Programs an agency trains in-house (the Border Patrol and ANAM academies, the National Guard's
courses, CBP's officer courses, the federal investigators' basic course) are not requested
through windows and get no sessions here. U.S. programs are taught on FLETC's campuses and at
export locations on the border; Mexican programs at the state academies of the border states
and the National Guard's academy; joint courses at both, and at ANAM's training center.

FY2023 and FY2024 are past (their windows closed, their sessions completed, their runs
published); the FY2025 window is open with a few requests, so coordinators can try the forms.
"""
import datetime
import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace

from django.db import connection

from puente.capacity import runs
from puente.capacity.allocation.model import Rules, smallest_share
from puente.capacity.models import (
    AllocationRun, Instructor, RequestWindow, Room, Session, Site, TrainingRequest, fiscal_year_of,
)
from puente.registry.models import Agency, Jurisdiction, Person

from .catalog import MISSION_CRITICAL
from .registry import apportion

# --- The figures ------------------------------------------------------------------------------

FY2024_REQUESTED = 24_923
FY2024_FILLED = 11_246
DEMAND_GROWTH = 0.32  # FY2024 over FY2023
FY2023_REQUESTED = round(FY2024_REQUESTED / (1 + DEMAND_GROWTH))  # 18,881
FY2023_SERVICE_RATE = 0.54
PAST_YEARS = (2023, 2024)
OPEN_YEAR = 2025
OPEN_YEAR_SEATS = 2_000  # a modest start to the FY2025 window


def targets(ctx) -> dict[int, tuple[int, int]]:
    """(seats requested, seats filled) per past fiscal year at the context's scale."""
    requested_2023 = ctx.scaled(FY2023_REQUESTED)
    return {
        2023: (requested_2023, round(requested_2023 * FY2023_SERVICE_RATE)),
        2024: (ctx.scaled(FY2024_REQUESTED), ctx.scaled(FY2024_FILLED)),
    }


# Shares of a year's requested seats (those in programs with sessions) by kind of program. The
# mission-critical programs' demand grew fastest, and they get the smallest share of capacity
# for their demand (CRITICAL_SERVICE, relative to other programs).
CRITICAL_DEMAND = {
    2023: {"FLETC-TMFR": 0.085, "FLETC-ASTR": 0.085, "FLETC-AIP": 0.06},
    2024: {"FLETC-TMFR": 0.11, "FLETC-ASTR": 0.10, "FLETC-AIP": 0.07},
}
CRITICAL_DEMAND[OPEN_YEAR] = CRITICAL_DEMAND[2024]
CRITICAL_SERVICE = {2023: 0.55, 2024: 0.45}
FAMILY_DEMAND = {"mx": 0.08, "joint": 0.07}  # the rest: U.S. programs that are not mission-critical
# Requested seats in programs with no session that year (their requests show the no_session reason).
NO_SESSION = {
    2023: {"USBP-TUNNEL": 0.008},
    2024: {"USBP-TUNNEL": 0.007, "FLETC-UC": 0.005},
    OPEN_YEAR: {},
}
# No program fills more than this share of its demand, so there are always requests left over
# to fill a seat that a request with preferences cannot use.
MAX_PROGRAM_SERVICE = 0.8
# At small scales only some programs get sessions, about one per this many seats; these always do
# (the registrar's academy teaches the Mexican one, and joint courses need both countries).
SEATS_PER_SCHEDULED_PROGRAM = 20
ALWAYS_SCHEDULED = MISSION_CRITICAL + ("SESNSP-PR", "JOINT-BORDER-COORD")
MX_ALWAYS_SCHEDULED = "SESNSP-PR"

# Seats per request: 1 to 12, most 1 to 4.
REQUEST_SIZES = (1, 2, 3, 4, 5, 6, 8, 10, 12)
REQUEST_SIZE_WEIGHTS = (30, 25, 15, 12, 5, 5, 3, 2, 3)
MONTH_PREFERENCE_SHARE, SITE_PREFERENCE_SHARE, BOTH_PREFERENCES_SHARE = 0.15, 0.10, 0.05
JUSTIFICATION_SHARE = 0.4

# --- Programs and sites -----------------------------------------------------------------------

# Taught in-house by the agency that runs them; not requested through windows.
IN_HOUSE = {
    "FLETC-CITP", "USBP-ACAD", "CBP-NII-OP", "CBP-PAX", "CBP-CARGO",
    "GN-OPTAC-BAS", "GN-OPTAC-URB", "GN-FRONT", "GN-TIRO",
    "ANAM-INDUC", "ANAM-INI-OP", "ANAM-INI-IMG", "ANAM-CITES", "ANAM-VALOR", "ANAM-CLASIF", "ANAM-PREC", "ANAM-K9",
    "ANAM-DDHH",
}
JOINT = {"ACCRED-MGR"}  # besides the JOINT-* programs
MX_PREFIXES = ("SESNSP-", "FGR-", "C5-")

C, RANGE, DRIVING, MAT, LAB, SIM, KENNEL = (
    Room.Kind.CLASSROOM, Room.Kind.RANGE, Room.Kind.DRIVING, Room.Kind.MAT_ROOM, Room.Kind.LAB, Room.Kind.SIMULATOR,
    Room.Kind.KENNEL,
)
ROOM_FOR_PROGRAM = {
    "FLETC-TMFR": MAT, "FLETC-ASTR": MAT, "FLETC-ASTR-INST": MAT, "FLETC-HRWS": MAT,
    "CBP-HRVS": DRIVING, "FLETC-FIP": RANGE, "FLETC-UOF": SIM, "JOINT-RADIO": SIM, "C5-DISP": SIM, "C5-CRISIS": SIM,
    "FLETC-LATENT": LAB, "DEA-CLANLAB": LAB, "FGR-BALIST": LAB, "FGR-QUIM": LAB, "FGR-INFORENSE": LAB,
    "FLETC-CYBER": LAB, "FLETC-DARKWEB": LAB,
}
ROOM_NAMES = {  # (English, Spanish)
    C: ("Classroom {n}", "Aula {n}"),
    RANGE: ("Firing Range {n}", "Campo de tiro {n}"),
    DRIVING: ("Driving Track {n}", "Pista de manejo {n}"),
    MAT: ("Mat Room {n}", "Sala de defensa personal {n}"),
    LAB: ("Laboratory {n}", "Laboratorio {n}"),
    SIM: ("Simulator Bay {n}", "Sala de simuladores {n}"),
    KENNEL: ("Kennel and Odor Area {n}", "Área canina {n}"),
}
ROOM_CAPACITIES = {
    C: (24, 30, 36, 40, 48, 50), RANGE: (16, 20, 24, 30), DRIVING: (12, 16, 24), MAT: (20, 24, 30),
    LAB: (12, 16, 20, 24), SIM: (10, 16, 24, 30), KENNEL: (6, 8, 10),
}

# Instructors per host agency: enough for the busiest year's teaching days, and at least these.
MIN_INSTRUCTORS = {"US-FLETC": 12, None: 4}
TEACHING_DAYS_PER_INSTRUCTOR = 110

ALL_KINDS = (C, RANGE, DRIVING, MAT, LAB, SIM, KENNEL)
EXPORT_KINDS = (C, MAT, LAB)  # export training uses a partner's classrooms, gym and a mobile lab
STATE_ACADEMY_KINDS = (C, RANGE, MAT, LAB, SIM)


@dataclass(frozen=True)
class SiteSpec:
    code: str
    name: str
    kind: str
    host: str  # agency code
    country: str
    where: str | None  # jurisdiction code
    rooms: tuple  # room kinds the site has
    families: tuple  # "us", "joint", "mx"
    weight: float  # share of the sessions it can host
    base_rooms: tuple = ()  # rooms built even when the schedule needs fewer: (kind, count)


CAMPUS, EXPORT = Site.Kind.CAMPUS, Site.Kind.EXPORT
SITES = [
    SiteSpec("FLETC-GLYNCO", "FLETC Glynco, Georgia", CAMPUS, "US-FLETC", "US", "13", ALL_KINDS, ("us",), 5.0,
             ((C, 8), (RANGE, 3), (DRIVING, 2), (MAT, 3), (LAB, 2), (SIM, 2), (KENNEL, 1))),
    SiteSpec("FLETC-ARTESIA", "FLETC Artesia, New Mexico", CAMPUS, "US-FLETC", "US", "35", (C, RANGE, DRIVING, MAT, SIM),
             ("us",), 3.0, ((C, 5), (RANGE, 2), (DRIVING, 1), (MAT, 2), (SIM, 1))),
    SiteSpec("FLETC-CHARLESTON", "FLETC Charleston, South Carolina", CAMPUS, "US-FLETC", "US", None,
             (C, RANGE, MAT, LAB, SIM), ("us",), 2.0, ((C, 4), (RANGE, 1), (MAT, 1), (LAB, 1), (SIM, 1))),
    SiteSpec("FLETC-CHELTENHAM", "FLETC Cheltenham, Maryland", CAMPUS, "US-FLETC", "US", None, (C, RANGE, DRIVING, SIM),
             ("us",), 1.5, ((C, 3), (RANGE, 2), (DRIVING, 1), (SIM, 1))),
    SiteSpec("EXP-ELPASO", "Export training – El Paso, Texas", EXPORT, "US-FLETC", "US", "4824000",
             EXPORT_KINDS + (KENNEL,), ("us", "joint"), 1.2, ((C, 2), (MAT, 1), (KENNEL, 1))),
    SiteSpec("EXP-TUCSON", "Export training – Tucson, Arizona", EXPORT, "US-FLETC", "US", "0477000", EXPORT_KINDS,
             ("us", "joint"), 1.0, ((C, 2), (MAT, 1))),
    SiteSpec("EXP-SANDIEGO", "Export training – San Diego, California", EXPORT, "US-FLETC", "US", "0666000",
             EXPORT_KINDS, ("us", "joint"), 1.0, ((C, 2), (MAT, 1))),
    SiteSpec("EXP-MCALLEN", "Export training – McAllen, Texas", EXPORT, "US-FLETC", "US", "4845384", EXPORT_KINDS,
             ("us", "joint"), 0.8, ((C, 1), (MAT, 1))),
    SiteSpec("EXP-LAREDO", "Export training – Laredo, Texas", EXPORT, "US-FLETC", "US", "4841464", EXPORT_KINDS,
             ("us", "joint"), 0.8, ((C, 1), (MAT, 1))),
    SiteSpec("MX-BC-ACAD", "Academia de Seguridad Pública de Baja California", CAMPUS, "MX-BC-ACAD", "MX", "02",
             STATE_ACADEMY_KINDS + (DRIVING,), ("mx", "joint"), 1.5, ((C, 4), (RANGE, 1), (MAT, 1), (LAB, 1), (SIM, 1))),
    SiteSpec("MX-SON-ACAD", "Instituto Superior de Seguridad Pública del Estado de Sonora", CAMPUS, "MX-SON-ACAD", "MX",
             "26", STATE_ACADEMY_KINDS, ("mx", "joint"), 1.0, ((C, 3), (RANGE, 1), (MAT, 1))),
    SiteSpec("MX-CHIH-ACAD", "Instituto de Formación Policial del Estado de Chihuahua", CAMPUS, "MX-CHIH-ACAD", "MX",
             "08", STATE_ACADEMY_KINDS, ("mx", "joint"), 1.0, ((C, 3), (RANGE, 1), (MAT, 1))),
    SiteSpec("MX-NL-ACAD", "Universidad de Ciencias de la Seguridad (Nuevo León)", CAMPUS, "MX-NL-ACAD", "MX", "19",
             STATE_ACADEMY_KINDS, ("mx", "joint"), 1.2, ((C, 4), (RANGE, 1), (MAT, 1), (LAB, 1))),
    SiteSpec("MX-TAMS-ACAD", "Instituto de Formación Policial de Tamaulipas", CAMPUS, "MX-TAMS-ACAD", "MX", "28",
             STATE_ACADEMY_KINDS, ("mx", "joint"), 1.0, ((C, 3), (RANGE, 1), (MAT, 1))),
    SiteSpec("MX-ANAM-CFA", "Centro de Formación Aduanera (ANAM)", CAMPUS, "MX-ANAM", "MX", None, (C, LAB, SIM, KENNEL),
             ("joint",), 0.8, ((C, 3), (LAB, 1), (KENNEL, 1))),
    SiteSpec("MX-GN-ACAD", "Academia de la Guardia Nacional", CAMPUS, "MX-GN", "MX", None, (C, RANGE, DRIVING, MAT, SIM),
             ("mx", "joint"), 0.8, ((C, 4), (RANGE, 2), (DRIVING, 1), (MAT, 1))),
]

# U.S. agencies' nearby export location, for their site preferences.
NEARBY_EXPORT = {"06": ("EXP-SANDIEGO",), "04": ("EXP-TUCSON",), "35": ("EXP-ELPASO",),
                 "48": ("EXP-ELPASO", "EXP-LAREDO", "EXP-MCALLEN")}

JUSTIFICATIONS = {
    "en": (
        "Our last certified instructor retired this year; we need seats before the summer.",
        "New hires assigned to the port-of-entry corridor need this course within their first year.",
        "Recommended after the after-action review of a critical incident in our jurisdiction.",
        "Required by our state's standards board for officers assigned to this unit.",
        "Cases involving the cartels' supply routes doubled in our county last year.",
        "We can send officers only outside the summer months because of staffing.",
    ),
    "es": (
        "El personal de nuevo ingreso asignado a la franja fronteriza requiere este curso.",
        "Lo recomienda la evaluación posterior a un incidente relevante en nuestra demarcación.",
        "Necesario para mantener vigente la certificación de la unidad.",
        "Las carpetas de investigación relacionadas aumentaron el último año.",
        "Solo podemos enviar personal fuera de los periodos vacacionales.",
    ),
}

INSTRUCTOR_COURSES = {"FLETC-ASTR-INST", "FLETC-FIP", "CBP-K9-INST"}
LAB_COURSES = {"FGR-BALIST", "FGR-QUIM", "FGR-INFORENSE", "FLETC-LATENT"}  # mostly for forensic laboratories
MX_REQUESTER_KINDS = {Agency.Kind.POLICE, Agency.Kind.COMMUNICATIONS_CENTER, Agency.Kind.FORENSIC_LAB}
JOINT_FEDERAL_REQUESTERS = ("MX-GN", "MX-ANAM", "MX-FGR")


def family_of(code: str) -> str | None:
    """'us', 'mx' or 'joint': where a requestable program is taught; None when it is in-house."""
    if code in IN_HOUSE:
        return None
    if code.startswith("JOINT-") or code in JOINT:
        return "joint"
    if code.startswith(MX_PREFIXES):
        return "mx"
    return "us"


# --- Building ---------------------------------------------------------------------------------


@dataclass
class PlannedSession:
    program: object
    site: Site
    spec: SiteSpec
    start: datetime.date
    end: datetime.date
    days: int
    seats: int
    language: str
    room: "PlannedRoom | None" = None
    instructors: list = field(default_factory=list)  # indexes into the pool's people


@dataclass
class PlannedRoom:
    site: Site
    kind: str
    name: str
    capacity: int
    busy_until: datetime.date = datetime.date.min
    row: Room | None = None


@dataclass
class PlannedRequest:
    program: object
    agency: Agency
    seats: int
    months: tuple = ()
    sites: tuple = ()


def build(ctx):
    rng = ctx.rng
    programs = ctx.data["programs"]
    agencies = {agency.code: agency for agency in ctx.data["agencies"]}
    requestable = [
        p for p in programs.values()
        if p.status == p.Status.ACTIVE and p.delivery_mode != p.DeliveryMode.E_LEARNING and family_of(p.code)
    ]
    families = {p.code: family_of(p.code) for p in requestable}
    popularity = {p.code: rng.uniform(0.4, 1.6) * _audience(p) for p in requestable}

    sites = _build_sites(agencies)
    specs = {spec.code: spec for spec in SITES}
    ctx.progress(2, f"{len(sites)} sites")

    figures = targets(ctx)
    scheduled = _choose_programs(rng, requestable, figures)
    plans: dict[int, dict] = {}  # year -> {"demand": {code: seats}, "capacity": {code: seats}}
    sessions: list[PlannedSession] = []
    for year in PAST_YEARS:
        requested, filled = figures[year]
        demand, capacity = _size_programs(rng, year, scheduled[year], families, popularity, requested, filled)
        plans[year] = {"demand": demand, "capacity": capacity, "rules": _run_rules(capacity)}
        for code in scheduled[year]:
            sessions += _plan_sessions(rng, year, programs[code], capacity[code], families[code], sites, specs)
    sessions.sort(key=lambda s: (s.start, s.program.code, s.site.code))
    rooms = _assign_rooms(rng, sessions, sites)
    ctx.progress(10, f"{len(sessions):,} sessions planned")

    instructors = _build_instructors(ctx, sessions, sites, agencies, requestable, families)
    _save_sessions(sessions, rooms, instructors)
    ctx.progress(30, f"{len(sessions):,} sessions, {len(instructors)} instructors")

    windows = _build_windows()
    pools = _requester_pools(agencies)
    people = ctx.data["people_by_agency"]
    states = _us_states()
    coordinator = ctx.data["demo_agencies"]["coordinator"]
    total_requests = 0
    for year in PAST_YEARS + (OPEN_YEAR,):
        if year == OPEN_YEAR:
            requested = ctx.scaled(OPEN_YEAR_SEATS, minimum=12)
            demand, _capacity = _size_programs(rng, year, scheduled[2024], families, popularity, requested, 0)
            capacity, year_sessions, rules = {}, [], Rules()
        else:
            demand, capacity, rules = plans[year]["demand"], plans[year]["capacity"], plans[year]["rules"]
            year_sessions = [s for s in sessions if fiscal_year_of(s.start) == year]
        planned = _plan_requests(
            rng, year, programs, demand, capacity, families, pools, people, states, year_sessions, coordinator, rules
        )
        total_requests += _save_requests(rng, windows[year], planned)
        ctx.progress(30 + 10 * (year - 2022), f"FY{year}: {sum(r.seats for r in planned):,} seats requested")

    allocation_runs = {}
    for index, year in enumerate(PAST_YEARS):
        start = 60 + 20 * index

        def run_progress(percent, message="", start=start):
            ctx.progress(start + percent / 5, message)

        allocation_runs[year] = _solve_and_publish(year, figures[year], plans[year]["rules"], run_progress)

    ctx.data["sites"] = {site.code: site for site in sites.values()}
    ctx.data["request_windows"] = windows
    ctx.data["runs"] = allocation_runs
    ctx.data["demo_instructor"] = _demo_instructor(ctx.data["demo_agencies"]["registrar"])
    ctx.counts.update(
        sites=len(sites), rooms=len(rooms), instructors=len(instructors), sessions=len(sessions),
        training_requests=total_requests, allocation_runs=len(allocation_runs),
    )
    ctx.progress(100, "; ".join(
        f"FY{year}: {figures[year][1]:,} of {figures[year][0]:,} seats filled" for year in allocation_runs
    ))


# --- Sites and programs -----------------------------------------------------------------------


def _build_sites(agencies: dict) -> dict[str, Site]:
    places = {
        (place.country_id, place.code): place
        for place in Jurisdiction.objects.filter(code__in=[spec.where for spec in SITES if spec.where])
    }
    rows = [
        Site(code=spec.code, name=spec.name, kind=spec.kind, agency=agencies[spec.host], country_id=spec.country,
             jurisdiction=places.get((spec.country, spec.where)))
        for spec in SITES
    ]
    return {site.code: site for site in bulk_with_ids(Site, rows)}


def _choose_programs(rng, requestable: list, figures: dict) -> dict[int, list[str]]:
    """The programs with sessions each year (all of them at full scale), in catalog order.

    Smaller scales keep about one program per SEATS_PER_SCHEDULED_PROGRAM filled seats, taken
    from one random order so both years offer mostly the same programs.
    """
    codes = [p.code for p in requestable]
    others = [code for code in codes if code not in ALWAYS_SCHEDULED]
    rng.shuffle(others)
    chosen = {}
    for year in PAST_YEARS:
        _requested, filled = figures[year]
        wanted = max(0, round(filled / SEATS_PER_SCHEDULED_PROGRAM) - len(ALWAYS_SCHEDULED))
        offered = [code for code in others if code not in NO_SESSION[year]]
        pick = set(ALWAYS_SCHEDULED) | set(offered[:wanted])
        chosen[year] = [code for code in codes if code in pick]
    return chosen


def _size_programs(rng, year, codes, families, popularity, requested, filled):
    """Seats requested and seats offered per program; both add up to the year's targets exactly."""
    critical_shares = CRITICAL_DEMAND[year]
    by_family = defaultdict(list)
    for code in codes:
        if code not in critical_shares:
            by_family[families[code]].append(code)
    us_share = 1 - sum(critical_shares.values()) - sum(FAMILY_DEMAND[f] for f in FAMILY_DEMAND if by_family[f])
    family_share = {**FAMILY_DEMAND, "us": us_share}
    weights = []
    for code in codes:
        if code in critical_shares:
            weights.append(critical_shares[code])
        else:
            members = by_family[families[code]]
            trend = rng.uniform(0.85, 1.15)  # demand does not grow evenly
            weights.append(family_share[families[code]] * popularity[code] * trend / sum(popularity[m] for m in members))

    no_session = {code: round(requested * share) for code, share in NO_SESSION[year].items()}
    in_programs = requested - sum(no_session.values())
    demand = dict(zip(codes, apportion(in_programs, weights, minimum=1)))
    demand.update((code, seats) for code, seats in no_session.items() if seats)
    if not filled:
        return demand, {}
    service = [
        CRITICAL_SERVICE[year] if code in critical_shares else rng.uniform(0.8, 1.25) for code in codes
    ]
    upper = [max(1, math.floor(MAX_PROGRAM_SERVICE * demand[code])) for code in codes]
    seats = _apportion_within(filled, [demand[code] * factor for code, factor in zip(codes, service)], upper)
    return demand, dict(zip(codes, seats))


def _apportion_within(total: int, weights: list[float], upper: list[int]) -> list[int]:
    """Split `total` by weight, at least one each, none above its upper bound (which must allow it)."""
    if sum(upper) < total:
        raise ValueError("the demo's demand is too small for its capacity")
    fixed: dict[int, int] = {}
    while True:
        active = [i for i in range(len(weights)) if i not in fixed]
        parts = apportion(total - sum(fixed.values()), [weights[i] for i in active], minimum=1)
        over = [i for i, part in zip(active, parts) if part > upper[i]]
        if not over:
            result = dict(zip(active, parts))
            result.update(fixed)
            return [result[i] for i in range(len(weights))]
        for i in over:
            fixed[i] = upper[i]


# --- Sessions, rooms and instructors ----------------------------------------------------------


def _plan_sessions(rng, year, program, capacity, family, sites, specs) -> list[PlannedSession]:
    """Sessions of one program in one fiscal year holding exactly `capacity` seats."""
    room_kind = ROOM_FOR_PROGRAM.get(program.code, C)
    hosts = [spec for spec in SITES if family in spec.families and room_kind in spec.rooms]
    low, high = program.min_class_size, program.max_class_size
    target = max(1, round(rng.uniform(low, high)))
    count = max(1, math.ceil(capacity / high), round(capacity / target))
    sizes = _class_sizes(rng, capacity, count, high)
    months = _spread_months(rng, count)
    planned = []
    for index, (seats, month) in enumerate(zip(sizes, months)):
        if index == 0 and program.code == MX_ALWAYS_SCHEDULED:
            spec = specs["MX-BC-ACAD"]  # the registrar's academy always teaches it
        else:
            spec = rng.choices(hosts, weights=[h.weight for h in hosts])[0]
        start = _start_date(rng, year, month)
        days = _training_days(program)
        planned.append(PlannedSession(
            program=program, site=sites[spec.code], spec=spec, start=start, end=_add_working_days(start, days - 1),
            days=days, seats=seats, language=_language(rng, program, spec),
        ))
    return planned


def _class_sizes(rng, capacity: int, count: int, largest: int) -> list[int]:
    base, extra = divmod(capacity, count)
    sizes = [base + 1 if i < extra else base for i in range(count)]
    for i in range(0, count - 1, 2):  # uneven classes, same total
        move = rng.randint(0, max(0, min(sizes[i] - 1, largest - sizes[i + 1], 4)))
        sizes[i] -= move
        sizes[i + 1] += move
    return sizes


def _spread_months(rng, count: int) -> list[int]:
    """Fiscal months (1 = October) for `count` sessions, spread over the year."""
    months = [m for m in range(1, 13) for _ in range(count // 12)]
    months += rng.sample(range(1, 13), count % 12)
    rng.shuffle(months)
    return months


def _start_date(rng, year: int, fiscal_month: int) -> datetime.date:
    month = runs.calendar_month(fiscal_month)
    first = datetime.date(year - 1 if month >= 10 else year, month, 1)
    monday = first + datetime.timedelta(days=(7 - first.weekday()) % 7)
    weeks = 2 if month == 12 else 3  # nothing starts in the holidays
    return monday + datetime.timedelta(weeks=rng.randrange(weeks))


def _training_days(program) -> int:
    hours = float(program.hours)
    if program.delivery_mode == program.DeliveryMode.BLENDED:
        hours /= 2  # the rest is online
    return max(1, math.ceil(hours / 8))


def _add_working_days(day: datetime.date, days: int) -> datetime.date:
    while days:
        day += datetime.timedelta(days=1)
        if day.weekday() < 5:
            days -= 1
    return day


def _language(rng, program, spec: SiteSpec) -> str:
    offered = program.languages
    if spec.country == "MX":
        return "es" if "es" in offered else offered[0]
    if spec.kind == EXPORT and "es" in offered and rng.random() < 0.25:
        return "es"
    return "en" if "en" in offered else offered[0]


def _assign_rooms(rng, sessions: list[PlannedSession], sites: dict) -> list[PlannedRoom]:
    """Give each session a free room of the kind it needs, building rooms where the schedule needs more."""
    by_site_kind: dict[tuple, list[PlannedRoom]] = defaultdict(list)
    rooms: list[PlannedRoom] = []

    def add_room(spec: SiteSpec, kind: str, at_least: int = 1) -> PlannedRoom:
        same = by_site_kind[(spec.code, kind)]
        english, spanish = ROOM_NAMES[kind]
        number = len(same) + 1
        name = (spanish if spec.country == "MX" else english).format(n=100 + number if kind == C else number)
        room = PlannedRoom(sites[spec.code], kind, name, max(at_least, rng.choice(ROOM_CAPACITIES[kind])))
        same.append(room)
        rooms.append(room)
        return room

    for spec in SITES:
        for kind, count in spec.base_rooms:
            for _n in range(count):
                add_room(spec, kind)
    for session in sessions:
        kind = ROOM_FOR_PROGRAM.get(session.program.code, C)
        free = [r for r in by_site_kind[(session.spec.code, kind)] if r.busy_until < session.start and r.capacity >= session.seats]
        room = min(free, key=lambda r: (r.capacity, r.name)) if free else add_room(session.spec, kind, session.seats)
        room.busy_until = session.end
        session.room = room
    return rooms


def _build_instructors(ctx, sessions, sites, agencies, requestable, families) -> list[Instructor]:
    """Instructors from each host agency, as many as its teaching days need, none double-booked where avoidable."""
    rng = ctx.rng
    by_host = {spec.host: [] for spec in SITES}
    for session in sessions:
        by_host[session.spec.host].append(session)
    instructors: list[Instructor] = []
    qualified: list[set] = []
    for host, host_sessions in by_host.items():
        days_by_year = Counter()
        for session in host_sessions:
            days_by_year[fiscal_year_of(session.start)] += session.days * _instructors_needed(session)
        busiest = max(days_by_year.values(), default=0)
        wanted = max(MIN_INSTRUCTORS.get(host, MIN_INSTRUCTORS[None]), math.ceil(busiest / TEACHING_DAYS_PER_INSTRUCTOR))
        people = list(
            Person.objects.filter(agency=agencies[host], status=Person.Status.ACTIVE).order_by("pk").values_list("pk", flat=True)
        ) or list(Person.objects.filter(agency=agencies[host]).order_by("pk").values_list("pk", flat=True))
        chosen = sorted(rng.sample(people, min(wanted, len(people))))
        host_families = {f for spec in SITES if spec.host == host for f in spec.families}
        teachable = [p for p in requestable if families[p.code] in host_families]
        first = len(instructors)
        for person_id in chosen:
            instructors.append(Instructor(person_id=person_id, days_per_year=rng.choice((120, 140, 160, 160, 180))))
            qualified.append({p.code for p in rng.sample(teachable, min(len(teachable), rng.randint(2, 4)))})
        pool = list(range(first, len(instructors)))
        busy_until = dict.fromkeys(pool, datetime.date.min)
        load = Counter()
        tie = {i: rng.random() for i in pool}
        taught_at = defaultdict(Counter)
        for session in host_sessions:  # already in date order
            code = session.program.code

            def preference(i, code=code):
                return (code not in qualified[i], load[i], tie[i])

            free = sorted((i for i in pool if busy_until[i] < session.start), key=preference)
            busy = sorted((i for i in pool if busy_until[i] >= session.start), key=lambda i: (busy_until[i], preference(i)))
            team = (free + busy)[: _instructors_needed(session)]
            for i in team:
                qualified[i].add(code)
                busy_until[i] = max(busy_until[i], session.end)
                load[i] += session.days
                taught_at[i][session.spec.code] += 1
            session.instructors = team
        campuses = [spec.code for spec in SITES if spec.host == host and spec.kind == CAMPUS]
        for i in pool:
            home = [code for code, _n in taught_at[i].most_common() if code in campuses]
            instructors[i].home_site = sites[home[0] if home else campuses[0]]
    saved = bulk_with_ids(Instructor, instructors)
    program_ids = {p.code: p.pk for p in requestable}
    Instructor.programs.through.objects.bulk_create(
        [Instructor.programs.through(instructor_id=saved[i].pk, program_id=program_ids[code])
         for i in range(len(saved)) for code in sorted(qualified[i])],
        batch_size=2000,
    )
    return saved


def _instructors_needed(session: PlannedSession) -> int:
    return 2 if session.seats > 16 or session.program.mission_critical else 1


def _save_sessions(sessions: list[PlannedSession], rooms: list[PlannedRoom], instructors: list[Instructor]) -> None:
    room_rows = bulk_with_ids(Room, [Room(site=r.site, name=r.name, kind=r.kind, capacity=r.capacity) for r in rooms])
    for planned, row in zip(rooms, room_rows):
        planned.row = row
    rows = []
    for s in sessions:
        row = Session(
            program=s.program, site=s.site, room=s.room.row, start_date=s.start, end_date=s.end, seats=s.seats,
            language=s.language, status=Session.Status.COMPLETED, fiscal_year=fiscal_year_of(s.start),
        )
        row.clean()  # the rules the forms apply; every related object is already in memory
        rows.append(row)
    rows = bulk_with_ids(Session, rows)
    Session.instructors.through.objects.bulk_create(
        [Session.instructors.through(session_id=row.pk, instructor_id=instructors[i].pk)
         for row, planned in zip(rows, sessions) for i in planned.instructors],
        batch_size=2000,
    )


def _demo_instructor(registrar: Agency) -> Instructor:
    """An instructor of the registrar's academy who taught in FY2024 (for the registrar's login)."""
    return (
        Instructor.objects.filter(person__agency=registrar, sessions__fiscal_year=2024)
        .select_related("person").order_by("person_id").distinct().first()
    )


# --- Windows and requests ---------------------------------------------------------------------


def _build_windows() -> dict[int, RequestWindow]:
    """Agencies ask from February to May for the fiscal year that starts in October."""
    rows = [
        RequestWindow(
            fiscal_year=year, opens_on=datetime.date(year - 1, 2, 1), closes_on=datetime.date(year - 1, 5, 31),
            status=RequestWindow.Status.OPEN if year == OPEN_YEAR else RequestWindow.Status.CLOSED,
        )
        for year in PAST_YEARS + (OPEN_YEAR,)
    ]
    return {window.fiscal_year: window for window in bulk_with_ids(RequestWindow, rows)}


def _requester_pools(agencies: dict) -> dict[str, list[Agency]]:
    """Who asks for which programs: U.S. state, local and tribal agencies; Mexican border agencies."""
    us = [a for a in agencies.values()
          if a.country_id == "US" and a.level != Agency.Level.FEDERAL and a.kind != Agency.Kind.TRAINING_ACADEMY]
    mx = [a for a in agencies.values()
          if a.country_id == "MX" and a.level != Agency.Level.FEDERAL and a.border_region and a.kind in MX_REQUESTER_KINDS]
    federal = [agencies[code] for code in JOINT_FEDERAL_REQUESTERS]
    return {"us": us, "mx": mx, "mx_joint": mx + federal}


def _audience(program) -> float:
    """How widely a program is asked for, before chance: few agencies run canine teams, and
    instructor courses take one or two officers per agency."""
    if program.domain.code == "CANINE":
        return 0.2
    if program.code in INSTRUCTOR_COURSES:
        return 0.5
    return 1.0


def _affinity(agency: Agency, program) -> float:
    """How likely an agency is to ask for a program, by what the agency does."""
    kind, domain = agency.kind, program.domain.code
    if program.code in LAB_COURSES:
        return 4.0 if kind == Agency.Kind.FORENSIC_LAB else 0.3
    if kind == Agency.Kind.COMMUNICATIONS_CENTER:
        return 4.0 if domain == "COMMS" else 0.05
    if kind == Agency.Kind.FORENSIC_LAB:
        return 1.0 if domain in ("FORENSICS", "CYBER") else 0.1
    if domain == "COMMS":
        return 0.5
    return 0.6 if kind == Agency.Kind.NATIONAL_GUARD else 1.0


def _plan_requests(rng, year, programs, demand, capacity, families, pools, people, states, year_sessions, coordinator, rules):
    """Requests adding up to each program's demand; where capacity is set, enough of them free of
    preferences (and spread over enough agencies) that every seat can be filled."""
    sessions_of = defaultdict(list)
    for session in year_sessions:
        sessions_of[session.program.code].append(session)
    coordinator_quota = 2  # the coordinator's agency asks every year, so its login has something to see
    planned: list[PlannedRequest] = []
    for code, total in demand.items():
        program = programs[code]
        family = families[code]
        if family == "us":
            shares = [(pools["us"], 1.0)]
        elif family == "mx":
            shares = [(pools["mx"], 1.0)]
        else:
            shares = [(pools["us"], 0.6), (pools["mx_joint"], 0.4)]
        candidates, cumulative, running = [], [], 0.0
        for pool, share in shares:
            weights = [_size_weight(agency, people) * _affinity(agency, program) for agency in pool]
            whole = sum(weights)
            for agency, weight in zip(pool, weights):
                running += share * weight / whole
                candidates.append(agency)
                cumulative.append(running)

        requests = []
        left = total
        while left:
            seats = min(left, rng.choices(REQUEST_SIZES, weights=REQUEST_SIZE_WEIGHTS)[0])
            if not requests and family != "us" and coordinator_quota and coordinator in candidates:
                agency = coordinator
                coordinator_quota -= 1
            else:
                agency = rng.choices(candidates, cum_weights=cumulative)[0]
            requests.append(PlannedRequest(program, agency, seats, *_preferences(rng, states.get(agency.pk, ""), sessions_of[code])))
            left -= seats
        if code in capacity:
            _make_fillable(requests, capacity[code], candidates, rules)
        planned += requests
    return planned


def _size_weight(agency: Agency, people: dict) -> float:
    """Larger agencies ask more often, less than in proportion to their size."""
    return max(people.get(agency.pk, 0), 1) ** 0.5


def _us_states() -> dict:
    """{U.S. agency id: FIPS code of its state}, for site preferences near home."""
    places = {j.pk: j for j in Jurisdiction.objects.filter(country="US")}

    def state(place):
        while place.parent_id:
            place = places[place.parent_id]
        return place.code

    return {
        agency_id: state(places[place_id])
        for agency_id, place_id in Agency.objects.filter(country="US", jurisdiction__isnull=False).values_list("pk", "jurisdiction_id")
    }


def _preferences(rng, state: str, sessions: list[PlannedSession]) -> tuple[tuple, tuple]:
    """Preferred months and sites for some requests, around sessions the program has."""
    if not sessions:
        return (), ()
    draw = rng.random()
    months, sites = (), ()
    if draw < MONTH_PREFERENCE_SHARE + BOTH_PREFERENCES_SHARE:
        anchor = rng.choice(sessions).start.month
        span = rng.randint(3, 5)
        first = anchor - rng.randrange(span)
        months = tuple(sorted((first + k - 1) % 12 + 1 for k in range(span)))
    if MONTH_PREFERENCE_SHARE <= draw < MONTH_PREFERENCE_SHARE + BOTH_PREFERENCES_SHARE + SITE_PREFERENCE_SHARE:
        offered = sorted({s.site.code: s.site for s in sessions}.items())
        nearby = [site for code, site in offered if code in NEARBY_EXPORT.get(state, ())]
        first_site = rng.choice(nearby) if nearby else rng.choice(offered)[1]
        second = rng.choice(offered)[1]
        sites = tuple({first_site.code: first_site, second.code: second}.values())
    return months, sites


def _make_fillable(requests: list[PlannedRequest], capacity: int, candidates: list[Agency], rules: Rules) -> None:
    """Adjust a program's requests so its requests without preferences alone can fill every seat
    within the per-agency share cap: drop preferences first, then spread seats over more agencies."""
    cap = rules.share_cap_seats(capacity)

    def flexible() -> Counter:
        seats = Counter()
        for r in requests:
            if not r.months and not r.sites:
                seats[r.agency.pk] += r.seats
        return seats

    def fillable() -> bool:
        return sum(min(seats, cap) for seats in flexible().values()) >= capacity

    for r in requests:
        if fillable():
            return
        r.months, r.sites = (), ()
    asking = {r.agency.pk for r in requests}
    spare = [agency for agency in dict.fromkeys(candidates) if agency.pk not in asking]
    while not fillable():
        over = [pk for pk, seats in flexible().most_common() if seats > cap]
        if not over or not spare:
            raise ValueError(f"the demo cannot spread {requests[0].program.code}'s demand over enough agencies")
        largest = max((r for r in requests if r.agency.pk == over[0]), key=lambda r: r.seats)
        newcomer = spare.pop(0)
        if largest.seats > 1:
            largest.seats -= 1
            requests.append(PlannedRequest(largest.program, newcomer, 1))
        else:
            largest.agency = newcomer


def _save_requests(rng, window: RequestWindow, planned: list[PlannedRequest]) -> int:
    span = (window.closes_on - window.opens_on).days
    if window.is_open:
        span = span * 2 // 3  # the window is still open
    stamped = []
    for r in planned:
        day = window.opens_on + datetime.timedelta(days=int(span * (1 - rng.random() ** 1.5)))  # more near the deadline
        at = datetime.datetime.combine(
            day, datetime.time(rng.randint(14, 23), rng.randrange(60), rng.randrange(60)), tzinfo=datetime.timezone.utc
        )
        justification = ""
        if rng.random() < JUSTIFICATION_SHARE:
            justification = rng.choice(JUSTIFICATIONS["es" if r.agency.country_id == "MX" else "en"])
        stamped.append((at, r, justification))
    stamped.sort(key=lambda item: item[0])
    rows = []
    for at, r, justification in stamped:
        row = TrainingRequest(
            window=window, agency=r.agency, program=r.program, seats=r.seats, preferred_months=list(r.months),
            justification=justification, submitted_at=at,
        )
        row.clean()
        rows.append(row)
    rows = bulk_with_ids(TrainingRequest, rows)
    TrainingRequest.preferred_sites.through.objects.bulk_create(
        [TrainingRequest.preferred_sites.through(trainingrequest_id=row.pk, site_id=site.pk)
         for row, (_at, r, _j) in zip(rows, stamped) for site in r.sites],
        batch_size=2000,
    )
    return len(rows)


# --- Allocation runs --------------------------------------------------------------------------


def _run_rules(capacity: dict[str, int]) -> Rules:
    """The default rules, with the share cap raised to the smallest that leaves an agency one seat
    where the demo's scale leaves a program fewer seats than the default cap needs (four, at 0.25)."""
    default = Rules()
    fewest = min((seats for seats in capacity.values() if seats), default=None)
    if fewest is None or default.share_cap_seats(fewest) >= 1:
        return default
    return replace(default, max_share=smallest_share(fewest))


def _solve_and_publish(year: int, figures: tuple[int, int], rules: Rules, progress) -> AllocationRun:
    """Solve the year as a program manager's run would, under the year's rules, and publish it.

    The run is written directly rather than through actions.publish_run: there is no one to
    notify yet (logins come later), and the demo's bulk writes are audited once, as a whole.
    """
    run = AllocationRun.objects.create(fiscal_year=year, rules=rules.to_dict())
    result = runs._solve_run(run, progress)
    requested, filled = figures
    if (result["seats_requested"], result["seats_filled"]) != (requested, filled):
        raise ValueError(
            f"FY{year}: the allocation filled {result['seats_filled']:,} of {result['seats_requested']:,} seats; "
            f"the demo data is built for {filled:,} of {requested:,}"
        )
    published_at = datetime.datetime(year - 1, 7, 15, 16, 0, tzinfo=datetime.timezone.utc)
    AllocationRun.objects.filter(pk=run.pk).update(status=AllocationRun.Status.PUBLISHED, published_at=published_at)
    run.refresh_from_db()
    return run


# --- Helpers ----------------------------------------------------------------------------------


def bulk_with_ids(model, rows: list) -> list:
    """bulk_create that returns the rows with their primary keys on every database."""
    if not rows:
        return rows
    if connection.features.can_return_rows_from_bulk_insert:
        return model.objects.bulk_create(rows, batch_size=1000)
    last = model.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    model.objects.bulk_create(rows, batch_size=1000)
    for row, pk in zip(rows, model.objects.filter(pk__gt=last).order_by("pk").values_list("pk", flat=True)):
        row.pk = pk
    return rows
