"""Memory (a fresh server: RSS idle, then with idle pyspark sessions; each driver's process tree) and capacity
(how many idle pyspark sessions with 512m drivers the machine holds at once, and how long they take to start)."""
import time

from . import procs, stats
from .livy import Server
from .machine import log

DRIVER_MEMORY = "512m"


def measure_memory(context):
    count = context.counts["memory_sessions"]
    server = Server(context.environment, context.server_conf).start()
    context.extra_servers.append(server)
    try:
        time.sleep(context.counts["settle_seconds"])
        idle = server.rss_mib()
        # The marginal cost of a session, not the JVM warming up: some requests first, so that the young
        # generation and the code cache are touched before the baseline is taken.
        warm = warm_rss_mib(server, context.counts)
        threads = procs.threads(server.pid)
        # Two rounds of sessions: the first also pays what the server does once (the classes and compiled code of
        # launching and tracking a session), the second is what one more idle session costs.
        loaded = add_idle_sessions(server, count, context.counts)
        doubled = add_idle_sessions(server, count, context.counts)
        drivers = [procs.tree_rss_mib(root) for root in server.driver_roots()]
        drivers_pss = [procs.tree_pss_mib(root) for root in server.driver_roots()]
        result = {
            "server_rss_idle_mib": round(idle, 1),
            "server_rss_idle_warm_mib": round(warm, 1),
            "sessions": count,
            "server_rss_with_sessions_mib": round(loaded, 1),
            "server_rss_per_session_mib": round((loaded - warm) / count, 2),
            "server_rss_with_twice_the_sessions_mib": round(doubled, 1),
            "server_rss_per_further_session_mib": round((doubled - loaded) / count, 2),
            "server_threads_idle": threads,
            "server_threads_with_sessions": procs.threads(server.pid),
            "driver_memory": DRIVER_MEMORY,
            "driver_rss_median_mib": round(stats.median(drivers), 1),
            "driver_rss_max_mib": round(max(drivers), 1),
            "driver_rss_samples_mib": [round(value, 1) for value in drivers],
            "driver_pss_median_mib": round(stats.median(drivers_pss), 1),
        }
        log(f"memory: server {idle:.0f} MiB idle, {loaded:.0f} MiB with {count} idle sessions, {doubled:.0f} MiB "
            f"with {2 * count}; "
            f"driver median {result['driver_rss_median_mib']} MiB")
        return result
    finally:
        context.extra_servers.remove(server)
        server.stop()
        server.cleanup()
        context.leftovers.extend(server.leftovers)


def add_idle_sessions(server, count, counts):
    """Creates count more idle pyspark sessions; the server's RSS once they are idle and it has settled."""
    ids = [server.create_session("pyspark", driverMemory=DRIVER_MEMORY) for _ in range(count)]
    server.wait_idle(ids, timeout=600, poll=0.2)
    return warm_rss_mib(server, counts)


def warm_rss_mib(server, counts):
    """The server's RSS once warmed by GET /sessions and settled: its code and heap touched as serving does."""
    warm_up(server, counts["warm_up_requests"])
    time.sleep(counts["settle_seconds"])
    return server.rss_mib()


def warm_up(server, requests):
    for _ in range(requests):
        server.http.get("/sessions")


def measure_capacity(context):
    count = context.counts["capacity_sessions"]
    server = context.server
    server.delete_all_sessions()
    context.idle_sessions.clear()
    # What the server does once, for its first sessions (the classes and compiled code of launching, following
    # and answering for one, tens of MiB), is not what each session costs: a few sessions first, then deleted.
    warm_ids = [server.create_session("pyspark", driverMemory=DRIVER_MEMORY)
                for _ in range(context.counts["capacity_warm_sessions"])]
    server.wait_settled(warm_ids, timeout=600, poll=0.2)
    server.delete_all_sessions(timeout=120)
    server_before = warm_rss_mib(server, context.counts)
    available_before = procs.mem_available_mib()
    started = time.perf_counter()
    ids = [server.create_session("pyspark", driverMemory=DRIVER_MEMORY) for _ in range(count)]
    ready, failed = server.wait_settled(ids, timeout=900, poll=0.2)
    all_settled = time.perf_counter() - started
    states = [server.http.get(f"/sessions/{session_id}/state")["state"] for session_id in ids]
    answered = sum(1 for session_id in ready if server.round_trip(session_id, "1 + 1", "pyspark")[0] > 0)
    drivers = [procs.tree_rss_mib(root) for root in server.driver_roots()]
    drivers_pss = [procs.tree_pss_mib(root) for root in server.driver_roots()]
    available_after = procs.mem_available_mib()
    per_session = (available_before - available_after) / max(1, len(ready))
    server_after = warm_rss_mib(server, context.counts)
    result = {
        "sessions_requested": count,
        "sessions_idle_at_once": states.count("idle"),
        "sessions_answering_1_plus_1": answered,
        "driver_memory": DRIVER_MEMORY,
        "seconds_until_all_idle": round(all_settled, 2) if not failed else None,
        "seconds_until_all_settled": round(all_settled, 2),
        "first_idle_s": round(min(ready.values()), 2) if ready else None,
        "median_idle_s": round(stats.median(list(ready.values())), 2) if ready else None,
        "failures": {str(session_id): reason for session_id, reason in sorted(failed.items())},
        "driver_rss_total_mib": round(sum(drivers), 1),
        "driver_pss_total_mib": round(sum(drivers_pss), 1),
        "mem_available_before_mib": round(available_before, 1),
        "mem_available_after_mib": round(available_after, 1),
        "memory_ceiling_sessions": int(available_before / per_session) if per_session > 0 else None,
        "server_rss_before_mib": round(server_before, 1),
        "server_rss_with_sessions_mib": round(server_after, 1),
        "server_rss_per_session_mib": round((server_after - server_before) / max(1, len(ready)), 2),
        "server_threads_with_sessions": procs.threads(server.pid),
    }
    log(f"capacity: {result['sessions_idle_at_once']}/{count} idle at once after {all_settled:.1f}s; "
        f"memory ceiling ~{result['memory_ceiling_sessions']} sessions; server RSS {server_before:.0f} MiB "
        f"before, {server_after:.0f} MiB with them")
    server.delete_all_sessions(timeout=120)
    return result
