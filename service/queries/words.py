"""A query as a user types it, for full-text search that forgives (migration 0010): any of its words
may match, in either language, accents folded, and a long word also by a close spelling in titles."""
import math
from dataclasses import dataclass

from service.queries import Connection

TYPO_MIN_LENGTH = 5  # shorter words have too few trigrams to tell a typo from another word
MAX_TYPO_WORDS = 4  # each is an index arm the planner estimates (~3 ms): a 500-character query stays cheap


@dataclass(frozen=True)
class TypedQuery:
    """A query as a user typed it, split by migration 0010's ecotalent_query_words: its words, for
    each the tsquery of its Italian and English stems (as text), and its weight, the word's rarity
    among the rows searched (inverse document frequency: log((n + 1) / (rows holding it + 1)) + 1)."""
    words: list[str]
    stems: list[str]
    weights: list[float]
    unknown: list[bool]  # no row holds the word: it may be a typo, looked for by spelling in titles

    def __bool__(self) -> bool:
        return bool(self.words)


# The tables a typed query searches (the weights are each word's rarity in that table).
_TABLES = {"position": "positions", "candidate": "candidates"}


def typed_query(conn: Connection, query: str, kind: str = "position") -> TypedQuery:
    """The query's words, stems, weights and which no row holds. How many rows hold a word is counted
    through the full-text index; the table's size is the planner's estimate (enough for a logarithm;
    never below the count, which it is before a new table's first ANALYZE)."""
    table = _TABLES[kind]
    rows = conn.execute(
        f"""SELECT w.word, w.stems::text AS stems, greatest(c.reltuples, 0) AS n,
                   (SELECT count(*) FROM {table} t WHERE t.search_tsv @@ w.stems) AS holding
            FROM ecotalent_query_words(%s) w, pg_class c WHERE c.oid = %s::regclass ORDER BY w.word""",
        (query, table)).fetchall()
    return TypedQuery([r["word"] for r in rows], [r["stems"] for r in rows],
                      [math.log((max(r["n"], r["holding"]) + 1) / (r["holding"] + 1)) + 1 for r in rows],
                      [r["holding"] == 0 for r in rows])


def typed_match(alias: str, typed: TypedQuery) -> tuple[str, dict]:
    """WHERE clause (on ``alias``) for rows holding any of the typed words, or a close spelling in
    their title of a long word no row holds; every arm is indexed (GIN on search_tsv, trigram GIN on
    search_title). Typo arms only for unknown words: each costs the planner ~3 ms of estimates."""
    params: dict[str, str] = {}
    arms = [f"{alias}.search_tsv @@ %(any_stems)s::tsquery"]
    typos = [w for w, unknown in zip(typed.words, typed.unknown, strict=True)
             if unknown and len(w) >= TYPO_MIN_LENGTH][:MAX_TYPO_WORDS]
    for i, word in enumerate(typos):
        arms.append(f"{alias}.search_title %%> %(typo_{i})s")  # %%: psycopg's escape for %
        params[f"typo_{i}"] = word
    return "(" + " OR ".join(arms) + ")", params


def words_matched(alias: str) -> str:
    """The share of the typed words a row holds, in [0, 1] (migration 0010)."""
    return (f"ecotalent_words_matched({alias}.search_tsv, {alias}.search_title_tsv, {alias}.search_title,"
            " %(typed_words)s::text[], %(typed_stems)s::tsquery[], %(typed_weights)s::real[], %(typed_unknown)s::boolean[])")


def typed_params(typed: TypedQuery) -> dict:
    """The typed query as parameters: its words with their stems, weights and unknown flags (for
    ``words_matched``), and ``any_stems``, the OR of all stems (for matching and ranking)."""
    return {"typed_words": typed.words, "typed_stems": typed.stems, "typed_weights": typed.weights,
            "typed_unknown": typed.unknown, "any_stems": " | ".join(f"({s})" for s in typed.stems)}
