"""Statement round trip on an idle session: POST the statement, then GET it (by default without pause) until
available; the statements before the recorded ones warm the driver's JIT up (5 by default)."""
from . import stats
from .machine import log

CASES = (("pyspark", "pyspark", "1 + 1"), ("spark", "spark", "1 + 1"), ("sql", "sql", "SELECT 1"))


def measure(context):
    count = context.counts["round_trips"]
    warm_up = context.counts["statement_warm_up"]
    pause = context.counts["poll_pause_ms"] / 1000
    server = context.server
    result = {}
    for session_kind, code_kind, code in CASES:
        session_id = context.idle_session(session_kind)
        cold, first = server.round_trip(session_id, code, code_kind, pause=pause)
        check(code_kind, first)
        for _ in range(warm_up):
            server.round_trip(session_id, code, code_kind, pause=pause)
        runs = [server.round_trip(session_id, code, code_kind, pause=pause) for _ in range(count)]
        summary = stats.summary_ms([seconds for seconds, _ in runs])
        # started and completed are the server's clock at the driver's started and completed events: the
        # interpreter's share of the round trip (millisecond resolution); the rest is HTTP, server and channel.
        summary["in_driver_p50_ms"] = stats.median([statement["completed"] - statement["started"]
                                                    for _, statement in runs])
        summary["cold_ms"] = round(cold * 1000, 2)
        summary["code"] = code
        summary["warm_up_statements"] = warm_up
        summary["poll_pause_ms"] = context.counts["poll_pause_ms"]
        result[session_kind] = summary
        log(f"statements: {session_kind} {code!r}: p50 {summary['p50_ms']} ms (in the driver "
            f"{summary['in_driver_p50_ms']} ms), p99 {summary['p99_ms']} ms, cold {summary['cold_ms']} ms")
    return result


def check(code_kind, statement):
    """The statement computed what it should; a fast wrong answer is no result."""
    data = statement["output"]["data"]
    if code_kind == "sql":
        rows = data["application/json"]["data"]
        if rows != [[1]]:
            raise RuntimeError(f"SELECT 1 answered {data}")
    elif "2" not in data["text/plain"]:
        raise RuntimeError(f"1 + 1 answered {data}")
