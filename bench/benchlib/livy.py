"""The packaged server as a user runs it (bin/livy-server with its own conf, log and pid directories on free
ports), and a keep-alive HTTP client for it."""
import http.client
import json
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path

from . import procs
from .machine import LIVY_HOME, log

IDLE = "idle"
FAILED_STATES = ("error", "dead", "killed", "shutting_down")


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Http:
    """One persistent HTTP/1.1 connection; not thread-safe (one per thread)."""

    def __init__(self, port):
        self.port = port
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)

    def call(self, method, path, body=None):
        payload = None if body is None else json.dumps(body).encode()
        headers = {"Content-Type": "application/json"} if payload is not None else {}
        for attempt in (1, 2):
            try:
                self.connection.request(method, path, body=payload, headers=headers)
                response = self.connection.getresponse()
                data = response.read()
                break
            except (http.client.HTTPException, ConnectionError):
                self.connection.close()
                if attempt == 2:
                    raise
        if response.status >= 400:
            raise RuntimeError(f"{method} {path} answered {response.status}: {data[:500]!r}")
        return json.loads(data) if data else None

    def get(self, path):
        return self.call("GET", path)

    def post(self, path, body):
        return self.call("POST", path, body)

    def close(self):
        self.connection.close()


class Server:
    """A server started by bin/livy-server in a temporary directory; stop() stops it and every driver it started."""

    def __init__(self, environment, conf=None):
        self.environment = dict(environment)
        self.conf = dict(conf or {})
        self.directory = Path(tempfile.mkdtemp(prefix="livy-bench-"))
        self.port = free_port()
        self.pid = None
        self.http = None
        self.leftovers = []

    def start(self):
        conf_dir = self.directory / "conf"
        conf_dir.mkdir()
        lines = [f"livy.server.port = {self.port}"] + [f"{key} = {value}" for key, value in self.conf.items()]
        (conf_dir / "livy.conf").write_text("\n".join(lines) + "\n")
        for name in ("spark-blacklist.conf", "logback.xml"):
            shutil.copy(LIVY_HOME / "conf" / name, conf_dir / name)
        # Its own state directory: a recovering server (bin/livy-server's default) never meets another's store.
        self.environment.update(LIVY_CONF_DIR=str(conf_dir), LIVY_LOG_DIR=str(self.directory / "logs"),
                                LIVY_PID_DIR=str(self.directory / "run"), LIVY_STATE_DIR=str(self.directory / "state"))
        return self.restart()

    def restart(self):
        """bin/livy-server start with the conf and directories of start(): the same server again after a crash."""
        self._script("start")
        self.pid = int(next((self.directory / "run").glob("*.pid")).read_text().strip())
        self.http = Http(self.port)
        return self

    def kill_hard(self, timeout=30):
        """SIGKILL to the server's JVM, as a crash would end it; waits until it is gone. Its drivers run on."""
        self.http.close()
        os.kill(self.pid, signal.SIGKILL)
        deadline = time.time() + timeout
        while procs.alive(self.pid) and time.time() < deadline:
            time.sleep(0.05)
        if procs.alive(self.pid):
            raise RuntimeError(f"the server {self.pid} still runs {timeout}s after SIGKILL")
        self.pid = None

    def stop(self):
        if self.pid is None:
            return
        if self.http:
            self.http.close()
        started = procs.tree(self.pid) + [pid for root in self.application_roots() for pid in procs.tree(root)]
        # --all: a recovering server's plain stop would leave its drivers running for a next server.
        self._script("stop", "--all")
        self.pid = None
        deadline = time.time() + 15
        while any(procs.alive(pid) for pid in started) and time.time() < deadline:
            time.sleep(0.2)
        self.leftovers = [pid for pid in started if procs.alive(pid)]
        if self.leftovers:
            log(f"warning: processes of the stopped server still run: {self.leftovers}")

    def cleanup(self):
        shutil.rmtree(self.directory, ignore_errors=True)

    def _script(self, *arguments):
        mode = " ".join(arguments)
        result = subprocess.run([str(LIVY_HOME / "bin/livy-server"), *arguments], env=self.environment,
                                capture_output=True, text=True, timeout=300)
        if result.returncode != 0:
            raise RuntimeError(f"bin/livy-server {' '.join(arguments)} failed ({result.returncode}):\n{result.stdout}"
                               f"{result.stderr}\n{self.log_tail()}")

    def log_tail(self, lines=40):
        logs = self.directory / "logs"
        text = "".join(path.read_text(errors="replace") for path in sorted(logs.glob("*"))) if logs.exists() else ""
        return "\n".join(text.splitlines()[-lines:])

    def rss_mib(self):
        return procs.rss_mib(self.pid)

    # ---- sessions ----

    def create_session(self, kind, **fields):
        body = {"kind": kind}
        body.update(fields)
        return self.http.post("/sessions", body)["id"]

    def wait_idle(self, session_ids, timeout, poll=0.02, client=None):
        """Seconds from now until each session is idle; fails when one fails or the time runs out."""
        ready, failed = self.wait_settled(session_ids, timeout, poll, client)
        if failed:
            session_id, reason = next(iter(failed.items()))
            raise RuntimeError(f"session {session_id} failed to start: {reason}")
        return ready

    def wait_settled(self, session_ids, timeout, poll=0.02, client=None):
        """Waits until each session is idle or has failed: ({id: seconds to idle}, {id: why it failed})."""
        client = client or self.http
        started = time.perf_counter()
        pending = set(session_ids)
        ready, failed = {}, {}
        while pending:
            for session_id in sorted(pending):
                state = client.get(f"/sessions/{session_id}/state")["state"]
                if state == IDLE:
                    ready[session_id] = time.perf_counter() - started
                    pending.discard(session_id)
                elif state in FAILED_STATES:
                    failed[session_id] = f"{state}: {self.failure_reason(session_id, client)}"
                    pending.discard(session_id)
            if time.perf_counter() - started > timeout:
                failed.update({session_id: f"not idle after {timeout}s" for session_id in pending})
                break
            if pending:
                time.sleep(poll)
        return ready, failed

    def failure_reason(self, session_id, client=None):
        """The first error-looking line of a session's log (the whole log is in the server's memory)."""
        try:
            lines = (client or self.http).get(f"/sessions/{session_id}/log?size=400")["log"]
        except RuntimeError as error:
            return str(error)
        for line in lines:
            if " ERROR " in line or "Exception" in line:
                return line.strip()[:300]
        return (lines[-1] if lines else "no log").strip()[:300]

    def delete_all_sessions(self, timeout=60):
        """Deletes every session and waits until no driver process is left."""
        for session in self.http.get("/sessions?size=1000")["sessions"]:
            try:
                self.http.call("DELETE", f"/sessions/{session['id']}")
            except RuntimeError:
                pass
        deadline = time.time() + timeout
        while self.driver_roots() and time.time() < deadline:
            time.sleep(0.2)
        if self.driver_roots():
            log(f"warning: driver processes still running after {timeout}s: {self.driver_roots()}")

    def driver_roots(self):
        """One process per live session or batch: its spark-submit, or the wrapper it runs under."""
        return self.application_roots()

    def application_roots(self):
        """The server's live applications: its child processes, and (with recovery on, where the server starts
        them forked, so they are nobody's children) the wrappers whose pid files are in its state directory."""
        roots = procs.children(self.pid) if self.pid else []
        # os.walk, not glob: directories of deleted sessions vanish while it looks, and walk skips them.
        for directory, _, files in os.walk(self.directory / "state"):
            if "pid" not in files:
                continue
            try:
                pid = int((Path(directory) / "pid").read_text().strip())
            except (OSError, ValueError):
                continue
            if pid not in roots and procs.alive(pid) and procs.cwd(pid) == Path(directory).resolve():
                roots.append(pid)
        return sorted(roots)

    # ---- statements ----

    def round_trip(self, session_id, code, kind, client=None, pause=0.0):
        """POST a statement, then poll it (pausing `pause` seconds between GETs) until available: (seconds,
        output)."""
        client = client or self.http
        started = time.perf_counter()
        statement = client.post(f"/sessions/{session_id}/statements", {"code": code, "kind": kind})
        path = f"/sessions/{session_id}/statements/{statement['id']}"
        while statement["state"] != "available":
            if statement["state"] in ("error", "cancelled", "cancelling"):
                raise RuntimeError(f"statement {path} is {statement['state']}")
            if pause:
                time.sleep(pause)
            statement = client.get(path)
        elapsed = time.perf_counter() - started
        output = statement["output"]
        if output.get("status") != "ok":
            raise RuntimeError(f"statement {path} failed: {output}")
        return elapsed, statement
