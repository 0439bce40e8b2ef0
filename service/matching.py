"""Matching, both ways: retrieval from the query layer, scoring and explanations from models.matching.

Routers, the CLI and the web pages all call these functions, so every surface ranks alike.
"""
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from functools import cache

from models import matching as scoring
from models.embeddings import Embedder
from models.said import Said
from service.config import Settings
from service.domain import Forbidden
from service.messages import Message, english, for_api, said
from service.positions import readable as readable_position
from service.queries import Connection, words
from service.queries import embeddings as vectors
from service.queries import matching as retrieval
from service.schemas.auth import UserRead
from service.schemas.candidates import CandidateBrief
from service.schemas.matching import CandidateMatchFilters, PositionBrief, PositionMatchFilters

MAX_RESULTS = 200  # how deep a match list goes


def depth(limit: int, offset: int) -> int:
    """How many rows each retrieval fetches: twice what the page needs (at least 50), at most 200,
    so the fusion has room to reorder without paying for rows nobody will see."""
    return min(MAX_RESULTS, max(50, 2 * (offset + limit)))


@dataclass(frozen=True)
class MatchOptions:
    model: str
    ef_search: int = 100
    crowding_strength: float = 0.0  # 0 switches the congestion-aware re-ranking off
    similarity: tuple[float, float] = (0.0, 1.0)  # the model's cosines for unrelated and for alike texts


def _relevance(match: scoring.Match) -> dict:
    """A score and its parts as the API shows them, each part with its contribution."""
    return {"score": match.score, "parts": [asdict(p) | {"contribution": p.contribution} for p in match.parts]}


def explanation(match: scoring.Match, *, about_candidate: bool = False) -> dict:
    """A match as the API shows it; the verdicts in English beside their codes. ``about_candidate``:
    the reader is an HR office, so places are told about the candidate, not to them."""
    location = {k: v for k, v in match.location.items() if k != "place"}
    salary_verdict, location_verdict = verdicts(match, about_candidate=about_candidate)
    return {
        **_relevance(match),
        "matched_skills": match.matched_skills,
        "missing_skills": match.missing_skills,
        "salary": _with_verdict(match.salary, salary_verdict) if salary_verdict else match.salary,
        "location": _with_verdict(location, location_verdict) if location_verdict else location,
        "pending": match.pending,
    }


def verdicts(match: scoring.Match, *, about_candidate: bool = False) -> tuple[Message | None, Message | None]:
    """What a match says of the pay and of the place (None where it says nothing), as messages."""
    place = match.location.get("place", scoring.UNKNOWN_PLACE)
    voice = "location.about_candidate." if about_candidate else "location."
    return (said(match.salary["verdict"]) if "verdict" in match.salary else None,
            Message(voice + place) if match.location else None)


def _with_verdict(detail: dict, verdict: Message) -> dict:
    return detail | {"verdict": english(verdict), "verdict_message": for_api(verdict)}


def suggestions(tips: list[Said]) -> dict:
    """Profile tips in English and as messages, side by side in the same order."""
    messages = [said(tip) for tip in tips]
    return {"suggestions": [english(m) for m in messages], "suggestion_messages": [for_api(m) for m in messages]}


def _words(skills: list[str], extra: list[str] | tuple[str, ...] = ()) -> str:
    """An OR query (web-search syntax) of skills and fields, phrases quoted."""
    terms = [s.replace('"', " ").strip() for s in [*skills, *extra] if s and s.strip()]
    return " or ".join(f'"{t}"' if " " in t else t for t in terms)


def position_brief(row: dict) -> dict:
    return {k: row[k] for k in PositionBrief.model_fields}


def _candidate_brief(row: dict) -> dict:
    return {k: row[k] for k in CandidateBrief.model_fields}


def _rank(items: list[tuple[dict, scoring.Match]]) -> list[tuple[dict, scoring.Match]]:
    return sorted(items, key=lambda pair: (-pair[1].score, pair[0]["id"]))


def _narrowed(filters: dict) -> bool:
    """Whether the user added filters of their own (beyond eligibility)."""
    return any(value not in (None, [], "") for value in filters.values())


def _retrieve(conn: Connection, kind: str, vector, words: str, where: str, params: dict, options: MatchOptions,
              k: int) -> tuple[dict[int, float], list[dict]]:
    """Profile-to-profile retrieval: the vector neighbours' cosines and their scoring rows, in one
    statement. The full-text rank of the profile's words is computed on them as a re-scoring signal:
    a profile's skills match a large share of all rows, and ranking every textual match would cost
    more than the whole latency budget at 100k rows. A profile not embedded yet is retrieved by its
    words alone."""
    if vector is None:
        ids = list(retrieval.text_ranked(conn, kind, words, where, params, k))
        scoring_rows = retrieval.positions_for_scoring if kind == "position" else retrieval.candidates_for_scoring
        return {}, scoring_rows(conn, ids, words)
    rows = retrieval.nearest_for_scoring(conn, kind, vector, options.model, where, params, k, words)
    return {r["id"]: r["cosine"] for r in rows}, rows


def _similarity(cosine: float | None, options: MatchOptions) -> float | None:
    return scoring.similarity_value(cosine, *options.similarity)


def _text_ranks(rows: list[dict]) -> dict[int, float]:
    return {r["id"]: r["text_rank"] for r in rows if r["text_rank"] is not None}


def sorted_depth(sort: str, limit: int, offset: int) -> int:
    """How deep retrieval goes: for relevance, as deep as the page needs; sorted otherwise, the whole list (at
    most MAX_RESULTS), so every page sorts the same results."""
    return depth(limit, offset) if sort == "relevance" else MAX_RESULTS


def _sorted(conn: Connection, rows: list, sort: str, key=lambda row: row["id"]) -> list:
    """``rows`` (best first, all above the relevance floor) in ``sort``'s order, ties in relevance order."""
    if sort == "relevance" or not rows:
        return rows
    by_id = {key(row): row for row in rows}
    return [by_id[i] for i in retrieval.sorted_ids(conn, list(by_id), sort)]


def matches_for_candidate(conn: Connection, candidate_id: int, filters: dict, options: MatchOptions,
                          *, limit: int, offset: int, sort: str = "relevance") -> dict:
    candidate, vector = retrieval.profile_and_vector(conn, "candidate", candidate_id, options.model)
    if candidate is None:
        raise LookupError(f"no candidate {candidate_id}")  # callers pass an existing one (their own, the CLI's)
    where, params = retrieval.position_filters(candidate, filters)
    retrieval.tune_vector_search(conn, options.ef_search, walk_index=not _narrowed(filters))
    words = _words(candidate["skills"])
    semantic, rows = _retrieve(conn, "position", vector, words, where, params, options, sorted_depth(sort, limit, offset))
    text = _text_ranks(rows)
    ranked = []
    for row in rows:
        match = scoring.score_pair(candidate, row, _similarity(semantic.get(row["id"]), options), text.get(row["id"]))
        ranked.append((row, scoring.apply_crowding(match, row["congestion_price"], options.crowding_strength)))
    ranked = _rank(ranked)
    listed = _sorted(conn, ranked, sort, key=lambda pair: pair[0]["id"])
    return {
        "items": [{"position": position_brief(row), "explanation": explanation(m)} for row, m in listed[offset:offset + limit]],
        "total": len(ranked), "limit": limit, "offset": offset,
        "profile_embedded": vector is not None,
        **suggestions(scoring.profile_suggestions([m for _, m in ranked[:20]])),
    }


def matches_for_position(conn: Connection, position: dict, filters: dict, options: MatchOptions,
                         *, limit: int, offset: int, order: str = "fit") -> dict:
    profile, vector = retrieval.profile_and_vector(conn, "position", position["id"], options.model)
    if profile is None:
        raise LookupError(f"no position {position['id']}")  # callers pass one they have just read
    where, params = retrieval.candidate_filters(profile, filters)
    retrieval.tune_vector_search(conn, options.ef_search, walk_index=not _narrowed(filters))
    words = _words(profile["required_skills"], [f.replace("_", " ") for f in profile["fields"]])
    semantic, rows = _retrieve(conn, "candidate", vector, words, where, params, options, depth(limit, offset))
    text = _text_ranks(rows)
    ranked = _rank([(row, scoring.score_pair(row, profile, _similarity(semantic.get(row["id"]), options), text.get(row["id"])))
                    for row in rows])
    if order == "experience":  # the best fits retrieved, most experienced first (fit breaks ties: the sort is stable)
        ranked.sort(key=lambda pair: -float(pair[0]["years_experience"] or 0))
    return {
        "items": [{"candidate": _candidate_brief(row), "explanation": explanation(m, about_candidate=True)}
                  for row, m in ranked[offset:offset + limit]],
        "total": len(ranked), "limit": limit, "offset": offset, "position_embedded": vector is not None,
    }



def candidate_fit(conn: Connection, position_id: int, candidate_id: int, options: MatchOptions) -> dict | None:
    """One candidate's fit to one position, explained as the position's ranking explains it (the HR
    review of an application); None when the candidate's profile is gone."""
    profile = retrieval.position_profile(conn, position_id)
    if profile is None:
        raise LookupError(f"no position {position_id}")  # callers pass one they have just read
    words = _words(profile["required_skills"], [f.replace("_", " ") for f in profile["fields"]])
    rows = retrieval.candidates_for_scoring(conn, [candidate_id], words)
    if not rows:
        return None
    vector = vectors.current_vector(conn, "position", position_id, options.model)
    cosines = retrieval.cosines(conn, "candidate", vector, options.model, [candidate_id]) if vector is not None else {}
    match = scoring.score_pair(rows[0], profile, _similarity(cosines.get(candidate_id), options),
                               _text_ranks(rows).get(candidate_id))
    return explanation(match, about_candidate=True)

# A typed query's relevance floor (models.matching.is_relevant): rows below it are neither shown nor
# counted. A row holding half the query's (weighted) words is relevant; so is one close in meaning.
# With e5 a semantic value of 0.05 is a cosine of 0.806: relevant posts in the other language start
# near 0.81 (benchmarks/bilingual.py: an absolute floor of 0.15 lost 14 points of EN->IT recall, 0.25
# lost 28, and one relative to the best match, 0.3 below it, lost 45). The floor is lenient: a query
# with clear answers also lists posts vaguely alike, below them. When no row holds any of the words
# ("xyzzy quux", or a query in a language no post is written in), meaning alone must be clear: 0.4
# is a cosine of 0.848, above the 0.80-0.83 that queries of unknown words reach on the demo.
SEMANTIC_FLOOR = 0.05
MEANING_ALONE_FLOOR = 0.4
WORDS_FLOOR = 0.5
RELEVANCE_BAND = 0.1  # within a band of relevance, a signed-in candidate's fit orders the results


def _search(conn: Connection, kind: str, embedder: Embedder, query: str, where: str, params: dict, filters: dict,
            options: MatchOptions, k: int) -> tuple[dict[int, scoring.Match], words.TypedQuery]:
    """Free-text retrieval, both ways: the query's vector neighbours and the rows holding its words
    (a typed query is narrower than a profile's skills, so ranking its matches is cheap). Every row
    found by either gets both signals, and only the rows above the relevance floor are kept (with the
    query's words, as the full-text search read them)."""
    # The query is embedded (C code that releases the GIL) while PostgreSQL reads its words: the two
    # waits overlap instead of adding up.
    embedding = _embedding_thread().submit(embedder.encode_queries, [query])
    retrieval.tune_vector_search(conn, options.ef_search, walk_index=not _narrowed(filters))
    typed = words.typed_query(conn, query, kind)
    text = retrieval.typed_ranked(conn, kind, typed, where, params, k)
    vector = embedding.result()[0]
    semantic = retrieval.nearest(conn, kind, vector, options.model, where, params, k)
    semantic |= retrieval.cosines(conn, kind, vector, options.model, [i for i in text if i not in semantic])
    text |= retrieval.typed_shares(conn, kind, typed, [i for i in semantic if i not in text])
    similarity = {i: _similarity(cosine, options) for i, cosine in semantic.items()}
    floor = SEMANTIC_FLOOR if any(share > 0 for share in text.values()) else MEANING_ALONE_FLOOR
    embedded = [(v, text.get(i, 0.0)) for i, v in similarity.items() if v is not None]
    found = {}
    for i in semantic.keys() | text.keys():
        share = text.get(i, 0.0)
        if scoring.is_relevant(similarity.get(i), share, floor, WORDS_FLOOR):
            estimate = scoring.semantic_estimate(embedded, share) if similarity.get(i) is None else 0.0
            found[i] = scoring.relevance(similarity.get(i), share, estimate)
    return found, typed


@cache
def _embedding_thread() -> ThreadPoolExecutor:
    """The threads that embed search queries beside the request's SQL (started at the first search)."""
    return ThreadPoolExecutor(4, thread_name_prefix="query-embedding")


def _empty_hints(query: str, filters: dict) -> list[Message]:
    """What to change when a search finds nothing: fewer words, the other language, fewer filters."""
    hints = [Message("search.hint.fewer_words")] if len(query.split()) > 2 else []
    hints.append(Message("search.hint.other_language"))
    if _narrowed(filters):
        hints.append(Message("search.hint.remove_filter"))
    return hints


def _hints(query: str, filters: dict, total: int) -> dict:
    messages = _empty_hints(query, filters) if total == 0 else []
    return {"hints": [english(m) for m in messages], "hint_messages": [for_api(m) for m in messages]}


def search_positions(conn: Connection, embedder: Embedder, query: str, filters: dict, options: MatchOptions,
                     *, candidate_id: int | None, limit: int, offset: int, sort: str = "relevance") -> dict:
    """Free-text search of open positions, ranked by the query. A signed-in candidate also gets their
    structured fit beside each result, which orders results of about the same relevance (one band)
    and never lifts a less relevant one above a more relevant band."""
    candidate = retrieval.candidate_profile(conn, candidate_id) if candidate_id else None
    where, params = retrieval.position_filters(candidate, filters)
    # As deep as a list goes, whatever the page and the order: the count is then every result above the
    # floor (up to 200), the same in every order (at depth(page) it was capped at 50 for the first page
    # and grew to 64 when sorted by pay, as a new user saw).
    found, typed = _search(conn, "position", embedder, query, where, params, filters, options, MAX_RESULTS)
    rows = sorted(retrieval.positions_for_scoring(conn, list(found), _words(candidate["skills"]) if candidate else ""),
                  key=lambda r: r["id"])
    price = {r["id"]: r["congestion_price"] for r in rows}
    # Crowding lowers what orders the results: the relevance for anyone, the fit (within a band) for a candidate.
    if candidate is None:
        relevance = {i: scoring.apply_crowding(found[i], price[i], options.crowding_strength) for i in price}
        order = sorted(rows, key=lambda r: -relevance[r["id"]].score)
        shown = relevance
    else:
        relevance = found
        shown = {i: scoring.apply_crowding(fit, price[i], options.crowding_strength)
                 for i, fit in _fits(conn, candidate, rows, options).items()}
        order = [rows[i] for i in scoring.query_led_order([relevance[r["id"]].score for r in rows],
                                                          [shown[r["id"]].score for r in rows], RELEVANCE_BAND)]
    page = _sorted(conn, order, sort)[offset:offset + limit]
    texts = retrieval.texts_matched(conn, typed, [r["id"] for r in page])
    for row in page:  # a post waiting for its vector was compared with the query by its words alone
        if not any(p.signal == "semantic" for p in relevance[row["id"]].parts):
            texts[row["id"]]["meaning_of"] = None
    items = [{"position": position_brief(row), "relevance": _relevance(relevance[row["id"]]) | texts[row["id"]],
              "explanation": explanation(shown[row["id"]])} for row in page]
    return {"items": items, "total": len(order), "limit": limit, "offset": offset, **_hints(query, filters, len(order))}


def browse_positions(conn: Connection, filters: dict, options: MatchOptions, *, candidate_id: int | None,
                     limit: int, offset: int, sort: str = "relevance") -> dict:
    """Open positions passing the filters, without words: newest first (or in ``sort``'s order). A signed-in
    candidate sees the positions open to them (as in a search), each with their fit."""
    candidate = retrieval.candidate_profile(conn, candidate_id) if candidate_id else None
    where, params = retrieval.position_filters(candidate, filters)
    ids, total = retrieval.browse(conn, where, params, "newest" if sort == "relevance" else sort, limit, offset)
    rows = {r["id"]: r for r in retrieval.positions_for_scoring(conn, ids, _words(candidate["skills"]) if candidate else "")}
    fits = {i: scoring.apply_crowding(fit, rows[i]["congestion_price"], options.crowding_strength)
            for i, fit in _fits(conn, candidate, list(rows.values()), options).items()} if candidate else {}
    items = [{"position": position_brief(rows[i]), "explanation": explanation(fits[i]) if i in fits else None}
             for i in ids]
    return {"items": items, "total": total, "limit": limit, "offset": offset}


def _fits(conn: Connection, candidate: dict, rows: list[dict], options: MatchOptions) -> dict[int, scoring.Match]:
    """The candidate's structured fit to each position row (with its profile words' text rank in it)."""
    vector = vectors.current_vector(conn, "candidate", candidate["id"], options.model)
    ids = [r["id"] for r in rows]
    cosines = retrieval.cosines(conn, "position", vector, options.model, ids) if vector is not None else {}
    text = _text_ranks(rows)
    return {r["id"]: scoring.score_pair(candidate, r, _similarity(cosines.get(r["id"]), options), text.get(r["id"]))
            for r in rows}


def search_candidates(conn: Connection, embedder: Embedder, query: str, filters: dict, options: MatchOptions,
                      *, limit: int, offset: int) -> dict:
    where, params = retrieval.candidate_filters(None, filters)
    found, _ = _search(conn, "candidate", embedder, query, where, params, filters, options, depth(limit, offset))
    ranked = _rank([(row, found[row["id"]]) for row in retrieval.candidates_for_scoring(conn, list(found))])
    return {"items": [{"candidate": _candidate_brief(row), "relevance": _relevance(m),
                       "explanation": explanation(m, about_candidate=True)} for row, m in ranked[offset:offset + limit]],
            "total": len(ranked), "limit": limit, "offset": offset, **_hints(query, filters, len(ranked))}


# --- use cases: matches and searches as the API and the pages ask for them (issue 11) ---

def options_for(settings: Settings, embedder: Embedder, crowding: bool = True) -> MatchOptions:
    """The options of the running service: its model, its index setting and (when asked) its re-ranking."""
    return MatchOptions(model=embedder.name, ef_search=settings.hnsw_ef_search,
                        crowding_strength=settings.crowding_strength if crowding else 0.0,
                        similarity=embedder.similarity_range)


def _position_filters(filters: PositionMatchFilters) -> dict:
    return filters.model_dump(exclude={"crowding", "sort", "limit", "offset"})


def my_matches(conn: Connection, user: UserRead, filters: PositionMatchFilters, settings: Settings,
               embedder: Embedder) -> dict:
    """Open positions that fit the candidate's profile, best first, with why."""
    return matches_for_candidate(conn, user.own_candidate_id, _position_filters(filters),
                                 options_for(settings, embedder, filters.crowding), limit=filters.limit, offset=filters.offset,
                                 sort=filters.sort)


def position_matches(conn: Connection, user: UserRead, position_id: int, filters: CandidateMatchFilters,
                     settings: Settings, embedder: Embedder, order: str = "fit") -> dict:
    """Candidates who fit one of the officer's institution's positions (another's: Forbidden, once readable);
    ``order``: "fit", or "experience" (the best fits retrieved, most experienced first)."""
    position = readable_position(conn, user, position_id)
    if position["institution_id"] != user.institution_id:
        raise Forbidden("match.other_institution")
    return matches_for_position(conn, position, filters.model_dump(exclude={"limit", "offset"}),
                                options_for(settings, embedder), limit=filters.limit, offset=filters.offset, order=order)


def search_open_positions(conn: Connection, user: UserRead | None, query: str | None, filters: PositionMatchFilters,
                          settings: Settings, embedder: Embedder) -> dict:
    """Free-text search of open positions by anyone, or browsing them by the filters alone (no query); a
    signed-in candidate also gets their structured fit."""
    candidate_id = user.candidate_id if user is not None and user.role == "candidate" else None
    options = options_for(settings, embedder, filters.crowding)
    if not query:
        return browse_positions(conn, _position_filters(filters), options, candidate_id=candidate_id,
                                limit=filters.limit, offset=filters.offset, sort=filters.sort)
    return search_positions(conn, embedder, query, _position_filters(filters), options,
                            candidate_id=candidate_id, limit=filters.limit, offset=filters.offset, sort=filters.sort)


def search_candidate_profiles(conn: Connection, query: str, filters: CandidateMatchFilters, settings: Settings,
                              embedder: Embedder) -> dict:
    """Free-text search of candidate profiles (the caller has checked the user is an HR officer)."""
    return search_candidates(conn, embedder, query, filters.model_dump(exclude={"limit", "offset"}),
                             options_for(settings, embedder), limit=filters.limit, offset=filters.offset)


def my_fit(conn: Connection, user: UserRead, position_id: int, settings: Settings, embedder: Embedder) -> dict | None:
    """The candidate's fit to one position they may read (its explanation, as in their matches), or None when
    the position is not open to their profile (a career stage too far, a language they lack)."""
    candidate = retrieval.candidate_profile(conn, user.own_candidate_id)
    if candidate is None:
        return None
    where, params = retrieval.position_filters(candidate, {})
    if not retrieval.passes(conn, position_id, where, params):
        return None
    options = options_for(settings, embedder)
    rows = retrieval.positions_for_scoring(conn, [position_id], _words(candidate["skills"]))
    fit = _fits(conn, candidate, rows, options)[position_id]
    return explanation(scoring.apply_crowding(fit, rows[0]["congestion_price"], options.crowding_strength))
