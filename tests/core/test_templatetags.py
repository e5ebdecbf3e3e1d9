"""The number filter every table uses: grouped thousands, whole numbers whole, others to two decimals."""
from decimal import Decimal

import pytest
from django.utils import translation

from puente.core.templatetags.puente import grouped


@pytest.mark.parametrize(("value", "english", "spanish"), [
    (1234567, "1,234,567", "1\xa0234\xa0567"),
    (6230312.0, "6,230,312", "6\xa0230\xa0312"),
    (8.828925552455237, "8.83", "8,83"),
    (Decimal("40.5"), "40.50", "40,50"),
    (-0.004, "0", "0"),
    (None, "—", "—"),
])
def test_grouped(value, english, spanish):
    with translation.override("en"):
        assert grouped(value) == english
    with translation.override("es"):
        assert grouped(value) == spanish
