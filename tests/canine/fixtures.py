"""Canine teams for tests, built lazily on the shared World: one dog and team per agency,
handled by the agency's person (the officer login is the `own` handler)."""
import datetime

from puente.canine.models import Dog, Odor, OdorCertification, Team, TrainingEntry

DAY = datetime.date(2024, 5, 2)


def odor(code="FENTANYL"):
    found, _ = Odor.objects.get_or_create(code=code, defaults={"name_en": code.title(), "name_es": code.title()})
    return found


def canine(w) -> dict:
    if not hasattr(w, "canine"):
        w.canine = {"dog": {}, "team": {}, "certification": {}, "entry": {}}
        for target in ("own", "other"):
            dog = Dog.objects.create(code=f"K9-{target.upper()}", name=f"Rex{target.title()}", breed="Belgian Malinois",
                                     birth_date=datetime.date(2020, 1, 5), agency=w.agency(target), status=Dog.Status.ACTIVE)
            team = Team.objects.create(dog=dog, handler=w.person(target), formed_on=datetime.date(2023, 1, 9))
            w.canine["dog"][target] = dog
            w.canine["team"][target] = team
            w.canine["certification"][target] = OdorCertification.objects.create(
                team=team, odor=odor(), certified_on=DAY, expires_on=DAY + datetime.timedelta(days=365), evaluator=f"EVAL-{target}")
            w.canine["entry"][target] = TrainingEntry.objects.create(
                team=team, date=DAY, exercise=TrainingEntry.Exercise.VEHICLE, odor=odor(), result=TrainingEntry.Result.PASS,
                notes=f"ENTRY-{target}")
    return w.canine
