"""The demo ecosystem: a fictional, clearly labelled consortium with positions, candidates,
applications and hires over the past two years, shaped like the real problem: more funded openings
than people who fit them where it matters.

Pure Python: ``generate`` returns rows and touches no database, so it is deterministic for a given
seed and day, and testable alone. Salaries are drawn around the real figures in seeds.reference,
with national pay tables for public contracts and regional markets for companies, and each
institution has a planted pay premium; applicants per opening and the chance of filling a post
rise with that premium, so the hiring gap and the salary differences show in the data.

The shortage is planted (THIN_FIELDS and the constants after INSTITUTIONS say where): deep-tech
calls, company R&D ones most, hire several people at once from thin pools of candidates who expect
more and often live abroad; candidates rarely move to the South; the short fixed-term contracts pay
the legal minimum; two Southern companies underpay. Everything a call's text, topic, contract,
place and dates come from is drawn exactly as before the shortage was planted (the bilingual
search benchmark's labels hold on those texts): only how many it hires and what it pays changed.
"""
import math
import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone
from typing import Any

from models.salary import EMPLOYER_COST_RATIO, full_time_hours
from models.taxonomy import REGIONS, position_is_open
from seeds import reference as ref

DEMO_PASSWORD = "demo-password"
CANDIDATE_LOGINS = 3  # candidate1..3@demo.example
EMAIL_DOMAIN = "demo.example"

ECOSYSTEM = {
    "name": "DEMO - NOVA Innovation Ecosystem (fictional data)",
    "hub_city": "Genova",
    "regions": ["ITC3", "ITC4", "ITI4", "ITF3", "ITG1"],
}
# (short code, name, kind, role, spoke, region, city, planted pay premium as a fraction)
INSTITUTIONS = [
    ("unige", "Università Demo di Genova", "university", "hub", None, "ITC3", "Genova", 0.00),
    ("polimi", "Politecnico Demo di Milano", "university", "spoke", 1, "ITC4", "Milano", 0.05),
    ("uniroma", "Università Demo di Roma", "university", "spoke", 2, "ITI4", "Roma", 0.02),
    ("unina", "Università Demo di Napoli", "university", "spoke", 3, "ITF3", "Napoli", -0.03),
    ("unict", "Università Demo di Catania", "university", "spoke", 4, "ITG1", "Catania", -0.08),
    ("inr", "Istituto Nazionale Demo per la Ricerca", "research_body", "spoke", 5, "ITC3", "Genova", 0.00),
    ("idt", "Istituto Demo di Tecnologia", "foundation", "spoke", 5, "ITC3", "Genova", 0.12),
    ("fdr", "Fondazione Demo Roma Ricerca", "foundation", "affiliate", 2, "ITI4", "Roma", 0.04),
    ("robotica", "Demo Robotica Milano S.p.A.", "company", "affiliate", 1, "ITC4", "Milano", 0.15),
    ("cantieri", "Cantieri Navali Demo Liguria S.r.l.", "company", "affiliate", 5, "ITC3", "La Spezia", 0.03),
    ("biotech", "Demo Biotech Campania S.r.l.", "company", "affiliate", 3, "ITF3", "Napoli", -0.30),
    ("etna", "Etna Microelettronica Demo S.p.A.", "company", "affiliate", 4, "ITG1", "Catania", -0.30),
    ("aerospazio", "Demo Aerospazio Roma S.p.A.", "company", "affiliate", 2, "ITI4", "Roma", 0.08),
    ("fintech", "Milano Fintech Demo S.r.l.", "company", "affiliate", 1, "ITC4", "Milano", 0.25),
]

# The effects the demo plants, for tests and for whoever checks that the hub's tools find them
# (each is INVENTED, shaped by the sources in seeds/reference.py):
# - thin pools: fewer candidates than vacant openings in these fields, where calls also hire several
#   people at once (reference.CANDIDATE_FIELD_WEIGHTS);
THIN_FIELDS = ("materials_science", "physics", "engineering", "computer_science")
# - surplus: these fields hold most candidates and few openings;
SURPLUS_FIELDS = ("humanities", "social_sciences", "biological_sciences", "economics")
# - partners whose pay is far from the rest (the premiums above): two underpay, two overpay;
UNDERPAYING_PARTNERS = ("biotech", "etna")
OVERPAYING_PARTNERS = ("fintech", "robotica")
# - the South attracts few movers (reference.MOBILITY_REGION_WEIGHTS), and candidates living abroad
#   would move only to Milano, Roma or Genova and expect more pay (reference.ABROAD_EXPECTATION_FACTOR);
# - short fixed-term contracts pay the legal minimum (research grants, PhD scholarships), below what
#   most candidates of their stage expect;
# so the hub's allocation leaves openings unfilled, and a raise or candidates abroad moving anywhere
# each fill more (tests/service/test_demo_allocation.py).
# Share of positions each kind of partner posts, relative to a university's.
POSTING_WEIGHT = {"university": 3.0, "research_body": 2.5, "foundation": 1.5, "company": 0.8}

STAGE_SHARE = {"R1": 0.40, "R2": 0.35, "R3": 0.18, "R4": 0.07}
BIRTH_YEARS = {"R1": (1994, 2001), "R2": (1986, 1995), "R3": (1978, 1990), "R4": (1962, 1980)}
EXPECTED_PAY = {"R1": 21_000, "R2": 31_000, "R3": 40_000, "R4": 55_000}
YEARS_EXPERIENCE = {"R1": (0, 3), "R2": (2, 7), "R3": (5, 15), "R4": (12, 30)}
MIN_YEARS = {"R1": 0, "R2": 2, "R3": 5, "R4": 10}
ABROAD_COUNTRIES = ["DE", "FR", "ES", "NL", "GB", "US", "CH", "BE"]
OPENINGS = [1, 2, 3, 4, 5, 6]
# Where candidates come from (local, other Italian region, returning Italian, foreign): INVENTED shares.
ORIGIN = [0.50, 0.28, 0.08, 0.14]
ORIGIN_THIN = [0.30, 0.20, 0.22, 0.28]
SOUTH = ("ITF3", "ITG1")
MULTI_OPENING_CONTRACTS = ("phd_scholarship", "research_grant", "contratto_di_ricerca", "rtd_a", "technologist",
                           "research_body_researcher")
_SYLLABLES = ["ne", "ro", "ma", "ti", "sol", "ar", "ve", "lu", "tec", "bio", "gea", "mar", "dat", "qu", "fer", "al"]
_UTC = timezone.utc


@dataclass
class DemoData:
    ecosystem: dict
    institutions: list[dict]
    positions: list[dict] = field(default_factory=list)
    candidates: list[dict] = field(default_factory=list)
    places: list[dict] = field(default_factory=list)
    applications: list[dict] = field(default_factory=list)
    events: list[dict] = field(default_factory=list)
    accounts: list[dict] = field(default_factory=list)  # demo logins: email, role, institution or candidate


def generate(seed: int = 7, n_positions: int = 400, n_candidates: int = 3000, today: date | None = None) -> DemoData:
    """The whole demo ecosystem. Ids start at 1 in every table (it loads into an empty database)."""
    rng = random.Random(seed)
    today = today or date.today()
    institutions: list[dict[str, Any]] = [
        {"id": i, "ecosystem_id": 1, "code": code, "name": f"{name} (demo)", "kind": kind, "role": role,
         "spoke": spoke, "region": region, "city": city, "premium": premium}
        for i, (code, name, kind, role, spoke, region, city, premium) in enumerate(INSTITUTIONS, start=1)
    ]
    data = DemoData(ecosystem={"id": 1, **ECOSYSTEM}, institutions=institutions)
    weights = [POSTING_WEIGHT[inst["kind"]] for inst in institutions]
    for position_id in range(1, n_positions + 1):
        data.positions.append(_position(rng, position_id, rng.choices(institutions, weights)[0], today))
    for candidate_id in range(1, n_candidates + 1):
        candidate, places = _candidate(rng, candidate_id, today)
        data.candidates.append(candidate)
        data.places.extend(places)
    _applications(rng, data, today)
    data.accounts = _accounts(data)
    return data


def _position(rng: random.Random, position_id: int, inst: dict, today: date) -> dict:
    contracts = ref.CONTRACTS_BY_KIND[inst["kind"]]
    contract = rng.choices(list(contracts), list(contracts.values()))[0]
    stage = rng.choice(ref.STAGES_BY_CONTRACT[contract])
    field_name = rng.choice(list(ref.TOPICS))
    topic_en, topic_it, skills = rng.choice(ref.TOPICS[field_name])
    low, high = ref.CONTRACT_PAY_EUR_YEAR[contract]
    reference_pay = ref.LEADING_RESEARCHER_EUR_YEAR if stage == "R4" else (low + high) / 2
    if contract in ref.NATIONAL_TABLE_CONTRACTS:
        # National tables: the same everywhere, with top-ups a rich partner can add; never below the minimum.
        premium = inst["premium"] * 0.5 + rng.gauss(0, 0.03)
        pay = max(low, reference_pay * (1 + premium))
    else:
        premium = inst["premium"] + rng.gauss(0, 0.08)
        pay = reference_pay * ref.REGIONAL_PAY_INDEX.get(inst["region"], 1.0) * (1 + premium)
    premium = pay / reference_pay - 1
    # Pay so far is full time; hours are the contract's full time (models.salary), or 20 a week.
    hours = full_time_hours(contract)
    if contract in ("company_employee", "other") and rng.random() < 0.08:
        hours, pay = 20.0, pay * 20 / hours
    salary = _posted_salary(rng, contract, pay)

    # Two years of history, with a quarter of the calls recent enough to be open today.
    opening = today - timedelta(days=rng.randint(1, 80) if rng.random() < 0.25 else rng.randint(1, 730))
    deadline = opening + timedelta(days=rng.randint(30, 90))
    status = "open" if deadline >= today else "closed"
    roll = rng.random()
    if roll < 0.04:
        status = "draft"
    elif roll < 0.07 and status == "closed":
        status = "cancelled"
    label_en, label_it = ref.CONTRACT_LABELS[contract]
    project = f"{rng.choice(_SYLLABLES)}{rng.choice(_SYLLABLES)}".upper() + f"-{rng.randint(1, 99)}"
    focus_en, focus_it = rng.choice(ref.PROJECT_FOCUS)
    detail_en, detail_it = rng.choice(ref.CALL_DETAILS)
    required = rng.sample(skills, k=min(len(skills), rng.randint(2, 4)))
    language_mode = rng.choices(["both", "it", "en"], [0.65, 0.10, 0.25] if inst["kind"] == "company" else [0.65, 0.25, 0.10])[0]
    texts: dict[str, str | None] = {
        "title_en": f"{label_en} in {topic_en}",
        "title_it": f"{label_it} in {topic_it}",
        "description_en": (
            f"{inst['name']} offers a {label_en} position ({stage}) on {topic_en} in {inst['city']}, "
            f"within spoke {inst['spoke'] or 1} of the ecosystem. The project {project} {focus_en}. "
            f"Required skills: {', '.join(required)}. {detail_en} "
            f"Funded by the PNRR (Mission 4, Component 2, Investment 1.5)."),
        "description_it": (
            f"{inst['name']} offre una posizione di {label_it} ({stage}) su {topic_it} a {inst['city']}, "
            f"nello spoke {inst['spoke'] or 1} dell'ecosistema. Il progetto {project} {focus_it}. "
            f"Competenze richieste: {', '.join(required)}. {detail_it} "
            f"Finanziato dal PNRR (Missione 4, Componente 2, Investimento 1.5)."),
    }
    if language_mode == "it":
        texts["title_en"] = texts["description_en"] = None
    elif language_mode == "en":
        texts["title_it"] = texts["description_it"] = None
    languages = [{"language": "en", "level": "B2"}]
    if contract == "tech_transfer_officer" or (inst["kind"] == "company" and rng.random() < 0.5):
        languages.append({"language": "it", "level": "B2"})
    return {
        "id": position_id, "institution_id": inst["id"], **texts,
        "fields": [field_name], "career_stage": stage, "contract_type": contract, **salary,
        "hours_per_week": hours, "duration_months": ref.DURATION_MONTHS[contract],
        "city": inst["city"], "region": inst["region"],
        "remote": rng.choices(["onsite", "hybrid", "remote"], [0.7, 0.25, 0.05])[0],
        "openings": rng.choices(OPENINGS, _openings_weights(contract, field_name))[0],
        "opening_date": opening, "deadline": deadline, "status": status,
        "funding_programme": "PNRR M4C2 Inv. 1.5 - Ecosistemi dell'innovazione", "funding_mission": "M4C2",
        "spoke": inst["spoke"], "required_skills": required,
        "languages": languages, "education_level": ref.EDUCATION_BY_STAGE[stage],
        "min_years_experience": MIN_YEARS[stage],
        # Not a column: what the application simulation reads.
        "_premium": premium, "_pull": ref.FIELD_PULL[field_name],
    }


def _openings_weights(contract: str, field_name: str) -> list[float]:
    """How many people one call hires (INVENTED weights): deep-tech calls, company R&D ones most, hire
    several at once (a funded project staffs up in one call)."""
    if field_name in THIN_FIELDS and contract == "company_employee":
        return [0.05, 0.15, 0.25, 0.25, 0.15, 0.15]
    if field_name in THIN_FIELDS and contract in MULTI_OPENING_CONTRACTS:
        return [0.10, 0.20, 0.25, 0.20, 0.15, 0.10]
    if contract == "company_employee":
        return [0.60, 0.30, 0.10, 0.0, 0.0, 0.0]
    return [0.85, 0.10, 0.03, 0.02, 0.0, 0.0]


def _mobility(rng: random.Random, current_region: str | None, *, abroad: bool) -> list[str]:
    """The ecosystem regions a candidate would move to: their own, and one to three more drawn by how
    much each region attracts people (the South rarely); from abroad, only Milano, Roma and Genova."""
    weights = {r: w for r, w in ref.MOBILITY_REGION_WEIGHTS.items() if not (abroad and r in SOUTH)}
    chosen = {current_region} if current_region in ref.MOBILITY_REGION_WEIGHTS else set()
    for _ in range(rng.randint(1, 3)):
        chosen.add(rng.choices(list(weights), list(weights.values()))[0])
    return sorted(chosen)


def _posted_salary(rng: random.Random, contract: str, pay_eur_year: float) -> dict:
    """How a call states the pay: the many forms normalisation has to undo."""
    salary = {"salary_period": "year", "salary_basis": "gross_person", "monthly_payments": 12}
    amount = pay_eur_year
    if contract == "phd_scholarship" and rng.random() < 0.5:
        salary["salary_period"], amount = "month", pay_eur_year / 12
    elif contract in ("research_body_researcher", "technologist") and rng.random() < 0.5:
        salary.update(salary_period="month", monthly_payments=13)
        amount = pay_eur_year / 13
    elif contract == "company_employee" and rng.random() < 0.3:
        salary.update(salary_period="month", monthly_payments=14)
        amount = pay_eur_year / 14
    elif contract == "contratto_di_ricerca" and rng.random() < 0.3:
        salary["salary_basis"] = "employer_cost"
        amount = pay_eur_year * EMPLOYER_COST_RATIO[contract]  # what normalisation divides by
    if contract == "company_employee":
        return salary | {"salary_min": round(amount * 0.92, 2), "salary_max": round(amount * 1.08, 2)}
    return salary | {"salary_min": round(amount, 2), "salary_max": None}


def _candidate(rng: random.Random, candidate_id: int, today: date) -> tuple[dict, list[dict]]:
    field_name = rng.choices(list(ref.CANDIDATE_FIELD_WEIGHTS), list(ref.CANDIDATE_FIELD_WEIGHTS.values()))[0]
    # Deep-tech people are more often abroad (where they are paid more) or returning from there.
    origin = rng.choices(["local", "other_region", "returning", "foreign"],
                         ORIGIN_THIN if field_name in THIN_FIELDS else ORIGIN)[0]
    gender = rng.choices(["woman", "man", "non_binary", "undisclosed"], [0.44, 0.54, 0.01, 0.01])[0]
    name_gender = gender if gender in ("woman", "man") else rng.choice(["woman", "man"])
    stage = rng.choices(list(STAGE_SHARE), list(STAGE_SHARE.values()))[0]
    topic_en, topic_it, skills = rng.choice(ref.TOPICS[field_name])
    ecosystem_regions = ECOSYSTEM["regions"]
    other_regions = [r for r in REGIONS if r not in ecosystem_regions]

    if origin == "foreign":
        nationality = rng.choice(list(ref.FOREIGN))
        women, men, surnames = ref.FOREIGN[nationality]
        full_name = f"{rng.choice(women if name_gender == 'woman' else men)} {rng.choice(surnames)}"
    else:
        nationality = "IT"
        full_name = f"{rng.choice(ref.FIRST_NAMES_IT[name_gender])} {rng.choice(ref.LAST_NAMES_IT)}"

    # Residence history: the last ten years, with a move for those who came from elsewhere.
    ten_years_ago = today - timedelta(days=3650)
    places: list[tuple[str, str | None, date, date | None]] = []
    current_region: str | None
    if origin == "local":
        region = rng.choice(ecosystem_regions)
        places.append(("IT", region, ten_years_ago, None))
        country, current_region = "IT", region
    else:
        abroad = ABROAD_COUNTRIES if origin == "returning" else [nationality]
        home_country = "IT" if origin == "other_region" else rng.choice(abroad)
        home_region = rng.choice(other_regions) if origin == "other_region" else None
        if rng.random() < 0.4:  # already moved into the ecosystem, some months ago
            moved = today - timedelta(days=rng.randint(30, 700))
            region = rng.choice(ecosystem_regions)
            places += [(home_country, home_region, ten_years_ago, moved - timedelta(days=1)), ("IT", region, moved, None)]
            country, current_region = "IT", region
        else:
            places.append((home_country, home_region, ten_years_ago, None))
            country, current_region = home_country, home_region
    place_rows = [{"candidate_id": candidate_id, "kind": "residence", "country": c, "region": r,
                   "start_date": s, "end_date": e} for c, r, s, e in places]

    languages = [{"language": "it", "level": "native"}] if nationality == "IT" else [
        {"language": "it", "level": rng.choice(["A2", "B1", "B2"])}] if rng.random() < 0.5 else []
    languages.append({"language": "en", "level": rng.choice(["B2", "C1", "C2"])})
    years_low, years_high = YEARS_EXPERIENCE[stage]
    degree = "master" if stage == "R1" else "phd"
    extra_skills = rng.sample(["project management", "scientific writing", "data analysis", "teaching", "grant writing"], k=2)
    write_italian = nationality == "IT" and rng.random() < 0.3
    previous, years_there = rng.choice(ref.PREVIOUS_PLACES), rng.randint(1, 6)
    interests = ". ".join(rng.sample(ref.CV_INTERESTS, k=2))
    neighbour_topic = rng.choice(ref.TOPICS[field_name])[0]
    cv_text = (
        f"Ho lavorato su {topic_it} per {years_there} anni presso {previous}. Competenze: {', '.join(skills)}. "
        f"Mi interessa anche {neighbour_topic}. Cerco una posizione di ricerca nell'ecosistema."
        if write_italian else
        f"Researcher ({stage}) in {field_name.replace('_', ' ')} working on {topic_en}, "
        f"{years_there} years at {previous}. Experience with {', '.join(skills)}; also {', '.join(extra_skills)}. "
        f"Also curious about {neighbour_topic}. {interests}."
    )
    candidate = {
        "id": candidate_id, "full_name": full_name,
        "email": f"candidate{candidate_id}@{EMAIL_DOMAIN}", "phone": None,
        "consent_at": datetime.combine(today - timedelta(days=rng.randint(1, 700)), time(9), _UTC),
        "headline": f"{stage} researcher in {field_name.replace('_', ' ')}: {topic_en}",
        "cv_text": cv_text, "skills": skills[:rng.randint(2, len(skills))] + extra_skills,
        "fields": [field_name], "career_stage": stage, "degree": degree,
        "years_experience": rng.randint(years_low, years_high), "languages": languages,
        "nationality": nationality, "gender": gender, "birth_year": rng.randint(*BIRTH_YEARS[stage]),
        "current_country": country, "current_region": current_region,
        "expected_salary_eur_year": round(EXPECTED_PAY[stage] * math.exp(rng.gauss(0, 0.15))
                                          * (ref.ABROAD_EXPECTATION_FACTOR if country != "IT" else 1.0)
                                          * (ref.THIN_FIELD_EXPECTATION_FACTOR if field_name in THIN_FIELDS else 1.0), -2),
        "mobility_regions": _mobility(rng, current_region, abroad=country != "IT"),
        "remote_preference": rng.choice(["onsite", "hybrid", "remote", "any"]),
        "available_from": today + timedelta(days=rng.randint(0, 180)),
    }
    return candidate, place_rows


def _applications(rng: random.Random, data: DemoData, today: date) -> None:
    """Who applied where, how far each application went, and who was hired."""
    by_field_stage: dict[tuple[str, str], list[dict]] = {}
    for c in data.candidates[CANDIDATE_LOGINS:]:  # the demo's logins start with no history of their own
        by_field_stage.setdefault((c["fields"][0], c["career_stage"]), []).append(c)
    applied_to: dict[int, int] = {}
    next_id = 1
    # Its own generator: drawing channels does not move the draws of everything else the demo holds.
    channels = random.Random(rng.getstate()[1][0])
    channel_names, channel_weights = list(ref.CHANNEL_SHARES), list(ref.CHANNEL_SHARES.values())
    for position in data.positions:
        if position["status"] == "draft":
            continue
        # Few applicants on average ("more positions than people"); more where pay is higher.
        expected = 1.4 * position["_pull"] * math.exp(4 * position["_premium"])
        pool = by_field_stage.get((position["fields"][0], position["career_stage"]), [])
        wanted = _poisson(rng, expected)
        # Draw a few spare people and drop those who already applied six times (no more than that each).
        drawn = rng.sample(pool, k=min(len(pool), 2 * wanted))
        applicants = [c for c in drawn if applied_to.get(c["id"], 0) < 6][:wanted]
        if not applicants:
            continue
        closed = not position_is_open(position["status"], position["deadline"], today)
        fill_chance = 1 / (1 + math.exp(-(-0.2 + 8 * position["_premium"])))
        hires_left = position["openings"] if closed and position["status"] != "cancelled" else 0
        window = max(1, min((position["deadline"] - position["opening_date"]).days, (today - position["opening_date"]).days))
        for candidate in applicants:
            applied_to[candidate["id"]] = applied_to.get(candidate["id"], 0) + 1
            applied_on = position["opening_date"] + timedelta(days=rng.randint(0, window))
            path, start = _path(rng, closed, hires_left > 0 and rng.random() < fill_chance, position, applied_on, today)
            if path[-1][0] == "hired":
                hires_left -= 1
            data.applications.append({
                "id": next_id, "position_id": position["id"], "candidate_id": candidate["id"], "stage": path[-1][0],
                "cover_letter": None, "hire_start_date": start,
                "channel": channels.choices(channel_names, channel_weights)[0],
                "created_at": path[0][1], "updated_at": path[-1][1],
            })
            previous = None
            for stage, at in path:
                data.events.append({"application_id": next_id, "from_stage": previous, "to_stage": stage, "changed_at": at})
                previous = stage
            next_id += 1
        if closed and hires_left == 0 and position["status"] != "cancelled":
            position["status"] = "filled"


def _path(rng, closed: bool, hire: bool, position: dict, applied_on: date, today: date):
    """The stages one application went through, with their times, and a hire's start date."""
    path: list[tuple[str, datetime]] = []

    def at(day: date) -> datetime:
        """A working-hours time on ``day``, never later than yesterday and never before the previous step."""
        moment = datetime.combine(min(day, today - timedelta(days=1)), time(rng.randint(8, 18), rng.randint(0, 59)), _UTC)
        return max(moment, path[-1][1] + timedelta(minutes=1)) if path else moment
    path.append(("applied", at(applied_on)))
    if not closed:
        for stage in ("screening", "interview"):
            if rng.random() < 0.4:
                path.append((stage, at(applied_on + timedelta(days=7 * len(path)))))
        return path, None
    day = max(applied_on, position["deadline"])
    funnel = ["screening", "interview", "offer", "hired"] if hire else rng.choice(
        [["rejected"], ["screening", "rejected"], ["screening", "interview", "rejected"], ["withdrawn"],
         ["screening", "interview", "offer", "withdrawn"]])
    for stage in funnel:
        day += timedelta(days=rng.randint(5, 20))
        path.append((stage, at(day)))
    start = min(day, today) + timedelta(days=rng.randint(20, 60)) if hire else None
    return path, start


def _poisson(rng: random.Random, mean: float) -> int:
    """Knuth's method; fine for the small means used here."""
    limit, k, product = math.exp(-mean), 0, rng.random()
    while product > limit:
        k += 1
        product *= rng.random()
    return k


def _accounts(data: DemoData) -> list[dict]:
    accounts = [{"email": f"hub@{EMAIL_DOMAIN}", "role": "hub", "institution_id": None, "candidate_id": None}]
    accounts += [{"email": f"hr.{inst['code']}@{EMAIL_DOMAIN}", "role": "hr", "institution_id": inst["id"], "candidate_id": None}
                 for inst in data.institutions]
    accounts += [{"email": c["email"], "role": "candidate", "institution_id": None, "candidate_id": c["id"]}
                 for c in data.candidates[:CANDIDATE_LOGINS]]
    return accounts
