"""Canine demo data: CBP's 536 detector dogs, their handlers, odor certifications and training.

CBP runs 536 dogs and keeps adding odors (fentanyl precursors, xylazine, ketamine). The count is
a program figure, not a share of the workforce, so it stays 536 at every scale from the default
up; below the default (the tiny test scale) it shrinks in proportion. Handlers are CBP officers.
Certifications are annual, so some have lapsed and some fall due soon; older training entries
are approved by a trainer and then a supervisor, the latest await approval.

A small municipal K9 unit at the demo coordinator's agency gives the officer login a team of
their own, with training waiting for approval.
"""
import datetime

from django.contrib.auth.hashers import make_password
from django.utils import timezone

from puente.accounts.models import RoleAssignment, User
from puente.accounts.roles import Role
from puente.canine.defaults import load_odors
from puente.canine.models import Dog, Odor, OdorCertification, Team, TrainingEntry, add_months
from puente.registry.models import Agency, Country, Person

CBP_CODE = "US-CBP"
CBP_DOGS = 536
DEFAULT_SCALE = 0.02
SHARES = {Dog.Status.ACTIVE: 0.87, Dog.Status.IN_TRAINING: 0.08, Dog.Status.RETIRED: 0.05}
BREEDS = [
    ("Labrador Retriever", 30), ("German Shepherd", 18), ("Belgian Malinois", 20), ("German Shorthaired Pointer", 8),
    ("Beagle", 10), ("Dutch Shepherd", 6), ("Golden Retriever", 4), ("English Springer Spaniel", 4),
]
NAMES = (
    "Ace Bear Bella Blue Bo Bruno Buddy Cash Chase Coco Cooper Daisy Diesel Duke Echo Finn Gunner Hank Ike Jax Kai "
    "Koda Lola Luna Max Maya Milo Nala Nova Oakley Ozzy Penny Remy Rex Riley Rocco Rosie Ruby Sadie Scout Shadow "
    "Sky Tango Thor Tucker Winston Zeus Zara Jake Molly Lucy Rudy Bandit Ranger Sarge Storm Valor Justice Liberty"
).split()
# Odor sets by specialty: (odors, share of teams). Narcotics teams carry the new odors at rising shares.
NARCOTICS = ["FENTANYL", "COCAINE", "HEROIN", "METHAMPHETAMINE", "MARIJUANA", "MDMA"]
NEW_ODORS = [("FENTANYL-PRECURSORS", 0.6), ("XYLAZINE", 0.45), ("KETAMINE", 0.35)]
NEW_ODORS_PILOT = datetime.date(2024, 1, 1)  # CBP's Office of Field Operations piloted them in 2024
SPECIALTIES = [
    (NARCOTICS, 0.62),
    (["CURRENCY", "FIREARMS"], 0.12),
    (["AGRICULTURE"], 0.12),
    (["CONCEALED-HUMANS"] + NARCOTICS[:4], 0.14),
]
EXERCISES = [e for e in TrainingEntry.Exercise.values if e != TrainingEntry.Exercise.OBEDIENCE]
ENTRIES_PER_TEAM = 12
TRAINING_DAYS = 120
PENDING_DAYS = 10  # entries of the last days still await approval


def _dog_count(ctx) -> int:
    return CBP_DOGS if ctx.scale >= DEFAULT_SCALE else max(4, round(CBP_DOGS * ctx.scale / DEFAULT_SCALE))


def _cbp() -> Agency:
    us, _ = Country.objects.get_or_create(code="US", defaults={"name_en": "United States", "name_es": "Estados Unidos"})
    agency, _ = Agency.objects.get_or_create(code=CBP_CODE, defaults={
        "name": "U.S. Customs and Border Protection", "acronym": "CBP", "country": us,
        "level": Agency.Level.FEDERAL, "kind": Agency.Kind.CUSTOMS, "border_region": True,
    })
    return agency


def _staff(agency: Agency, username: str, first: str, last: str, role: str, password: str) -> User:
    """A K9 trainer or supervisor login at the agency, so the demo's approvals have people behind them."""
    user, _ = User.objects.get_or_create(username=username, defaults={
        "first_name": first, "last_name": last, "password": password,
        "email": f"{username}@demo.puente.example",
    })
    RoleAssignment.objects.get_or_create(user=user, role=role, agency=agency)
    return user


def _years_ago(today, years: float) -> datetime.date:
    return today - datetime.timedelta(days=round(365.25 * years))


def _dogs(ctx, agency, count, prefix, today, fixed=None) -> list[Dog]:
    rng = ctx.rng
    statuses = list(SHARES)
    breeds, weights = zip(*BREEDS)
    dogs = []
    for n in range(1, count + 1):
        status = fixed or rng.choices(statuses, [SHARES[s] for s in statuses])[0]
        age = rng.uniform(9, 12) if status == Dog.Status.RETIRED else rng.uniform(1.5, 3) if status == Dog.Status.IN_TRAINING else rng.uniform(2.5, 9)
        dogs.append(Dog(code=f"{prefix}-{n:04d}", name=rng.choice(NAMES), breed=rng.choices(breeds, weights)[0],
                        birth_date=_years_ago(today, age), agency=agency, status=status))
    return Dog.objects.bulk_create(dogs, batch_size=1000)


def _teams(ctx, dogs, handlers, today, first_handler=None) -> list[Team]:
    """One team per working dog while handlers last (the rest wait for one); retired dogs had one."""
    rng = ctx.rng
    pool = list(handlers)
    rng.shuffle(pool)
    if first_handler is not None:
        pool = [first_handler] + [p for p in pool if p != first_handler]
    teams = []
    for dog in dogs:
        earliest = dog.birth_date + datetime.timedelta(days=500)
        if dog.status == Dog.Status.RETIRED:
            if pool:
                ended = today - datetime.timedelta(days=rng.randint(30, 600))
                teams.append(Team(dog=dog, handler=rng.choice(pool), formed_on=max(earliest, ended - datetime.timedelta(days=2000)),
                                  ended_on=ended))
            continue
        if not pool:
            dog.status = Dog.Status.IN_TRAINING  # waiting for a handler
            continue
        span = max(30, (today - earliest).days)
        formed = today - datetime.timedelta(days=rng.randint(30 if dog.status == Dog.Status.IN_TRAINING else 200, max(200, span)))
        teams.append(Team(dog=dog, handler=pool.pop(0), formed_on=max(earliest, formed)))
    Dog.objects.bulk_update([d for d in dogs if d.status == Dog.Status.IN_TRAINING], ["status"], batch_size=1000)
    return Team.objects.bulk_create(teams, batch_size=1000)


def _odor_codes(rng) -> list[str]:
    sets, weights = zip(*SPECIALTIES)
    codes = list(rng.choices(sets, weights)[0])
    if "FENTANYL" in codes:
        codes += [code for code, share in NEW_ODORS if rng.random() < share]
    return codes


def _certifications(ctx, teams, odors, today) -> list[OdorCertification]:
    rng = ctx.rng
    made = []
    for team in teams:
        if team.ended_on is not None or team.dog.status != Dog.Status.ACTIVE:
            continue
        team.odor_codes = _odor_codes(rng)
        for code in team.odor_codes:
            odor = odors[code]
            # Annual certifications, last renewed up to 14 months ago: about one in seven has lapsed.
            certified = max(team.formed_on + datetime.timedelta(days=20), today - datetime.timedelta(days=rng.randint(5, 425)))
            if certified > today:
                continue
            evaluator = rng.choice(["CBP Canine Center Front Royal", "CBP Canine Center El Paso"])
            # Renewed on time every year before, back to the team's first certification (on the new
            # odors, back to their pilot), so any past day has its certified teams.
            first = max(team.formed_on + datetime.timedelta(days=20), NEW_ODORS_PILOT if code in dict(NEW_ODORS) else datetime.date.min)
            while certified >= first:
                made.append(OdorCertification(team=team, odor=odor, certified_on=certified,
                                              expires_on=add_months(certified, odor.validity_months), evaluator=evaluator))
                certified = add_months(certified, -odor.validity_months)
    return OdorCertification.objects.bulk_create(made, batch_size=2000)


def _training(ctx, teams, odors, today, trainer, supervisor, entries_per_team=ENTRIES_PER_TEAM) -> list[TrainingEntry]:
    rng = ctx.rng
    results = TrainingEntry.Result.values
    entries = []
    now = timezone.now()
    for team in teams:
        if team.ended_on is not None:
            continue
        codes = getattr(team, "odor_codes", None) or NARCOTICS[:3]
        start = max(team.formed_on, today - datetime.timedelta(days=TRAINING_DAYS))
        for _ in range(entries_per_team):
            day = start + datetime.timedelta(days=rng.randint(0, (today - start).days))
            obedience = rng.random() < 0.12
            approved = (today - day).days > PENDING_DAYS
            trained = trainer if approved or rng.random() < 0.4 else None
            entries.append(TrainingEntry(
                team=team, date=day, result=rng.choices(results, [80, 15, 5])[0], minutes=rng.choice([20, 30, 45, 60, 90]),
                exercise=TrainingEntry.Exercise.OBEDIENCE if obedience else rng.choice(EXERCISES),
                odor=None if obedience else odors[rng.choice(codes)],
                trainer_approved_by=trained, trainer_approved_at=now if trained else None,
                supervisor_approved_by=supervisor if trained and approved else None,
                supervisor_approved_at=now if trained and supervisor and approved else None,
            ))
    return TrainingEntry.objects.bulk_create(entries, batch_size=2000)


def build(ctx):
    today = timezone.localdate()
    odors = load_odors(Odor)
    cbp = _cbp()
    dogs = _dogs(ctx, cbp, _dog_count(ctx), "CBP-K9", today)
    ctx.progress(20, f"{len(dogs)} CBP dogs")
    handlers = list(Person.objects.filter(agency=cbp, status=Person.Status.ACTIVE).order_by("pk")[:round(0.9 * len(dogs))])
    teams = _teams(ctx, dogs, handlers, today)
    password = make_password("puente-demo")  # hashing is slow on purpose: once for both logins
    trainer = _staff(cbp, "k9trainer", "Tomás", "Herrera", Role.REGISTRAR, password)
    supervisor = _staff(cbp, "k9supervisor", "Sharon", "Pike", Role.AGENCY_COORDINATOR, password)
    ctx.progress(40, f"{len(teams)} CBP teams")

    # The demo coordinator's agency: a small unit, the officer login handling its first dog.
    officer = ctx.data.get("demo_officer")
    unit_dogs, unit_teams = [], []
    if officer is not None:
        unit_dogs = _dogs(ctx, officer.agency, 4, f"{officer.agency.code}-K9", today, fixed=Dog.Status.ACTIVE)
        colleagues = Person.objects.filter(agency=officer.agency, status=Person.Status.ACTIVE).exclude(pk=officer.pk).order_by("pk")[:3]
        unit_teams = _teams(ctx, unit_dogs, [officer, *colleagues], today, first_handler=officer)

    certifications = _certifications(ctx, teams + unit_teams, odors, today)
    ctx.progress(60, f"{len(certifications):,} odor certifications")
    entries = _training(ctx, teams, odors, today, trainer, supervisor)
    # The unit's latest work waits for a trainer (the program manager login may approve it) and then
    # the coordinator login, as supervisor.
    entries += _training(ctx, unit_teams, odors, today, None, None, entries_per_team=4)
    ctx.counts.update(dogs=len(dogs) + len(unit_dogs), canine_teams=len(teams) + len(unit_teams),
                      odor_certifications=len(certifications), canine_training_entries=len(entries))
    ctx.progress(100, f"{len(entries):,} training entries")
