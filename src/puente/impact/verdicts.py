"""The estimator's verdict codes in the reader's language."""
from django.utils.formats import number_format
from django.utils.translation import gettext as _


def _n(value, digits=2) -> str:
    return number_format(round(value, digits), digits, use_l10n=True) if value is not None else "—"


def headline(result: dict, outcome_label: str) -> str:
    verdict = result["verdict"]
    code = verdict["code"]
    overall = result.get("overall") or {}
    numbers = {"outcome": outcome_label, "estimate": _n(overall.get("estimate")), "low": _n(overall.get("low")),
               "high": _n(overall.get("high"))}
    if verdict.get("relative") is not None:
        numbers["relative"] = f"{_n(100 * verdict['relative'], 1)} %"
    if code == "increase":
        text = _("After training, %(outcome)s rose by %(estimate)s (95%% interval %(low)s to %(high)s) compared with units not yet trained.")
    elif code == "decrease":
        text = _("After training, %(outcome)s fell by %(estimate)s (95%% interval %(low)s to %(high)s) compared with units not yet trained.")
    elif code == "no_effect":
        text = _("No detectable effect of training on %(outcome)s: the change of %(estimate)s (95%% interval %(low)s to %(high)s) is within what chance alone produces.")
    else:
        return _("Not enough data to conclude whether training changed %(outcome)s.") % numbers
    text %= numbers
    if "relative" in numbers and code in ("increase", "decrease"):
        text += " " + _("That is %(relative)s of the trained units' level before training.") % numbers
    return text


def reasons(result: dict) -> list[str]:
    """Why the data are too thin, one sentence each."""
    out = []
    for reason in result["verdict"]["reasons"]:
        code = reason["code"]
        if code == "few_treated":
            out.append(_("Only %(found)s units reached the training threshold with enough months of data before it; at least %(needed)s are needed.") % reason)
        elif code == "few_controls":
            out.append(_("Only %(found)s units remained untrained to compare with; at least %(needed)s are needed.") % reason)
        elif code == "few_pre_periods":
            out.append(_("%(found)s trained units have fewer than %(needed)s months of data before their training.") % reason)
        elif code == "wide_interval":
            out.append(_("The 95%% interval is too wide (± %(halfwidth)s against a typical level of %(scale)s): effects large in either direction cannot be ruled out.")
                       % {"halfwidth": _n(reason["halfwidth"]), "scale": _n(reason["scale"])})
        elif code == "pretrend":
            out.append(_("Trained and untrained units were already drifting apart before training (p = %(p)s), so the comparison is not fair.")
                       % {"p": _n(reason["p_value"], 3)})
        else:
            out.append(_("No month allows a comparison of trained with untrained units."))
    return out
