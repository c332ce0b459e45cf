"""The warm pool, on servers of their own. One holds a pooled driver of each kind (livy.server.session.pool.size 1,
kinds pyspark, sql and spark): for each kind, POST -> idle for sessions created one after another, each once the pool
is full again, and the refill time (from a session taking the pooled driver until the server logs its replacement
ready). Another holds as many pyspark drivers as sessions then ask for all at once (the burst): POST -> idle of each,
and the time until the pool is full again."""
import concurrent.futures
import time

from . import stats
from .livy import Http, Server
from .machine import log

KINDS = ("pyspark", "sql", "spark")


def pool_conf(kinds, size, refill_delay="0s"):
    """A pool of `size` drivers of each kind; refill_delay None keeps the server's default."""
    conf = {"livy.server.session.pool.size": str(size), "livy.server.session.pool.kinds": ",".join(kinds)}
    if refill_delay is not None:
        conf["livy.server.session.pool.refill-delay"] = refill_delay
    return conf


def wait_ready(server, count, timeout=300):
    """Seconds until the server has logged `count` pooled drivers ready (of any kind, since it started)."""
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


def is_pooled(server, session_id):
    view = server.http.get(f"/sessions/{session_id}")
    return (view.get("appInfo") or {}).get("pooled") == "true"


def measure(context):
    result = one_after_another(context)
    result["burst"] = burst(context)
    return result


def one_after_another(context):
    count = context.counts["pool_sessions"]
    with pool_server(context, KINDS, 1) as server:
        ready = len(KINDS)
        wait_ready(server, ready)
        kinds = {}
        for kind in KINDS:
            starts, refills, pooled = [], [], 0
            for number in range(1, count + 1):
                started = time.perf_counter()
                session_id = server.create_session(kind)
                server.wait_idle([session_id], timeout=300, poll=0.005)
                starts.append(time.perf_counter() - started)
                pooled += 1 if is_pooled(server, session_id) else 0
                server.http.call("DELETE", f"/sessions/{session_id}")
                ready += 1
                wait_ready(server, ready)
                refills.append(time.perf_counter() - started)
                log(f"pool: {kind} session {number}/{count}: {starts[-1] * 1000:.0f} ms to idle, "
                    f"pool refilled {refills[-1]:.1f}s after the POST")
            kinds[kind] = {"sessions": count, "pooled_sessions": pooled, "post_to_idle": stats.summary_ms(starts),
                           "refill_median_s": round(stats.median(refills), 2),
                           "refill_samples_s": [round(value, 2) for value in refills]}
            log(f"pool: {kind} POST -> idle p50 {kinds[kind]['post_to_idle']['p50_ms']} ms, p99 "
                f"{kinds[kind]['post_to_idle']['p99_ms']} ms over {count}; refill median "
                f"{kinds[kind]['refill_median_s']} s")
    # The pyspark figures stay where bench/compare and the targets have always read them.
    return {"kind": "pyspark", "pool_size": 1, **kinds["pyspark"], "kinds": kinds}


def burst(context):
    """As many pyspark sessions at once as the pool holds drivers: each POST on a thread of its own. With the
    server's default refill delay, as users have it: refilling at once would start ten JVMs among the binds."""
    count = context.counts["pool_burst"]
    with pool_server(context, ("pyspark",), count, refill_delay=None) as server:
        wait_ready(server, count)

        def create_and_wait():
            client = Http(server.port)  # one connection per thread: a connection carries one request at a time
            try:
                started = time.perf_counter()
                session_id = client.post("/sessions", {"kind": "pyspark"})["id"]
                # Ten clients polling every 5 ms would be 2,000 requests a second on the server's two cores.
                server.wait_idle([session_id], timeout=300, poll=0.02, client=client)
                return session_id, time.perf_counter() - started
            finally:
                client.close()

        began = time.perf_counter()
        with concurrent.futures.ThreadPoolExecutor(max_workers=count) as threads:
            done = list(threads.map(lambda _: create_and_wait(), range(count)))
        all_idle = time.perf_counter() - began
        pooled = sum(1 for session_id, _ in done if is_pooled(server, session_id))
        refill = wait_ready(server, 2 * count, timeout=600) + all_idle
        for session_id, _ in done:
            server.http.call("DELETE", f"/sessions/{session_id}")
        result = {"sessions": count, "pool_size": count, "pooled_sessions": pooled,
                  "post_to_idle": stats.summary_ms([seconds for _, seconds in done]),
                  "all_idle_s": round(all_idle, 3), "refill_s": round(refill, 2)}
        log(f"pool: {count} pyspark sessions at once: POST -> idle p50 {result['post_to_idle']['p50_ms']} ms, p99 "
            f"{result['post_to_idle']['p99_ms']} ms, all idle after {result['all_idle_s']} s ({pooled} pooled); "
            f"pool full again {result['refill_s']} s after the POSTs")
        return result


class pool_server:
    """A server of its own with a warm pool, stopped (and its leftovers noted) on the way out."""

    def __init__(self, context, kinds, size, refill_delay="0s"):
        self.context = context
        conf = dict(context.server_conf)
        conf.update(pool_conf(kinds, size, refill_delay))
        self.server = Server(context.environment, conf)

    def __enter__(self):
        self.context.extra_servers.append(self.server)
        return self.server.start()

    def __exit__(self, *failure):
        self.context.extra_servers.remove(self.server)
        try:
            self.server.stop()
        finally:
            self.server.cleanup()
            self.context.leftovers.extend(self.server.leftovers)
        return False
