"""The benchmark harness behind bench/run and bench/compare (Python 3 standard library only)."""
