"""Full-text search that forgives (migration 0010): accents folded, any word may match and the
share of words matched ranks, stop words of both languages drop out, close spellings of title words
count. Oracles are the words themselves: which of them a text holds, counted by hand."""
import pytest

from tests.factories import make_ecosystem, make_institution, make_position


def _words(conn, query: str) -> list[str]:
    return sorted(r["word"] for r in conn.execute("SELECT word FROM ecotalent_query_words(%s)", (query,)))


def _matched(conn, query: str, title: str, body: str = "") -> float:
    return conn.execute(
        """WITH q AS (SELECT array_agg(word) AS words, array_agg(stems) AS stems FROM ecotalent_query_words(%(q)s))
           SELECT ecotalent_words_matched(
               setweight(ecotalent_tsv(%(title)s), 'A') || setweight(ecotalent_tsv(%(body)s), 'B'),
               ecotalent_fold(%(title)s), q.words, q.stems) AS share FROM q""",
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


def test_a_position_is_found_by_any_of_the_words(conn):
    ecosystem = make_ecosystem(conn)
    institution = make_institution(conn, ecosystem["id"], "Università di prova")
    photonics = make_position(conn, institution["id"], title_it="Assegno di ricerca in fotonica", title_en=None)["id"]
    found = conn.execute(
        "SELECT id FROM positions p WHERE p.search_tsv @@ (SELECT ecotalent_or(stems) FROM ecotalent_query_words(%s))",
        ("assegno fotonica parole inesistenti",)).fetchall()
    assert photonics in {r["id"] for r in found}
