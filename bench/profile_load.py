"""Where peelmodel's load time goes: cProfile of loading the national file.

    python -m bench.profile_load            # top 25 functions by own time
    python -m bench.profile_load --sort cumulative --top 40

The profiler's overhead inflates call-heavy code, so read the shares, not the times.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import pstats

from bench import gen_data, models_peelmodel


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sort", default="tottime", help="pstats sort key (tottime, cumulative)")
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--size", type=int, default=10, help="inspections per force")
    args = parser.parse_args()
    text = gen_data.text(args.size)
    models_peelmodel.load(text)  # warm: converter built, catalogue read
    gc.collect()
    profiler = cProfile.Profile()
    profiler.enable()
    models_peelmodel.load(text)
    profiler.disable()
    stats = pstats.Stats(profiler)
    stats.strip_dirs().sort_stats(args.sort).print_stats(args.top)


if __name__ == "__main__":
    main()
