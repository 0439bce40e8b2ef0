"""Word-hashing vectors for latency benchmarks, in seconds instead of hours.

A bulk embedding of 200,000 texts takes 20 minutes (MiniLM, idle cores) to 3 hours (e5 4-bit) on two
cores. Latency through the index does not need a model's vectors, only vectors shaped like them:
each distinct word gets a fixed random direction (seeded by the word), a text is the sum of its
words' directions weighted by their rarity (log inverse document frequency), L2-normalised. Texts
that share rare words are close, as with a model; the HNSW graph then has the same kind of clusters
to walk. Stored under the configured model's name with the texts' current hash, so a later
`reindex` finds nothing to do. Recall figures on these vectors are the index's on these vectors.
"""
import re
import zlib
from collections import Counter

import numpy as np
from scipy import sparse
from tqdm import tqdm

from models.embeddings import DIMENSIONS
from service.queries import embeddings as vectors

_WORD = re.compile(r"\w+")


def word_vectors(texts: list[str], dim: int = DIMENSIONS) -> np.ndarray:
    """One L2-normalised float32 row per text (see the module's docstring)."""
    documents = [Counter(_WORD.findall(t.lower())) for t in texts]
    vocabulary: dict[str, int] = {}
    frequency: Counter[str] = Counter()
    for words in documents:
        frequency.update(words.keys())
        for w in words:
            vocabulary.setdefault(w, len(vocabulary))
    rows, cols, values = [], [], []
    for i, words in enumerate(documents):
        for w, n in words.items():
            rows.append(i)
            cols.append(vocabulary[w])
            values.append(n * np.log(len(texts) / frequency[w]))
    weights = sparse.csr_matrix((values, (rows, cols)), shape=(len(texts), len(vocabulary)), dtype=np.float32)
    directions = np.stack([np.random.default_rng(zlib.crc32(w.encode())).standard_normal(dim, dtype=np.float32)
                           for w in vocabulary]) if vocabulary else np.zeros((0, dim), np.float32)
    out = np.asarray(weights @ directions, dtype=np.float32)
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    out[norms[:, 0] == 0] = 1.0
    return out / np.linalg.norm(out, axis=1, keepdims=True)


def fill(conn, model: str, chunk: int = 5000) -> int:
    """Store word-hashing vectors for every position and candidate lacking a current one; how many."""
    stored = 0
    for kind, table in (("position", "positions"), ("candidate", "candidates")):
        ids = [r["id"] for r in conn.execute(f"SELECT id FROM {table}")]  # noqa: S608 (a fixed table name)
        rows = vectors.texts_to_embed(conn, kind, ids, model)
        if not rows:
            continue
        vectors.drop_vector_indexes(conn)
        matrix = word_vectors([r["text"] for r in rows])
        for start in tqdm(range(0, len(rows), chunk), desc=f"word vectors: {kind}s", unit="chunk"):
            vectors.store(conn, kind, model, rows[start:start + chunk], matrix[start:start + chunk])
        stored += len(rows)
    if stored:
        print("building the HNSW indexes ...", flush=True)
    vectors.create_vector_indexes(conn)
    conn.execute("DELETE FROM embedding_jobs")
    conn.commit()
    return stored
