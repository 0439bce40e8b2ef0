"""Reading a bulk upload of positions (CSV or JSON) into rows, and checking each row.

CSV: one header row with PositionCreate field names; list cells separated by ';'
(``fields``, ``required_skills``); ``languages`` as ``en:C1;it:B2``; empty cells mean "not given".
JSON: a list of objects with the same fields as POST /positions.
"""
import csv
import io
import json

from pydantic import ValidationError

from service.schemas.common import validation_messages
from service.schemas.positions import PositionCreate

MAX_ROWS = 5_000
_LIST_COLUMNS = {"fields", "required_skills"}


class UnreadableUpload(ValueError):
    """The file as a whole cannot be read (wrong format, encoding, or too many rows)."""


def read_rows(content: bytes, filename: str) -> list[dict]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UnreadableUpload(f"the file is not UTF-8 text (byte {exc.start} is not valid)") from None
    if filename.lower().endswith(".json"):
        rows = _json_rows(text)
    elif filename.lower().endswith(".csv"):
        rows = _csv_rows(text)
    else:
        raise UnreadableUpload("name the file *.csv or *.json so its format is known")
    if not rows:
        raise UnreadableUpload("the file has no rows")
    if len(rows) > MAX_ROWS:
        raise UnreadableUpload(f"the file has {len(rows)} rows; split it into files of at most {MAX_ROWS}")
    return rows


def _json_rows(text: str) -> list[dict]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise UnreadableUpload(f"the JSON is not valid: {exc.msg} at line {exc.lineno}, column {exc.colno}") from None
    if not isinstance(data, list):
        raise UnreadableUpload("the JSON must be a list of positions, e.g. [{\"title_en\": ...}, ...]")
    return data


def _csv_rows(text: str) -> list[dict]:
    reader = csv.DictReader(io.StringIO(text))
    if not reader.fieldnames:
        raise UnreadableUpload("the CSV has no header row")
    rows = []
    for raw in reader:
        if None in raw:
            rows.append({"__error__": f"the row has more cells than the header's {len(reader.fieldnames)}"})
            continue
        rows.append({k.strip(): _csv_value(k.strip(), v) for k, v in raw.items() if v is not None and v.strip() != ""})
    return rows


def _csv_value(column: str, cell: str):
    cell = cell.strip()
    if column in _LIST_COLUMNS:
        return [part.strip() for part in cell.split(";") if part.strip()]
    if column == "languages":
        pairs = [part.strip().split(":", 1) for part in cell.split(";") if part.strip()]
        return [{"language": p[0].strip(), "level": p[1].strip() if len(p) > 1 else ""} for p in pairs]
    return cell


def check_row(row) -> tuple[PositionCreate | None, list[str]]:
    """The validated position, or the reasons a person can fix in the file."""
    if not isinstance(row, dict):
        return None, ["each row must be an object with position fields"]
    if "__error__" in row:
        return None, [row["__error__"]]
    try:
        return PositionCreate.model_validate(row), []
    except ValidationError as exc:
        return None, validation_messages(exc)
