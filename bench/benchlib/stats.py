"""Order statistics over samples (seconds in, milliseconds out where named so)."""
import math


def percentile(values, fraction):
    """The nearest-rank percentile: the smallest sample with at least `fraction` of the samples at or below it."""
    if not values:
        raise ValueError("no samples")
    ordered = sorted(values)
    rank = max(1, math.ceil(fraction * len(ordered)))
    return ordered[rank - 1]


def median(values):
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2


def summary_ms(seconds):
    """p50/p90/p99/min/max/mean in milliseconds of samples in seconds."""
    millis = [value * 1000.0 for value in seconds]
    return {
        "n": len(millis),
        "p50_ms": round(percentile(millis, 0.50), 2),
        "p90_ms": round(percentile(millis, 0.90), 2),
        "p99_ms": round(percentile(millis, 0.99), 2),
        "min_ms": round(min(millis), 2),
        "max_ms": round(max(millis), 2),
        "mean_ms": round(sum(millis) / len(millis), 2),
    }
