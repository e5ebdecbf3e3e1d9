"""The bulk writer: COPY on PostgreSQL, executemany on SQLite, the same rows either way."""
import pytest
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from puente.core import bulk
from puente.core.models import Job
from puente.registry.models import Country

COLUMNS = ("kind", "params", "state", "percent", "message", "error", "language", "created_at")


def _page_cache() -> int | None:
    if connection.vendor != "sqlite":
        return None
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        return cursor.fetchone()[0]


def test_insert_rows_streams_a_generator_into_the_table(db):
    fields = [Job._meta.get_field(name) for name in COLUMNS]
    now = timezone.now()
    consumed = []

    def rows():
        for n in range(bulk.ROWS_PER_CALL + 2_500):  # more than one call's worth
            consumed.append(n)
            values = (f"bulk-{n}", {"n": n}, "queued", n % 100, "", "", "en", now)
            yield tuple(field.get_db_prep_save(value, connection) for field, value in zip(fields, values))

    cache_before = _page_cache()
    count = bulk.insert_rows(Job._meta.db_table, [field.column for field in fields], rows())
    assert count == len(consumed) == bulk.ROWS_PER_CALL + 2_500
    assert Job.objects.filter(kind__startswith="bulk-").count() == count
    last = Job.objects.get(kind=f"bulk-{count - 1}")
    assert (last.params, last.percent, last.state, last.created_at) == ({"n": count - 1}, (count - 1) % 100, "queued", now)
    assert _page_cache() == cache_before  # SQLite's larger cache is for the insert only


def test_a_duplicate_key_is_djangos_integrity_error_on_every_database(db):
    with pytest.raises(IntegrityError), transaction.atomic():
        bulk.insert_rows(Country._meta.db_table, ["code", "name_en", "name_es"], iter([("ZZ", "Z", "Z"), ("ZZ", "Z", "Z")]))
    assert not Country.objects.filter(code="ZZ").exists()
