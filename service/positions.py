"""Positions, the use cases: who sees which, HR offices write their own institution's, bulk import.

Called by the API (service/routers/positions.py) and the pages alike; refusals are service.domain errors.
"""
from typing import BinaryIO, Literal

import psycopg
from pydantic import ValidationError

from service import access, position_import
from service.domain import Forbidden, Invalid, InvalidFields, TooLarge, not_found
from service.messages import Message
from service.queries import Connection, positions
from service.salaries import SalaryModels, salary_check
from service.schemas.auth import UserRead
from service.schemas.common import MessageRead
from service.schemas.positions import ImportReport, PositionCreate, PositionFilters, PositionUpdate, RejectedRow

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
ImportMode = Literal["all_or_nothing", "per_row"]


def list_visible(conn: Connection, user: UserRead | None, filters: PositionFilters) -> dict:
    """A page of the positions the user may see (access.position_visibility) that match the filters."""
    rows, total = positions.list_positions(conn, filters.model_dump(), **access.position_visibility(user))
    return {"items": rows, "total": total, "limit": filters.limit, "offset": filters.offset}


def readable(conn: Connection, user: UserRead | None, position_id: int) -> dict:
    """The position if the user may read it; NotFound otherwise (the same answer as for no such position)."""
    row = positions.get_position(conn, position_id)
    if row is None or not access.can_read_position(user, row):
        raise not_found("position", position_id)
    return row


def own(conn: Connection, user: UserRead, position_id: int) -> dict:
    """The position if it belongs to the officer's institution: another's is not found (the pages' rule,
    where an office never reaches another's position)."""
    row = readable(conn, user, position_id)
    if row["institution_id"] != user.institution_id:
        raise not_found("position", position_id)
    return row


def _written(conn: Connection, position_id: int) -> dict:
    """A position this transaction has just inserted or changed: it is there."""
    row = positions.get_position(conn, position_id)
    assert row is not None, position_id
    return row


def create(conn: Connection, user: UserRead, body: PositionCreate, models: SalaryModels) -> dict:
    """A new position of the officer's institution, with the salary check of what was posted."""
    position_id = positions.insert_position(conn, user.own_institution_id, body.model_dump(exclude_none=True))
    created = _written(conn, position_id)
    return created | {"salary_check": salary_check(conn, models, user.own_institution_id, created)}


def merged(current: dict, body: PositionUpdate) -> dict:
    """The position as it would be after the update; a field sent as null stays null (clearing a
    required field is an error, not a default)."""
    return {k: current[k] for k in positions.WRITABLE if current[k] is not None} | body.model_dump(exclude_unset=True)


def update(conn: Connection, user: UserRead, position_id: int, body: PositionUpdate, models: SalaryModels) -> dict:
    """Changes the fields sent; the whole position is checked again (InvalidFields, as a 422 list of field errors)."""
    current = readable(conn, user, position_id)
    if current["institution_id"] != user.institution_id:
        raise Forbidden("position.other_institution")
    try:
        PositionCreate.model_validate(merged(current, body))
    except ValidationError as exc:
        raise InvalidFields(exc.errors()) from None
    positions.update_position(conn, position_id, body.model_dump(exclude_unset=True))
    updated = _written(conn, position_id)
    return updated | {"salary_check": salary_check(conn, models, user.own_institution_id, updated)}


def close(conn: Connection, user: UserRead, position_id: int, models: SalaryModels) -> dict:
    """Closes the position: candidates can no longer apply; applications received stay in the pipeline."""
    return update(conn, user, position_id, PositionUpdate(status="closed"), models)


# --- bulk import ---

class ImportRejected(Invalid):
    """All or nothing, and some rows were refused: nothing is kept. ``report`` says which rows and why."""

    def __init__(self, report: ImportReport):
        self.report = report
        super().__init__("import.rejected", field="file", rejected=len(report.rejected), received=report.received)


def read_upload(file: BinaryIO) -> bytes:
    """The uploaded file's bytes; TooLarge past MAX_UPLOAD_BYTES (read no further than one byte over)."""
    content = file.read(MAX_UPLOAD_BYTES + 1)
    if len(content) > MAX_UPLOAD_BYTES:
        raise TooLarge("import.too_large", field="file", max_mib=MAX_UPLOAD_BYTES // 2**20)
    return content


def import_file(conn: Connection, user: UserRead, content: bytes, filename: str, mode: ImportMode,
                models: SalaryModels) -> ImportReport:
    """Creates the file's positions (CSV or JSON) for the officer's institution (import_rows).
    UnreadableUpload when the file as a whole cannot be read."""
    return import_rows(conn, user.own_institution_id, position_import.read_rows(content, filename), mode, models)


def import_rows(conn: Connection, institution_id: int, rows: list, mode: ImportMode, models: SalaryModels) -> ImportReport:
    """Creates the rows' positions for the institution, each with its salary check: the one path of
    every bulk import (CSV, JSON, the portal's XML), after the caller has checked who may do it.

    per_row keeps the good rows and reports the others; all_or_nothing keeps none when one row is
    refused (ImportRejected, with the report)."""
    created_ids: list[int] = []
    rejected: list[RejectedRow] = []
    with conn.transaction() as whole:  # a savepoint: all_or_nothing undoes every row at once
        for number, row in enumerate(rows, start=1):
            position, problems = position_import.check_row(row)
            if position is not None:
                try:
                    with conn.transaction():  # a savepoint: a row the database refuses leaves no trace
                        created_ids.append(positions.insert_position(conn, institution_id,
                                                                     position.model_dump(exclude_none=True)))
                except psycopg.Error as exc:
                    reason = exc.diag.message_primary or str(exc)  # the API's English stays the database's words
                    problems = [(reason, Message("import.row_refused", {"reason": reason}), None)]
            if problems:
                rejected.append(RejectedRow(row=number, errors=[text for text, _, _ in problems], error_messages=[
                    MessageRead(code=m.code, params=dict(m.params), field=f) for _, m, f in problems]))
        if mode == "all_or_nothing" and rejected:
            report = ImportReport(mode=mode, received=len(rows), created=0, created_ids=[], salary_checks=[],
                                  rejected=rejected)
            raise psycopg.Rollback(whole)  # leaves the block, rolled back, without an error
    if mode == "all_or_nothing" and rejected:
        raise ImportRejected(report)
    checks = [salary_check(conn, models, institution_id, _written(conn, i)) for i in created_ids]
    return ImportReport(mode=mode, received=len(rows), created=len(created_ids), created_ids=created_ids,
                        salary_checks=checks, rejected=rejected)
