"""Registry demo data: the jurisdictions, agencies and people on both sides of the border.

Mexico's side is the whole national force, because the CUP figures are national: at full scale
515,862 officers, 164,041 federal, 171,821 state and 180,000 municipal (later parts compare
certification by level against these proportions). Each level is spread over its agencies by
weight, so the level totals are exact at every scale. The U.S. side is the border region's
agencies plus the federal ones that serve it, about 75,000 people at full scale.

The municipal level stands for all of Mexico's municipal forces through the ones listed in
places.py, so each of them is larger than its real counterpart.

People are generated agency by agency and written in batches, so even the full-size dataset
never holds more than one batch of model objects in memory.
"""
import datetime
import math
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

from puente.registry.models import Agency, Country, Jurisdiction, Person

from . import names as N
from . import places as P

MX_OFFICERS_BY_LEVEL = {Agency.Level.FEDERAL: 164_041, Agency.Level.STATE: 171_821, Agency.Level.MUNICIPAL: 180_000}
MIN_PEOPLE_PER_AGENCY = 3
FIRST_HIRE_YEAR, LAST_HIRE_YEAR = 1990, 2024
EMAIL_DOMAIN = "demo.puente.example"

# Share of people by status; the rest are inactive. People over 60 are more often inactive.
ACTIVE_SHARE, ON_LEAVE_SHARE, SUSPENDED_SHARE = 0.945, 0.03, 0.01
RETIRED_SHARE_OVER_60 = 0.3  # keeps about 93% of everyone active
FEMALE_SHARE = {"MX": 0.21, "US": 0.15}
# Share of Hispanic names in U.S. agencies by state, and for federal agencies (border / other).
US_HISPANIC_SHARE = {"06": 0.45, "04": 0.45, "35": 0.6, "48": 0.75}
US_FEDERAL_HISPANIC_SHARE = (0.5, 0.3)

# Identifier sequences are scrambled by a bijection (n * step + offset) mod size, so numbers
# look issued rather than counted and stay unique within their range.
CUIP_SEQUENCE_SIZE, CUIP_STEP = 1_000_000, 387_419
US_ID_SEQUENCE_SIZE, US_ID_STEP = 10_000_000, 7_919_333
assert math.gcd(CUIP_STEP, CUIP_SEQUENCE_SIZE) == 1 and math.gcd(US_ID_STEP, US_ID_SEQUENCE_SIZE) == 1


@dataclass
class AgencyPlan:
    """An agency to create and how to fill it."""

    agency: Agency
    ranks: str
    weight: float = 0.0  # Mexico: share within its level
    size: int = 0  # people to create
    founded: int = FIRST_HIRE_YEAR
    renapo: str = ""  # Mexico: usual birth state of its people ("" = anywhere)
    id_prefix: str = ""  # United States: prefix of agency-issued identifiers
    hispanic_share: float = 0.0  # United States


def build(ctx):
    us, _ = Country.objects.update_or_create(code="US", defaults={"name_en": "United States", "name_es": "Estados Unidos"})
    mx, _ = Country.objects.update_or_create(code="MX", defaults={"name_en": "Mexico", "name_es": "México"})
    ctx.progress(0, "jurisdictions")
    places = _build_jurisdictions(us, mx)
    ctx.progress(1, f"{len(places):,} jurisdictions")

    plans = _mexican_agencies(mx, places) + _us_agencies(us, places)
    agencies = _save_agencies([plan.agency for plan in plans])
    ctx.progress(3, f"{len(agencies):,} agencies")

    people_by_level = _size_mexican_agencies(ctx, [plan for plan in plans if plan.agency.country_id == "MX"])
    for plan in plans:
        if plan.agency.country_id == "US":
            plan.size = ctx.scaled(plan.size, MIN_PEOPLE_PER_AGENCY)
    people = _write_people(ctx, plans)

    by_code = {agency.code: agency for agency in agencies}
    coordinator, registrar = by_code["MX-BC-TIJ-SSPCM"], by_code["MX-BC-ACAD"]
    ctx.data["demo_agencies"] = {"coordinator": coordinator, "registrar": registrar}
    ctx.data["demo_officer"] = (
        Person.objects.filter(agency=coordinator, status=Person.Status.ACTIVE).order_by("pk").first()
    )
    ctx.data["agencies"] = agencies
    ctx.data["people_by_level"] = people_by_level
    ctx.data["people_by_agency"] = {plan.agency.pk: plan.size for plan in plans}
    ctx.data["countries"] = {"US": us, "MX": mx}
    ctx.counts.update(jurisdictions=len(places), agencies=len(agencies), people=people)
    ctx.progress(100, f"{people:,} people")


# --- Jurisdictions ----------------------------------------------------------------------------


def _build_jurisdictions(us: Country, mx: Country) -> dict[tuple[str, str], Jurisdiction]:
    """Every jurisdiction, keyed by (country code, official code)."""
    J = Jurisdiction
    places: dict[tuple[str, str], Jurisdiction] = {}

    def add(rows):
        for row in _insert(Jurisdiction, rows, key=lambda j: (j.country_id, j.code)):
            places[(row.country_id, row.code)] = row

    add([J(country=mx, kind=J.Kind.STATE, name=s.name, code=s.code, border_region=s.border) for s in P.MX_STATES]
        + [J(country=us, kind=J.Kind.STATE, name=s.name, code=s.code, border_region=s.border) for s in P.US_STATES])

    second = []
    for state in P.MX_STATES:
        parent = places[("MX", state.code)]
        second += [
            J(country=mx, kind=J.Kind.MUNICIPALITY, name=m.name, code=state.code + m.code, parent=parent,
              border_region=m.border)
            for m in P.MX_MUNICIPALITIES.get(state.code, [])
        ]
    second += [
        J(country=us, kind=J.Kind.COUNTY, name=c.name, code=c.code, parent=places[("US", c.code[:2])], border_region=True)
        for c in P.US_COUNTIES
    ]
    second += [
        J(country=us, kind=J.Kind.TRIBAL_NATION, name=t.name, code=t.code, parent=places[("US", t.state)],
          border_region=True)
        for t in P.US_TRIBAL_NATIONS
    ]
    add(second)
    add([
        J(country=us, kind=J.Kind.MUNICIPALITY, name=c.name, code=c.code, parent=places[("US", c.county)],
          border_region=True)
        for c in P.US_CITIES
    ])
    return places


# --- Agencies ---------------------------------------------------------------------------------


def _mexican_agencies(mx: Country, places) -> list[AgencyPlan]:
    A = Agency
    plans = [
        AgencyPlan(
            A(code=f.code, name=f.name, acronym=f.acronym, country=mx, level=A.Level.FEDERAL, kind=f.kind,
              border_region=f.border),
            ranks=f.ranks, weight=f.weight, founded=max(FIRST_HIRE_YEAR, f.founded),
        )
        for f in P.MX_FEDERAL_AGENCIES
    ]
    shares = P.MX_STATE_SHARES
    for state in P.MX_STATES:
        where = places[("MX", state.code)]

        def state_agency(suffix, name, acronym, kind, ranks, share, state=state, where=where):
            agency = A(code=f"MX-{state.short}-{suffix}", name=name, acronym=acronym, country=mx, jurisdiction=where,
                       level=A.Level.STATE, kind=kind, border_region=state.border)
            return AgencyPlan(agency, ranks=ranks, weight=state.weight * share, renapo=state.renapo)

        police_name, police_acronym = state.police or (f"Secretaría de Seguridad Pública {state.of_name}", "SSP")
        academy_name, academy_acronym = state.academy or (f"Instituto de Formación Policial {state.of_name}", "IFP")
        plans.append(state_agency("SSP", police_name, police_acronym, A.Kind.POLICE, "mx_police", shares["police"]))
        plans.append(state_agency("ACAD", academy_name, academy_acronym, A.Kind.TRAINING_ACADEMY, "mx_academy",
                                  shares["academy"]))
        plans.append(state_agency(state.comms, P.COMMS_NAMES[state.comms].format(of=state.of_name), state.comms,
                                  A.Kind.COMMUNICATIONS_CENTER, "mx_comms", shares["comms"]))
        if state.fiscalia:
            plans.append(state_agency("FGE-AEI", f"Agencia Estatal de Investigación – {state.fiscalia}", "AEI",
                                      A.Kind.POLICE, "mx_investigation", shares["investigation"]))
            plans.append(state_agency("FGE-SP", f"Servicios Periciales – {state.fiscalia}", "", A.Kind.FORENSIC_LAB,
                                      "mx_forensic", shares["lab"]))
        for town in P.MX_MUNICIPALITIES.get(state.code, []):
            if not town.weight:
                continue
            acronym, name = P.MUNICIPAL_POLICE_STYLES[town.style]
            agency = A(code=f"MX-{state.short}-{town.short}-{acronym}", name=name.format(name=town.name),
                       acronym=acronym, country=mx, jurisdiction=places[("MX", state.code + town.code)],
                       level=A.Level.MUNICIPAL, kind=A.Kind.POLICE, border_region=town.border, remote=town.remote)
            # San Quintín became a municipality in 2020; its police is as young.
            founded = 2021 if town.name == "San Quintín" else FIRST_HIRE_YEAR
            plans.append(AgencyPlan(agency, ranks="mx_police", weight=town.weight, renapo=state.renapo, founded=founded))
    return plans


def _us_agencies(us: Country, places) -> list[AgencyPlan]:
    A = Agency
    plans = []

    def add(spec: P.UsAgency, level, where: Jurisdiction | None, ranks: str | None, border: bool, remote: bool,
            hispanic: float):
        agency = A(code=spec.code, name=spec.name, acronym=spec.acronym, country=us, jurisdiction=where, level=level,
                   kind=spec.kind, border_region=border, remote=remote)
        plans.append(AgencyPlan(
            agency, ranks=ranks or spec.ranks or N.DEFAULT_RANKS[("US", spec.kind)], size=spec.size,
            id_prefix=spec.code.removeprefix("US-"), hispanic_share=hispanic,
        ))

    border_share, other_share = US_FEDERAL_HISPANIC_SHARE
    for spec in P.US_FEDERAL_AGENCIES:
        add(spec, A.Level.FEDERAL, None, None, spec.border, False, border_share if spec.border else other_share)
    for spec in P.US_STATE_AGENCIES:
        add(spec, A.Level.STATE, places[("US", spec.where)], None, True, False, US_HISPANIC_SHARE[spec.where])
    state_short = {s.code: s.short for s in P.US_STATES}
    for county in P.US_COUNTIES:
        spec = P.UsAgency(f"US-{state_short[county.code[:2]]}-{county.short}-SO", county.sheriff, county.acronym,
                          A.Kind.POLICE, county.size)
        add(spec, A.Level.MUNICIPAL, places[("US", county.code)], "us_sheriff", True, county.remote,
            US_HISPANIC_SHARE[county.code[:2]])
    for city in P.US_CITIES:
        spec = P.UsAgency(f"US-{state_short[city.county[:2]]}-{city.short}-PD", f"{city.name} Police Department",
                          city.acronym, A.Kind.POLICE, city.size)
        add(spec, A.Level.MUNICIPAL, places[("US", city.code)], "us_city_police", True, city.remote,
            US_HISPANIC_SHARE[city.county[:2]])
    for spec in P.US_OTHER_LOCAL_AGENCIES:
        where = places[("US", spec.where)]
        add(spec, A.Level.MUNICIPAL, where, None, where.border_region, False, US_HISPANIC_SHARE[spec.where[:2]])
    for nation in P.US_TRIBAL_NATIONS:
        spec = P.UsAgency(f"US-{state_short[nation.state]}-{nation.short}-PD", nation.police, nation.acronym,
                          A.Kind.POLICE, nation.size)
        add(spec, A.Level.TRIBAL, places[("US", nation.code)], "us_tribal_police", True, nation.remote, 0.35)
    return plans


def _save_agencies(agencies: list[Agency]) -> list[Agency]:
    codes = [agency.code for agency in agencies]
    if len(set(codes)) != len(codes):
        raise ValueError("duplicate agency codes in the demo data")
    # U.S. identifiers are "<code without US->-<7 digits>" and must fit the national_id field.
    longest_id = Person._meta.get_field("national_id").max_length
    too_long = [code for code in codes if len(code) > 40 or (code.startswith("US-") and len(code) - 3 + 8 > longest_id)]
    if too_long:
        raise ValueError(f"agency codes too long for the demo data: {too_long}")
    for agency in agencies:
        agency.clean()  # same rules the forms apply; the jurisdictions are already loaded
    return _insert(Agency, agencies, key=lambda a: a.code)


def _insert(model, rows: list, key) -> list:
    """bulk_create that also returns primary keys on databases that cannot report them."""
    model.objects.bulk_create(rows, batch_size=1000)
    if rows and rows[0].pk is None:
        saved = {key(row): row for row in model.objects.all()}
        rows = [saved[key(row)] for row in rows]
    return rows


# --- Sizes ------------------------------------------------------------------------------------


def apportion(total: int, weights: list[float], minimum: int = MIN_PEOPLE_PER_AGENCY) -> list[int]:
    """Split `total` by `weights` (largest remainders), each part at least `minimum`.

    The total is always kept exactly; if it cannot give everyone `minimum`, the floor drops.
    """
    if not weights:
        return []
    minimum = min(minimum, total // len(weights))
    rest = total - minimum * len(weights)
    whole = sum(weights)
    quotas = [rest * weight / whole for weight in weights]
    parts = [int(quota) for quota in quotas]
    by_remainder = sorted(range(len(weights)), key=lambda i: (parts[i] - quotas[i], i))
    for i in by_remainder[: rest - sum(parts)]:
        parts[i] += 1
    return [minimum + part for part in parts]


def _size_mexican_agencies(ctx, plans: list[AgencyPlan]) -> dict[str, int]:
    people_by_level = {}
    for level, real_size in MX_OFFICERS_BY_LEVEL.items():
        level_plans = [plan for plan in plans if plan.agency.level == level]
        total = ctx.scaled(real_size)
        for plan, size in zip(level_plans, apportion(total, [plan.weight for plan in level_plans])):
            plan.size = size
        people_by_level[str(level)] = total
    return people_by_level


# --- People -----------------------------------------------------------------------------------


def _write_people(ctx, plans: list[AgencyPlan]) -> int:
    total = sum(plan.size for plan in plans)
    batch_size = max(500, min(5000, total // 50))
    report_every = max(1, total // 50)  # a progress report every 2% of the people
    batch, written = [], 0
    for generated, person in enumerate(_people(ctx.rng, plans), start=1):
        batch.append(person)
        if len(batch) >= batch_size:
            Person.objects.bulk_create(batch, batch_size=batch_size)
            written += len(batch)
            batch = []
        if generated % report_every == 0:
            ctx.progress(4 + 95 * generated / total, f"people {generated:,} of {total:,}")
    if batch:
        Person.objects.bulk_create(batch, batch_size=batch_size)
        written += len(batch)
    return written


class _Namer:
    """Draws names for one country (and, in the U.S., one of two naming traditions)."""

    def __init__(self, male, female, family):
        self.male, self.female, self.family = N.Picker(male), N.Picker(female), N.Picker(family)


def _people(rng, plans: list[AgencyPlan]) -> Iterator[Person]:
    mexican = _Namer(N.MX_GIVEN_MALE, N.MX_GIVEN_FEMALE, N.MX_FAMILY)
    american = _Namer(N.US_GIVEN_MALE, N.US_GIVEN_FEMALE, N.US_FAMILY)
    hispanic = _Namer(N.US_GIVEN_MALE_HISPANIC, N.US_GIVEN_FEMALE_HISPANIC, N.US_FAMILY_HISPANIC)
    renapo_codes = [state.renapo for state in P.MX_STATES]
    family_letters = {name: N.curp_family_letters(name) for name in N.MX_FAMILY}
    given_letter = {name: N.curp_given_letter(name) for name in N.MX_GIVEN_MALE + N.MX_GIVEN_FEMALE}
    pickers: dict[str, N.Picker] = {}
    cuip_offset = rng.randrange(CUIP_SEQUENCE_SIZE)
    cuip_sequence = 0

    for plan in plans:
        agency = plan.agency
        country = agency.country_id
        ranks = pickers.get(plan.ranks) or pickers.setdefault(plan.ranks, N.rank_picker(plan.ranks))
        entry_rank = ranks.items[0]
        emails = agency.kind == Agency.Kind.TRAINING_ACADEMY
        us_offset = rng.randrange(US_ID_SEQUENCE_SIZE)
        for n in range(plan.size):
            female = rng.random() < FEMALE_SHARE[country]
            if country == "MX":
                namer = mexican
            else:
                namer = hispanic if rng.random() < plan.hispanic_share else american
            given = (namer.female if female else namer.male)(rng)
            first_family = namer.family(rng)

            hire = _date_between(rng, plan.founded)
            age_at_hire = 19 + int(rng.random() * 17)
            birth = datetime.date(hire.year - age_at_hire, 1 + int(rng.random() * 12), 1 + int(rng.random() * 28))
            rank = entry_rank if hire.year >= LAST_HIRE_YEAR - 1 else ranks(rng)
            status = _status(rng, LAST_HIRE_YEAR - birth.year)

            if country == "MX":
                second_family = namer.family(rng)
                family = f"{first_family} {second_family}"
                renapo = plan.renapo if plan.renapo and rng.random() < 0.75 else renapo_codes[int(rng.random() * len(renapo_codes))]
                national_id = (
                    f"{family_letters[first_family]}{N.plain(second_family)[0]}{given_letter[given]}"
                    f"{birth:%y%m%d}{'M' if female else 'H'}{renapo}"
                    f"{(cuip_sequence * CUIP_STEP + cuip_offset) % CUIP_SEQUENCE_SIZE:06d}"
                )
                cuip_sequence += 1
            else:
                family = first_family
                national_id = f"{plan.id_prefix}-{(n * US_ID_STEP + us_offset) % US_ID_SEQUENCE_SIZE:07d}"

            yield Person(
                agency_id=agency.pk, country_id=country, given_names=given, family_names=family, rank=rank,
                status=status, hire_date=hire, national_id=national_id,
                email=_email(given, first_family, n, agency.code) if emails else "",
            )
    if cuip_sequence > CUIP_SEQUENCE_SIZE:
        raise ValueError("too many Mexican officers for unique CUIP sequences")


def _date_between(rng, first_year: int) -> datetime.date:
    """A hire date from `first_year` to 2024, recent years more likely (forces grew)."""
    span = LAST_HIRE_YEAR - first_year + 1
    year = LAST_HIRE_YEAR - min(span - 1, int(span * rng.random() ** 1.3))
    return datetime.date(year, 1 + int(rng.random() * 12), 1 + int(rng.random() * 28))


def _status(rng, age: int) -> str:
    draw = rng.random()
    if age > 60 and rng.random() < RETIRED_SHARE_OVER_60:  # retired but still on the books
        return Person.Status.INACTIVE
    if draw < ACTIVE_SHARE:
        return Person.Status.ACTIVE
    if draw < ACTIVE_SHARE + ON_LEAVE_SHARE:
        return Person.Status.ON_LEAVE
    if draw < ACTIVE_SHARE + ON_LEAVE_SHARE + SUSPENDED_SHARE:
        return Person.Status.SUSPENDED
    return Person.Status.INACTIVE


def _email(given: str, family: str, n: int, agency_code: str) -> str:
    def ascii_word(text: str) -> str:
        text = unicodedata.normalize("NFD", text.split()[0].lower())
        return "".join(c for c in text if c.isascii() and c.isalnum())

    return f"{ascii_word(given)}.{ascii_word(family)}.{n + 1}@{agency_code.lower()}.{EMAIL_DOMAIN}"
