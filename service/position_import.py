"""Reading a bulk upload of positions (CSV or JSON) into rows, and checking each row.

CSV: one header row with PositionCreate field names; list cells separated by ';'
(``fields``, ``required_skills``); ``languages`` as ``en:C1;it:B2``; empty cells mean "not given".
JSON: a list of objects with the same fields as POST /positions.
"""
import csv
import io
import json
from datetime import date, timedelta

from pydantic import ValidationError

from service.domain import Invalid
from service.messages import Message, english
from service.schemas.common import validation_messages
from service.schemas.positions import PositionCreate
from service.validation import field_message, path_of

MAX_ROWS = 5_000
MAX_NESTING = 4  # a list of positions, each an object, its languages a list of objects
MAX_DIGITS = 20  # any number a position holds; Python refuses over 4,300 digits with a bare ValueError
_LIST_COLUMNS = {"fields", "required_skills"}


class UnreadableUpload(Invalid):
    """The file as a whole cannot be read (wrong format, encoding, or too many rows)."""

    def __init__(self, code: str, **params: object):
        super().__init__(code, field="file", **params)


# One thing wrong with a row: the English the API has always answered, its message, and the field
# it is about (None for the row as a whole).
RowProblem = tuple[str, Message, str | None]


def problem(code: str, **params: object) -> RowProblem:
    """A problem with a row as a whole (not one field), for a row that holds it under "__error__"."""
    message = Message(code, params)
    return english(message), message, None


def read_rows(content: bytes, filename: str) -> list[dict]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UnreadableUpload("import.not_utf8", byte=exc.start) from None
    if filename.lower().endswith(".json"):
        rows = _json_rows(text)
    elif filename.lower().endswith(".csv"):
        rows = _csv_rows(text)
    else:
        raise UnreadableUpload("import.unknown_format")
    if not rows:
        raise UnreadableUpload("import.no_rows")
    if len(rows) > MAX_ROWS:
        raise UnreadableUpload("import.too_many_rows", rows=len(rows), max_rows=MAX_ROWS)
    return rows


def _bounded_int(digits: str) -> int:
    if len(digits.lstrip("-")) > MAX_DIGITS:
        raise UnreadableUpload("import.too_many_digits", digits=len(digits.lstrip("-")), max_digits=MAX_DIGITS)
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
    too_deep = UnreadableUpload("import.too_deep", max_nesting=MAX_NESTING)
    try:
        data = json.loads(text, parse_int=_bounded_int)
    except json.JSONDecodeError as exc:
        raise UnreadableUpload("import.invalid_json", reason=exc.msg, line=exc.lineno, column=exc.colno) from None
    except RecursionError:
        raise too_deep from None
    if _nesting(data, MAX_NESTING) > MAX_NESTING:
        raise too_deep
    if not isinstance(data, list):
        raise UnreadableUpload("import.not_a_list")
    return data


def _csv_rows(text: str) -> list[dict]:
    reader = csv.DictReader(io.StringIO(text))
    try:
        if not reader.fieldnames:
            raise UnreadableUpload("import.no_header")
        rows = []
        for raw in reader:
            if None in raw:
                rows.append({"__error__": problem("import.row_extra_cells", columns=len(reader.fieldnames))})
                continue
            rows.append({k.strip(): _csv_value(k.strip(), v) for k, v in raw.items() if v is not None and v.strip() != ""})
    except csv.Error as exc:  # e.g. a cell over the csv module's field size limit
        raise UnreadableUpload("import.unreadable_csv", line=reader.line_num, reason=str(exc)) from None
    return rows


def _csv_value(column: str, cell: str):
    cell = cell.strip()
    if column in _LIST_COLUMNS:
        return [part.strip() for part in cell.split(";") if part.strip()]
    if column == "languages":
        pairs = [part.strip().split(":", 1) for part in cell.split(";") if part.strip()]
        return [{"language": p[0].strip(), "level": p[1].strip() if len(p) > 1 else ""} for p in pairs]
    return cell


def check_row(row) -> tuple[PositionCreate | None, list[RowProblem]]:
    """The validated position, or the reasons a person can fix in the file (pydantic's English, which
    names the field, beside the message the pages write in their language)."""
    if not isinstance(row, dict):
        return None, [problem("import.row_not_object")]
    if "__error__" in row:
        return None, [row["__error__"]]
    try:
        return PositionCreate.model_validate(row), []
    except ValidationError as exc:
        return None, [(text, field_message(error), path_of(error) or None)
                      for text, error in zip(validation_messages(exc), exc.errors(), strict=True)]


def example_position(today: date) -> dict:
    """One position as the import takes it (a draft, so the office reviews it before opening it)."""
    return {
        "title_it": "Contratto di ricerca in apprendimento automatico per le reti elettriche",
        "title_en": "Postdoc in machine learning for energy grids",
        "description_it": "Ricerca su modelli di previsione della domanda elettrica.",
        "description_en": "Research on forecasting electricity demand.",
        "fields": ["computer_science"], "settore_concorsuale": "09/H1", "ssd": "ING-INF/05",
        "career_stage": "R2", "contract_type": "contratto_di_ricerca",
        "salary_min": 28000, "salary_max": 32000, "salary_period": "year", "salary_basis": "gross_person",
        "monthly_payments": 12, "hours_per_week": 36, "duration_months": 24, "city": "Genova", "region": "ITC3",
        "remote": "hybrid", "openings": 1, "opening_date": today.isoformat(),
        "deadline": (today + timedelta(days=60)).isoformat(), "status": "draft",
        "funding_programme": "PNRR", "funding_mission": "M4C2", "spoke": 1,
        "required_skills": ["python", "time series"], "languages": [{"language": "en", "level": "C1"}],
        "min_years_experience": 0,
    }


def template_csv(today: date) -> str:
    """A CSV to fill in: the header row of every field the import reads, and one example row."""
    example = example_position(today)
    columns = list(PositionCreate.model_fields)
    cells = {**example, "fields": ";".join(example["fields"]), "required_skills": ";".join(example["required_skills"]),
             "languages": ";".join(f"{entry['language']}:{entry['level']}" for entry in example["languages"])}
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerow({column: cells.get(column, "") for column in columns})
    return buffer.getvalue()


def template_json(today: date) -> str:
    """A JSON list with one example position."""
    return json.dumps([example_position(today)], ensure_ascii=False, indent=2) + "\n"
