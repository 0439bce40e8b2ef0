"""ecotalent's vocabularies in the words of the MUR calls portal and EURAXESS Jobs, both ways.

Pure lookups for service/portal (the ``job-opportunity`` XML of rmp.dtd). Each mapping that is a
one-to-one naming (career stages, research fields, contract types as the portal's job types) has
its inverse built from it, so the two directions cannot drift apart. EURAXESS's coarser terms (type
of contract, job status) are many-to-one: going back they give the ecotalent values they cover.
"""
from models.taxonomy import REGIONS, CareerStage, ContractType, values

# EURAXESS researcher profiles (the European Framework for Research Careers).
CAREER_STAGES: dict[str, str] = {
    "R1": "First Stage Researcher (R1)",
    "R2": "Recognised Researcher (R2)",
    "R3": "Established Researcher (R3)",
    "R4": "Leading Researcher (R4)",
}
# The one older EURAXESS career-stage label that the portal's published example shows; read, never written.
OLD_CAREER_STAGES: dict[str, str] = {"Early stage researcher or 0-4 yrs (Post graduate)": "R1"}

# ecotalent's research fields as EURAXESS (main research field, sub research field or None). EURAXESS
# has no top-level "materials science", "social sciences" or "humanities": the nearest names are used.
RESEARCH_FIELD_NAMES: dict[str, tuple[str, str | None]] = {
    "computer_science": ("Computer science", None),
    "engineering": ("Engineering", None),
    "physics": ("Physics", None),
    "chemistry": ("Chemistry", None),
    "mathematics": ("Mathematics", None),
    "biological_sciences": ("Biological sciences", None),
    "medical_sciences": ("Medical sciences", None),
    "environmental_science": ("Environmental science", None),
    "agricultural_sciences": ("Agricultural sciences", None),
    "economics": ("Economics", None),
    "social_sciences": ("Sociology", None),
    "humanities": ("Cultural studies", None),
    "materials_science": ("Engineering", "Materials engineering"),
    "earth_sciences": ("Geosciences", None),
    "architecture": ("Architecture", None),
}

# ecotalent's contract types as the portal's job-type (Italian, like its example "Professore di prima fascia").
JOB_TYPES: dict[str, str] = {
    "phd_scholarship": "Borsa di dottorato",
    "research_grant": "Assegno di ricerca",
    "contratto_di_ricerca": "Contratto di ricerca",
    "rtd_a": "Ricercatore a tempo determinato di tipo A",
    "rtt": "Ricercatore in tenure track",
    "technologist": "Tecnologo",
    "research_body_researcher": "Ricercatore di ente di ricerca",
    "company_employee": "Dipendente di impresa",
    "tech_transfer_officer": "Addetto al trasferimento tecnologico",
    "other": "Altro",
}
# Job types of the portal's own that ecotalent has no contract type for (its published example is a
# full professor's call, "Professore di prima fascia"; associate professors' are named alike); read, never written.
PORTAL_JOB_TYPES: dict[str, str] = {"Professore di prima fascia": "other", "Professore di seconda fascia": "other"}

# EURAXESS "type of contract": fixed-term posts are Temporary; a research body's researcher is hired
# permanently; a company's terms vary.
CONTRACT_TERMS: dict[str, str] = {
    "phd_scholarship": "Temporary", "research_grant": "Temporary", "contratto_di_ricerca": "Temporary",
    "rtd_a": "Temporary", "rtt": "Temporary", "technologist": "To be defined",
    "research_body_researcher": "Permanent", "company_employee": "To be defined",
    "tech_transfer_officer": "To be defined", "other": "Other",
}
CONTRACT_TERM_VALUES = ("Temporary", "Permanent", "To be defined", "Other")

# EURAXESS "job status" from the weekly hours: an Italian public full-time post is 36 hours.
FULL_TIME_HOURS_PER_WEEK = 36.0
PART_TIME_HOURS_PER_WEEK = 18.0  # what a "Part-time" with no hours given is read as
JOB_STATUSES = ("Full-time", "Part-time")

# The salary as written in the XML (this part of the format is ecotalent's reconstruction).
SALARY_BASES: dict[str, str] = {"gross_person": "gross", "employer_cost": "employer-cost"}

COUNTRY = "Italy"
PORTAL_DATE_FORMAT = "%d/%m/%Y"  # call-date-miur in the portal's published example: 01/04/2011
SUMMARY_MAX_CHARS = 300


def _inverse(mapping: dict) -> dict:
    inverse = {v: k for k, v in mapping.items()}
    assert len(inverse) == len(mapping), "a naming must be one-to-one"
    return inverse


_STAGE_OF = _inverse(CAREER_STAGES) | OLD_CAREER_STAGES
_FIELD_OF = _inverse(RESEARCH_FIELD_NAMES)
_CONTRACT_OF = _inverse(JOB_TYPES) | PORTAL_JOB_TYPES
_BASIS_OF = _inverse(SALARY_BASES)
_REGION_OF = _inverse(REGIONS)


def career_stage_label(stage: CareerStage) -> str:
    return CAREER_STAGES[stage]


def career_stage_of(label: str) -> str | None:
    """R1 .. R4 for a EURAXESS label (current or the portal's older one); None when unknown."""
    return _STAGE_OF.get(label.strip())


def research_field_names(field: str) -> tuple[str, str | None]:
    return RESEARCH_FIELD_NAMES[field]


def research_field_of(main: str, sub: str | None = None) -> str | None:
    """ecotalent's field for a EURAXESS main (and sub) research field: the pair when it names one of
    ours, else the main field alone (a sub-field we do not distinguish); None when unknown."""
    main, sub = main.strip(), (sub or "").strip() or None
    return _FIELD_OF.get((main, sub)) or _FIELD_OF.get((main, None))


def job_type(contract_type: ContractType) -> str:
    return JOB_TYPES[contract_type]


def contract_type_of(job_type_label: str) -> str | None:
    return _CONTRACT_OF.get(job_type_label.strip())


def contract_term(contract_type: ContractType) -> str:
    return CONTRACT_TERMS[contract_type]


def contract_types_of_term(term: str) -> tuple[str, ...]:
    """The ecotalent contract types a EURAXESS type of contract covers (empty when unknown)."""
    return tuple(c for c in values(ContractType) if CONTRACT_TERMS[c] == term.strip())


def job_status(hours_per_week: float) -> str:
    return "Full-time" if hours_per_week >= FULL_TIME_HOURS_PER_WEEK else "Part-time"


def hours_of_job_status(status: str) -> float | None:
    """Weekly hours for a job status when the file gives no hours; None when the status is unknown."""
    return {"Full-time": FULL_TIME_HOURS_PER_WEEK, "Part-time": PART_TIME_HOURS_PER_WEEK}.get(status.strip())


def salary_basis_term(basis: str) -> str:
    return SALARY_BASES[basis]


def salary_basis_of(term: str) -> str | None:
    return _BASIS_OF.get(term.strip())


def region_name(code: str) -> str:
    return REGIONS[code]


def region_of(name: str) -> str | None:
    """The NUTS-2 code of an Italian region's name, or of a code given as such."""
    name = name.strip()
    return _REGION_OF.get(name) or (name if name in REGIONS else None)


def summary(text: str, max_chars: int = SUMMARY_MAX_CHARS) -> str:
    """The portal's short description: the text's opening, cut at a word before ``max_chars``."""
    text = " ".join(text.split())
    if len(text) <= max_chars:
        return text
    cut = text[: max_chars - 1].rsplit(" ", 1)[0]
    return cut + "…"

