"""Which of a few new items each of many profiles is near: a dense cosine matrix, cut by a floor and a top k.

For alert runs: thousands of profiles against the positions opened since the last run (hundreds to
a thousand). One matrix product per batch costs milliseconds, where one nearest-neighbour query per
profile would cost a round trip each.
"""
import numpy as np


def unit_rows(matrix: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return matrix / np.where(norms == 0, 1, norms)


def nearest_pairs(profiles: np.ndarray, items: np.ndarray, min_cosine: float, k: int,
                  allowed: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(profile row, item column, cosine) of each profile's up to ``k`` most alike items with a cosine of
    at least ``min_cosine``, most alike first within a profile; ``allowed`` (profiles x items, bool)
    masks out pairs that may not be paired."""
    if len(profiles) == 0 or len(items) == 0:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, np.zeros(0, dtype=np.float32)
    cosines = unit_rows(profiles.astype(np.float32)) @ unit_rows(items.astype(np.float32)).T
    if allowed is not None:
        cosines = np.where(allowed, cosines, -np.inf)
    k = min(k, cosines.shape[1])
    top = np.argpartition(-cosines, k - 1, axis=1)[:, :k]
    top_cosines = np.take_along_axis(cosines, top, axis=1)
    order = np.argsort(-top_cosines, axis=1, kind="stable")
    top, top_cosines = np.take_along_axis(top, order, axis=1), np.take_along_axis(top_cosines, order, axis=1)
    rows, slots = np.nonzero(top_cosines >= min_cosine)
    return rows, top[rows, slots], top_cosines[rows, slots]
