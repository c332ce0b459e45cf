"""The warm pool: on a server of its own holding pooled pyspark drivers (livy.server.session.pool.size), POST ->
idle for sessions created one after another, each once the pool is full again, and the refill time (from a session
taking the pooled driver until the server logs its replacement ready)."""
import time

from . import stats
from .livy import Server
from .machine import log

KIND = "pyspark"
POOL_CONF = {"livy.server.session.pool.size": "1", "livy.server.session.pool.kinds": KIND,
             "livy.server.session.pool.refill-delay": "0s"}


def wait_ready(server, count, timeout=300):
    """Seconds until the server has logged `count` pooled drivers ready."""
    started = time.perf_counter()
    deadline = time.time() + timeout
    while pooled_ready(server) < count:
        if time.time() > deadline:
            raise RuntimeError(f"pooled driver {count} not ready within {timeout}s:\n{server.log_tail()}")
        time.sleep(0.05)
    return time.perf_counter() - started


def pooled_ready(server):
    return sum(1 for line in server.log_tail(lines=100000).splitlines()
               if "Pooled driver " in line and " ready (" in line)


def measure(context):
    count = context.counts["pool_sessions"]
    conf = dict(context.server_conf)
    conf.update(POOL_CONF)
    server = Server(context.environment, conf).start()
    context.extra_servers.append(server)
    try:
        wait_ready(server, 1)
        starts, refills, pooled = [], [], 0
        for number in range(1, count + 1):
            started = time.perf_counter()
            session_id = server.create_session(KIND)
            server.wait_idle([session_id], timeout=300, poll=0.005)
            starts.append(time.perf_counter() - started)
            view = server.http.get(f"/sessions/{session_id}")
            pooled += 1 if (view.get("appInfo") or {}).get("pooled") == "true" else 0
            server.http.call("DELETE", f"/sessions/{session_id}")
            wait_ready(server, number + 1)
            refills.append(time.perf_counter() - started)
            log(f"pool: session {number}/{count}: {starts[-1] * 1000:.0f} ms to idle, "
                f"pool refilled {refills[-1]:.1f}s after the POST")
        result = {"kind": KIND, "pool_size": 1, "sessions": count, "pooled_sessions": pooled,
                  "post_to_idle": stats.summary_ms(starts),
                  "refill_median_s": round(stats.median(refills), 2),
                  "refill_samples_s": [round(value, 2) for value in refills]}
        log(f"pool: POST -> idle p50 {result['post_to_idle']['p50_ms']} ms, p99 {result['post_to_idle']['p99_ms']} "
            f"ms over {count}; refill median {result['refill_median_s']} s")
        return result
    finally:
        context.extra_servers.remove(server)
        server.stop()
        server.cleanup()
        context.leftovers.extend(server.leftovers)
