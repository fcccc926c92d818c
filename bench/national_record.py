"""How long the embedded national record takes to load: ``python -m bench.national_record``.

peelmodel only (the other models do not describe everything the record holds: grade
counts, sources, findings). Each round reads the record's JSON through ``from_json``
with the collector as the library runs; prints the median and the spread over rounds.
"""

from __future__ import annotations

import argparse
import importlib.resources
import platform
import statistics
import time

import peelmodel as pm


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=30)
    args = parser.parse_args()
    text = (importlib.resources.files("peelmodel") / "data" / "national.json").read_bytes()
    dataset = pm.from_json(text, pm.Dataset)  # warm: hooks generated, catalogue read
    samples = []
    for _ in range(args.rounds):
        start = time.perf_counter()
        pm.from_json(text, pm.Dataset)
        samples.append(time.perf_counter() - start)
    q1, median, q3 = statistics.quantiles(samples, n=4)
    print(
        f"national record: {len(dataset)} inspections, "
        f"{sum(len(i.judgments) for i in dataset):,} judgments, {len(text):,} bytes"
    )
    print(
        f"from_json: median {median * 1000:.1f} ms (interquartile {q1 * 1000:.1f}–"
        f"{q3 * 1000:.1f} ms; min {min(samples) * 1000:.1f} ms) over {args.rounds} rounds"
    )
    print(f"peelmodel {pm.__version__}, Python {platform.python_version()}, {platform.machine()}")


if __name__ == "__main__":
    main()
