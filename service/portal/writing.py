"""An institution's positions as the portal's job-opportunity XML (rmp.dtd), in ecotalent's mapping
of its vocabularies (models.euraxess). Each call's "how to apply" is its public page, channel portal."""
import re
from datetime import date

from lxml import etree

from models import euraxess
from service.links import position_url
from service.portal.schema import DOCTYPE

_INST_NR = {"inst": "1", "nr": "1"}  # as on every description element of the published example
# Characters XML 1.0 cannot hold (control characters a pasted text may carry): left out of the file.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def portal_date(day: date) -> str:
    return day.strftime(euraxess.PORTAL_DATE_FORMAT)


def _number(value: float | None) -> str | None:
    if value is None:
        return None
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def _add(parent: etree._Element, tag: str, text: object, published: bool = True) -> None:
    if text is None or text == "":
        return
    element = etree.SubElement(parent, tag, _INST_NR if published else {})
    element.text = _NOT_XML.sub("", str(text))


def _description(parent: etree._Element, p: dict) -> None:
    d = etree.SubElement(parent, "description")
    _add(d, "job-type", euraxess.job_type(p["contract_type"]))
    _add(d, "job-title", p["title_en"])
    _add(d, "job-title-miur", p["title_it"])
    _add(d, "job-summary", p["description_en"] and euraxess.summary(p["description_en"]))
    _add(d, "job-summary-miur", p["description_it"] and euraxess.summary(p["description_it"]))
    _add(d, "job-description", p["description_en"])
    _add(d, "job-description-miur", p["description_it"])
    _add(d, "call-date-miur", portal_date(p["opening_date"]))
    _add(d, "nr-job-position", p["openings"])
    for field in p["fields"]:
        main, sub = euraxess.research_field_names(field)
        _add(d, "main-research-field", main)
        _add(d, "sub-research-field", sub)
    _add(d, "main-research-field-miur", p["settore_concorsuale"])
    _add(d, "sub-research-field-miur", p["ssd"])
    _add(d, "career-stage", euraxess.career_stage_label(p["career_stage"]))
    _add(d, "type-of-contract", euraxess.contract_term(p["contract_type"]), published=False)
    _add(d, "job-status", euraxess.job_status(p["hours_per_week"]), published=False)
    _add(d, "hours-per-week", _number(p["hours_per_week"]), published=False)
    _add(d, "contract-duration-months", p["duration_months"], published=False)
    if p["salary_min"] is not None or p["salary_max"] is not None:
        salary = etree.SubElement(d, "salary", {
            "currency": "EUR", "period": p["salary_period"], "basis": euraxess.salary_basis_term(p["salary_basis"]),
            "payments-per-year": str(p["monthly_payments"])})
        _add(salary, "salary-min", _number(p["salary_min"]), published=False)
        _add(salary, "salary-max", _number(p["salary_max"]), published=False)


def _job_opportunity(root: etree._Element, institution: dict, p: dict, public_url: str) -> None:
    job = etree.SubElement(root, "job-opportunity", {
        "id": str(p["id"]), "organisationName": _NOT_XML.sub("", institution["name"]),
        "organisationIDkey": str(institution["id"]),
        "lastmodifieddate": p["updated_at"].date().isoformat()})
    _description(job, p)
    location = etree.SubElement(job, "work-location")
    _add(location, "country", euraxess.COUNTRY, published=False)
    _add(location, "region", p["region"] and euraxess.region_name(p["region"]), published=False)
    _add(location, "city", p["city"], published=False)
    application = etree.SubElement(job, "application-details")
    _add(application, "application-deadline", p["deadline"] and portal_date(p["deadline"]), published=False)
    _add(application, "application-website", position_url(public_url, p["id"], "portal"), published=False)


def document(institution: dict, positions: list[dict], public_url: str) -> bytes:
    """The XML file (UTF-8, with the portal's DOCTYPE) of ``positions``, rows as queries.positions reads them."""
    root = etree.Element("all")
    for p in positions:
        _job_opportunity(root, institution, p, public_url)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True, doctype=DOCTYPE)
