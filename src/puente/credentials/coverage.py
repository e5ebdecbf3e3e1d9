"""Coverage: how many of the people a credential type applies to hold it on a date.

Counted from the people's component records through `status.covered_q` (two grouped queries,
people per agency and holders per agency), then summed by country, level, state or agency.
Nothing is read from stored totals or from issued credentials.
"""
import datetime
from dataclasses import dataclass, field

from django.db.models import Count
from django.utils.translation import gettext as _

from puente.registry.models import Agency, Jurisdiction

from .models import CredentialType
from .status import covered_q, population

DIMENSIONS = ("country", "level", "state", "agency")


@dataclass
class Cell:
    key: str
    label: str
    total: int = 0
    covered: int = 0

    @property
    def percent(self) -> float | None:
        return round(100 * self.covered / self.total, 1) if self.total else None

    def as_dict(self) -> dict:
        return {"key": self.key, "label": self.label, "total": self.total, "covered": self.covered, "percent": self.percent}


@dataclass
class Coverage:
    credential_type: CredentialType
    on_date: datetime.date
    by_agency: dict[int, tuple[int, int]]  # agency id: (people, holders)
    agencies: dict[int, dict] = field(default_factory=dict)

    @property
    def total(self) -> Cell:
        cell = Cell("all", _("All"))
        for people, holders in self.by_agency.values():
            cell.total += people
            cell.covered += holders
        return cell

    def breakdown(self, dimension: str) -> list[Cell]:
        """Cells by `dimension` (one of DIMENSIONS), largest first; federal agencies have no state."""
        if dimension not in DIMENSIONS:
            raise ValueError(dimension)
        cells: dict[str, Cell] = {}
        for agency_id, (people, holders) in self.by_agency.items():
            key, label = self.agencies[agency_id][dimension]
            cell = cells.setdefault(key, Cell(key, label))
            cell.total += people
            cell.covered += holders
        order = {"level": lambda c: Agency.Level.values.index(c.key) if c.key in Agency.Level.values else 99}
        return sorted(cells.values(), key=order.get(dimension, lambda c: (-c.total, c.label)))


def _state_of(agency: Agency) -> Jurisdiction | None:
    place = agency.jurisdiction
    while place is not None and place.kind != Jurisdiction.Kind.STATE:
        place = place.parent
    return place


def _describe(agency_ids) -> dict[int, dict]:
    described = {}
    for agency in Agency.objects.filter(pk__in=agency_ids).select_related("country", "jurisdiction__parent__parent"):
        state = _state_of(agency)
        described[agency.pk] = {
            "country": (agency.country_id, agency.country.name),
            "level": (agency.level, agency.get_level_display()),
            "state": (state.code, state.name) if state else ("-", _("No state (federal)")),
            "agency": (agency.code, str(agency)),
        }
    return described


def compute(credential_type: CredentialType, on_date: datetime.date, people=None) -> Coverage:
    """Coverage of `credential_type` on `on_date` among `people` (default: everyone)."""
    applies = population(credential_type, people)
    totals = applies.order_by().values_list("agency_id").annotate(n=Count("pk"))
    holders = dict(applies.filter(covered_q(credential_type, on_date)).order_by().values_list("agency_id").annotate(n=Count("pk")))
    by_agency = {agency_id: (n, holders.get(agency_id, 0)) for agency_id, n in totals}
    return Coverage(credential_type, on_date, by_agency, _describe(by_agency))
