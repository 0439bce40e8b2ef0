"""Changing the embedding model on a working deployment: the old model's vectors are never used with
the new one, search keeps answering by words meanwhile, and `ecotalent reindex` re-embeds all."""
import psycopg
import pytest
from psycopg.rows import dict_row

from models.embeddings import E5_MODEL, MINILM_MODEL
from service import cli
from service.config import get_settings
from service.matching import MatchOptions, search_positions


@pytest.fixture
def deployment(fresh_database, monkeypatch):
    url = fresh_database("ecotalent_model_change")
    monkeypatch.setenv("DATABASE_URL", url)
    get_settings.cache_clear()
    assert cli.main(["seed", "--scale", "20", "--seed", "5"]) == 0
    yield url
    get_settings.cache_clear()


def _vectors(url: str) -> dict[str, int]:
    with psycopg.connect(url, row_factory=dict_row) as conn:
        rows = conn.execute("SELECT model, count(*) AS n FROM (SELECT model FROM position_embeddings"
                            " UNION ALL SELECT model FROM candidate_embeddings) v GROUP BY model").fetchall()
    return {r["model"]: r["n"] for r in rows}


def _search(url: str, embedder, query: str) -> dict:
    from pgvector.psycopg import register_vector
    with psycopg.connect(url, row_factory=dict_row) as conn:
        register_vector(conn)
        options = MatchOptions(model=embedder.name, similarity=embedder.similarity_range)
        return search_positions(conn, embedder, query, {}, options, candidate_id=None, limit=20, offset=0)


def test_a_model_change_then_reindex(deployment, monkeypatch, capsys):
    pytest.importorskip("sentence_transformers", reason="the MiniLM backend is the minilm extra (.ci/run installs it)")
    from models.embeddings import load_embedder

    assert cli.main(["reindex"]) == 0
    entities = sum(_vectors(deployment).values())
    assert _vectors(deployment) == {E5_MODEL: entities} and entities == 40
    with psycopg.connect(deployment, row_factory=dict_row) as conn:
        title = conn.execute("SELECT coalesce(title_en, title_it) AS t FROM positions"
                             " WHERE ecotalent_position_is_open(status, deadline, current_date) ORDER BY id LIMIT 1"
                             ).fetchone()["t"]

    monkeypatch.setenv("ECOTALENT_EMBEDDING_MODEL", MINILM_MODEL)
    get_settings.cache_clear()
    minilm = load_embedder(MINILM_MODEL)
    # Before the reindex: the e5 vectors are not MiniLM's, so none is used; the words still find the post.
    waiting = _search(deployment, minilm, title)
    assert waiting["items"], "search must keep answering by words while vectors are missing"
    assert all({p["signal"] for p in i["relevance"]["parts"]} == {"semantic_estimate", "text"} for i in waiting["items"])
    assert all(i["relevance"]["meaning_of"] is None for i in waiting["items"])  # no meaning was compared

    capsys.readouterr()
    assert cli.main(["reindex"]) == 0
    assert f"to embed with {MINILM_MODEL}" in capsys.readouterr().out
    assert _vectors(deployment) == {MINILM_MODEL: entities}
    after = _search(deployment, minilm, title)
    assert {p["signal"] for p in after["items"][0]["relevance"]["parts"]} == {"semantic", "text"}
    assert title in (after["items"][0]["position"]["title_en"], after["items"][0]["position"]["title_it"])
