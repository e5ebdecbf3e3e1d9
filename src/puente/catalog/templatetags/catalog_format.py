from django import template
from django.utils import formats

from puente.catalog.exports import number as plain

register = template.Library()


@register.filter
def number(value):
    """A stored decimal without trailing zeros, in the reader's format: 4.5 (4,5), 5, 12.25."""
    value = plain(value)
    return formats.number_format(value) if value != "" else ""
