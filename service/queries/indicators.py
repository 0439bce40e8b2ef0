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



def recent(conn: Connection, institution_id: int | None, limit: int) -> list[dict]:
    """The latest records, newest first, with the names of their institution and partners: an
    institution's own (``institution_id``), or every record when None."""
    return conn.execute(
        f"SELECT {', '.join('r.' + c.strip() for c in _COLUMNS.split(','))}, i.name AS institution_name,"
        " ARRAY(SELECT p.name FROM institutions p WHERE p.id = ANY(r.partner_ids) ORDER BY p.name) AS partner_names"
        " FROM impact_records r LEFT JOIN institutions i ON i.id = r.institution_id"
        " WHERE %(institution)s::bigint IS NULL OR r.institution_id = %(institution)s"
        " ORDER BY r.recorded_at DESC, r.id DESC LIMIT %(limit)s", {"institution": institution_id, "limit": limit}).fetchall()


def institution_choices(conn: Connection) -> list[dict]:
    """Every institution by name, for choosing partners (institutions are public)."""
    return conn.execute("SELECT id, name FROM institutions ORDER BY name, id").fetchall()
