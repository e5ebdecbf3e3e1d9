"""Registry endpoints in the permission matrix."""
import itertools

from django.urls import reverse

from matrix import ALL, NONE, OWN, Endpoint, expect
from puente.registry.models import Agency, Jurisdiction, Person

_counter = itertools.count()

AGENCY_VIEW = expect(
    program_manager=ALL, agency_coordinator=OWN, registrar=OWN, vetting_officer=ALL, assessor=ALL, officer=OWN, auditor=ALL
)
AGENCY_CHANGE = expect(program_manager=ALL, agency_coordinator=OWN)
PM_ONLY = expect(program_manager=ALL)
PERSON_VIEW = expect(
    program_manager=ALL, agency_coordinator=OWN, registrar=OWN, vetting_officer=ALL, officer=OWN, auditor=ALL
)
PERSON_CHANGE = expect(program_manager=ALL, agency_coordinator=OWN)
SIGNED_IN_WITH_A_ROLE = expect(ALL, no_role=NONE)


def _agency(w, t):
    return w.agency(t)


def _person(w, t):
    return w.person(t)


def _jurisdiction(w, t):
    return w.nogales if t == "own" else w.arizona


def _renamed(w, t):
    return Agency.objects.get(pk=w.agency(t).pk).name.endswith("(renamed)")


def _agency_form(w, t):
    a = w.agency(t)
    return {
        "code": a.code, "name": a.name + " (renamed)", "acronym": a.acronym, "country": a.country_id,
        "jurisdiction": a.jurisdiction_id, "level": a.level, "kind": a.kind, "border_region": "on",
    }


def _person_form(w, t, national_id=None):
    p = w.person(t)
    return {
        "agency": w.agency(t).pk, "given_names": p.given_names, "family_names": p.family_names + " Jr",
        "rank": p.rank, "status": "active", "national_id": national_id or p.national_id, "email": "",
        "hire_date": "",
    }


def _new_person(w, t):
    w.new_national_id = f"NEW-{t.upper()}-{next(_counter)}"
    return {**_person_form(w, t, w.new_national_id), "family_names": "Nueva"}


def _new_person_api(w, t):
    return {key: value for key, value in _new_person(w, t).items() if value != ""}


def _new_person_exists(w, t):
    return Person.objects.filter(national_id=getattr(w, "new_national_id", "-")).exists()


def _person_renamed(w, t):
    return Person.objects.get(pk=w.person(t).pk).family_names.endswith(" Jr")


def _agency_inactive(w, t):
    return not Agency.objects.get(pk=w.agency(t).pk).is_active


def _person_inactive(w, t):
    return Person.objects.get(pk=w.person(t).pk).status == Person.Status.INACTIVE


def _new_agency(w, t):
    w.new_code = f"TEST-{t.upper()}-{next(_counter)}"
    return {"code": w.new_code, "name": "Nueva agencia", "country": w.agency(t).country_id,
            "jurisdiction": w.agency(t).jurisdiction_id, "level": "state", "kind": "police"}


def _new_agency_exists(w, t):
    return Agency.objects.filter(code=getattr(w, "new_code", "-")).exists()


def _new_jurisdiction(w, t):
    w.new_jurisdiction = f"J{next(_counter)}"
    return {"country": w.agency(t).country_id, "kind": "municipality", "name": "Nuevo", "code": w.new_jurisdiction}


def _new_jurisdiction_exists(w, t):
    return Jurisdiction.objects.filter(code=getattr(w, "new_jurisdiction", "-")).exists()


def _reactivate(w, t):
    Agency.objects.filter(pk=w.agency(t).pk).update(is_active=False)
    return None


def _agency_active(w, t):
    return Agency.objects.get(pk=w.agency(t).pk).is_active


def _api_detail(name):
    return lambda getter: (lambda w, t: reverse(name, args=[getter(w, t).pk]))


ROWS = [
    # Web UI
    Endpoint("registry:jurisdiction_list", "list", SIGNED_IN_WITH_A_ROLE, marker=lambda w, t: _jurisdiction(w, t).code),
    Endpoint("registry:jurisdiction_detail", "detail", SIGNED_IN_WITH_A_ROLE, obj=_jurisdiction),
    Endpoint("registry:jurisdiction_add", "page", PM_ONLY),
    Endpoint("registry:jurisdiction_add", "write", PM_ONLY, method="post", data=_new_jurisdiction, effect=_new_jurisdiction_exists),
    Endpoint("registry:jurisdiction_edit", "detail", PM_ONLY, obj=_jurisdiction),
    Endpoint("registry:agency_list", "list", AGENCY_VIEW, marker=lambda w, t: w.agency(t).code),
    Endpoint("registry:agency_detail", "detail", AGENCY_VIEW, obj=_agency),
    Endpoint("registry:agency_add", "page", PM_ONLY),
    Endpoint("registry:agency_add", "write", PM_ONLY, method="post", data=_new_agency, effect=_new_agency_exists),
    Endpoint("registry:agency_edit", "detail", AGENCY_CHANGE, obj=_agency),
    Endpoint("registry:agency_edit", "write", AGENCY_CHANGE, obj=_agency, method="post", data=_agency_form, effect=_renamed),
    Endpoint("registry:agency_deactivate", "write", PM_ONLY, obj=_agency, method="post", data=lambda w, t: {}, effect=_agency_inactive),
    Endpoint(
        "registry:agency_reactivate", "write", PM_ONLY, obj=_agency, method="post",
        data=lambda w, t: _reactivate(w, t) or {}, effect=_agency_active,
    ),
    Endpoint("registry:person_list", "list", PERSON_VIEW, marker=lambda w, t: w.person(t).national_id),
    Endpoint("registry:person_detail", "detail", PERSON_VIEW, obj=_person),
    Endpoint("registry:person_add", "page", expect(program_manager=ALL, agency_coordinator=ALL)),
    Endpoint("registry:person_add", "write", PERSON_CHANGE, method="post", data=_new_person, effect=_new_person_exists),
    Endpoint("registry:person_edit", "detail", PERSON_CHANGE, obj=_person),
    Endpoint("registry:person_edit", "write", PERSON_CHANGE, obj=_person, method="post", data=_person_form, effect=_person_renamed),
    Endpoint("registry:person_deactivate", "write", PERSON_CHANGE, obj=_person, method="post", data=lambda w, t: {}, effect=_person_inactive),
    # API
    Endpoint("api:country-list", "list", SIGNED_IN_WITH_A_ROLE, api=True, marker=lambda w, t: f'"name_en":"{w.agency(t).country.name_en}"'),
    Endpoint("api:country-detail", "detail", SIGNED_IN_WITH_A_ROLE, api=True, url=lambda w, t: reverse("api:country-detail", args=[w.agency(t).country_id])),
    Endpoint("api:jurisdiction-list", "list", SIGNED_IN_WITH_A_ROLE, api=True, marker=lambda w, t: f'"code":"{_jurisdiction(w, t).code}"'),
    Endpoint("api:jurisdiction-detail", "detail", SIGNED_IN_WITH_A_ROLE, api=True, obj=_jurisdiction),
    Endpoint("api:jurisdiction-list", "write", PM_ONLY, api=True, method="post", data=_new_jurisdiction, effect=_new_jurisdiction_exists),
    Endpoint("api:agency-list", "list", AGENCY_VIEW, api=True, marker=lambda w, t: f'"code":"{w.agency(t).code}"'),
    Endpoint("api:agency-detail", "detail", AGENCY_VIEW, api=True, obj=_agency),
    Endpoint("api:agency-list", "write", PM_ONLY, api=True, method="post", data=_new_agency, effect=_new_agency_exists),
    Endpoint(
        "api:agency-detail", "write", AGENCY_CHANGE, api=True, obj=_agency, method="patch",
        data=lambda w, t: {"name": w.agency(t).name + " (renamed)"}, effect=_renamed,
    ),
    Endpoint("api:agency-detail", "write", PM_ONLY, api=True, obj=_agency, method="delete", effect=_agency_inactive),
    Endpoint("api:person-list", "list", PERSON_VIEW, api=True, marker=lambda w, t: f'"national_id":"{w.person(t).national_id}"'),
    Endpoint("api:person-detail", "detail", PERSON_VIEW, api=True, obj=_person),
    Endpoint("api:person-list", "write", PERSON_CHANGE, api=True, method="post", data=_new_person_api, effect=_new_person_exists),
    Endpoint(
        "api:person-detail", "write", PERSON_CHANGE, api=True, obj=_person, method="patch",
        data=lambda w, t: {"family_names": w.person(t).family_names + " Jr"}, effect=_person_renamed,
    ),
    Endpoint("api:person-detail", "write", PERSON_CHANGE, api=True, obj=_person, method="delete", effect=_person_inactive),
]
