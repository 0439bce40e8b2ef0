"""Recorded impact indicators and the hiring data the computed ones come from."""
from datetime import date

from service.queries import Connection, one

_COLUMNS = ("id, family, indicator, eu_code, quarter, value, unit, institution_id, partner_ids, description,"
            " evidence, recorded_at")


def record(conn: Connection, data: dict) -> dict:
    return one(conn.execute(
        f"INSERT INTO impact_records (family, indicator, eu_code, quarter, value, unit, institution_id, partner_ids,"
        f" description, evidence, recorded_by) VALUES (%(family)s, %(indicator)s, %(eu_code)s, %(quarter)s, %(value)s,"
        f" %(unit)s, %(institution_id)s, %(partner_ids)s, %(description)s, %(evidence)s, %(recorded_by)s)"
        f" RETURNING {_COLUMNS}", data))


def recorded(conn: Connection, first: date, last: date) -> list[dict]:
    return conn.execute(f"SELECT {_COLUMNS} FROM impact_records WHERE quarter BETWEEN %s AND %s ORDER BY quarter, id",
                        (first, last)).fetchall()

