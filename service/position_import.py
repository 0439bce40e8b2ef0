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
MAX_NESTING = 4  # a list of positions, each an object, its languages a list of objects
MAX_DIGITS = 20  # any number a position holds; Python refuses over 4,300 digits with a bare ValueError
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


def _bounded_int(digits: str) -> int:
    if len(digits.lstrip("-")) > MAX_DIGITS:
        raise UnreadableUpload(f"a number in the file has {len(digits.lstrip('-'))} digits; numbers here have at most {MAX_DIGITS}")
    return int(digits)


def _nesting(value, limit: int) -> int:
    """How deep lists and objects nest in ``value``, counting no further than ``limit`` + 1."""
    children = value.values() if isinstance(value, dict) else value if isinstance(value, list) else None
    if children is None:
        return 0
    if limit <= 0:
        return 1
    return 1 + max((_nesting(child, limit - 1) for child in children), default=0)


def _json_rows(text: str) -> list[dict]:
    too_deep = UnreadableUpload(f"the JSON is nested too deeply: a file of positions has at most {MAX_NESTING} "
                                "levels (a list of objects, their lists of languages)")
    try:
        data = json.loads(text, parse_int=_bounded_int)
    except json.JSONDecodeError as exc:
        raise UnreadableUpload(f"the JSON is not valid: {exc.msg} at line {exc.lineno}, column {exc.colno}") from None
    except RecursionError:
        raise too_deep from None
    if _nesting(data, MAX_NESTING) > MAX_NESTING:
        raise too_deep
    if not isinstance(data, list):
        raise UnreadableUpload("the JSON must be a list of positions, e.g. [{\"title_en\": ...}, ...]")
    return data


def _csv_rows(text: str) -> list[dict]:
    reader = csv.DictReader(io.StringIO(text))
    try:
        if not reader.fieldnames:
            raise UnreadableUpload("the CSV has no header row")
        rows = []
        for raw in reader:
            if None in raw:
                rows.append({"__error__": f"the row has more cells than the header's {len(reader.fieldnames)}"})
                continue
            rows.append({k.strip(): _csv_value(k.strip(), v) for k, v in raw.items() if v is not None and v.strip() != ""})
    except csv.Error as exc:  # e.g. a cell over the csv module's field size limit
        raise UnreadableUpload(f"the CSV cannot be read at line {reader.line_num}: {exc}") from None
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
