"""Learning record store demo: an e-learning platform sending xAPI statements for the
coordinator's agency, some of them completions of courses linked to catalog programs.

The platform's credential has a known secret, like the demo logins, so the xAPI can be tried
at once (key `demo-elearning`, secret `puente-demo`). Most learners are the agency's officers,
named by their CUIP; about one in ten completions comes from an address the registry does
not know, and waits on the unmatched page for the coordinator.
"""
import datetime
import uuid

from django.utils import timezone

from puente.catalog.models import Program
from puente.registry.models import Person
from puente.xapi import actions
from puente.xapi.models import ActivityLink, Credential, hash_secret

DEMO_KEY = "demo-elearning"
DEMO_SECRET = "puente-demo"
HOME = "https://aprende.puente.example"
CUIP_REGISTRY = "https://cuip.sesnsp.gob.mx"
VERBS = {
    "experienced": 0.35, "attempted": 0.2, "answered": 0.15, "completed": 0.15, "passed": 0.1, "failed": 0.05,
}
UNKNOWN_SHARE = 0.1
STATEMENTS_AT_FULL = 15_000  # a few hundred at the default scale
LINKED_COURSES = 4


def _statement(ctx, actor: dict, verb: str, course: Program, when: datetime.datetime) -> dict:
    statement = {
        "id": str(uuid.UUID(int=ctx.rng.getrandbits(128), version=4)),
        "actor": actor,
        "verb": {"id": f"http://adlnet.gov/expapi/verbs/{verb}", "display": {"en-US": verb}},
        "object": {"objectType": "Activity", "id": f"{HOME}/cursos/{course.code.lower()}",
                   "definition": {"name": {"en-US": course.title_en, "es-MX": course.title_es},
                                  "type": "http://adlnet.gov/expapi/activities/course"}},
        "timestamp": when.isoformat(),
        "context": {"platform": "Aprende Puente", "language": "es-MX"},
    }
    if verb in ("passed", "failed", "answered"):
        scaled = round(ctx.rng.uniform(0.75, 1.0) if verb == "passed" else ctx.rng.uniform(0.3, 0.69), 2)
        statement["result"] = {"score": {"scaled": scaled}, "success": verb != "failed",
                               "duration": f"PT{ctx.rng.randint(10, 90)}M"}
    return statement


def build(ctx):
    agency = ctx.data["demo_agencies"]["coordinator"]
    courses = list(Program.objects.filter(delivery_mode=Program.DeliveryMode.E_LEARNING, status=Program.Status.ACTIVE).order_by("code"))
    if not courses:
        return
    credential = Credential.objects.create(provider="Aprende Puente (e-learning)", agency=agency, key=DEMO_KEY,
                                           secret_hash=hash_secret(DEMO_SECRET))
    linked = courses[:LINKED_COURSES]
    ActivityLink.objects.bulk_create(ActivityLink(activity_iri=f"{HOME}/cursos/{p.code.lower()}", program=p) for p in linked)
    people = list(Person.objects.filter(agency=agency, status=Person.Status.ACTIVE).exclude(national_id="")
                  .order_by("pk").values_list("national_id", "given_names", "family_names")[:400])
    if not people:
        return
    rng = ctx.rng
    total = ctx.scaled(STATEMENTS_AT_FULL, 60)
    now = timezone.now()
    verbs, weights = list(VERBS), list(VERBS.values())
    batch, stored = [], 0
    for n in range(total):
        verb = rng.choices(verbs, weights)[0]
        course = rng.choice(linked if verb in ("completed", "passed", "failed") else courses)
        if verb in ("completed", "passed") and rng.random() < UNKNOWN_SHARE:
            actor = {"objectType": "Agent", "name": f"Participante {n}", "mbox": f"mailto:participante{n}@correo.example.mx"}
        else:
            national_id, given, family = rng.choice(people)
            actor = {"objectType": "Agent", "name": f"{given} {family}", "account": {"homePage": CUIP_REGISTRY, "name": national_id}}
        when = now - datetime.timedelta(days=rng.randint(1, 365), minutes=rng.randint(0, 600))
        batch.append(_statement(ctx, actor, verb, course, when))
        if len(batch) == 100 or n == total - 1:
            actions.store_statements(credential, batch)
            stored += len(batch)
            batch = []
            ctx.progress(100 * stored / total, f"{stored} xAPI statements")
    ctx.counts["xapi statements"] = stored
    ctx.data["xapi_credential"] = (DEMO_KEY, DEMO_SECRET)
