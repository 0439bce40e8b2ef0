"""Search across Italian and English (issue 12): each model's vector search, full-text and the fused search.

    python -m benchmarks.bilingual [--models multilingual-e5-small,all-MiniLM-L6-v2] [--n-positions 400] [--seed 7]

Data: the demo ecosystem (seeds/demo.py, no candidates), loaded into a fresh database each run; only the
open positions (what search can return) are embedded, by each model in turn, through the embedding
queue's own reads and writes (service/queries/embeddings.py). Nothing is cached across runs.

Queries: benchmarks/bilingual_queries.json, written by hand, with relevance as a rule over topic, role
and city (its "_about" says how it was written and what it can and cannot show); plus the pair set,
built from the demo at run time: each bilingual open position's Italian title as a query for the
English-only posts of the same contract type and topic, and its English title for the Italian-only ones.

Directions: a query in language L splits its relevant posts into those with a title in L (L->L) and
those only in the other language (L->other). Each direction is scored on the ranked list with the
other direction's relevant posts taken out, so a same-language twin at rank 1 does not count against
a cross-language hit at rank 2. Scores: recall@10 (of min(10, relevant)), MRR of the first relevant
post within the top 20 (what one page of search shows), nDCG@10 (gain 2^grade - 1).

Rankers, all the service's own functions: vector search alone (service.queries.matching.nearest on the
query's vector), full-text alone (typed_ranked, the search's own full-text), and the fused search a visitor gets
(service.matching.search_positions, anonymous, no crowding: the demo has no candidates to price it).
The profile check: a candidate whose headline is the query and whose skills are its words, matched by
service.matching.matches_for_candidate, against the anonymous search for the same query.
"""
import argparse
import gc
import json
import math
import os
import time
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
from tqdm import tqdm

from benchmarks.common import bench_database, connect, machine, percentile
from models.embeddings import load_embedder
from seeds import demo, load
from seeds.reference import TOPICS
from service import matching as service_matching
from service.config import Settings
from service.queries import embeddings as vectors
from service.queries import matching as retrieval
from service.queries import seed as seed_queries
from service.queries import words
from service.security import hash_password

QUERIES_FILE = Path(__file__).with_name("bilingual_queries.json")
LANGUAGES = ("it", "en")
DIRECTIONS = ("it->it", "it->en", "en->it", "en->en")
PAGE = 20  # one page of search results
TOPIC_NAMES = {name for topics in TOPICS.values() for name, _, _ in topics}
_TITLE_TOPIC = {(language, text): english for topics in TOPICS.values() for english, italian, _ in topics
                for language, text in (("en", english), ("it", italian))}


# --- the labels: pure functions over position rows (id, title_it, title_en, contract_type, city) ---

def load_queries(path: Path = QUERIES_FILE) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["queries"]


def topic_of(position: dict) -> str | None:
    """The research topic a position's title names ("<contract> in <topic>"), by its English name."""
    for (language, text), english in _TITLE_TOPIC.items():
        title = position.get(f"title_{language}")
        if title and title.endswith(f" in {text}"):
            return english
    return None


def grade(rule: dict, position: dict) -> int:
    """2: a topic asked, and every role and city asked; 1: a topic asked otherwise, or a related topic."""
    topic = topic_of(position)
    if topic in rule["topics"]:
        roles_met = not rule.get("roles") or position["contract_type"] in rule["roles"]
        cities_met = not rule.get("cities") or position["city"] in rule["cities"]
        return 2 if roles_met and cities_met else 1
    return 1 if topic in rule.get("related_topics", ()) else 0


def judged(rule: dict, positions: Sequence[dict]) -> dict[int, int]:
    """Relevant positions and their grades."""
    return {p["id"]: g for p in positions if (g := grade(rule, p)) > 0}


def by_direction(language: str, grades: dict[int, int], positions: dict[int, dict]) -> dict[str, dict[int, int]]:
    """The relevant posts of a query in ``language`` split by whether they have a title in that language."""
    other = "en" if language == "it" else "it"
    same = {pid: g for pid, g in grades.items() if positions[pid][f"title_{language}"]}
    cross = {pid: g for pid, g in grades.items() if pid not in same}
    return {f"{language}->{language}": same, f"{language}->{other}": cross}


def pair_cases(positions: Sequence[dict]) -> list[dict]:
    """Each bilingual position's title in one language as a query for the posts of the same contract type
    and topic posted only in the other language (grade 2; same topic, another contract: grade 1); kept
    when at least one grade-2 post exists."""
    by_id = {p["id"]: p for p in positions}
    cases = []
    for source in positions:
        if not (source["title_it"] and source["title_en"]) or topic_of(source) is None:
            continue
        grades = judged({"topics": [topic_of(source)], "roles": [source["contract_type"]]}, positions)
        for language, other in (("it", "en"), ("en", "it")):
            cross = by_direction(language, grades, by_id)[f"{language}->{other}"]
            if 2 in cross.values():
                cases.append({"query": source[f"title_{language}"], "language": language, "grades": grades,
                              "direction": f"{language}->{other}", "relevant": cross})
    return cases


# --- the scores ---

def scores(ranked: list[int], relevant: dict[int, int], excluded: set[int]) -> tuple[float, float, float]:
    """recall@10, reciprocal rank within the page, nDCG@10 of ``ranked`` without ``excluded``."""
    ids = [pid for pid in ranked if pid not in excluded][:PAGE]
    hits = sum(1 for pid in ids[:10] if pid in relevant)
    recall = hits / min(10, len(relevant))
    first = next((i for i, pid in enumerate(ids) if pid in relevant), None)
    gains = [2 ** relevant.get(pid, 0) - 1 for pid in ids[:10]]
    ideal = sorted((2 ** g - 1 for g in relevant.values()), reverse=True)[:10]
    dcg = sum(g / math.log2(i + 2) for i, g in enumerate(gains))
    idcg = sum(g / math.log2(i + 2) for i, g in enumerate(ideal))
    return recall, 0.0 if first is None else 1 / (first + 1), dcg / idcg


def cases_from(queries: list[dict], positions: list[dict]) -> list[dict]:
    """One case per query and direction that has relevant posts."""
    by_id = {p["id"]: p for p in positions}
    cases = []
    for query in queries:
        grades = judged(query, positions)
        for direction, relevant in by_direction(query["language"], grades, by_id).items():
            if relevant:
                cases.append({"query": query["query"], "language": query["language"], "grades": grades,
                              "direction": direction, "relevant": relevant})
    return cases


# --- the run ---

def service_options(embedder) -> service_matching.MatchOptions:
    """The running service's options for this model (its index setting, its cosine range), crowding off:
    the demo is loaded without candidates, so there are no congestion prices to apply."""
    return service_matching.options_for(Settings(), embedder, crowding=False)


def open_positions(conn) -> list[dict]:
    where, params = retrieval.position_filters(None, {})
    return conn.execute(f"SELECT p.id, p.title_it, p.title_en, p.contract_type, p.city, p.region FROM positions p"
                        f" WHERE {where} ORDER BY p.id", params).fetchall()


def prepare(url: str, n_positions: int, seed: int) -> None:
    with connect(url) as conn:
        load.load(conn, demo.generate(seed=seed, n_positions=n_positions, n_candidates=0),
                  hash_password("benchmark-only"), show_progress=False)
        conn.commit()


def add_profiles(conn, queries: list[dict]) -> dict[str, int]:
    """One candidate per query: the query as headline, its words as skills (no stage, no languages: no filter)."""
    first = conn.execute("SELECT coalesce(max(id), 0) + 1 AS n FROM candidates").fetchone()["n"]
    rows = [{"id": first + i, "full_name": f"Benchmark profile {i}", "email": f"bilingual{i}@bench.example",
             "consent_at": datetime.now(UTC), "headline": q["query"],
             "skills": [w for w in q["query"].lower().split() if len(w) > 2]} for i, q in enumerate(queries)]
    seed_queries.copy_rows(conn, "candidates", ["id", "full_name", "email", "consent_at", "headline", "skills"], rows)
    seed_queries.move_sequences_past_loaded_ids(conn)
    conn.commit()
    return {q["query"]: r["id"] for q, r in zip(queries, rows, strict=True)}


def embed(conn, embedder, kind: str, ids: list[int], chunk: int = 32) -> tuple[list[str], float]:
    """Embed and store ``ids``' current texts with a progress bar; returns (the texts, seconds encoding)."""
    rows = vectors.texts_to_embed(conn, kind, ids, embedder.name)
    texts = [r["text"] for r in rows]
    embedder.encode(texts[:1])  # warm-up, not timed
    out, seconds = [], 0.0
    with tqdm(total=len(texts), unit="texts", desc=f"{embedder.name}: {kind}s") as bar:
        for i in range(0, len(texts), chunk):
            started = time.perf_counter()
            out.append(embedder.encode(texts[i:i + chunk]))
            seconds += time.perf_counter() - started
            bar.update(len(texts[i:i + chunk]))
    vectors.store(conn, kind, embedder.name, rows, np.concatenate(out) if out else np.zeros((0, embedder.dim)))
    conn.commit()
    return texts, seconds


def rank_all(conn, embedder, cases: list[dict]) -> tuple[dict[str, dict[str, list[int]]], dict[str, list[float]]]:
    """Each distinct query's ranking by vector alone, full-text alone and the fused search; and latencies."""
    options = service_options(embedder)
    where, params = retrieval.position_filters(None, {})
    k = service_matching.depth(PAGE, 0)
    rankings: dict[str, dict[str, list[int]]] = {}
    latency: dict[str, list[float]] = {"query_ms": [], "search_ms": []}
    embedder.encode_queries(["warm-up"])
    for text in dict.fromkeys(c["query"] for c in cases):
        started = time.perf_counter()
        vector = embedder.encode_queries([text])[0]
        latency["query_ms"].append(1000 * (time.perf_counter() - started))
        retrieval.tune_vector_search(conn, options.ef_search)
        semantic = retrieval.nearest(conn, "position", vector, embedder.name, where, params, k)
        matched = retrieval.typed_ranked(conn, "position", words.typed_query(conn, text), where, params, k)
        if hasattr(embedder, "queries"):  # a first search: its query embedded, not the vector remembered just above
            embedder.queries.clear()
        started = time.perf_counter()
        found = service_matching.search_positions(conn, embedder, text, {}, options, candidate_id=None, limit=PAGE, offset=0)
        latency["search_ms"].append(1000 * (time.perf_counter() - started))
        conn.rollback()
        rankings[text] = {
            "vector": list(semantic),  # in the query layer's own order (distance; share, then full-text rank)
            "full-text": list(matched),
            "fused": [item["position"]["id"] for item in found["items"]],
        }
    return rankings, latency


def table_of(cases: list[dict], rankings: dict[str, dict[str, list[int]]], ranker: str) -> dict[str, tuple]:
    """Mean (recall@10, MRR, nDCG@10) and the number of cases, per direction (pairs apart)."""
    out: dict[str, list] = {}
    for case in cases:
        excluded = set(case["grades"]) - set(case["relevant"])
        out.setdefault(case["label"], []).append(scores(rankings[case["query"]][ranker], case["relevant"], excluded))
    return {label: (*np.mean(values, axis=0), len(values)) for label, values in out.items()}


def profile_check(conn, embedder, queries: list[dict], profiles: dict[str, int], positions: list[dict],
                  rankings: dict[str, dict[str, list[int]]]) -> dict[str, tuple[float, float]]:
    """Mean (recall@10, nDCG@10) over the hand-written queries: the fused search vs the same words as a profile."""
    options = service_options(embedder)
    embed(conn, embedder, "candidate", list(profiles.values()))
    results: dict[str, list] = {"search": [], "profile": []}
    for query in queries:
        grades = judged(query, positions)
        matched = service_matching.matches_for_candidate(conn, profiles[query["query"]], {}, options, limit=PAGE, offset=0)
        conn.rollback()
        for name, ranked in (("search", rankings[query["query"]]["fused"]),
                             ("profile", [item["position"]["id"] for item in matched["items"]])):
            recall, _, ndcg = scores(ranked, grades, set())
            results[name].append((recall, ndcg))
    return {name: tuple(np.mean(values, axis=0)) for name, values in results.items()}


def cell(figures: tuple | None) -> str:
    return "-" if figures is None else f"{figures[0]:.2f} / {figures[1]:.2f} / {figures[2]:.2f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--models", default="multilingual-e5-small,all-MiniLM-L6-v2",
                        help="comma-separated: multilingual-e5-small, all-MiniLM-L6-v2 or a local model directory")
    parser.add_argument("--n-positions", type=int, default=400, help="demo positions, open and closed (default 400)")
    parser.add_argument("--seed", type=int, default=7, help="demo seed (default 7, the demo's)")
    args = parser.parse_args()
    print(f"machine: {machine()}; load average {os.getloadavg()[0]:.2f} at the start")
    queries = load_queries()
    with bench_database("bench_bilingual", fresh=True) as url:
        prepare(url, args.n_positions, args.seed)
        with connect(url) as conn:
            positions = open_positions(conn)
            cases = [c | {"label": c["direction"]} for c in cases_from(queries, positions)]
            cases += [c | {"label": "pairs " + c["direction"]} for c in pair_cases(positions)]
            profiles = add_profiles(conn, queries)
            rows: list[tuple[str, dict]] = []
            speed: list[tuple] = []
            for name in [m.strip() for m in args.models.split(",") if m.strip()]:
                embedder = load_embedder(name)
                texts, seconds = embed(conn, embedder, "position", [p["id"] for p in positions])
                rankings, latency = rank_all(conn, embedder, cases)
                if not rows:
                    rows.append(("full-text alone", table_of(cases, rankings, "full-text")))
                rows.append((f"vector alone: {embedder.name}", table_of(cases, rankings, "vector")))
                rows.append((f"fused search: {embedder.name}", table_of(cases, rankings, "fused")))
                check = profile_check(conn, embedder, queries, profiles, positions, rankings)
                speed.append((embedder.name, percentile(latency["query_ms"], 50), percentile(latency["query_ms"], 99),
                              percentile(latency["search_ms"], 50), len(texts) / seconds, check))
                mean_chars = sum(map(len, texts)) / len(texts)
                del embedder
                gc.collect()
    print_report(args, queries, positions, cases, rows, speed)
    print(f"\nposition texts: {len(positions)}, {mean_chars:.0f} characters on average (ingest: model encode only, "
          f"batches of 32); load average {os.getloadavg()[0]:.2f} at the end (other work on the machine inflates p99)")
    print_targets(rows, speed)


def print_report(args, queries: list[dict], positions: list[dict], cases: list[dict], rows: list, speed: list) -> None:
    labels = [*DIRECTIONS, "pairs it->en", "pairs en->it"]
    counts = {label: sum(1 for c in cases if c["label"] == label) for label in labels}
    languages = {lang: sum(1 for p in positions if p["title_it"] and p["title_en"]) if lang == "both" else
                 sum(1 for p in positions if p[f"title_{lang}"] and not p["title_en" if lang == "it" else "title_it"])
                 for lang in ("both", "it", "en")}
    print(f"\ndemo seed {args.seed}, {args.n_positions} positions, {len(positions)} open (searchable): "
          f"{languages['both']} bilingual, {languages['it']} Italian-only, {languages['en']} English-only; "
          f"{len(queries)} hand-written queries ({sum(q['language'] == 'it' for q in queries)} Italian)")
    print("cells: recall@10 / MRR (first relevant in the top 20) / nDCG@10; (n) = queries with relevant posts that way\n")
    print("| ranking | " + " | ".join(f"{label} ({counts[label]})" for label in labels) + " |")
    print("|---" * (len(labels) + 1) + "|")
    for name, table in rows:
        print(f"| {name} | " + " | ".join(cell(table.get(label)) for label in labels) + " |")
    print("\n| model | query embedding p50 / p99 ms | search p50 ms | ingest texts/s | "
          "fused search recall@10 / nDCG@10 | profile, same words: recall@10 / nDCG@10 |")
    print("|---|---|---|---|---|---|")
    for name, p50, p99, search_p50, rate, check in speed:
        print(f"| {name} | {p50:.1f} / {p99:.1f} | {search_p50:.1f} | {rate:.1f} | "
              f"{check['search'][0]:.2f} / {check['search'][1]:.2f} | {check['profile'][0]:.2f} / {check['profile'][1]:.2f} |")


def pooled_recall(table: dict[str, tuple]) -> float:
    """Mean recall@10 over every hand-written query and direction (the pairs apart)."""
    return sum(table[d][0] * table[d][3] for d in DIRECTIONS if d in table) / sum(table[d][3] for d in DIRECTIONS if d in table)


def print_targets(rows: list, speed: list) -> None:
    """Issue 12's targets that this run measures, each with its figures."""
    tables = dict(rows)
    print("\ntargets (issue 12):")
    for name, *_, check in speed:
        fused, vector, text = tables[f"fused search: {name}"], tables[f"vector alone: {name}"], tables["full-text alone"]
        for cross, same in (("it->en", "it->it"), ("en->it", "en->en")):
            if cross in fused and same in fused:
                gap = fused[same][0] - fused[cross][0]
                print(f"  {name}: {cross} recall@10 within 5 points of {same}: {gap * 100:+.1f} points "
                      f"-> {'met' if gap <= 0.05 else 'NOT met'}")
        print(f"  {name}: a profile ranks at least as well as a search with the same words (nDCG@10 "
              f"{check['profile'][1]:.3f} vs {check['search'][1]:.3f}) -> {'met' if check['profile'][1] >= check['search'][1] else 'NOT met'}")
        pooled = {ranker: pooled_recall(table) for ranker, table in
                  (("fused", fused), ("vector", vector), ("full-text", text))}
        best = max(pooled["vector"], pooled["full-text"])
        print(f"  {name}: the fusion beats the best single signal (recall@10 over all four directions "
              f"{pooled['fused']:.3f} vs {best:.3f}) -> {'met' if pooled['fused'] > best else 'NOT met'}")
    names = [entry[0] for entry in speed]
    if "multilingual-e5-small" in names and "all-MiniLM-L6-v2" in names:
        e5, mini = tables["fused search: multilingual-e5-small"]["en->en"][0], tables["fused search: all-MiniLM-L6-v2"]["en->en"][0]
        print(f"  en->en recall@10 not more than 2 points below all-MiniLM-L6-v2: {(e5 - mini) * 100:+.1f} points "
              f"-> {'met' if mini - e5 <= 0.02 else 'NOT met'}")
    for name, query_p50, _, search_p50, *_ in speed:
        print(f"  {name}: search p50 {search_p50:.1f} ms (< 30) -> {'met' if search_p50 < 30 else 'NOT met'}; "
              f"query embedding p50 {query_p50:.1f} ms (< 15) -> {'met' if query_p50 < 15 else 'NOT met'}")


if __name__ == "__main__":
    main()
