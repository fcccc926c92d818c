"""Load, dump, memory and cold-start benchmark of peelmodel against the same model and
rules in pydantic v2, msgspec and plain dataclasses.

Run on demand (not a test), after ``pip install -e '.[bench]'``::

    python -m bench.run            # full run
    python -m bench.run --quick    # fewer rounds

Every case of a section runs once per round, in a freshly shuffled order, with the GC
enabled as in a notebook and ``gc.collect()`` before each sample. Ratios are the median
over rounds of (peelmodel / other) in the same round: below 1 means peelmodel is faster.
"""

from __future__ import annotations

import argparse
import gc
import json
import random
import statistics
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable
from types import ModuleType
from typing import Any

from bench import gen_data, models_dataclasses, models_msgspec, models_peelmodel, models_pydantic

MODELS: dict[str, ModuleType] = {
    "peelmodel": models_peelmodel,
    "pydantic": models_pydantic,
    "msgspec": models_msgspec,
    "dataclasses": models_dataclasses,
}


def _sample(fn: Callable[[], Any]) -> float:
    gc.collect()
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def interleaved(cases: dict[str, Callable[[], Any]], rounds: int) -> dict[str, list[float]]:
    times: dict[str, list[float]] = {name: [] for name in cases}
    for fn in cases.values():  # warm-up round
        fn()
    rng = random.Random(7)
    for _ in range(rounds):
        order = list(cases)
        rng.shuffle(order)
        for name in order:
            times[name].append(_sample(cases[name]))
    return times


def report(title: str, times: dict[str, list[float]]) -> list[str]:
    base = times["peelmodel"]
    lines = [f"\n{title}", f"  {'':<12} {'median ms':>10} {'IQR ms':>9} {'peelmodel / it':>15}"]
    for name, samples in times.items():
        q = statistics.quantiles(samples, n=4) if len(samples) > 1 else [samples[0]] * 3
        ratio = statistics.median(b / s for b, s in zip(base, samples, strict=True))
        lines.append(
            f"  {name:<12} {statistics.median(samples) * 1000:>10.1f} {(q[2] - q[0]) * 1000:>9.1f} {ratio:>15.2f}"
        )
    return lines


def retained(load: Callable[[str], Any], text: str) -> int:
    gc.collect()
    tracemalloc.start()
    obj = load(text)
    gc.collect()
    size = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    del obj
    return size


COLD = """
import time
start = time.perf_counter()
from bench import models_{name} as m
m.load_one({text!r})
print(time.perf_counter() - start)
"""


def cold_start(one: str, samples: int) -> dict[str, list[float]]:
    times: dict[str, list[float]] = {name: [] for name in MODELS}
    rng = random.Random(11)
    for _ in range(samples):
        order = list(MODELS)
        rng.shuffle(order)
        for name in order:
            out = subprocess.run(
                [sys.executable, "-c", COLD.format(name=name, text=one)],
                capture_output=True,
                text=True,
                check=True,
            )
            times[name].append(float(out.stdout))
    return times


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="fewer rounds")
    args = parser.parse_args()
    rounds_small, rounds_large, cold = (8, 3, 5) if args.quick else (30, 8, 15)

    texts = gen_data.texts()
    expected = {k: json.loads(v) for k, v in texts.items()}
    for name, model in MODELS.items():  # every path reads and writes the same document
        for size, text in texts.items():
            assert json.loads(model.dump(model.load(text))) == expected[size], (name, size)
    import peelmodel

    print(f"peelmodel {peelmodel.__version__}, Python {sys.version.split()[0]}")
    print(
        f"national: {len(texts['national']) / 1e6:.2f} MB, 430 inspections; large: {len(texts['large']) / 1e6:.2f} MB, 4,300"
    )
    lines: list[str] = []
    for size, rounds in (("national", rounds_small), ("large", rounds_large)):
        text = texts[size]
        times = interleaved({n: (lambda m=m, t=text: m.load(t)) for n, m in MODELS.items()}, rounds)
        lines += report(f"load {size} (JSON text -> validated objects)", times)
        loaded = {n: m.load(text) for n, m in MODELS.items()}
        times = interleaved(
            {n: (lambda m=m, o=loaded[n]: m.dump(o)) for n, m in MODELS.items()}, rounds
        )
        lines += report(f"dump {size} (objects -> JSON text)", times)
        del loaded
        print("\n".join(lines))
        lines = []

    memory = {n: retained(m.load, texts["large"]) for n, m in MODELS.items()}
    print("\nmemory held by the loaded large dataset (tracemalloc)")
    for name, size in memory.items():
        print(
            f"  {name:<12} {size / 2**20:>8.1f} MiB   peelmodel / it {memory['peelmodel'] / size:.2f}"
        )

    one = json.dumps({"schema_version": 1, **expected["national"]["inspections"][0]})
    lines = report(
        "fresh interpreter: import + first load of one inspection", cold_start(one, cold)
    )
    print("\n".join(lines))


if __name__ == "__main__":
    main()
