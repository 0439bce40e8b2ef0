"""Full-text search that forgives (migration 0010): accents folded, any word may match and the
share of words matched ranks, stop words of both languages drop out, close spellings of title words
count. Oracles are the words themselves: which of them a text holds, counted by hand."""
import pytest

from tests.factories import make_ecosystem, make_institution, make_position


def _words(conn, query: str) -> list[str]:
    return sorted(r["word"] for r in conn.execute("SELECT word FROM ecotalent_query_words(%s)", (query,)))


def _matched(conn, query: str, title: str, body: str = "") -> float:
    return conn.execute(
        """WITH q AS (SELECT array_agg(word) AS words, array_agg(stems) AS stems, array_agg(1::real) AS weights,
                             array_agg(true) AS unknown
                      FROM ecotalent_query_words(%(q)s))
           SELECT ecotalent_words_matched(
               ecotalent_tsv(%(title)s) || ecotalent_tsv(%(body)s), ecotalent_tsv(%(title)s),
               ecotalent_fold(%(title)s), q.words, q.stems, q.weights, q.unknown) AS share FROM q""",
        {"q": query, "title": title, "body": body}).fetchone()["share"]


def test_query_words_fold_accents_and_drop_stop_words_of_either_language(conn):
    assert _words(conn, "Assegno di ricerca in Fotonica, Milano!") == ["assegno", "fotonica", "milano", "ricerca"]
    assert _words(conn, "the postdoc in Università") == ["postdoc", "universita"]
    assert _words(conn, "di the of \"\" -- ") == []


@pytest.mark.parametrize(("query", "title", "body", "share"), [
    ("fotonica", "Assegno di ricerca in fotonica integrata", "", 1.0),       # in the title: counts twice
    ("fotonica", "Assegno di ricerca", "Progetto di fotonica integrata", 0.5),  # body only: once
    ("assegno fotonica xyzzy quux", "Assegno di ricerca in fotonica", "", 0.5),  # 2 of 4 words; nonsense erases nothing
    ("ingegneri batteria", "Ingegnere per batterie al litio", "", 1.0),       # Italian stems
    ("engineers battery", "Battery engineer", "", 1.0),                       # English stems
    ("universita genova", "Ricercatore", "Università di Genova", 0.5),        # accents folded
    ("fotonika", "Assegno di ricerca in fotonica", "", 1.0),                  # a typo in a long word
    ("fotonika", "Assegno di ricerca", "Progetto di fotonica", 0.0),          # typos are looked for in titles only
    ("xyzzy quux", "Assegno di ricerca in fotonica", "", 0.0),
])
def test_share_of_words_matched(conn, query, title, body, share):
    assert _matched(conn, query, title, body) == pytest.approx(share)


def test_a_position_is_found_by_any_of_the_words_and_rare_words_weigh_more(conn):
    from service.queries.words import typed_match, typed_params, typed_query, words_matched
    ecosystem = make_ecosystem(conn)
    institution = make_institution(conn, ecosystem["id"], "Università di prova")
    photonics = make_position(conn, institution["id"], title_it="Ricercatore in fotonica", title_en=None)["id"]
    for topic in ("geologia", "chimica", "statistica"):
        make_position(conn, institution["id"], title_it=f"Ricercatore in {topic}", title_en=None)
    conn.execute("ANALYZE positions")  # the table's size comes from the planner's statistics, as autovacuum keeps them
    typed = typed_query(conn, "ricercatore fotonica parole inesistenti")
    weight = dict(zip(typed.words, typed.weights, strict=True))
    assert weight["fotonica"] > weight["ricercatore"] > 0   # one post holds "fotonica", four "ricercatore"
    assert typed.unknown == [w in ("inesistenti", "parole") for w in typed.words]
    match, params = typed_match("p", typed)
    rows = conn.execute(f"SELECT p.id, {words_matched('p')} AS share FROM positions p WHERE {match} ORDER BY share DESC",
                        params | typed_params(typed)).fetchall()
    assert rows[0]["id"] == photonics and len(rows) == 4 and rows[0]["share"] > 2 * rows[1]["share"]
