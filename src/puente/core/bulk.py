"""Writing many new rows at once, and what a database needs after. THE ONE MODULE WITH
DATABASE-SPECIFIC SQL.

Everywhere else Puente speaks through the ORM or portable SQL. A million-row import needs
what each database does best, so the vendor-specific statements live here and nowhere else:

* PostgreSQL: ``COPY … FROM STDIN`` through psycopg 3. A parametrized INSERT of many rows
  spends most of its time building the statement text on the client; COPY streams the rows.
  A large copy is followed by ``ANALYZE``: until autovacuum notices, the planner takes the
  table for as small as it was, and scans all of it to look up a few people's records (a
  re-import right after a million-row import took three times as long).
* SQLite: one prepared INSERT run for every row (``executemany``), with a larger page cache
  while it runs: the indexes of a large table do not fit SQLite's default 2 MB cache, and
  spilling them to disk halves the speed of a million-row insert.
* Any other database: the same portable ``executemany``, without the cache setting.

Rows are written inside the caller's transaction, so an import stays all or nothing.

After a bulk load (the demo, a benchmark's build) `refresh_statistics` brings the planner's
statistics up to date, and on PostgreSQL the visibility map too (VACUUM), which autovacuum would
do in its own time: until then a count over a covering index (certification coverage) still
reads every table page it names.
"""
from collections.abc import Iterable
from contextlib import contextmanager
from itertools import islice

from django.db import connection

ROWS_PER_CALL = 10_000  # rows handed to the driver at once: the source is consumed as it is written
SQLITE_CACHE_KIB = 128 * 1024  # measured: a million records with nine indexes gain nothing from more
ANALYZE_AFTER_ROWS = 10_000


def insert_rows(table: str, columns: list[str], rows: Iterable[tuple]) -> int:
    """Insert `rows` (database-ready values in the order of `columns`) into `table`; return how many.

    `rows` may be a generator: it is consumed while the rows are written, so it can report
    progress and need not fit in memory.
    """
    if connection.vendor == "postgresql":
        return _copy(table, columns, rows)
    if connection.vendor == "sqlite":
        with _sqlite_cache(SQLITE_CACHE_KIB):
            return _execute_many(table, columns, rows)
    return _execute_many(table, columns, rows)


def _copy(table: str, columns: list[str], rows: Iterable[tuple]) -> int:
    quote = connection.ops.quote_name
    statement = "COPY %s (%s) FROM STDIN" % (quote(table), ", ".join(map(quote, columns)))
    count = 0
    # The driver's own cursor runs COPY: Django's wrapper would not turn its errors into Django's.
    with connection.cursor() as cursor, connection.wrap_database_errors, cursor.cursor.copy(statement) as copy:
        write_row = copy.write_row
        for row in rows:
            write_row(row)
            count += 1
    if count >= ANALYZE_AFTER_ROWS:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE %s" % quote(table))
    return count


def _execute_many(table: str, columns: list[str], rows: Iterable[tuple]) -> int:
    quote = connection.ops.quote_name
    statement = "INSERT INTO %s (%s) VALUES (%s)" % (
        quote(table), ", ".join(map(quote, columns)), ", ".join(["%s"] * len(columns))
    )
    count = 0
    rows = iter(rows)
    with connection.cursor() as cursor:
        while chunk := list(islice(rows, ROWS_PER_CALL)):
            cursor.executemany(statement, chunk)
            count += len(chunk)
    return count


@contextmanager
def _sqlite_cache(kib: int):
    """SQLite's page cache at `kib` kibibytes for a block, then as it was (the setting is per connection)."""
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        previous = cursor.fetchone()[0]
        cursor.execute("PRAGMA cache_size = %d" % -kib)
        try:
            yield
        finally:
            cursor.execute("PRAGMA cache_size = %d" % previous)


def refresh_statistics() -> None:
    """ANALYZE every table; on PostgreSQL outside a transaction, VACUUM (ANALYZE), which may not run in one."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql" and not connection.in_atomic_block:
            cursor.execute("VACUUM (ANALYZE)")
        else:
            cursor.execute("ANALYZE")
