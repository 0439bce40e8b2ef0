"""Small-cell suppression: nothing under 5 is shown, and nothing hidden can be recovered from the total."""
import random

from models.privacy import publish_counts, suppress_small_cells


def test_small_cells_are_hidden_and_large_ones_shown():
    assert suppress_small_cells({"a": 12, "b": 3, "c": 4, "d": 0}) == {"a": 12, "b": None, "c": None, "d": 0}


def test_a_single_hidden_cell_takes_the_smallest_other_with_it():
    # Published beside the total 30, hiding only b would give it back as 30 - 20 - 8.
    assert suppress_small_cells({"a": 20, "b": 2, "c": 8}) == {"a": 20, "b": None, "c": None}


def test_nothing_to_hide_changes_nothing():
    counts = {"a": 5, "b": 50, "c": 0}
    assert suppress_small_cells(counts) == counts


def test_no_hidden_cell_is_recoverable_from_the_total_on_random_tables():
    rng = random.Random(1)
    for _ in range(500):
        counts = {k: rng.choice([0, 1, 2, 3, 4, 5, 6, 9, 20]) for k in "abcde"[: rng.randint(1, 5)]}
        shown = suppress_small_cells(counts)
        hidden = [k for k, v in shown.items() if v is None]
        assert all(shown[k] == counts[k] for k in counts if k not in hidden)
        assert all(counts[k] >= 5 or counts[k] == 0 for k in counts if k not in hidden)
        # With the total known, a lone hidden cell would be exact; so never exactly one with a positive count.
        if hidden:
            assert len(hidden) >= 2 or len(counts) == 1 or all(counts[k] == 0 for k in counts if k not in hidden)


def test_published_total_never_gives_back_a_hidden_cell():
    assert publish_counts({"a": 3, "b": 0}) == {"total": None, "cells": {"a": None, "b": 0}}
    assert publish_counts({"a": 3}) == {"total": None, "cells": {"a": None}}
    assert publish_counts({"a": 1, "b": 2, "c": 1}) == {"total": None, "cells": {"a": None, "b": None, "c": None}}
    assert publish_counts({"a": 20, "b": 2, "c": 8}) == {"total": 30, "cells": {"a": 20, "b": None, "c": None}}
    assert publish_counts({}) == {"total": 0, "cells": {}}


def test_safe_share_hides_what_would_reveal_a_small_group():
    from models.privacy import safe_share
    assert safe_share(6, 12) == 0.5
    assert safe_share(3, 12) is None and safe_share(9, 12) is None  # 3 in the part, or 3 in the rest
    assert safe_share(0, 12) == 0.0 and safe_share(12, 12) == 1.0
    assert safe_share(0, 0) is None
