"""Ecosystem-wide allocation at the target scale: 20,000 open positions and 50,000 candidates.

    python -m benchmarks.allocation [--positions 20000] [--candidates 50000] [--edges 20]

The candidate-position graph is random and sparse (each candidate linked to --edges positions with
scores in (0, 1], as the matching's top-k would give), positions have 1 to 3 openings.
"""
import argparse
import time

import numpy as np
from scipy import sparse

from benchmarks.common import machine
from models.allocation import allocate


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--positions", type=int, default=20_000)
    parser.add_argument("--candidates", type=int, default=50_000)
    parser.add_argument("--edges", type=int, default=20)
    args = parser.parse_args()
    print(f"machine: {machine()}")
    rng = np.random.default_rng(0)
    rows = np.repeat(np.arange(args.candidates), args.edges)
    # Half of the links spread evenly, half follow a skewed popularity: a few famous positions
    # attract many candidates.
    popular = rng.zipf(1.3, len(rows)) % args.positions
    cols = np.where(rng.random(len(rows)) < 0.5, rng.integers(0, args.positions, len(rows)), popular)
    scores = sparse.csr_matrix((rng.uniform(0.05, 1.0, len(rows)), (rows, cols)), shape=(args.candidates, args.positions))
    scores.sum_duplicates()
    capacities = rng.choice([1, 1, 1, 2, 3], size=args.positions)
    started = time.perf_counter()
    result = allocate(scores, capacities)
    seconds = time.perf_counter() - started
    print(f"{args.positions} positions ({capacities.sum()} openings), {args.candidates} candidates, {scores.nnz} edges")
    print(f"allocation: {seconds:.1f} s; filled {result.filled} of {result.openings} openings; "
          f"{len(result.without_any_candidate)} positions no candidate is linked to; mean score {result.total_score / max(result.filled, 1):.3f}")


if __name__ == "__main__":
    main()
