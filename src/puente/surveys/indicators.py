"""Survey results contributed to the metrics registry, by fiscal year of the session.

Satisfaction (level 1) is read from the session surveys a reader may see and their anonymous
responses; its place is the academy's (the agency hosting the training site), as responses carry
nothing about the officer. Follow-ups (level 3) are read from the follow-up surveys a reader may
see, once opened; their place is the officer's agency. Both keep the survey pages' minimum group
size (``PUENTE_SURVEY_MIN_RESPONSES``): the registry shows no smaller group to anyone.
"""
from django.db.models import Count, Max, Min, Q
from django.utils import timezone

from puente.metrics.indicators.definitions import GEOGRAPHY, TRAINING, Indicator, Value, ratio
from puente.metrics.registry import Scope, Source
from puente.metrics.sources import grouped

from .models import APPLIED_FROM, SATISFIED_FROM, FollowUpSurvey, SatisfactionResponse, SessionSurvey
from .results import minimum_responses

_BREAKDOWNS = (*GEOGRAPHY, "program", "domain")
_FILTERS = (*GEOGRAPHY, *TRAINING)
_RESPONSES = {"responses": {"en": "Responses", "es": "Respuestas"}}


def satisfied_share(c) -> Value:
    return ratio(c["satisfied"], c["responses"])


def response_rate(c) -> Value:
    return ratio(c["responses"], c["invited"])


def applied_share(c) -> Value:
    return ratio(c["applied"], c["responses"])


SATISFACTION = Indicator(
    code="satisfaction",
    name={"en": "Satisfaction", "es": "Satisfacción"},
    description={
        "en": f"Share of satisfaction responses rating the training {SATISFIED_FROM} or 5 overall, by fiscal year of the "
              "session; its place is the academy's.",
        "es": f"Proporción de respuestas de satisfacción que califican la capacitación con {SATISFIED_FROM} o 5 en general, "
              "por año fiscal de la sesión; su lugar es el de la academia.",
    },
    unit="percent", components=("responses", "satisfied"), formula=satisfied_share,
    breakdowns=_BREAKDOWNS, filters=_FILTERS, default_breakdown="domain", people=("responses", "satisfied"), public=True,
    labels={**_RESPONSES, "satisfied": {"en": "Satisfied", "es": "Satisfechos"}},
)

_FOLLOW_UP_LABELS = {
    "invited": {"en": "Follow-ups opened", "es": "Seguimientos abiertos"}, **_RESPONSES,
    "applied": {"en": "Skills used on the job", "es": "Aplican lo aprendido"},
}

FOLLOW_UP_RESPONSE_RATE = Indicator(
    code="follow_up_response_rate",
    name={"en": "Follow-up response rate", "es": "Tasa de respuesta del seguimiento"},
    description={
        "en": "Follow-ups (three to six months after training) answered over follow-ups opened, by fiscal year of the session.",
        "es": "Seguimientos (de tres a seis meses después de la capacitación) respondidos entre seguimientos abiertos, "
              "por año fiscal de la sesión.",
    },
    unit="percent", components=("invited", "responses", "applied"), formula=response_rate,
    breakdowns=_BREAKDOWNS, filters=_FILTERS, default_breakdown="program", people=("invited", "responses"),
    labels=_FOLLOW_UP_LABELS,
)

SKILLS_APPLIED = Indicator(
    code="skills_applied",
    name={"en": "Skills used on the job", "es": "Aplicación en el trabajo"},
    description={
        "en": f"Share of answered follow-ups saying the skills are used on the job ({APPLIED_FROM} or 5), "
              "by fiscal year of the session.",
        "es": f"Proporción de seguimientos respondidos que dicen que lo aprendido se aplica en el trabajo ({APPLIED_FROM} o 5), "
              "por año fiscal de la sesión.",
    },
    unit="percent", components=("invited", "responses", "applied"), formula=applied_share,
    breakdowns=_BREAKDOWNS, filters=_FILTERS, default_breakdown="program", people=("responses", "applied"), public=True,
    labels=_FOLLOW_UP_LABELS,
)


def _session_surveys(scope: Scope):
    # Through the ids: a coordinator's scope joins the session's enrollments, which would repeat surveys.
    return SessionSurvey.objects.filter(pk__in=scope.rows(SessionSurvey).values("pk"))


def satisfaction(scope: Scope, year: int, by: tuple) -> dict:
    """Responses and satisfied responses of the fiscal year's sessions."""
    responses = SatisfactionResponse.objects.filter(session_survey__in=_session_surveys(scope).filter(session__fiscal_year=year))
    return grouped(responses, scope, by, agency="session_survey__session__site__agency", program="session_survey__session__program",
                   responses=Count("pk"), satisfied=Count("pk", filter=Q(overall__gte=SATISFIED_FROM)))


def satisfaction_years(scope: Scope) -> list[int]:
    answered = _session_surveys(scope).filter(responses__isnull=False)
    return sorted(answered.order_by().values_list("session__fiscal_year", flat=True).distinct())


def _opened(scope: Scope):
    """Follow-ups that have opened: one not yet sent cannot have been answered."""
    return scope.rows(FollowUpSurvey).filter(opens_on__lte=timezone.localdate())


def follow_ups(scope: Scope, year: int, by: tuple) -> dict:
    """Follow-ups opened, answered, and answered saying the skills are used, of the fiscal year's sessions."""
    return grouped(_opened(scope).filter(enrollment__session__fiscal_year=year), scope, by, agency="agency",
                   program="enrollment__session__program", invited=Count("pk"),
                   responses=Count("pk", filter=Q(status=FollowUpSurvey.Status.ANSWERED)),
                   applied=Count("pk", filter=Q(status=FollowUpSurvey.Status.ANSWERED, skills_used__gte=APPLIED_FROM)))


def follow_up_years(scope: Scope) -> list[int]:
    span = _opened(scope).aggregate(first=Min("enrollment__session__fiscal_year"), last=Max("enrollment__session__fiscal_year"))
    return list(range(span["first"], span["last"] + 1)) if span["first"] else []


_MINIMUM = ("responses", minimum_responses)

INDICATORS = [
    Source(SATISFACTION, satisfaction, satisfaction_years, min_group=_MINIMUM),
    Source(FOLLOW_UP_RESPONSE_RATE, follow_ups, follow_up_years, min_group=_MINIMUM),
    Source(SKILLS_APPLIED, follow_ups, follow_up_years, min_group=_MINIMUM),
]
