"""CSV/XLSX import of agencies and people, keyed by agency code and (country, national id)."""
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from puente.core import audit
from puente.core.imports import Column, Importer, RowInvalid
from puente.core.services import bulk_write

from .models import Agency, Country, Jurisdiction, Person, mbox_sha1sum

AGENCY_COLUMNS = [
    Column("code", gettext_lazy("Code"), required=True),
    Column("name", gettext_lazy("Name"), required=True),
    Column("acronym", gettext_lazy("Acronym")),
    Column("country", gettext_lazy("Country"), required=True),
    Column("jurisdiction", gettext_lazy("Jurisdiction code")),
    Column("level", gettext_lazy("Level"), required=True, choices=Agency.Level),
    Column("kind", gettext_lazy("Kind"), required=True, choices=Agency.Kind),
    Column("border_region", gettext_lazy("Border region")),
    Column("remote", gettext_lazy("Remote region")),
    Column("active", gettext_lazy("Active")),
]

PERSON_COLUMNS = [
    Column("agency", gettext_lazy("Agency code"), required=True),
    Column("national_id", gettext_lazy("National identifier"), required=True),
    Column("given_names", gettext_lazy("Given names"), required=True),
    Column("family_names", gettext_lazy("Family names"), required=True),
    Column("rank", gettext_lazy("Rank")),
    Column("status", gettext_lazy("Status"), choices=Person.Status),
    Column("hire_date", gettext_lazy("Hire date")),
    Column("email", gettext_lazy("E-mail")),
]


def _column(columns, name) -> Column:
    return next(c for c in columns if c.name == name)


def _required(values: dict, name: str) -> str:
    value = str(values.get(name, "")).strip()
    if not value:
        raise RowInvalid(name, _("is required."))
    return value


def _validated(obj, columns_by_field: dict[str, str], exclude: list[str]):
    """Run the model's own validation and report the first problem against its column."""
    from django.core.exceptions import ValidationError

    try:
        obj.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
    except ValidationError as exc:
        field, messages = next(iter(exc.message_dict.items()))
        raise RowInvalid(columns_by_field.get(field, field), " ".join(messages)) from None


class AgencyImporter(Importer):
    model = Agency
    columns = AGENCY_COLUMNS
    key_column = "code"
    fields = ["name", "acronym", "country", "jurisdiction", "level", "kind", "border_region", "remote", "is_active"]

    def prepare(self):
        self.countries = {c.code: c for c in Country.objects.all()}
        self.jurisdictions = {(j.country_id, j.code): j for j in Jurisdiction.objects.all()}
        self.existing = {a.code: a for a in Agency.objects.all()}
        self.changeable = set(Agency.objects.restrict(self.actor, "change").values_list("pk", flat=True))

    def clean_row(self, values):
        code = _required(values, "code").upper()
        country_code = _required(values, "country").upper()
        country = self.countries.get(country_code)
        if country is None:
            raise RowInvalid("country", _("unknown country “%(code)s”.") % {"code": country_code})
        jurisdiction = None
        if values.get("jurisdiction"):
            jurisdiction = self.jurisdictions.get((country.code, str(values["jurisdiction"]).strip()))
            if jurisdiction is None:
                raise RowInvalid(
                    "jurisdiction", _("unknown jurisdiction code “%(code)s” in %(country)s.")
                    % {"code": values["jurisdiction"], "country": country.code}
                )
        fields = {
            "name": _required(values, "name"),
            "acronym": str(values.get("acronym", "")),
            "country": country,
            "jurisdiction": jurisdiction,
            "level": self.choice(_column(self.columns, "level"), _required(values, "level")),
            "kind": self.choice(_column(self.columns, "kind"), _required(values, "kind")),
            "border_region": self.boolean("border_region", values.get("border_region")),
            "remote": self.boolean("remote", values.get("remote")),
            "is_active": self.boolean("active", values.get("active")) if values.get("active", "") != "" else True,
        }
        existing = self.existing.get(code)
        if existing is not None and existing.pk not in self.changeable:
            raise RowInvalid("code", _("agency %(code)s exists and you may not change it.") % {"code": code})
        _validated(Agency(code=code, **fields), {"jurisdiction": "jurisdiction", "code": "code"}, exclude=[])
        return (code,), fields

    def write(self, rows):
        new, changed, unchanged = [], [], 0
        for _number, (code,), fields in rows:
            agency = self.existing.get(code)
            if agency is None:
                new.append(Agency(code=code, **fields))
                continue
            before = audit.snapshot(agency)
            for name, value in fields.items():
                setattr(agency, name, value)
            if audit.snapshot(agency) == before:
                unchanged += 1
            else:
                changed.append((agency, before))
        bulk_write(self.actor, Agency, new, changed, self.fields)
        return len(new), len(changed), unchanged


class PersonImporter(Importer):
    model = Person
    columns = PERSON_COLUMNS
    key_column = "national_id"
    fields = ["agency", "country", "given_names", "family_names", "rank", "status", "hire_date", "email"]

    def prepare(self):
        # Only agencies the actor may see can be named; others read as unknown.
        self.agencies = {a.code: a for a in Agency.objects.restrict(self.actor, "view")}
        self.existing = {}
        self.changeable = set(Person.objects.restrict(self.actor, "change").values_list("pk", flat=True))

    def _existing(self, country_id: str, national_id: str):
        key = (country_id, national_id)
        if key not in self.existing:
            self.existing[key] = Person.objects.filter(country_id=country_id, national_id=national_id).first()
        return self.existing[key]

    def clean_row(self, values):
        code = _required(values, "agency").upper()
        agency = self.agencies.get(code)
        if agency is None:
            raise RowInvalid("agency", _("unknown agency code “%(code)s”.") % {"code": code})
        national_id = _required(values, "national_id").upper()
        fields = {
            "agency": agency,
            "country_id": agency.country_id,
            "given_names": _required(values, "given_names"),
            "family_names": _required(values, "family_names"),
            "rank": str(values.get("rank", "")),
            "status": self.choice(_column(self.columns, "status"), values["status"]) if values.get("status") else Person.Status.ACTIVE,
            "hire_date": self.date("hire_date", values.get("hire_date")),
            "email": str(values.get("email", "")),
        }
        existing = self._existing(agency.country_id, national_id)
        if existing is not None and existing.pk not in self.changeable:
            raise RowInvalid("national_id", _("this person exists and you may not change their record."))
        _validated(
            Person(national_id=national_id, **fields),
            {"email": "email", "hire_date": "hire_date", "national_id": "national_id"},
            exclude=["country"],
        )
        return (agency.country_id, national_id), fields

    def write(self, rows):
        new, changed, unchanged = [], [], 0
        for _number, (country_id, national_id), fields in rows:
            person = self._existing(country_id, national_id)
            if person is None:
                new.append(Person(national_id=national_id, **fields))
                continue
            before = audit.snapshot(person)
            for name, value in fields.items():
                setattr(person, name, value)
            person.email_sha1 = mbox_sha1sum(person.email)  # bulk updates skip the field's own upkeep
            if audit.snapshot(person) == before:
                unchanged += 1
            else:
                changed.append((person, before))
        bulk_write(self.actor, Person, new, changed, [*self.fields, "email_sha1"])
        return len(new), len(changed), unchanged


IMPORTERS = {"agencies": AgencyImporter, "people": PersonImporter}
