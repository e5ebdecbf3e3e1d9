import datetime
from decimal import Decimal

from django import template
from django.utils import formats
from django.utils.html import format_html
from django.utils.translation import gettext as _

register = template.Library()


@register.simple_tag
def cell(obj, column):
    """A table cell: localized dates, numbers and yes/no; the link column opens the object."""
    value = column.value(obj)
    if isinstance(value, bool):
        text = _("yes") if value else _("no")
    elif isinstance(value, datetime.datetime):
        text = formats.localize(template.defaultfilters.date(value, "SHORT_DATETIME_FORMAT"))
    elif isinstance(value, datetime.date):
        text = formats.date_format(value, "SHORT_DATE_FORMAT")
    elif isinstance(value, (int, float)) and not column.plain:
        text = formats.number_format(value, force_grouping=True)
    else:
        text = str(value)
    if column.link and hasattr(obj, "get_absolute_url"):
        return format_html('<a href="{}">{}</a>', obj.get_absolute_url(), text or "—")
    return text


@register.simple_tag(takes_context=True)
def page_url(context, page_number):
    query = context.get("querystring", "")
    return f"?{query}&page={page_number}" if query else f"?page={page_number}"


@register.filter
def percent(value, digits: int = 1):
    """A share (0–1) as a localized percentage; empty when there is none."""
    if value is None or value == "":
        return "—"
    return f"{formats.number_format(float(value) * 100, int(digits))} %"


@register.filter
def grouped(value):
    """A number with the locale's thousands separator: whole numbers as such, others to two decimals
    (an estimate or a sum of hours need not show every digit it was computed with)."""
    if value is None or value == "":
        return "—"
    if isinstance(value, (float, Decimal)):
        shown = round(value, 2) + 0  # + 0: no "-0" for a value that rounds to zero
        return formats.number_format(shown, 0 if shown == int(shown) else 2, force_grouping=True)
    return formats.number_format(value, force_grouping=True)
