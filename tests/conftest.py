"""Shared fixtures: a small two-agency world and users holding each role."""
import pytest
from django.utils import translation

from puente.accounts.models import RoleAssignment, User
from puente.accounts.roles import Role
from puente.registry.models import Agency, Country, Jurisdiction, Person


class World:
    """Two agencies in two countries: `own` is the one scoped users belong to, `other` is not."""

    def __init__(self):
        # Transactional tests empty every table, the migration's countries included.
        self.mx, _ = Country.objects.get_or_create(code="MX", defaults={"name_en": "Mexico", "name_es": "México"})
        self.us, _ = Country.objects.get_or_create(code="US", defaults={"name_en": "United States", "name_es": "Estados Unidos"})
        self.sonora = Jurisdiction.objects.create(country=self.mx, kind="state", name="Sonora", code="26", border_region=True)
        self.nogales = Jurisdiction.objects.create(
            country=self.mx, kind="municipality", name="Nogales", code="26043", parent=self.sonora, border_region=True
        )
        self.arizona = Jurisdiction.objects.create(country=self.us, kind="state", name="Arizona", code="04", border_region=True)
        self.own = Agency.objects.create(
            code="MX-SON-NOG-POL", name="Policía Municipal de Nogales", acronym="PMN", country=self.mx,
            jurisdiction=self.nogales, level="municipal", kind="police", border_region=True,
        )
        self.other = Agency.objects.create(
            code="US-AZ-DPS", name="Arizona Department of Public Safety", acronym="AZDPS", country=self.us,
            jurisdiction=self.arizona, level="state", kind="police", border_region=True,
        )
        self.own_person = Person.objects.create(
            agency=self.own, given_names="Lucía", family_names="Ramírez Soto", rank="Policía Tercero",
            national_id="RASL850312MSRMTC01", hire_date="2015-03-01",
        )
        self.other_person = Person.objects.create(
            agency=self.other, given_names="James", family_names="Whitaker", rank="Trooper", national_id="AZ-104233",
        )

    def agency(self, target: str) -> Agency:
        return self.own if target == "own" else self.other

    def person(self, target: str) -> Person:
        return self.own_person if target == "own" else self.other_person

    def user(self, role: str | None, *, agency: Agency | None = None, scoped: bool = True, username: str | None = None) -> User:
        """A user holding `role`; agency-bound roles default to the `own` agency."""
        username = username or f"{role or 'nobody'}-{'own' if scoped else 'global'}"
        user = User.objects.create_user(username=username, password="pw-Secret-123")
        if role == Role.OFFICER:
            user.person = self.own_person
            user.save()
        if role:
            bound = agency or (self.own if scoped and role in AGENCY_BOUND_ROLES else None)
            RoleAssignment.objects.create(user=user, role=role, agency=bound)
        return user


# Roles normally held for one agency; the others are usually held globally.
AGENCY_BOUND_ROLES = {Role.AGENCY_COORDINATOR, Role.REGISTRAR, Role.OFFICER}


@pytest.fixture(autouse=True)
def english_by_default():
    """Every test starts in English: a request or job in Spanish must not leak into the next test."""
    translation.activate("en")
    yield
    translation.deactivate()


@pytest.fixture
def world(db):
    return World()


@pytest.fixture
def pm(world):
    return world.user(Role.PROGRAM_MANAGER)


@pytest.fixture
def coordinator(world):
    return world.user(Role.AGENCY_COORDINATOR)
