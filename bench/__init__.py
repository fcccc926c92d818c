"""peelmodel benchmarks (run on demand: python -m bench.run)."""
