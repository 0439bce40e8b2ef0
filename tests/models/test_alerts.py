"""Nearest new items per profile, by a cosine matrix cut by a floor and a top k."""
import numpy as np

from models.alerts import nearest_pairs


def test_each_profile_gets_its_most_alike_items_above_the_floor_best_first():
    profiles = np.array([[1.0, 0.0], [0.0, 2.0], [-1.0, 0.0]])
    items = np.array([[1.0, 0.1], [0.7, 0.7], [0.0, 1.0], [1.0, 0.0]])
    rows, cols, cosines = nearest_pairs(profiles, items, min_cosine=0.6, k=2)
    pairs = list(zip(rows.tolist(), cols.tolist(), strict=True))
    assert pairs == [(0, 3), (0, 0), (1, 2), (1, 1)]  # the third profile is near nothing
    assert cosines[0] == 1.0 and np.all(np.diff(cosines[:2]) <= 0)


def test_masked_pairs_are_never_paired():
    profiles, items = np.array([[1.0, 0.0]]), np.array([[1.0, 0.0], [0.9, 0.1]])
    rows, cols, _ = nearest_pairs(profiles, items, 0.5, 5, allowed=np.array([[False, True]]))
    assert cols.tolist() == [1]
    assert nearest_pairs(profiles, items[:0], 0.5, 5)[0].size == 0
