"""Read throughput: GET one statement and GET /sessions under concurrent load from wrk (a Python load generator
stands in only in quick mode when wrk is missing), with the server's RSS sampled during and after the load."""
import re
import shutil
import subprocess
import threading
import time

from . import procs, stats
from .livy import Http
from .machine import log

THREADS = 2
CONNECTIONS = 32
_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def measure(context):
    server = context.server
    duration = context.counts["read_seconds"]
    session_id = context.idle_session("pyspark")
    statement = server.http.post(f"/sessions/{session_id}/statements", {"code": "1 + 1", "kind": "pyspark"})
    while server.http.get(f"/sessions/{session_id}/statements/{statement['id']}")["state"] != "available":
        time.sleep(0.01)
    generator = "wrk" if shutil.which("wrk") else "python"
    if generator == "python" and not context.quick:
        raise RuntimeError("wrk is not installed (apt-get install -y wrk); only --quick may do without it")
    targets = {"statement": f"/sessions/{session_id}/statements/{statement['id']}", "sessions": "/sessions"}
    sampler = RssSampler(server.pid)
    result = {"generator": generator, "threads": THREADS, "connections": CONNECTIONS, "seconds": duration,
              "rss_before_mib": round(server.rss_mib(), 1)}
    sampler.start()
    # Steady state, not the JIT's warm-up: each path is loaded once before it is measured.
    for path in targets.values():
        url = f"http://127.0.0.1:{server.port}{path}"
        if generator == "wrk":
            run_wrk(url, context.counts["read_warm_up_seconds"])
        else:
            run_python(server.port, path, context.counts["read_warm_up_seconds"])
    for name, path in targets.items():
        url = f"http://127.0.0.1:{server.port}{path}"
        figures = run_wrk(url, duration) if generator == "wrk" else run_python(server.port, path, duration)
        figures["path"] = path
        result[name] = figures
        log(f"reads: GET {path}: {figures['requests_per_s']:.0f} req/s, p50 {figures['p50_ms']} ms, "
            f"p99 {figures['p99_ms']} ms")
    sampler.stop()
    result["rss_peak_during_load_mib"] = round(max(sampler.samples), 1)
    time.sleep(context.counts["settle_seconds"])
    result["rss_after_load_mib"] = round(server.rss_mib(), 1)
    result["rss_growth_after_load_mib"] = round(result["rss_after_load_mib"] - result["rss_peak_during_load_mib"], 1)
    result["rss_samples_mib"] = [round(value, 1) for value in sampler.samples]
    return result


def run_wrk(url, duration):
    command = ["wrk", f"-t{THREADS}", f"-c{CONNECTIONS}", f"-d{duration}s", "--latency", url]
    output = subprocess.run(command, capture_output=True, text=True, check=True, timeout=duration + 60).stdout
    figures = {"requests_per_s": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))}
    for label, key in (("50%", "p50_ms"), ("75%", "p75_ms"), ("90%", "p90_ms"), ("99%", "p99_ms")):
        value, unit = re.search(rf"^\s+{re.escape(label)}\s+([\d.]+)(us|ms|s)\s*$", output, re.M).groups()
        figures[key] = round(float(value) * _UNITS[unit], 3)
    errors = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    figures["non_2xx"] = int(errors.group(1)) if errors else 0
    figures["command"] = " ".join(command)
    return figures


def run_python(port, path, duration):
    """A threaded keep-alive generator: far weaker than wrk (the GIL), only to prove the section works."""
    latencies = []
    lock = threading.Lock()
    deadline = time.perf_counter() + duration

    def load():
        client = Http(port)
        mine = []
        while time.perf_counter() < deadline:
            started = time.perf_counter()
            client.get(path)
            mine.append(time.perf_counter() - started)
        client.close()
        with lock:
            latencies.extend(mine)

    workers = [threading.Thread(target=load) for _ in range(4)]
    started = time.perf_counter()
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    elapsed = time.perf_counter() - started
    summary = stats.summary_ms(latencies)
    return {"requests_per_s": round(len(latencies) / elapsed, 1), "p50_ms": summary["p50_ms"],
            "p90_ms": summary["p90_ms"], "p99_ms": summary["p99_ms"], "non_2xx": 0,
            "command": f"python threads x4 for {duration}s"}


class RssSampler:
    """Samples a process's RSS every half second on a background thread."""

    def __init__(self, pid):
        self.pid = pid
        self.samples = []
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)

    def start(self):
        self.thread.start()

    def stop(self):
        self.stopping.set()
        self.thread.join()

    def _run(self):
        while not self.stopping.is_set():
            self.samples.append(procs.rss_mib(self.pid))
            self.stopping.wait(0.5)
        self.samples.append(procs.rss_mib(self.pid))
