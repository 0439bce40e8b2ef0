"""Scoring a candidate against a position: each signal in [0, 1], fused by a weighted sum, so every
match is explained by parts that add up to its score.

Signals:
- semantic: cosine similarity of the two embeddings (profile text vs position text);
- text: PostgreSQL full-text rank (Italian and English stemmers) of one side's words in the other, or, for a
  typed query, the share of its words a row holds (migration 0010);
- skills: share of the position's required skills the candidate declares;
- field: the research fields overlap;
- stage: same EURAXESS career stage (R1-R4) 1, one step apart 0.5;
- experience: years of experience against the position's minimum;
- salary: what the position pays against what the candidate expects;
- location: the position's region against where the candidate lives and would move, and remote work.
A signal that cannot be judged (no salary stated, no expectation given) counts 0.5: neither for nor against.
"""
import statistics
from dataclasses import dataclass, field, replace

from models.said import Said
from models.taxonomy import stage_distance

WEIGHTS: dict[str, float] = {
    "semantic": 0.35, "text": 0.10, "skills": 0.20, "field": 0.10, "stage": 0.08,
    "experience": 0.05, "salary": 0.06, "location": 0.06,
}
# Relevance of a row to a typed query (``relevance``): only the two text signals.
TEXT_ONLY_WEIGHTS: dict[str, float] = {"semantic": 0.75, "text": 0.25}
UNKNOWN = 0.5


@dataclass(frozen=True)
class Part:
    signal: str
    weight: float
    value: float

    @property
    def contribution(self) -> float:
        return self.weight * self.value


@dataclass
class Match:
    score: float
    parts: list[Part]
    matched_skills: list[str] = field(default_factory=list)
    missing_skills: list[str] = field(default_factory=list)
    salary: dict = field(default_factory=dict)
    location: dict = field(default_factory=dict)
    # Signals not known yet (a profile or post waiting for its vector): their part counts 0 for now, and
    # is shown as pending rather than as a real zero.
    pending: list[str] = field(default_factory=list)


def normalise_skill(skill: str) -> str:
    return " ".join(skill.lower().split())


def skills_fit(candidate_skills: list[str], required: list[str]) -> tuple[float, list[str], list[str]]:
    """Share of required skills the candidate has, with the matched and missing ones (as required)."""
    if not required:
        return UNKNOWN, [], []
    have = {normalise_skill(s) for s in candidate_skills}
    matched = [s for s in required if normalise_skill(s) in have]
    missing = [s for s in required if normalise_skill(s) not in have]
    return len(matched) / len(required), matched, missing


def field_fit(candidate_fields: list[str], position_fields: list[str]) -> float:
    if not candidate_fields or not position_fields:
        return UNKNOWN
    return 1.0 if set(candidate_fields) & set(position_fields) else 0.0


def stage_fit(candidate_stage: str | None, position_stage: str | None) -> float:
    distance = stage_distance(candidate_stage, position_stage)
    if distance is None:
        return UNKNOWN
    return {0: 1.0, 1: 0.5}.get(distance, 0.0)


def experience_fit(years: float | None, minimum: float | None) -> float:
    if years is None:
        return UNKNOWN
    if not minimum:
        return 1.0
    return min(1.0, float(years) / float(minimum))


def salary_fit(expected_eur_year: float | None, offered_eur_year: float | None) -> tuple[float, dict]:
    """1 when the offer meets the expectation, falling to 0 at half of it."""
    detail = {"offered_eur_year": offered_eur_year, "expected_eur_year": expected_eur_year}
    if not expected_eur_year or not offered_eur_year:
        return UNKNOWN, detail | {"verdict": Said("salary.unknown")}
    ratio = float(offered_eur_year) / float(expected_eur_year)
    value = max(0.0, min(1.0, (ratio - 0.5) / 0.5))
    verdict = Said("salary.meets_expectation") if ratio >= 1 else \
        Said("salary.below_expectation", {"percent": round((1 - ratio) * 100)})
    return value, detail | {"verdict": verdict}


# Where a position lies for a candidate; the words differ by reader ("where you live" to the
# candidate, "where the candidate lives" to an HR office), so the verdict is a place, not a sentence.
REMOTE, HOME, MOBILITY, HYBRID_ELSEWHERE, ELSEWHERE, UNKNOWN_PLACE = (
    "remote", "home_region", "mobility_region", "hybrid_elsewhere", "elsewhere", "unknown")


def location_fit(current_region: str | None, mobility_regions: list[str], remote_preference: str | None,
                 position_region: str | None, position_remote: str) -> tuple[float, dict]:
    detail = {"position_region": position_region, "remote": position_remote}
    if position_remote == "remote" and remote_preference in ("remote", "any", "hybrid"):
        return 1.0, detail | {"place": REMOTE}
    if position_region is None:
        return UNKNOWN, detail | {"place": UNKNOWN_PLACE}
    if position_region == current_region:
        return 1.0, detail | {"place": HOME}
    if position_region in (mobility_regions or []):
        return 0.9, detail | {"place": MOBILITY}
    if position_remote == "hybrid" and remote_preference in ("hybrid", "remote", "any"):
        return 0.5, detail | {"place": HYBRID_ELSEWHERE}
    if current_region is None and not mobility_regions:
        return UNKNOWN, detail | {"place": UNKNOWN_PLACE}
    return 0.0, detail | {"place": ELSEWHERE}


def fuse(values: dict[str, float], weights: dict[str, float]) -> tuple[float, list[Part]]:
    """Weighted sum of signal values; the parts' contributions add up to the score exactly."""
    parts = [Part(name, weights[name], max(0.0, min(1.0, float(values.get(name, 0.0))))) for name in weights]
    return sum(p.contribution for p in parts), parts


def score_pair(candidate: dict, position: dict, semantic: float | None, text: float | None,
               weights: dict[str, float] = WEIGHTS) -> Match:
    """The full match of a candidate profile and a position (both as dicts of their columns).

    ``semantic`` is a cosine similarity (None when either side has no current vector), ``text`` a
    full-text rank already in [0, 1) (None when the words did not match).
    """
    skills, matched, missing = skills_fit(candidate.get("skills") or [], position.get("required_skills") or [])
    salary, salary_detail = salary_fit(candidate.get("expected_salary_eur_year"), position.get("salary_gross_eur_year"))
    location, location_detail = location_fit(
        candidate.get("current_region"), candidate.get("mobility_regions") or [], candidate.get("remote_preference"),
        position.get("region"), position.get("remote") or "onsite")
    values = {
        "semantic": max(0.0, semantic or 0.0), "text": text or 0.0, "skills": skills,
        "field": field_fit(candidate.get("fields") or [], position.get("fields") or []),
        "stage": stage_fit(candidate.get("career_stage"), position.get("career_stage")),
        "experience": experience_fit(candidate.get("years_experience"), position.get("min_years_experience")),
        "salary": salary, "location": location,
    }
    score, parts = fuse(values, weights)
    return Match(score, parts, matched, missing, salary_detail, location_detail,
                 pending=["semantic"] if semantic is None else [])


def similarity_value(cosine: float | None, low: float, high: float) -> float | None:
    """A model's cosine similarity as a signal in [0, 1]: 0 at ``low`` (unrelated texts), 1 at
    ``high``. Models spread their cosines differently (multilingual-e5 puts unrelated texts near
    0.8, MiniLM near 0.1), and without this a weight would mean something else for each model."""
    if cosine is None:
        return None
    return max(0.0, min(1.0, (cosine - low) / (high - low)))


def relevance(semantic: float | None, words: float, estimate: float = 0.5) -> Match:
    """How well a row answers a typed query: its similarity to the query (already a signal in
    [0, 1]) and the share of the query's words it holds. A row with no vector yet (just posted,
    waiting for the embedding worker) is given ``estimate`` for its similarity, the value typical of
    the query's other results holding its words, shown as a part of its own: ranked by its words on
    the same scale as the rest, rather than counted as dissimilar or put above them all."""
    if semantic is None:
        score, parts = fuse({"semantic_estimate": estimate, "text": words},
                            {"semantic_estimate": TEXT_ONLY_WEIGHTS["semantic"], "text": TEXT_ONLY_WEIGHTS["text"]})
    else:
        score, parts = fuse({"semantic": semantic, "text": words}, TEXT_ONLY_WEIGHTS)
    return Match(score, parts)


def semantic_estimate(embedded: list[tuple[float, float]], share: float, fallback: float = 0.5) -> float:
    """The similarity to assume for a row not embedded yet that holds ``share`` of the query's words:
    the median similarity of the embedded results (``embedded``: (similarity, share) pairs) holding
    as much of the words; when none does, the best similarity of those holding any; else ``fallback``."""
    as_much = [similarity for similarity, other in embedded if other >= share]
    if as_much:
        return statistics.median(as_much)
    holding = [similarity for similarity, other in embedded if other > 0]
    return max(holding) if holding else fallback


def is_relevant(semantic: float | None, words: float, semantic_floor: float, words_floor: float) -> bool:
    """Whether a row answers a typed query at all: close enough in meaning, or holding enough of its
    (weighted) words. Either suffices, so a post in the other language, which holds none of the words,
    is kept on its meaning; a query of unknown words ("xyzzy quux") keeps nothing."""
    return words >= words_floor or (semantic is not None and semantic >= semantic_floor)


def query_led_order(relevance: list[float], fit: list[float], width: float) -> list[int]:
    """The order (indices) of search results for a signed-in candidate: by relevance to the query,
    in bands of ``width`` (each band starts at its best row and holds the rows within ``width`` of
    it), and by the candidate's fit within a band. Fit breaks near-ties; it never lifts a result
    above one more relevant by ``width`` or more."""
    by_relevance = sorted(range(len(relevance)), key=lambda i: -relevance[i])
    order: list[int] = []
    band: list[int] = []
    for i in by_relevance:
        if band and relevance[i] < relevance[band[0]] - width:
            order += sorted(band, key=lambda j: -fit[j])
            band = []
        band.append(i)
    return order + sorted(band, key=lambda j: -fit[j])


def apply_crowding(match: Match, price: float, strength: float) -> Match:
    """Lower a match by the position's congestion price (models.crowding) times ``strength``,
    shown as a part of its own so the parts still add up to the score."""
    if strength <= 0 or price <= 0:
        return match
    penalty = Part("crowding", -strength, float(price))
    return replace(match, score=match.score + penalty.contribution, parts=match.parts + [penalty])


def profile_suggestions(matches: list[Match], limit: int = 5) -> list[Said]:
    """What a candidate could add to their profile to fit their best openings better."""
    counts: dict[str, int] = {}
    for m in matches:
        for skill in m.missing_skills:
            counts[skill] = counts.get(skill, 0) + 1
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]
    tips = [Said("tip.add_skill", {"skill": skill, "count": n}) for skill, n in ranked]
    below = sum(1 for m in matches if m.salary.get("verdict", Said("")).code == "salary.below_expectation")
    if matches and below > len(matches) / 2:
        tips.append(Said("tip.pay_below_expectation", {"count": below, "top": len(matches)}))
    outside = sum(1 for m in matches if m.location.get("place") == ELSEWHERE)
    if matches and outside > len(matches) / 2:
        tips.append(Said("tip.outside_regions", {"count": outside, "top": len(matches)}))
    return tips
