"""The thresholded top-k (service.topk) selects exactly what a full partition selects."""
import numpy as np
import pytest

from service.congestion import top_k_scores
from service.topk import top_k_edges


def _clustered(rng, n: int, dim: int = 64) -> np.ndarray:
    centres = rng.standard_normal((8, dim)).astype(np.float32)
    x = centres[rng.integers(0, 8, n)] + 0.8 * rng.standard_normal((n, dim)).astype(np.float32)
    return x / np.linalg.norm(x, axis=1, keepdims=True)


@pytest.mark.parametrize("n_positions, k", [(5000, 50), (5000, 10), (300, 50), (40, 50), (4000, 1)])
def test_top_k_edges_equal_the_full_partition(n_positions, k):
    rng = np.random.default_rng(n_positions + k)
    positions, candidates = _clustered(rng, n_positions), _clustered(rng, 2500)
    candidates[7] = -candidates[7]  # a row unlike its cluster: the sampled threshold may be too high for it
    expected = top_k_scores(candidates, positions, k).tocoo()
    rows, cols, scores = top_k_edges(candidates, positions, k)
    assert np.array_equal(rows, expected.row) and np.array_equal(cols, expected.col)
    assert np.array_equal(scores, expected.data)
    assert len(rows) == 2500 * min(k, n_positions)
