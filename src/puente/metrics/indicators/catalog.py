"""The indicators whose data lives in capacity, records and vetting, defined once each."""
from . import formulas
from .definitions import GEOGRAPHY, Indicator

_SEATS = {
    "requested": {"en": "Seats requested", "es": "Plazas solicitadas"},
    "filled": {"en": "Seats filled", "es": "Plazas cubiertas"},
}
_OFFICERS = {"officers": {"en": "Active officers", "es": "Elementos activos"}}

SERVICE_RATE = Indicator(
    code="service_rate",
    name={"en": "Service rate", "es": "Tasa de atención"},
    description={
        "en": "Seats filled over seats requested in the fiscal year's published allocation.",
        "es": "Plazas cubiertas entre plazas solicitadas en la asignación publicada del año fiscal.",
    },
    unit="percent", components=("requested", "filled"), formula=formulas.service_rate,
    breakdowns=(*GEOGRAPHY, "program", "domain"), default_breakdown="program", people=("requested", "filled"),
    public=True, labels=_SEATS,
)

UNMET_DEMAND = Indicator(
    code="unmet_demand",
    name={"en": "Unmet demand", "es": "Demanda no atendida"},
    description={
        "en": "Seats requested and not filled in the fiscal year's published allocation.",
        "es": "Plazas solicitadas y no cubiertas en la asignación publicada del año fiscal.",
    },
    unit="count", components=("requested", "filled"), formula=formulas.unmet_demand,
    breakdowns=(*GEOGRAPHY, "program", "domain"), default_breakdown="program", people=("requested", "filled"),
    higher_is_better=False, public=True, labels=_SEATS,
)

CRITICAL_GAP = Indicator(
    code="critical_gap",
    name={"en": "Mission-critical gap", "es": "Brecha en programas críticos"},
    description={
        "en": "Service rate of mission-critical programs minus that of the other programs, in percentage points.",
        "es": "Tasa de atención de los programas críticos menos la de los demás programas, en puntos porcentuales.",
    },
    unit="points",
    components=("critical_requested", "critical_filled", "other_requested", "other_filled"),
    formula=formulas.critical_gap, breakdowns=(*GEOGRAPHY, "domain"), filters=(*GEOGRAPHY, "domain"),
    default_breakdown="country", people=("critical_requested", "critical_filled", "other_requested", "other_filled"),
    labels={
        "critical_requested": {"en": "Critical seats requested", "es": "Plazas críticas solicitadas"},
        "critical_filled": {"en": "Critical seats filled", "es": "Plazas críticas cubiertas"},
        "other_requested": {"en": "Other seats requested", "es": "Otras plazas solicitadas"},
        "other_filled": {"en": "Other seats filled", "es": "Otras plazas cubiertas"},
    },
)

PEOPLE_TRAINED = Indicator(
    code="people_trained",
    name={"en": "People trained", "es": "Personas capacitadas"},
    description={
        "en": "Distinct people who completed at least one program in the calendar year.",
        "es": "Personas distintas que concluyeron al menos un programa en el año calendario.",
    },
    unit="count", components=("people",), formula=formulas.people,
    breakdowns=(*GEOGRAPHY, "program", "domain"), default_breakdown="country", people=("people",), additive=False, public=True,
    labels={"people": {"en": "People trained", "es": "Personas capacitadas"}},
)

TRAINED_GROWTH = Indicator(
    code="trained_growth",
    name={"en": "Growth in people trained", "es": "Crecimiento de personas capacitadas"},
    description={
        "en": "Change in people trained over the year before.",
        "es": "Cambio en las personas capacitadas respecto del año anterior.",
    },
    unit="percent", components=("people", "previous"), formula=formulas.growth,
    breakdowns=(*GEOGRAPHY, "program", "domain"), default_breakdown="country", people=("people", "previous"), additive=False,
    labels={
        "people": {"en": "People trained", "es": "Personas capacitadas"},
        "previous": {"en": "The year before", "es": "El año anterior"},
    },
)

HOURS_PER_OFFICER = Indicator(
    code="hours_per_officer",
    name={"en": "Hours per officer", "es": "Horas por elemento"},
    description={
        "en": "Hours of training completed in the calendar year over today's active officers.",
        "es": "Horas de capacitación concluidas en el año calendario entre los elementos activos hoy.",
    },
    unit="hours", components=("hours", "officers"), formula=formulas.hours_per_officer,
    default_breakdown="country", people=("officers",),
    labels={"hours": {"en": "Hours completed", "es": "Horas concluidas"}, **_OFFICERS},
)

VETTING_CURRENCY = Indicator(
    code="vetting_currency",
    name={"en": "Vetting currency", "es": "Vigencia de la evaluación de confianza"},
    description={
        "en": "Share of active officers with a passed vetting check valid on the reference day: 31 December, "
              "today for the current year, or the day chosen.",
        "es": "Proporción de elementos activos con una evaluación de confianza aprobada y vigente en el día de referencia: "
              "el 31 de diciembre, hoy en el año en curso, o el día elegido.",
    },
    unit="percent", components=("vetted", "officers"), formula=formulas.vetting_currency,
    filters=GEOGRAPHY, default_breakdown="country", people=("vetted", "officers"), on_a_day=True,
    labels={"vetted": {"en": "Vetting valid", "es": "Evaluación vigente"}, **_OFFICERS},
)

INDICATORS = (SERVICE_RATE, UNMET_DEMAND, CRITICAL_GAP, PEOPLE_TRAINED, TRAINED_GROWTH, HOURS_PER_OFFICER, VETTING_CURRENCY)
