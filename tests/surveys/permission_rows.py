"""Survey endpoints in the permission matrix."""
from django.urls import reverse

from matrix import ALL, OWN, Endpoint, expect
from puente.surveys.models import SatisfactionSurvey

from tests.capacity.fixtures import capacity, teach
from tests.surveys.fixtures import survey

OFFICER = expect(officer=OWN)
RESULTS = expect(program_manager=ALL, auditor=ALL, agency_coordinator=OWN, registrar=OWN)


def _answer(w, t):
    survey(w, t)
    return {name: "4" for name in ("overall", "relevance", "instructor", "facilities", "recommend")} | {"comment": ""}


def _answered(w, t):
    return SatisfactionSurvey.objects.get(pk=survey(w, t).pk).status == SatisfactionSurvey.Status.ANSWERED


def _session_label(w, t):
    """The target session's label in results by session; the signed-in user teaches the own one."""
    teach(w, capacity(w)["session"]["own"])
    return str(survey(w, t).enrollment.session)


ROWS = [
    Endpoint("surveys:mine", "list", OFFICER, marker=lambda w, t: f'href="{reverse("surveys:answer", args=[survey(w, t).pk])}"'),
    Endpoint("surveys:answer", "detail", OFFICER, obj=survey),
    Endpoint("surveys:answer", "write", OFFICER, obj=survey, method="post", data=_answer, effect=_answered),
    Endpoint("surveys:results", "list", RESULTS, url=lambda w, t: f"{reverse('surveys:results')}?by=session", marker=lambda w, t: f">{_session_label(w, t)}<"),
    Endpoint("api:satisfactionsurvey-list", "list", OFFICER, api=True, marker=lambda w, t: f'"id":{survey(w, t).pk},'),
    Endpoint("api:satisfactionsurvey-detail", "detail", OFFICER, api=True, obj=survey),
    Endpoint("api:satisfactionsurvey-answer", "write", OFFICER, api=True, obj=survey, method="post",
             url=lambda w, t: reverse("api:satisfactionsurvey-answer", args=[survey(w, t).pk]),
             data=lambda w, t: {k: int(v) if v.isdigit() else v for k, v in _answer(w, t).items()}, effect=_answered),
    Endpoint("api:sessionsurvey-list", "list", RESULTS, api=True, url=lambda w, t: f"{reverse('api:sessionsurvey-list')}?by=session",
             marker=lambda w, t: f'"group":"{_session_label(w, t)}"'),
]
