"""Load, dump, memory, growth and cold-start benchmark of peelmodel against the same
model and rules in pydantic v2, msgspec and slotted dataclasses with hand-written loading.

Run on demand (not a test), after ``pip install -e '.[bench]'``::

    python -m bench.run            # full run (about 8 minutes on 2 cores)
    python -m bench.run --quick    # fewer rounds (about 3 minutes)

Method. Every case of a section runs once per round, in a freshly shuffled order, after
a warm-up round; ``gc.collect()`` runs before each sample and the objects loaded are
freed after the clock stops. Each load is timed twice over: with the garbage collector
as each library runs (enabled, as in a notebook) and with it disabled around the call,
the same for every library. A ratio is peelmodel's time divided by the other's time in
the same round (above 1: peelmodel is slower); the median ratio over rounds is reported
with its interquartile range and its minimum and maximum. Cold start is measured in a
fresh interpreter per sample, importing only the model measured, with bytecode cached
for every module alike. peelmodel is copied at the start and every measurement imports
the copy, so an edit to its sources during a run cannot mix two versions. Results are
written to bench/results/<date>.json (<date>-quick.json for --quick) and printed as a
table.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from importlib import metadata
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
RESULTS = Path(__file__).with_name("results")

NAMES = ("peelmodel", "pydantic", "msgspec", "dataclasses")
OTHERS = NAMES[1:]
# name -> bench.models_<name>; filled by main() once peelmodel is snapshotted (see snapshot)
MODELS: dict[str, ModuleType] = {}
SNAPSHOT: Path | None = None


def snapshot(tmp: Path) -> Path:
    """Copy the peelmodel package to ``tmp`` and import it from there, in this process and
    in every fresh interpreter the run starts, so that an edit to the sources during a
    run cannot mix two versions in one set of figures. Call before peelmodel is imported."""
    import importlib.util
    import shutil

    if "peelmodel" in sys.modules:
        raise RuntimeError("peelmodel is already imported")
    spec = importlib.util.find_spec("peelmodel")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("peelmodel is not installed: pip install -e '.[bench]'")
    source = Path(next(iter(spec.submodule_search_locations)))
    shutil.copytree(source, tmp / "peelmodel", ignore=shutil.ignore_patterns("__pycache__"))
    sys.path.insert(0, str(tmp))
    return source


def load_models() -> None:
    import importlib

    for name in NAMES:
        MODELS[name] = importlib.import_module(f"bench.models_{name}")


GC_MODES = ("gc", "nogc")  # as each library runs / disabled around every load alike
GC_LABEL = {"gc": "GC as the library runs", "nogc": "GC disabled around every load"}

FULL = {"national": 30, "large": 10, "dump": 30, "memory": 2, "growth": 3, "cold": 15}
QUICK = {"national": 8, "large": 3, "dump": 8, "memory": 1, "growth": 1, "cold": 5}
SIZES = {"national": 10, "large": 100, "x50": 500}  # inspections per force (43 forces)


# --- timing --------------------------------------------------------------------------------


def _sample(fn: Callable[[], Any], gc_mode: str) -> float:
    gc.collect()
    if gc_mode == "nogc":
        gc.disable()
    try:
        start = time.perf_counter()
        result = fn()
        elapsed = time.perf_counter() - start
    finally:
        gc.enable()
    del result  # freed outside the clock
    return elapsed


def interleaved(
    cases: dict[str, tuple[Callable[[], Any], str]], rounds: int, seed: int, warm: bool = True
) -> dict[str, list[float]]:
    """Each case once per round, in a new random order each round, after a warm-up round
    (unless ``warm`` is false: an earlier section ran the same code)."""
    if warm:
        for fn, mode in cases.values():
            _sample(fn, mode)
    times: dict[str, list[float]] = {name: [] for name in cases}
    rng = random.Random(seed)
    for _ in range(rounds):
        order = list(cases)
        rng.shuffle(order)
        for name in order:
            fn, mode = cases[name]
            times[name].append(_sample(fn, mode))
    return times


def spread(values: list[float]) -> dict[str, float]:
    """Median, quartiles, minimum and maximum of values."""
    if len(values) > 1:
        q1, _, q3 = statistics.quantiles(values, n=4, method="inclusive")
    else:
        q1 = q3 = values[0]
    return {
        "median": statistics.median(values),
        "q1": q1,
        "q3": q3,
        "min": min(values),
        "max": max(values),
        "n": len(values),
    }


def ratios(samples: dict[str, list[float]]) -> dict[str, dict[str, float]]:
    """peelmodel / other, paired by round."""
    base = samples["peelmodel"]
    return {
        other: spread(
            [b / s if s else float("nan") for b, s in zip(base, samples[other], strict=True)]
        )
        for other in samples
        if other != "peelmodel"
    }


def measure(samples: dict[str, list[float]], unit: str, note: str = "") -> dict[str, Any]:
    return {
        "unit": unit,
        "note": note,
        "samples": samples,
        "absolute": {name: spread(v) for name, v in samples.items()},
        "ratio": ratios(samples),
    }


# --- sections --------------------------------------------------------------------------------


def load_section(
    text: str, rounds: int, seed: int, warm: bool
) -> dict[str, dict[str, list[float]]]:
    cases = {
        f"{name}|{mode}": ((lambda m=model: m.load(text)), mode)
        for name, model in MODELS.items()
        for mode in GC_MODES
    }
    times = interleaved(cases, rounds, seed, warm)
    return {mode: {name: times[f"{name}|{mode}"] for name in MODELS} for mode in GC_MODES}


def dump_section(text: str, rounds: int, seed: int) -> dict[str, list[float]]:
    loaded = {name: model.load(text) for name, model in MODELS.items()}
    cases = {
        name: ((lambda m=model, o=loaded[name]: m.dump(o)), "gc") for name, model in MODELS.items()
    }
    return interleaved(cases, rounds, seed)


def memory_section(text: str, samples: int) -> dict[str, list[float]]:
    """Bytes of Python objects held by the loaded dataset (tracemalloc, in this process)."""
    held: dict[str, list[float]] = {name: [] for name in MODELS}
    rng = random.Random(5)
    for _ in range(samples):
        order = list(MODELS)
        rng.shuffle(order)
        for name in order:
            gc.collect()
            tracemalloc.start()
            obj = MODELS[name].load(text)
            gc.collect()
            current = tracemalloc.get_traced_memory()[0]
            tracemalloc.stop()
            del obj
            held[name].append(current)
    return held


RSS = """\
import gc, sys
def status(key):
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(key):
                return int(line.split()[1]) * 1024
text = open(sys.argv[1], encoding="utf-8").read()
one = open(sys.argv[2], encoding="utf-8").read()
from bench import models_{name} as m
m.load_one(one)
gc.collect()
with open("/proc/self/clear_refs", "w") as f:
    f.write("5")  # reset the peak (VmHWM) to the current resident set
rss0 = status("VmRSS:")
obj = m.load(text)
gc.collect()
print(status("VmHWM:") - rss0, status("VmRSS:") - rss0)
"""


def rss_section(
    path: Path, one: Path, samples: int, cache: Path
) -> tuple[dict[str, list[float]], dict[str, list[float]]]:
    """A fresh interpreter per sample: growth of the peak resident set while loading,
    and of the resident set held after it (counts native allocations, which tracemalloc
    does not see: pydantic-core's and msgspec's own buffers)."""
    peak: dict[str, list[float]] = {name: [] for name in MODELS}
    held: dict[str, list[float]] = {name: [] for name in MODELS}
    rng = random.Random(6)
    for _ in range(samples):
        order = list(MODELS)
        rng.shuffle(order)
        for name in order:
            top, kept = _fresh(RSS.format(name=name), path, one, cache=cache).split()
            peak[name].append(float(top))
            held[name].append(float(kept))
    return peak, held


def growth_section(
    small: str, n_small: int, big: str, n_big: int, rounds: int, modes: tuple[str, ...]
) -> tuple[dict[str, dict[str, list[float]]], dict[str, dict[str, list[float]]]]:
    """Per round: time per inspection at 50x / time per inspection at 1x, per model, both
    loaded in the same round (the 1x time is the median of three loads in a row)."""
    cases = {}
    for name, model in MODELS.items():
        for mode in modes:
            cases[f"{name}|{mode}|1"] = ((lambda m=model: m.load(small)), mode)
            cases[f"{name}|{mode}|50"] = ((lambda m=model: m.load(big)), mode)
    # no warm-up of the big file (the national loads warm every path); one round = all cases
    times: dict[str, list[float]] = {name: [] for name in cases}
    rng = random.Random(13)
    for name, (fn, mode) in cases.items():
        if name.endswith("|1"):
            _sample(fn, mode)
    for _ in range(rounds):
        order = list(cases)
        rng.shuffle(order)
        for name in order:
            fn, mode = cases[name]
            if name.endswith("|1"):  # the 1x load is short: the median of 3 in a row
                times[name].append(statistics.median(_sample(fn, mode) for _ in range(3)))
            else:
                times[name].append(_sample(fn, mode))
    growth = {
        mode: {
            name: [
                (t50 / n_big) / (t1 / n_small)
                for t1, t50 in zip(
                    times[f"{name}|{mode}|1"], times[f"{name}|{mode}|50"], strict=True
                )
            ]
            for name in MODELS
        }
        for mode in modes
    }
    big_times = {mode: {name: times[f"{name}|{mode}|50"] for name in MODELS} for mode in modes}
    return growth, big_times


COLD = """\
import sys, time
text = open(sys.argv[1], encoding="utf-8").read()
start = time.perf_counter()
from bench import models_{name} as m
m.{fn}(text)
elapsed = time.perf_counter() - start
print(elapsed, any(n.split(".")[0] == "peelmodel" for n in sys.modules))
"""


def _fresh(code: str, *args: Path, cache: Path) -> str:
    """Run code in a fresh interpreter; bytecode is cached under ``cache`` for every
    module alike (an installed package has its bytecode compiled; a source checkout run
    with PYTHONDONTWRITEBYTECODE would compile peelmodel and bench/ at every start)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(cache)
    if SNAPSHOT is not None:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(SNAPSHOT), env.get("PYTHONPATH")]))
    out = subprocess.run(
        [sys.executable, "-c", code, *map(str, args)],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
        env=env,
    )
    return out.stdout


def cold_section(
    path: Path, fn: str, samples: int, seed: int, cache: Path
) -> dict[str, list[float]]:
    """A fresh interpreter per sample: import the model module, then load the file."""
    times: dict[str, list[float]] = {name: [] for name in MODELS}
    for name in MODELS:  # compile and cache the bytecode of every module first
        _fresh(COLD.format(name=name, fn=fn), path, cache=cache)
    rng = random.Random(seed)
    for _ in range(samples):
        order = list(MODELS)
        rng.shuffle(order)
        for name in order:
            stdout = _fresh(COLD.format(name=name, fn=fn), path, cache=cache)
            elapsed, imported = stdout.split()
            if name != "peelmodel" and imported != "False":
                raise SystemExit(f"{name} imported peelmodel: the cold start is not fair")
            times[name].append(float(elapsed))
    return times


def profile_section(text: str, top: int = 15) -> dict[str, Any]:
    """cProfile of one peelmodel load of ``text`` (warm): the functions with the most
    own time and the most cumulative time, as shares of the profiled total."""
    import cProfile
    import pstats

    model = MODELS["peelmodel"]
    model.load(text)
    gc.collect()
    profiler = cProfile.Profile()
    profiler.enable()
    model.load(text)
    profiler.disable()
    stats = pstats.Stats(profiler).stats  # type: ignore[attr-defined]
    total = sum(v[2] for v in stats.values())

    def label(key: tuple[str, int, str]) -> str:
        file, line, fn = key
        if file == "~":
            return fn
        return f"{Path(file).name}:{line}({fn})"

    def rows(index: int) -> list[dict[str, Any]]:
        ranked = sorted(stats.items(), key=lambda kv: -kv[1][index])[:top]
        return [
            {
                "function": label(key),
                "calls": v[1],
                "own": round(v[2] / total, 4),
                "cumulative": round(v[3] / total, 4),
            }
            for key, v in ranked
        ]

    return {"total_seconds": total, "by_own_time": rows(2), "by_cumulative_time": rows(3)}


def _profile_text(profile: dict[str, Any]) -> str:
    lines = ["| function | calls | own time | cumulative |", "|---|---:|---:|---:|"]
    seen = set()
    for row in profile["by_cumulative_time"] + profile["by_own_time"]:
        if row["function"] in seen:
            continue
        seen.add(row["function"])
        lines.append(
            f"| {row['function']} | {row['calls']:,} | {row['own']:.0%} | {row['cumulative']:.0%} |"
        )
    return "\n".join(lines)


# --- context -----------------------------------------------------------------------------------


def machine() -> dict[str, Any]:
    cpu = platform.processor()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:
        usable = os.cpu_count()
    return {
        "platform": platform.platform(),
        "machine": platform.machine(),
        "cpu": cpu,
        "cpu_count": os.cpu_count(),
        "cpus_usable": usable,
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
    }


def digest(package: Path) -> str:
    """A digest of a peelmodel package's files (code and package data)."""
    import hashlib

    h = hashlib.sha256()
    for path in sorted(package.rglob("*")):
        if path.suffix in (".py", ".json", ".csv") and "__pycache__" not in path.parts:
            h.update(str(path.relative_to(package)).encode())
            h.update(path.read_bytes())
    return h.hexdigest()[:16]


def source() -> dict[str, Any]:
    """The checkout: its commit and whether peelmodel's sources differ from it."""
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "HEAD"], capture_output=True, text=True, cwd=ROOT, check=True
        ).stdout.strip()
        changed = subprocess.run(
            ["git", "status", "--porcelain", "--", "src"],
            capture_output=True,
            text=True,
            cwd=ROOT,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return {"commit": None, "src_modified": None}
    return {"commit": commit, "src_modified": bool(changed)}


def versions() -> dict[str, str]:
    out = {}
    for dist in ("peelmodel", "attrs", "cattrs", "orjson", "pydantic", "pydantic-core", "msgspec"):
        try:
            out[dist] = metadata.version(dist)
        except metadata.PackageNotFoundError:
            out[dist] = "not installed"
    return out


# --- report ----------------------------------------------------------------------------------


def _fmt_abs(s: dict[str, float], unit: str) -> str:
    if unit == "s":
        return f"{s['median'] * 1000:.1f} ms"
    if unit == "bytes":
        return f"{s['median'] / 2**20:.1f} MiB"
    return f"{s['median']:.2f}×"


def _fmt_ratio(r: dict[str, float]) -> str:
    return f"**{r['median']:.2f}** ({r['q1']:.2f}–{r['q3']:.2f}; {r['min']:.2f}–{r['max']:.2f})"


def table(measures: dict[str, dict[str, Any]]) -> str:
    head = "| measure | peelmodel | ÷ pydantic | ÷ msgspec | ÷ dataclasses |"
    lines = [head, "|---|---:|---:|---:|---:|"]
    for title, m in measures.items():
        if m["unit"] == "growth":
            cells = [_fmt_abs(m["absolute"]["peelmodel"], m["unit"])] + [
                f"{_fmt_abs(m['absolute'][o], m['unit'])} "
                f"({m['absolute'][o]['min']:.2f}–{m['absolute'][o]['max']:.2f})"
                for o in OTHERS
            ]
        else:
            cells = [_fmt_abs(m["absolute"]["peelmodel"], m["unit"])] + [
                _fmt_ratio(m["ratio"][o]) for o in OTHERS
            ]
        lines.append(f"| {title} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def absolute_table(measures: dict[str, dict[str, Any]]) -> str:
    lines = ["| measure | " + " | ".join(MODELS) + " |", "|---|" + "---:|" * len(MODELS)]
    for title, m in measures.items():
        cells = [_fmt_abs(m["absolute"][n], m["unit"]) for n in MODELS]
        lines.append(f"| {title} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


# --- main ----------------------------------------------------------------------------------------


def _check_round_trip(texts: dict[str, str]) -> None:
    for size, text in texts.items():
        expected = json.loads(text)
        for name, model in MODELS.items():
            if json.loads(model.dump(model.load(text))) != expected:
                raise SystemExit(f"{name} does not write back the {size} document it read")


def main(argv: list[str] | None = None) -> None:
    global SNAPSHOT
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="fewer rounds (about 3 minutes)")
    parser.add_argument("--out", type=Path, default=None, help="results file (JSON)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        SNAPSHOT = Path(tmp, "snapshot")
        checkout = snapshot(SNAPSHOT)
        load_models()
        try:
            run(args, Path(tmp), checkout)
        finally:
            SNAPSHOT = None


def run(args: argparse.Namespace, tmp: Path, checkout: Path) -> None:
    from bench import gen_data

    rounds = QUICK if args.quick else FULL
    started = time.perf_counter()
    load_start = os.getloadavg()
    measured = digest(SNAPSHOT / "peelmodel") if SNAPSHOT else None
    checkout_at_start = digest(checkout)
    commit = source()  # at the start, when the copy measured was taken

    def log(text: str) -> None:
        print(f"[{time.perf_counter() - started:5.0f} s] {text}", file=sys.stderr, flush=True)

    import peelmodel

    log(
        f"measuring peelmodel {measured} copied from {checkout}, imported from {peelmodel.__file__}"
    )

    log("generating the documents ...")
    texts = {size: gen_data.text(n) for size, n in SIZES.items()}
    counts = {size: 43 * n for size, n in SIZES.items()}
    log("checking that every model writes back the documents it reads ...")
    checked = ("national",) if args.quick else ("national", "large")
    _check_round_trip({k: texts[k] for k in checked})

    measures: dict[str, dict[str, Any]] = {}
    for size, label in (("national", "national file"), ("large", "10× file")):
        log(f"load {label} ...")
        by_mode = load_section(texts[size], rounds[size], seed=7, warm=size == "national")
        for mode in GC_MODES:
            measures[f"load {label}, {GC_LABEL[mode]}"] = measure(by_mode[mode], "s")

    log("dump national file ...")
    measures["dump national file"] = measure(
        dump_section(texts["national"], rounds["dump"], 9), "s"
    )

    log("memory ...")
    held = memory_section(texts["large"], rounds["memory"])
    measures["memory held by the loaded 10× file (tracemalloc)"] = measure(held, "bytes")

    log("growth 1× to 50× ...")
    growth, big = growth_section(
        texts["national"],
        counts["national"],
        texts["x50"],
        counts["x50"],
        rounds["growth"],
        GC_MODES,
    )
    for mode in GC_MODES:
        measures[f"load 50× file, {GC_LABEL[mode]}"] = measure(big[mode], "s")
    for mode in GC_MODES:
        measures[f"growth 1×→50× (time per inspection, 50× ÷ 1×), {GC_LABEL[mode]}"] = measure(
            growth[mode], "growth", "each model's own ratio; the ratio columns compare growths"
        )

    one = Path(tmp, "one.json")
    doc = json.loads(texts["national"])
    one.write_text(
        json.dumps({"schema_version": doc["schema_version"], **doc["inspections"][0]}),
        encoding="utf-8",
    )
    national = Path(tmp, "national.json")
    national.write_text(texts["national"], encoding="utf-8")
    cache = Path(tmp, "pycache")
    large = Path(tmp, "large.json")
    large.write_text(texts["large"], encoding="utf-8")
    log("resident memory (fresh interpreters) ...")
    peak, kept = rss_section(large, one, rounds["memory"], cache)
    measures["resident memory held by the loaded 10× file (fresh interpreter)"] = measure(
        kept, "bytes"
    )
    measures["peak resident memory added while loading the 10× file"] = measure(peak, "bytes")
    log("cold start ...")
    measures["import + first load of one inspection (fresh interpreter)"] = measure(
        cold_section(one, "load_one", rounds["cold"], 11, cache), "s"
    )
    measures["import + load of the national file (fresh interpreter)"] = measure(
        cold_section(national, "load", rounds["cold"], 12, cache), "s"
    )

    log("profile of a peelmodel load of the national file ...")
    profile = profile_section(texts["national"])

    result = {
        "date": dt.datetime.now().isoformat(timespec="seconds"),
        "command": "python -m bench.run" + (" --quick" if args.quick else ""),
        "rounds": rounds,
        "machine": machine(),
        "load_average": {"start": load_start, "end": os.getloadavg()},
        "peelmodel_source": commit
        | {
            "measured": str(checkout),
            "digest": measured,
            "checkout_changed_during_run": digest(checkout) != checkout_at_start,
        },
        "versions": versions(),
        "data": {
            size: {"inspections": counts[size], "bytes": len(texts[size].encode())}
            for size in texts
        },
        "ratio": "peelmodel's time (or memory) / the other's, paired by round; above 1: "
        "peelmodel is slower (or holds more)",
        "seconds": round(time.perf_counter() - started, 1),
        "measures": measures,
        "profile": profile,
    }
    out = (
        args.out or RESULTS / f"{dt.date.today().isoformat()}{'-quick' if args.quick else ''}.json"
    )
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")

    m, v = result["machine"], result["versions"]
    print(
        f"\n{m['platform']}, {m['cpu']}, {m['cpu_count']} CPUs, "
        f"{m['implementation']} {m['python']}\n"
        + ", ".join(f"{k} {val}" for k, val in v.items())
        + "\n"
        + ", ".join(
            f"{k}: {d['inspections']:,} inspections, {d['bytes'] / 1e6:.1f} MB"
            for k, d in result["data"].items()
        )
        + f"\nrounds: {rounds}; {result['seconds']} s; load average "
        + f"{load_start[0]:.2f} at the start, {os.getloadavg()[0]:.2f} at the end\n"
    )
    if result["peelmodel_source"]["checkout_changed_during_run"]:
        print(
            "note: peelmodel's sources changed during the run; the run measured the copy "
            "taken at its start.\n"
        )
    print("Ratio = peelmodel ÷ other, median (interquartile range; min–max) over rounds.")
    print("Growth rows: each model's own growth factor (min–max).\n")
    print(table(measures))
    print("\nMedians:\n")
    print(absolute_table(measures))
    print("\nWhere peelmodel's load of the national file goes (cProfile, shares of the total):\n")
    print(_profile_text(profile))
    print(f"\nwritten to {out}")


if __name__ == "__main__":
    main()
