"""Big results: a statement printing megabytes of text and a `%table` of many rows, from POST to the last byte of
the GET that returns them (the server's output limit raised to let the text through)."""
from . import stats
from .machine import log

# The largest output the section makes (10 MB of text, as JSON a little more) fits under this limit.
MAX_OUTPUT = "16m"
FULL = {"text_bytes": 10_000_000, "table_rows": 100_000, "runs": 3}
QUICK = {"text_bytes": 1_000_000, "table_rows": 10_000, "runs": 1}


def prepare(context):
    context.server_conf["livy.rsc.statement.max-output-size"] = MAX_OUTPUT


def measure(context):
    sizes = QUICK if context.quick else FULL
    server = context.server
    session_id = context.idle_session("pyspark")
    server.round_trip(session_id, f"rows = [(i, 'name-%d' % i, i * 0.5) for i in range({sizes['table_rows']})]",
                      "pyspark")
    cases = {
        "text": (f"print('x' * {sizes['text_bytes']})", lambda data: len(data["text/plain"].strip())
                 == sizes["text_bytes"]),
        "table": ("%table rows", lambda data: len(data["application/vnd.livy.table.v1+json"]["data"])
                  == sizes["table_rows"]),
    }
    result = {"text_bytes": sizes["text_bytes"], "table_rows": sizes["table_rows"]}
    for name, (code, complete) in cases.items():
        runs = [server.round_trip(session_id, code, "pyspark") for _ in range(sizes["runs"])]
        for _, statement in runs:
            if not complete(statement["output"]["data"]):
                raise RuntimeError(f"{name}: the output is not whole")
        summary = stats.summary_ms([seconds for seconds, _ in runs])
        summary["in_driver_p50_ms"] = stats.median([statement["completed"] - statement["started"]
                                                    for _, statement in runs])
        result[name] = summary
        log(f"big results: {name}: p50 {summary['p50_ms']} ms from POST to the last byte "
            f"(in the driver {summary['in_driver_p50_ms']} ms)")
    return result
