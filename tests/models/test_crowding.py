"""Congestion prices: zero where openings suffice, positive where demand exceeds them."""
import numpy as np
import pytest
from scipy import sparse

from models.crowding import congestion_prices, transport_plan


def test_no_price_when_every_position_has_room():
    scores = sparse.csr_matrix(np.array([[0.9, 0.1], [0.1, 0.9]]))
    assert congestion_prices(scores, np.array([1.0, 1.0])) == pytest.approx([0.0, 0.0], abs=1e-6)


def test_a_position_everyone_wants_gets_a_price_and_attention_spreads():
    # Ten candidates all score position 0 highest; it has one opening, position 1 has ten.
    rng = np.random.default_rng(0)
    dense = np.column_stack([0.8 + 0.01 * rng.random(10), 0.7 + 0.01 * rng.random(10)])
    scores = sparse.csr_matrix(dense)
    prices = congestion_prices(scores, np.array([1.0, 10.0]))
    assert prices[0] > 0.05 and prices[1] == pytest.approx(0.0, abs=1e-6)

    plan = transport_plan(scores, prices)
    np.testing.assert_allclose(np.asarray(plan.sum(axis=1)).ravel(), 1.0)
    attention = np.asarray(plan.sum(axis=0)).ravel()
    assert attention[0] == pytest.approx(1.0, rel=0.05)  # the crowded post gets about its one opening
    assert attention[1] == pytest.approx(9.0, rel=0.01)
    naive = transport_plan(scores, np.zeros(2))
    assert np.asarray(naive.sum(axis=0)).ravel()[0] > 8  # without prices nearly all attention piles onto it


def test_mismatched_capacities_are_an_error():
    with pytest.raises(ValueError):
        congestion_prices(sparse.csr_matrix(np.ones((2, 3))), np.ones(2))


def test_outside_option_bounds_prices_when_everything_is_over_demanded():
    rng = np.random.default_rng(1)
    dense = 0.5 + 0.3 * rng.random((200, 5))  # 200 candidates, 5 positions with one opening each
    scores = sparse.csr_matrix(dense)
    unbounded = congestion_prices(scores, np.ones(5))
    bounded = congestion_prices(scores, np.ones(5), outside_score=0.55)
    assert unbounded.min() > 0.15  # without an outside option every price is large
    # No price exceeds the best score's margin over staying out, plus the entropic smoothing epsilon*log(n).
    assert bounded.max() <= 0.8 - 0.55 + 0.05 * np.log(200) + 1e-6
    assert bounded.max() < unbounded.max()
