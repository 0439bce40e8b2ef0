"""Domain vocabularies shared by the API schemas, the seed generator and the models, and the rules
the SQL queries share with Python (each with its twin function in migration 0009).

Each vocabulary is a ``Literal`` so pydantic rejects a wrong value with the list of allowed ones,
and a tuple of the same values for code that iterates over them. The database repeats them as
CHECK constraints (service/migrations/0001_init.sql).
"""
from datetime import date
from typing import Literal, get_args

InstitutionKind = Literal["university", "research_body", "foundation", "company", "other"]
InstitutionRole = Literal["hub", "spoke", "affiliate"]

# EURAXESS researcher profiles: R1 first-stage ... R4 leading researcher.
CareerStage = Literal["R1", "R2", "R3", "R4"]

ContractType = Literal[
    "phd_scholarship",          # borsa di dottorato
    "research_grant",           # assegno di ricerca (no new calls after 2024)
    "contratto_di_ricerca",     # L. 79/2022
    "rtd_a",                    # ricercatore a tempo determinato, legacy type A
    "rtt",                      # ricercatore in tenure track
    "technologist",
    "research_body_researcher", # CNR and other research bodies
    "company_employee",
    "tech_transfer_officer",
    "other",
]
PositionStatus = Literal["draft", "open", "closed", "filled", "cancelled"]
SalaryPeriod = Literal["month", "year"]
SalaryBasis = Literal["gross_person", "employer_cost"]
RemoteOption = Literal["onsite", "hybrid", "remote"]
RemotePreference = Literal["onsite", "hybrid", "remote", "any"]
EducationLevel = Literal["none", "bachelor", "master", "phd"]
Gender = Literal["woman", "man", "non_binary", "undisclosed"]
PlaceKind = Literal["residence", "work"]
LanguageLevel = Literal["A1", "A2", "B1", "B2", "C1", "C2", "native"]

ApplicationStage = Literal["applied", "screening", "interview", "offer", "hired", "rejected", "withdrawn"]
TERMINAL_STAGES = frozenset({"hired", "rejected", "withdrawn"})
# The hiring funnel in order; an HR office may move an application forward, skipping steps,
# but "hired" only follows an accepted "offer".
FUNNEL = ("applied", "screening", "interview", "offer", "hired")

Role = Literal["admin", "hub", "hr", "candidate"]

# Where an application came from (issue 13): every link that leaves ecotalent names its channel in
# the URL (``?channel=alert``); an application made with no channel in view is "direct".
Channel = Literal[
    "direct",         # typed the address, the site's own search, a shared link without a channel
    "portal",         # the MUR calls portal XML, which forwards to EURAXESS Jobs
    "search_engine",  # schema.org JobPosting JSON-LD and sitemap.xml
    "feed",           # the Atom feed of a search
    "alert",          # a saved search's e-mail
    "invite",         # an HR office's invitation to apply
]

# NUTS-2 regions of Italy (ISTAT codes, 2021 classification).
REGIONS: dict[str, str] = {
    "ITC1": "Piemonte", "ITC2": "Valle d'Aosta", "ITC3": "Liguria", "ITC4": "Lombardia",
    "ITH1": "Bolzano", "ITH2": "Trento", "ITH3": "Veneto", "ITH4": "Friuli-Venezia Giulia",
    "ITH5": "Emilia-Romagna", "ITI1": "Toscana", "ITI2": "Umbria", "ITI3": "Marche", "ITI4": "Lazio",
    "ITF1": "Abruzzo", "ITF2": "Molise", "ITF3": "Campania", "ITF4": "Puglia", "ITF5": "Basilicata",
    "ITF6": "Calabria", "ITG1": "Sicilia", "ITG2": "Sardegna",
}

# A reduced set of EURAXESS research fields (it uses about 37 top-level ones).
RESEARCH_FIELDS: tuple[str, ...] = (
    "computer_science", "engineering", "physics", "chemistry", "mathematics", "biological_sciences",
    "medical_sciences", "environmental_science", "agricultural_sciences", "economics",
    "social_sciences", "humanities", "materials_science", "earth_sciences", "architecture",
)


def values(literal_type) -> tuple[str, ...]:
    """The allowed values of a vocabulary, in declaration order."""
    return get_args(literal_type)


def position_is_open(status: str, deadline: date | None, today: date) -> bool:
    """Open and still accepting applications on ``today``: what anonymous users and candidates may
    see and apply to. The SQL twin is ecotalent_position_is_open (migration 0009)."""
    return status == "open" and (deadline is None or deadline >= today)


def stage_distance(a: str | None, b: str | None) -> int | None:
    """Steps between two career stages (R1 .. R4); None when either is unknown.
    The SQL twin is ecotalent_stage_distance (migration 0009)."""
    if not a or not b:
        return None
    return abs(int(a[1]) - int(b[1]))


def stages_compatible(a: str | None, b: str | None) -> bool:
    """Career stages at most one step apart; an unknown stage rules nothing out.
    The SQL twin is ecotalent_stages_compatible (migration 0009)."""
    distance = stage_distance(a, b)
    return distance is None or distance <= 1


def stage_transition_error(current: str, target: str, actor_role: str) -> tuple[str, dict] | None:
    """Why an application cannot move from ``current`` to ``target`` (a message code and its
    parameters, worded by the service), or None when it can.

    HR offices move applications through the funnel or reject them; candidates may only withdraw.
    Terminal stages (hired, rejected, withdrawn) never change again.
    """
    if current in TERMINAL_STAGES:
        return "application.already_final", {"stage": current}
    if target == current:
        return "application.same_stage", {"stage": current}
    if actor_role == "candidate":
        return None if target == "withdrawn" else ("application.candidate_only_withdraws", {})
    if target == "withdrawn":
        return "application.only_candidate_withdraws", {}
    if target == "rejected":
        return None
    if target == "hired" and current != "offer":
        return "application.hire_after_offer", {}
    if FUNNEL.index(target) < FUNNEL.index(current):
        return "application.no_going_back", {"current": current, "target": target}
    return None
