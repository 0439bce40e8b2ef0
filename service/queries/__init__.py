"""All SQL lives here. Functions take an open connection and never commit: the caller owns the transaction."""
from typing import TypeAlias

import psycopg
from psycopg.rows import DictRow

# Every connection the service opens has row_factory=dict_row (service.app, service.cli, tests/conftest.py):
# rows are dicts keyed by column name. Annotate with this, not psycopg.Connection (whose rows are tuples).
Connection: TypeAlias = psycopg.Connection[DictRow]


def one(cursor: psycopg.Cursor[DictRow]) -> DictRow:
    """The row of a statement that always returns exactly one (INSERT ... RETURNING, an aggregate, a row
    the caller has just locked); a missing row is a bug, not an answer, and raises LookupError."""
    row = cursor.fetchone()
    if row is None:
        raise LookupError("the statement returned no row")
    return row
