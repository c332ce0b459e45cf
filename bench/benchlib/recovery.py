"""Recovery (issue 15): how long a restarted server takes to have every pyspark session back (idle, its driver
reconnected) after a SIGKILL; what the filesystem store adds to POST /sessions/{id}/statements against a server
with recovery off; and GET /sessions/{id}/statements throughput with and without recovery (reads stay in memory)."""
import shutil
import time

from . import procs, reads, stats
from .livy import Server
from .machine import log

DRIVER_MEMORY = "512m"
ROUNDS = 4


def measure(context):
    counts = context.counts
    recovering = Server(context.environment, dict(context.server_conf, **{
        "livy.server.recovery.mode": "recovery", "livy.rsc.server.reconnect-timeout": "10m"}))
    recovering.conf.update({"livy.server.recovery.state-store.url": str(recovering.directory / "state" / "store"),
                            "livy.server.recovery.applications-dir": str(recovering.directory / "applications")})
    off = Server(context.environment, dict(context.server_conf, **{"livy.server.recovery.mode": "off"}))
    drivers = []
    try:
        context.extra_servers.extend([recovering.start(), off.start()])
        ids = [recovering.create_session("pyspark", driverMemory=DRIVER_MEMORY)
               for _ in range(counts["recovered_sessions"])]
        baseline_id = off.create_session("pyspark", driverMemory=DRIVER_MEMORY)
        recovering.wait_idle(ids, timeout=600, poll=0.2)
        off.wait_idle([baseline_id], timeout=600, poll=0.2)
        for session_id in ids:
            recovering.round_trip(session_id, "x = 1 + 1", "pyspark")
        drivers = [pid for root in recovering.driver_roots() for pid in procs.tree(root)]
        result = {"sessions": len(ids), "restart": restart_after_sigkill(recovering, ids)}
        for session_id in ids:
            _, statement = recovering.round_trip(session_id, "x", "pyspark")
            if "2" not in statement["output"]["data"]["text/plain"]:
                raise RuntimeError(f"session {session_id} lost its variable: {statement['output']}")
        result["post_statement"] = post_latency({"recovery": (recovering, ids[0]), "off": (off, baseline_id)},
                                                counts["round_trips"])
        result["reads"] = {name: read_throughput(context, server, session_id)
                           for name, (server, session_id) in (("recovery", (recovering, ids[0])),
                                                              ("off", (off, baseline_id)))}
        result["reads"]["ratio_recovery_to_off"] = round(result["reads"]["recovery"]["requests_per_s"]
                                                         / result["reads"]["off"]["requests_per_s"], 3)
        return result
    finally:
        for server in (recovering, off):
            if server in context.extra_servers:
                context.extra_servers.remove(server)
            try:
                server.stop()
            finally:
                server.cleanup()
                context.leftovers.extend(server.leftovers)
        # The killed server's drivers are no children of the restarted one: check them by pid.
        deadline = time.time() + 30
        while any(procs.alive(pid) for pid in drivers) and time.time() < deadline:
            time.sleep(0.2)
        context.leftovers.extend(pid for pid in drivers if procs.alive(pid))


def restart_after_sigkill(server, ids):
    """SIGKILL, then bin/livy-server start: seconds until it listens, and until every session is idle again."""
    server.kill_hard()
    began = time.perf_counter()
    server.restart()
    listening = time.perf_counter() - began
    ready = server.wait_idle(ids, timeout=300, poll=0.05)
    all_idle = listening + max(ready.values())
    log(f"recovery: {len(ids)} sessions idle again {all_idle:.2f} s after the start (listening after "
        f"{listening:.2f} s)")
    return {"seconds_until_listening": round(listening, 2), "seconds_until_all_idle": round(all_idle, 2)}


def post_latency(servers, count):
    """POST /sessions/{id}/statements alone (the answer, not the statement's end), in interleaved rounds so that
    the shared machine's slow moments spread over both servers; each statement is awaited before the next."""
    samples = {name: [] for name in servers}
    for _ in range(ROUNDS):
        for name, (server, session_id) in servers.items():
            for _ in range(max(1, count // ROUNDS)):
                samples[name].append(timed_post(server, session_id))
    result = {name: stats.summary_ms(values) for name, values in samples.items()}
    for figure in ("p50_ms", "p99_ms"):
        result["added_" + figure] = round(result["recovery"][figure] - result["off"][figure], 2)
    log(f"recovery: POST statement p50 {result['recovery']['p50_ms']} ms with the filesystem store, "
        f"{result['off']['p50_ms']} ms with recovery off (added p50 {result['added_p50_ms']} ms, "
        f"p99 {result['added_p99_ms']} ms)")
    return result


def timed_post(server, session_id):
    began = time.perf_counter()
    statement = server.http.post(f"/sessions/{session_id}/statements", {"code": "1 + 1", "kind": "pyspark"})
    elapsed = time.perf_counter() - began
    path = f"/sessions/{session_id}/statements/{statement['id']}"
    deadline = time.time() + 60
    while statement["state"] != "available" and time.time() < deadline:
        statement = server.http.get(path)
    if statement["state"] != "available":
        raise RuntimeError(f"statement {path} is {statement['state']}")
    return elapsed


def read_throughput(context, server, session_id):
    path = f"/sessions/{session_id}/statements"
    url = f"http://127.0.0.1:{server.port}{path}"
    wrk = shutil.which("wrk")
    if not wrk and not context.quick:
        raise RuntimeError("wrk is not installed (apt-get install -y wrk); only --quick may do without it")
    load = reads.run_wrk if wrk else (lambda _, seconds: reads.run_python(server.port, path, seconds))
    load(url, context.counts["read_warm_up_seconds"])
    figures = load(url, context.counts["read_seconds"])
    figures["path"] = path
    log(f"recovery: GET {path} on {server.conf['livy.server.recovery.mode']}: {figures['requests_per_s']:.0f} "
        f"req/s, p99 {figures['p99_ms']} ms")
    return figures
