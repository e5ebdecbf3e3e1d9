"""Catalog endpoints in the permission matrix.

The catalog is not held per agency: every role reads all of it and only program managers
change it. `own` and `other` stand for two different programs (domains, threats), both
visible, created on first use in the matrix's world.
"""
import itertools

from django.urls import reverse

from matrix import ALL, NONE, Endpoint, expect
from puente.catalog.models import Domain, Program, ThreatTag

_counter = itertools.count()

READ = expect(ALL, no_role=NONE)
PM_ONLY = expect(program_manager=ALL)


class _Catalog:
    def __init__(self):
        self.domains = {
            t: Domain.objects.create(code=f"TEST-{t.upper()}-DOM", name_en=f"Domain {t}", name_es=f"Dominio {t}")
            for t in ("own", "other")
        }
        self.threats = {
            t: ThreatTag.objects.create(code=f"TEST-{t.upper()}-THR", name_en=f"Threat {t}", name_es=f"Amenaza {t}", weight=2)
            for t in ("own", "other")
        }
        self.programs = {}
        for t in ("own", "other"):
            program = Program.objects.create(
                code=f"TEST-{t.upper()}", title_en=f"Program {t}", title_es=f"Programa {t}", domain=self.domains[t],
                hours=8, languages=["en", "es"],
            )
            program.threats.set([self.threats[t]])
            self.programs[t] = program


def _catalog(w) -> _Catalog:
    if not hasattr(w, "catalog"):
        w.catalog = _Catalog()
    return w.catalog


def _program(w, t):
    return _catalog(w).programs[t]


def _domain(w, t):
    return _catalog(w).domains[t]


def _threat(w, t):
    return _catalog(w).threats[t]


def _path(name):
    """A list URL that first makes sure the programs exist, so the list can show them."""
    return lambda w, t: _catalog(w) and reverse(name)


def _stored(model, obj):
    return model.objects.get(pk=obj.pk)


def _program_form(w, t, **changes):
    p = _program(w, t)
    return {
        "code": p.code, "title_en": p.title_en + " (renamed)", "title_es": p.title_es, "description_en": "",
        "description_es": "", "domain": p.domain_id, "threats": [x.pk for x in p.threats.all()],
        "delivery_mode": p.delivery_mode, "hours": "8", "ce_credits": "0", "prerequisites": [],
        "min_class_size": "1", "max_class_size": "24", "languages": ["en", "es"], **changes,
    }


def _new_program(w, t):
    w.new_program_code = f"TEST-NEW-{next(_counter)}"
    return {**_program_form(w, t), "code": w.new_program_code, "prerequisites": [_program(w, t).pk]}


def _new_program_api(w, t):
    w.new_program_code = f"TEST-NEW-{next(_counter)}"
    return {
        "code": w.new_program_code, "title_en": "New", "title_es": "Nuevo", "domain": _domain(w, t).code,
        "threats": [_threat(w, t).code], "prerequisites": [_program(w, t).pk], "hours": "4", "languages": ["es"],
    }


def _new_program_exists(w, t):
    return Program.objects.filter(code=getattr(w, "new_program_code", "-")).exists()


def _program_renamed(w, t):
    return _stored(Program, _program(w, t)).title_en.endswith("(renamed)")


def _retired(w, t):
    return _stored(Program, _program(w, t)).status == Program.Status.RETIRED


def _retire_first(w, t):
    Program.objects.filter(pk=_program(w, t).pk).update(status=Program.Status.RETIRED)
    return {}


def _active(w, t):
    return _stored(Program, _program(w, t)).status == Program.Status.ACTIVE


def _new_named(w, t, prefix):
    w.new_catalog_code = f"TEST-{prefix}-{next(_counter)}"
    return {"code": w.new_catalog_code, "name_en": "New", "name_es": "Nuevo"}


def _domain_renamed(w, t):
    return _stored(Domain, _domain(w, t)).name_en.endswith("(renamed)")


def _threat_reweighted(w, t):
    return _stored(ThreatTag, _threat(w, t)).weight == 3


def _domain_form(w, t):
    d = _domain(w, t)
    return {"code": d.code, "name_en": d.name_en + " (renamed)", "name_es": d.name_es}


def _threat_form(w, t):
    x = _threat(w, t)
    return {"code": x.code, "name_en": x.name_en, "name_es": x.name_es, "weight": "3"}


def _new_exists(model):
    return lambda w, t: model.objects.filter(code=getattr(w, "new_catalog_code", "-")).exists()


ROWS = [
    # Web UI: programs
    Endpoint("catalog:program_list", "list", READ, url=_path("catalog:program_list"), marker=lambda w, t: f">{_program(w, t).code}<"),
    Endpoint("catalog:program_detail", "detail", READ, obj=_program),
    Endpoint("catalog:program_add", "page", PM_ONLY),
    Endpoint("catalog:program_add", "write", PM_ONLY, method="post", data=_new_program, effect=_new_program_exists),
    Endpoint("catalog:program_edit", "detail", PM_ONLY, obj=_program),
    Endpoint("catalog:program_edit", "write", PM_ONLY, obj=_program, method="post", data=_program_form, effect=_program_renamed),
    Endpoint("catalog:program_retire", "detail", PM_ONLY, obj=_program),
    Endpoint("catalog:program_retire", "write", PM_ONLY, obj=_program, method="post", data=lambda w, t: {}, effect=_retired),
    Endpoint("catalog:program_reactivate", "write", PM_ONLY, obj=_program, method="post", data=_retire_first, effect=_active),
    Endpoint(
        "core:import", "page", PM_ONLY, url=lambda w, t: reverse("core:import", args=["programs"]), label="GET core:import programs",
    ),
    # Web UI: domains and threats
    Endpoint("catalog:domain_list", "list", READ, url=_path("catalog:domain_list"), marker=lambda w, t: f">{_domain(w, t).code}<"),
    Endpoint("catalog:domain_detail", "detail", READ, obj=_domain),
    Endpoint("catalog:domain_add", "page", PM_ONLY),
    Endpoint("catalog:domain_add", "write", PM_ONLY, method="post", data=lambda w, t: _new_named(w, t, "DOM"), effect=_new_exists(Domain)),
    Endpoint("catalog:domain_edit", "detail", PM_ONLY, obj=_domain),
    Endpoint("catalog:domain_edit", "write", PM_ONLY, obj=_domain, method="post", data=_domain_form, effect=_domain_renamed),
    Endpoint("catalog:threat_list", "list", READ, url=_path("catalog:threat_list"), marker=lambda w, t: f">{_threat(w, t).code}<"),
    Endpoint("catalog:threat_detail", "detail", READ, obj=_threat),
    Endpoint("catalog:threat_add", "page", PM_ONLY),
    Endpoint(
        "catalog:threat_add", "write", PM_ONLY, method="post",
        data=lambda w, t: {**_new_named(w, t, "THR"), "weight": "1.5"}, effect=_new_exists(ThreatTag),
    ),
    Endpoint("catalog:threat_edit", "detail", PM_ONLY, obj=_threat),
    Endpoint("catalog:threat_edit", "write", PM_ONLY, obj=_threat, method="post", data=_threat_form, effect=_threat_reweighted),
    # API: programs
    Endpoint("api:program-list", "list", READ, api=True, url=_path("api:program-list"), marker=lambda w, t: f'"code":"{_program(w, t).code}"'),
    Endpoint("api:program-detail", "detail", READ, api=True, obj=_program),
    Endpoint("api:program-list", "write", PM_ONLY, api=True, method="post", data=_new_program_api, effect=_new_program_exists),
    Endpoint(
        "api:program-detail", "write", PM_ONLY, api=True, obj=_program, method="patch",
        data=lambda w, t: {"title_en": _program(w, t).title_en + " (renamed)"}, effect=_program_renamed,
    ),
    Endpoint("api:program-detail", "write", PM_ONLY, api=True, obj=_program, method="delete", effect=_retired),
    Endpoint("api:program-reactivate", "write", PM_ONLY, api=True, obj=_program, method="post", data=_retire_first, effect=_active),
    # API: domains and threats
    Endpoint("api:domain-list", "list", READ, api=True, url=_path("api:domain-list"), marker=lambda w, t: f'"code":"{_domain(w, t).code}"'),
    Endpoint("api:domain-detail", "detail", READ, api=True, obj=_domain),
    Endpoint(
        "api:domain-list", "write", PM_ONLY, api=True, method="post", data=lambda w, t: _new_named(w, t, "DOM"),
        effect=_new_exists(Domain),
    ),
    Endpoint(
        "api:domain-detail", "write", PM_ONLY, api=True, obj=_domain, method="patch",
        data=lambda w, t: {"name_en": _domain(w, t).name_en + " (renamed)"}, effect=_domain_renamed,
    ),
    Endpoint("api:threattag-list", "list", READ, api=True, url=_path("api:threattag-list"), marker=lambda w, t: f'"code":"{_threat(w, t).code}"'),
    Endpoint("api:threattag-detail", "detail", READ, api=True, obj=_threat),
    Endpoint(
        "api:threattag-list", "write", PM_ONLY, api=True, method="post",
        data=lambda w, t: {**_new_named(w, t, "THR"), "weight": "1.5"}, effect=_new_exists(ThreatTag),
    ),
    Endpoint(
        "api:threattag-detail", "write", PM_ONLY, api=True, obj=_threat, method="patch",
        data=lambda w, t: {"weight": "3"}, effect=_threat_reweighted,
    ),
]
