"""Small-cell suppression for counts of people shown to the hub.

A count below the threshold (5 by default) is hidden. When a group shows its total, hiding a single
cell is not enough, since total minus the others gives it back; so the smallest other non-zero cell
is hidden too (complementary suppression). Zero cells are shown: "nobody" names nobody.
"""
from collections.abc import Hashable, Mapping

SMALL_CELL_THRESHOLD = 5


def suppress_small_cells(
    counts: Mapping[Hashable, int], threshold: int = SMALL_CELL_THRESHOLD
) -> dict[Hashable, int | None]:
    """The counts with small cells replaced by None, safe to publish beside their total."""
    shown: dict[Hashable, int | None] = dict(counts)
    hidden = [k for k, n in counts.items() if 0 < n < threshold]
    for key in hidden:
        shown[key] = None
    if len(hidden) == 1:
        others = sorted((n, str(k), k) for k, n in counts.items() if k not in hidden and n > 0)
        if others:
            shown[others[0][2]] = None
    return shown


def publish_counts(counts: Mapping[Hashable, int], threshold: int = SMALL_CELL_THRESHOLD) -> dict:
    """Cells and their total, both safe to show: the total is hidden too when it is small itself,
    or when a single cell is hidden (the total would then give that cell back)."""
    cells = suppress_small_cells(counts, threshold)
    total = sum(counts.values())
    hidden = sum(1 for k, v in cells.items() if v is None)
    return {"total": None if (0 < total < threshold or hidden == 1) else total, "cells": cells}


def safe_share(part: int, whole: int, threshold: int = SMALL_CELL_THRESHOLD, digits: int = 3) -> float | None:
    """part / whole, or None when either the part or the rest is a small non-zero count (the share
    and the total together would give it back) or there is nothing to divide."""
    if whole == 0 or 0 < part < threshold or 0 < whole - part < threshold:
        return None
    return round(part / whole, digits)
