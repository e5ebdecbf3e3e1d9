"""The rules engine's adapter: credential types in, people's component facts in, statuses out.

Two readings of the same rules:

* `statuses` feeds each person's facts to the engine (reasons, dates): pages, lists, issuing.
* `covered_q` says the same "holds the credential on this date" as one set-based condition
  the database evaluates for hundreds of thousands of people at once (coverage, work lists):
  one "has a fact valid on the date" per component.
  It relies on `earliest_valid_start`: the facts valid on a date are exactly those dated from
  that day to the date. tests/credentials/test_coverage.py proves both agree.
"""
import datetime
from collections import defaultdict
from collections.abc import Iterable

from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext as _

from puente.records.models import TrainingRecord
from puente.registry.models import Person
from puente.vetting.models import VettingCheck

from .models import Component, CredentialType, Evaluation
from .rules import Fact, Requirement, Result, Rules, Status, earliest_valid_start, evaluate

CHUNK = 2000


def rules_for(credential_type: CredentialType, components: Iterable[Component] | None = None) -> Rules:
    """The engine's rules for a type (RulesError when it has no components)."""
    components = list(credential_type.components.select_related("program") if components is None else components)
    return Rules(
        requirements=tuple(Requirement(component.key, component.validity_months) for component in components),
        validity_months=credential_type.validity_months,
        renewal_window_months=credential_type.renewal_window_months,
    )


def population(credential_type: CredentialType, people=None):
    """The people the type applies to: its country, its agency levels."""
    people = Person.objects.all() if people is None else people
    people = people.filter(country_id=credential_type.country_id)
    if credential_type.levels:
        people = people.filter(agency__level__in=credential_type.levels)
    return people


def _sources(component: Component):
    """(queryset of passed facts, person field, date field, own-expiry field) for a component."""
    if component.kind == Component.Kind.EVALUATION:
        rows = Evaluation.objects.filter(kind=component.evaluation_kind, result=Evaluation.Result.PASSED)
        return rows, "person_id", "evaluated_on", None
    if component.kind == Component.Kind.PROGRAM:
        rows = TrainingRecord.objects.filter(program_id=component.program_id, result=TrainingRecord.Result.COMPLETED)
        return rows, "person_id", "end_date", None
    rows = VettingCheck.objects.filter(kind=component.vetting_kind, result=VettingCheck.Result.PASSED, valid_until__isnull=False)
    return rows, "person_id", "checked_on", "valid_until"


def facts_for(credential_type: CredentialType, people, components=None) -> dict[int, list[Fact]]:
    """Every passed component fact of `people` (ids or a Person queryset), by person id."""
    components = list(credential_type.components.select_related("program") if components is None else components)
    facts = defaultdict(list)
    for component in components:
        rows, person_field, date_field, until_field = _sources(component)
        fields = ["pk", person_field, date_field] + ([until_field] if until_field else [])
        kind = rows.model._meta.model_name
        for row in rows.filter(person_id__in=people).values_list(*fields):
            facts[row[1]].append(Fact(component.key, row[2], row[3] if until_field else None, f"{kind}:{row[0]}"))
    return facts


def statuses(credential_type: CredentialType, people, on_date: datetime.date) -> dict[int, Result]:
    """The engine's result for each of `people` (a list of Person or ids) on `on_date`."""
    components = list(credential_type.components.select_related("program"))
    rules = rules_for(credential_type, components)
    ids = [getattr(person, "pk", person) for person in people]
    results = {}
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start:start + CHUNK]
        facts = facts_for(credential_type, chunk, components)
        for person_id in chunk:
            results[person_id] = evaluate(rules, facts.get(person_id, []), on_date)
    return results


def status_of(credential_type: CredentialType, person, on_date: datetime.date) -> Result:
    return statuses(credential_type, [person], on_date)[person.pk]


def _people_with(component: Component, rows) -> Q:
    """A condition on Person: some of `rows` (facts of `component`) belong to them.

    Evaluations and vetting checks have an index led by the person, so each person is probed
    there (a correlated EXISTS, a semi-join on PostgreSQL). Training records are indexed by
    program first: they are read once as a set instead (IN), or SQLite, which keeps no
    statistics, would scan a program's every record once per person.
    """
    _rows, person_field, _date, _until = _sources(component)
    if component.kind == Component.Kind.PROGRAM:
        return Q(pk__in=rows.values(person_field))
    return Q(Exists(rows.filter(**{person_field: OuterRef("pk")})))


def _valid_on(component: Component, on_date: datetime.date, months: int | None) -> Q:
    """People with a passed fact of `component` that holds on `on_date` (as the engine reads them)."""
    rows, _person, date_field, until_field = _sources(component)
    rows = rows.filter(**{f"{date_field}__lte": on_date})
    if months:
        rows = rows.filter(**{f"{date_field}__gte": earliest_valid_start(on_date, months)})
    if until_field:
        rows = rows.filter(**{f"{until_field}__gte": on_date})
    return _people_with(component, rows)


def covered_q(credential_type: CredentialType, on_date: datetime.date, components=None) -> Q:
    """A condition on Person: holds the credential on `on_date` (current or expiring).

    Every component has a fact valid on the date, and the credential's own validity, counted
    from the person's latest component fact, has not run out. A component whose own validity is
    no longer than the credential's already implies the latter, so it is then left out.
    """
    components = list(credential_type.components.select_related("program") if components is None else components)
    rules_for(credential_type, components)  # refuse a type without components
    condition = Q()
    for component in components:
        condition &= _valid_on(component, on_date, component.validity_months)
    implied = any(c.validity_months and c.validity_months <= credential_type.validity_months for c in components)
    if not implied:
        recent = Q()
        for component in components:
            recent |= _dated_within(component, on_date, credential_type.validity_months)
        condition &= recent
    return condition


def _dated_within(component: Component, on_date: datetime.date, months: int) -> Q:
    """People with a passed fact of `component` dated within the credential's own validity before `on_date`."""
    rows, _person, date_field, _until = _sources(component)
    rows = rows.filter(**{f"{date_field}__lte": on_date, f"{date_field}__gte": earliest_valid_start(on_date, months)})
    return _people_with(component, rows)


def reasons(result: Result, components) -> list[str]:
    """What keeps a person from holding the credential, in the reader's language, with dates."""
    labels = {component.key: component.requirement for component in components}
    found = []
    if result.status == Status.EXPIRED:
        found.append(_("the credential expired on %(date)s") % {"date": result.valid_until.isoformat()})
    for state in result.components:
        if state.missing:
            found.append(_("%(component)s is missing") % {"component": labels.get(state.key, state.key)})
        elif state.lapsed:
            found.append(_("%(component)s lapsed on %(date)s")
                         % {"component": labels.get(state.key, state.key), "date": state.valid_until.isoformat()})
    return found
