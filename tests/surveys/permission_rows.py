"""Survey endpoints in the permission matrix."""
from django.urls import reverse

from matrix import ALL, OWN, Endpoint, expect
from puente.surveys.models import FollowUpSurvey, SatisfactionSurvey

from tests.capacity.fixtures import capacity, teach
from tests.surveys.fixtures import follow_up, survey

OFFICER = expect(officer=OWN)
RESULTS = expect(program_manager=ALL, auditor=ALL, agency_coordinator=OWN, registrar=OWN)
FOLLOW_UPS = expect(program_manager=ALL, auditor=ALL, agency_coordinator=OWN)
FOLLOW_UP_ANSWER = expect(agency_coordinator=OWN)


def _answer(w, t):
    survey(w, t)
    return {name: "4" for name in ("overall", "relevance", "instructor", "facilities", "recommend")} | {"comment": ""}


def _answered(w, t):
    return SatisfactionSurvey.objects.get(pk=survey(w, t).pk).status == SatisfactionSurvey.Status.ANSWERED


def _follow_up_answer(w, t):
    follow_up(w, t)
    return {"skills_used": 4, "performance": 5, "recommend": 4, "comment": ""}


def _follow_up_answered(w, t):
    return FollowUpSurvey.objects.get(pk=follow_up(w, t).pk).status == FollowUpSurvey.Status.ANSWERED


def _follow_up_site(w, t):
    """Follow-up results by academy name the target's site (shown even when its counts are hidden)."""
    return follow_up(w, t).enrollment.session.site.name


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
    Endpoint("surveys:follow_up_list", "list", FOLLOW_UPS, marker=lambda w, t: f">{follow_up(w, t).enrollment.person.full_name}<"),
    Endpoint("surveys:follow_up_answer", "detail", FOLLOW_UPS, obj=follow_up),
    Endpoint("surveys:follow_up_answer", "write", FOLLOW_UP_ANSWER, obj=follow_up, method="post", data=_follow_up_answer,
             effect=_follow_up_answered),
    Endpoint("surveys:follow_up_results", "list", FOLLOW_UPS, url=lambda w, t: f"{reverse('surveys:follow_up_results')}?by=site",
             marker=lambda w, t: f">{_follow_up_site(w, t)}<"),
    Endpoint("api:followupsurvey-list", "list", FOLLOW_UPS, api=True, marker=lambda w, t: f'"id":{follow_up(w, t).pk},'),
    Endpoint("api:followupsurvey-detail", "detail", FOLLOW_UPS, api=True, obj=follow_up),
    Endpoint("api:followupsurvey-answer", "write", FOLLOW_UP_ANSWER, api=True, method="post",
             url=lambda w, t: reverse("api:followupsurvey-answer", args=[follow_up(w, t).pk]), data=_follow_up_answer,
             effect=_follow_up_answered),
    Endpoint("api:followupsurvey-results", "list", FOLLOW_UPS, api=True, url=lambda w, t: f"{reverse('api:followupsurvey-results')}?by=site",
             marker=lambda w, t: f'"group":"{_follow_up_site(w, t)}"'),
]
