"""Credential types as a YAML or JSON file: reading and checking it, entry by entry.

    credential_types:
      - code: MX-CUP
        name_en: Single Police Certificate (CUP)
        name_es: Certificado Único Policial (CUP)
        country: MX
        levels: []                  # agency levels; empty for all
        validity_months: 36
        renewal_window_months: 6
        components:                 # each one of evaluation / program / vetting
          - vetting: trust          # a passed vetting check, valid through its own expiry
          - program: SESNSP-FI      # a completed catalog program
          - evaluation: performance # a passed evaluation
            validity_months: 36

A top-level list is read as the list of types. Errors name the file, the entry and the field.
"""
import json
from pathlib import Path

import yaml
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from puente.catalog.models import Program
from puente.registry.models import Country

from .models import Component

TYPE_KEYS = {"code", "name_en", "name_es", "description_en", "description_es", "country", "levels", "validity_months",
             "renewal_window_months", "is_active", "components"}
COMPONENT_KINDS = {"evaluation": Component.Kind.EVALUATION, "program": Component.Kind.PROGRAM, "vetting": Component.Kind.VETTING}


def load(text: str, name: str):
    """The file's data; a file that does not parse is named with its line."""
    try:
        return json.loads(text) if name.lower().endswith(".json") else yaml.safe_load(text)
    except json.JSONDecodeError as exc:
        raise ValidationError(_("%(file)s: line %(line)s: %(message)s") % {"file": name, "line": exc.lineno, "message": exc.msg}) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else "?"
        raise ValidationError(_("%(file)s: line %(line)s: %(message)s")
                              % {"file": name, "line": line, "message": getattr(exc, "problem", None) or str(exc)}) from None


def read_path(path: Path):
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ValidationError(_("%(file)s: cannot be read (%(reason)s).") % {"file": path.name, "reason": exc}) from None
    return load(text, path.name)


def _months(value, field: str, errors: list, where: str, allow_none: bool = False):
    if value is None and allow_none:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < (1 if field != "renewal_window_months" else 0):
        errors.append(_("%(where)s, %(field)s: “%(value)s” is not a whole number of months.")
                      % {"where": where, "field": field, "value": value})
        return None
    return value


def _component(raw, where: str, errors: list, programs: dict) -> dict | None:
    if not isinstance(raw, dict):
        errors.append(_("%(where)s: a component must be a mapping such as {evaluation: performance}.") % {"where": where})
        return None
    kinds = [key for key in COMPONENT_KINDS if key in raw]
    unknown = set(raw) - set(COMPONENT_KINDS) - {"validity_months"}
    if unknown:
        errors.append(_("%(where)s: unknown keys: %(keys)s.") % {"where": where, "keys": ", ".join(sorted(map(str, unknown)))})
    if len(kinds) != 1:
        errors.append(_("%(where)s: name exactly one of evaluation, program or vetting.") % {"where": where})
        return None
    kind, value = kinds[0], raw[kinds[0]]
    row = {"kind": COMPONENT_KINDS[kind], "validity_months": _months(raw.get("validity_months"), "validity_months", errors, where, True)}
    if kind == "program":
        program = programs.get(str(value))
        if program is None:
            errors.append(_("%(where)s, program: no program has the code “%(code)s”.") % {"where": where, "code": value})
        row["program"] = program
    elif kind == "evaluation":
        row["evaluation_kind"] = str(value)
    else:
        row["vetting_kind"] = str(value)
    return row


def parse(data, name: str) -> list[tuple[str, dict, list[dict]]]:
    """(where, fields, components) for each type in the file; every error at once, else none.

    Field values the model checks itself (an unknown evaluation kind, a too-long renewal
    window) are reported by the action that saves them, with the same entry name.
    """
    if isinstance(data, dict):
        data = data.get("credential_types")
    if not isinstance(data, list) or not data:
        raise ValidationError(_("%(file)s: expected a list of credential types (under “credential_types”).") % {"file": name})
    countries = {country.code: country for country in Country.objects.all()}
    codes = {str(c) for entry in data if isinstance(entry, dict) for c in [
        component.get("program") for component in entry.get("components") or [] if isinstance(component, dict)] if c}
    programs = {program.code: program for program in Program.objects.filter(code__in=codes)}
    entries, errors = [], []
    for number, raw in enumerate(data, start=1):
        if not isinstance(raw, dict):
            errors.append(_("%(file)s, entry %(n)s: expected a mapping of fields.") % {"file": name, "n": number})
            continue
        where = _("%(file)s, entry %(n)s (%(code)s)") % {"file": name, "n": number, "code": raw.get("code", "?")}
        unknown = set(raw) - TYPE_KEYS
        if unknown:
            errors.append(_("%(where)s: unknown keys: %(keys)s.") % {"where": where, "keys": ", ".join(sorted(map(str, unknown)))})
        fields = {key: raw[key] for key in ("code", "name_en", "name_es", "description_en", "description_es", "is_active") if key in raw}
        fields = {key: value if isinstance(value, bool) else str(value).strip() for key, value in fields.items()}
        country = countries.get(str(raw.get("country", "")).upper())
        if country is None:
            errors.append(_("%(where)s, country: “%(value)s” is not a known country code.") % {"where": where, "value": raw.get("country")})
        fields["country"] = country
        levels = raw.get("levels") or []
        if not isinstance(levels, list):
            errors.append(_("%(where)s, levels: expected a list.") % {"where": where})
            levels = []
        fields["levels"] = [str(level) for level in levels]
        fields["validity_months"] = _months(raw.get("validity_months"), "validity_months", errors, where)
        fields["renewal_window_months"] = _months(raw.get("renewal_window_months", 0), "renewal_window_months", errors, where)
        components = raw.get("components") or []
        if not isinstance(components, list):
            errors.append(_("%(where)s, components: expected a list.") % {"where": where})
            components = []
        rows = [_component(component, _("%(where)s, component %(n)s") % {"where": where, "n": position}, errors, programs)
                for position, component in enumerate(components, start=1)]
        entries.append((where, fields, [row for row in rows if row is not None]))
    if errors:
        raise ValidationError(errors)
    return entries


def dump(credential_types) -> dict:
    """Types as the file format (the inverse of `parse`), for export."""
    out = []
    for credential_type in credential_types:
        components = []
        for component in credential_type.components.select_related("program"):
            value = (component.program.code if component.kind == Component.Kind.PROGRAM
                     else component.evaluation_kind or component.vetting_kind)
            item = {component.kind: value}
            if component.validity_months:
                item["validity_months"] = component.validity_months
            components.append(item)
        out.append({
            "code": credential_type.code, "name_en": credential_type.name_en, "name_es": credential_type.name_es,
            "description_en": credential_type.description_en, "description_es": credential_type.description_es,
            "country": credential_type.country_id, "levels": credential_type.levels,
            "validity_months": credential_type.validity_months, "renewal_window_months": credential_type.renewal_window_months,
            "is_active": credential_type.is_active, "components": components,
        })
    return {"credential_types": out}
