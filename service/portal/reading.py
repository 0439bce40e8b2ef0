"""A file of the portal's job-opportunity XML (rmp.dtd) read into rows of position fields, one per
call, for the bulk import's checks (service.position_import.check_row) and its all-or-nothing or
per-row rules (service.positions.import_rows).

A file that cannot be read as a whole (not XML, its own DTD or entities, not following rmp.dtd, no
calls, too many) is refused with UnreadableUpload; a call whose terms ecotalent does not know becomes
a row holding that one problem. Numbers and texts go to the row as written: the position's own
validation names what is wrong with them.
"""
import re
from collections.abc import Iterable
from datetime import date, datetime
from typing import TypeVar

from lxml import etree

from models import euraxess
from models.taxonomy import REGIONS, position_is_open
from service.portal.schema import first_error, safe_parser
from service.position_import import MAX_ROWS, RowProblem, UnreadableUpload, problem

T = TypeVar("T")
_SETTORE = re.compile(r"^\s*(\d{2}/[A-Z]\d)\b")  # "07/C1 - INGEGNERIA AGRARIA, ..." -> 07/C1


class _Refused(Exception):
    def __init__(self, found: RowProblem):
        self.problem = found


def parse(content: bytes) -> etree._Element:
    """The document's root, once it is well-formed XML without a DTD of its own and follows rmp.dtd."""
    try:
        tree = etree.fromstring(content, safe_parser()).getroottree()
    except etree.XMLSyntaxError as exc:
        raise UnreadableUpload("portal.not_xml", reason=exc.msg, line=exc.lineno) from None
    internal = tree.docinfo.internalDTD  # <!DOCTYPE all [...]>: where billion laughs and external entities live
    if internal is not None and (any(internal.iterentities()) or any(internal.iterelements())):
        raise UnreadableUpload("portal.internal_dtd")
    root = tree.getroot()
    entity = next(root.iter(etree.Entity), None)  # left unexpanded by the parser: refused, never read as text
    if entity is not None:
        raise UnreadableUpload("portal.entity", name=entity.name, line=entity.sourceline)
    if root.tag != "all":
        raise UnreadableUpload("portal.not_valid", reason=f"the root element is <{root.tag}>, not <all>",
                               line=root.sourceline)
    error = first_error(root)
    if error is not None:
        raise UnreadableUpload("portal.not_valid", reason=error.message, line=error.line)
    return root


def read_rows(content: bytes, today: date | None = None) -> list[dict]:
    """One row of position fields per job-opportunity, in the file's order."""
    calls = parse(content).findall("job-opportunity")
    if not calls:
        raise UnreadableUpload("import.no_rows")
    if len(calls) > MAX_ROWS:
        raise UnreadableUpload("import.too_many_rows", rows=len(calls), max_rows=MAX_ROWS)
    day = today or date.today()
    rows = []
    for call in calls:
        try:
            rows.append(_row(call, day))
        except _Refused as exc:
            rows.append({"__error__": exc.problem})
    return rows


def _text(parent: etree._Element | None, tag: str) -> str | None:
    element = parent.find(tag) if parent is not None else None
    text = (element.text or "").strip() if element is not None else ""
    return text or None


def _term(element: str, value: str, found: T | None, allowed: Iterable[str]) -> T:
    if found is None:
        raise _Refused(problem("portal.unknown_term", element=element, value=value, allowed=", ".join(allowed)))
    return found


def _date(element: str, value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return datetime.strptime(value, euraxess.PORTAL_DATE_FORMAT).date()
    except ValueError:
        raise _Refused(problem("portal.bad_date", element=element, value=value)) from None


def _fields(description: etree._Element) -> list[str]:
    found: list[str] = []
    for element in description.iterfind("main-research-field"):
        main = (element.text or "").strip()
        following = element.getnext()
        sub = (following.text or "").strip() if following is not None and following.tag == "sub-research-field" else None
        field = _term("main-research-field", main, euraxess.research_field_of(main, sub),
                      sorted({m for m, _ in euraxess.RESEARCH_FIELD_NAMES.values()}))
        if field not in found:
            found.append(field)
    return found


def _salary(description: etree._Element) -> dict:
    salary = description.find("salary")
    if salary is None:
        return {}
    basis = salary.get("basis", "gross")
    return {"salary_min": _text(salary, "salary-min"), "salary_max": _text(salary, "salary-max"),
            "salary_period": salary.get("period", "year"),
            "salary_basis": _term("salary basis", basis, euraxess.salary_basis_of(basis), euraxess.SALARY_BASES.values()),
            "monthly_payments": int(salary.get("payments-per-year", "12"))}  # rmp.dtd: 12, 13 or 14


def _hours(description: etree._Element) -> str | float:
    hours = _text(description, "hours-per-week")
    if hours is not None:
        return hours
    status = _text(description, "job-status") or ""
    return _term("job-status", status, euraxess.hours_of_job_status(status), euraxess.JOB_STATUSES)


def _location(call: etree._Element) -> dict:
    location = call.find("work-location")
    region = _text(location, "region")
    if region is None or _text(location, "country") != euraxess.COUNTRY:
        return {"city": _text(location, "city")}
    return {"city": _text(location, "city"),
            "region": _term("region", region, euraxess.region_of(region), REGIONS.values())}


def _row(call: etree._Element, today: date) -> dict:
    d = call.find("description")
    assert d is not None  # rmp.dtd requires it
    job_type = _text(d, "job-type") or ""
    stage = _text(d, "career-stage") or ""
    settore = _text(d, "main-research-field-miur")
    code = _SETTORE.match(settore) if settore else None
    deadline = _date("application-deadline", _text(call.find("application-details"), "application-deadline"))
    row = {
        "title_en": _text(d, "job-title"), "title_it": _text(d, "job-title-miur"),
        "description_en": _text(d, "job-description") or _text(d, "job-summary"),
        "description_it": _text(d, "job-description-miur") or _text(d, "job-summary-miur"),
        "contract_type": _term("job-type", job_type, euraxess.contract_type_of(job_type), euraxess.JOB_TYPES.values()),
        "career_stage": _term("career-stage", stage, euraxess.career_stage_of(stage), euraxess.CAREER_STAGES.values()),
        "fields": _fields(d),
        "settore_concorsuale": code.group(1) if code else settore,
        "ssd": _text(d, "sub-research-field-miur"),
        "openings": _text(d, "nr-job-position"),
        "opening_date": _date("call-date-miur", _text(d, "call-date-miur")),
        "hours_per_week": _hours(d),
        "duration_months": _text(d, "contract-duration-months"),
        "deadline": deadline,
        # a call brought in is published as it was: open while it accepts applications, else closed
        "status": "open" if position_is_open("open", deadline, today) else "closed",
    } | _salary(d) | _location(call)
    return {k: v for k, v in row.items() if v is not None}
