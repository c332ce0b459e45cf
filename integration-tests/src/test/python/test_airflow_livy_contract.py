"""Airflow's Livy provider as a contract: the requests its LivyHook sends for a batch, replayed against the server.

Airflow itself is too large to install for a test, so AirflowLivyHook below sends what the synchronous LivyHook
of apache-airflow-providers-apache-livy 4.6.4 sends through HttpHook of apache-airflow-providers-http 6.3.0, as
LivyOperator drives it with polling_interval > 0:

  POST   /batches                   body: json.dumps(build_post_batch_body(...)), a str (HttpHook's data=)
  GET    /batches/{id}/state        until the state is terminal; BatchState(state) must not raise
  GET    /batches/{id}/log?from=F&size=100
                                    dump_batch_logs: F = 0, 100, 200... while F <= the last answer's total
  GET    /batches/{id}              get_job_result reads ["appId"]
  DELETE /batches/{id}              on_kill

Every request carries requests' default headers plus LivyHook.default_headers (Content-Type: application/json and
Accept: application/json, GET and DELETE included); none carries X-Requested-By. The hook calls
raise_for_status() and then response.json() on every answer, and int(id) on the batch id.
"""

import json
from enum import Enum

import pytest
import requests

from helpers import BATCH_END_SECONDS, wait_until


class BatchState(Enum):
    """The provider's BatchState, value for value: a state outside it makes the hook raise ValueError."""

    NOT_STARTED = "not_started"
    STARTING = "starting"
    RUNNING = "running"
    IDLE = "idle"
    BUSY = "busy"
    SHUTTING_DOWN = "shutting_down"
    ERROR = "error"
    DEAD = "dead"
    KILLED = "killed"
    SUCCESS = "success"


TERMINAL_STATES = {BatchState.SUCCESS, BatchState.DEAD, BatchState.KILLED, BatchState.ERROR}
LIVY_HOOK_DEFAULT_HEADERS = {"Content-Type": "application/json", "Accept": "application/json"}
LOG_BATCH_SIZE = 100


class AirflowLivyHook:
    """LivyHook's requests; each method names the hook method it stands for. Records every exchange."""

    def __init__(self, base_url):
        self.base_url = base_url
        self.exchanges = []

    def _run(self, method, endpoint, data=None):
        # HttpHook.run: a new requests.Session per call with the hook's default headers; GET sends data as the
        # query string, other methods as the body.
        with requests.Session() as session:
            session.headers.update(LIVY_HOOK_DEFAULT_HEADERS)
            if method == "GET":
                request = requests.Request(method, self.base_url + endpoint, params=data, headers={})
            else:
                request = requests.Request(method, self.base_url + endpoint, data=data, headers={})
            prepared = session.prepare_request(request)
            response = session.send(prepared, timeout=60)
        self.exchanges.append((prepared, response))
        response.raise_for_status()
        return response.json()

    def post_batch(self, **params):
        answer = self._run("POST", "/batches", data=json.dumps(build_post_batch_body(**params)))
        batch_id = answer.get("id")
        assert batch_id is not None, answer
        int(batch_id)  # _validate_session_id, on every later call
        return batch_id

    def get_batch_state(self, batch_id):
        answer = self._run("GET", f"/batches/{batch_id}/state")
        assert "state" in answer, answer
        return BatchState(answer["state"])

    def get_batch(self, batch_id):
        return self._run("GET", f"/batches/{batch_id}")

    def dump_batch_logs(self, batch_id):
        lines, start, total = [], 0, 0
        while start <= total:
            answer = self._run("GET", f"/batches/{batch_id}/log", data={"from": start, "size": LOG_BATCH_SIZE})
            total = answer.get("total", [])
            start += LOG_BATCH_SIZE
            lines.extend(answer.get("log", []))
        return lines

    def delete_batch(self, batch_id):
        return self._run("DELETE", f"/batches/{batch_id}")

    def poll_for_termination(self, batch_id):
        """LivyOperator.poll_for_termination with polling_interval=1; returns every state seen, in order."""
        states = [self.get_batch_state(batch_id)]
        wait_until(f"batch {batch_id} to end",
                   lambda: states.append(self.get_batch_state(batch_id)) or states[-1] in TERMINAL_STATES,
                   BATCH_END_SECONDS, interval_seconds=1)
        return states


def build_post_batch_body(file, args=None, class_name=None, name=None, driver_memory=None, driver_cores=None,
                          conf=None):
    """LivyHook.build_post_batch_body for the parameters used here: keys only for given values, args as str."""
    body = {"file": file}
    if class_name:
        body["className"] = class_name
    if args:
        body["args"] = [str(value) for value in args]
    if driver_memory:
        body["driverMemory"] = driver_memory
    if driver_cores:
        body["driverCores"] = driver_cores
    if name:
        body["name"] = name
    if conf:
        body["conf"] = conf
    return body


@pytest.fixture
def hook(livy_url):
    return AirflowLivyHook(livy_url)


def assert_every_answer_is_json(hook):
    for prepared, response in hook.exchanges:
        assert response.headers["Content-Type"].startswith("application/json"), (prepared.method, prepared.url)
        response.json()
        assert "X-Requested-By" not in prepared.headers


def test_a_batch_as_livy_operator_runs_it(hook, batch_dir):
    program = batch_dir / "airflow_lines.py"
    program.write_text(
        "import sys\n"
        "from pyspark.sql import SparkSession\n"
        "spark = SparkSession.builder.getOrCreate()\n"
        "count = spark.range(int(sys.argv[1])).count()\n"
        "for number in range(count):\n"
        "    print('line %03d' % number)\n"
        "print('COUNTED', count, sys.argv[2])\n"
        "spark.stop()\n")

    batch_id = hook.post_batch(file=str(program), args=[150, "two words"], name="airflow-lines",
                               driver_memory="512m", driver_cores=1,
                               conf={"spark.ui.enabled": "false", "spark.sql.shuffle.partitions": 2})
    states = hook.poll_for_termination(batch_id)
    lines = hook.dump_batch_logs(batch_id)
    app_id = hook.get_batch(batch_id)["appId"]

    assert states[-1] == BatchState.SUCCESS, "\n".join(lines)
    assert {state.value for state in states} <= {"starting", "running", "success"}
    assert [line for line in lines if line.startswith("line ")] == ["line %03d" % n for n in range(150)]
    assert "COUNTED 150 two words" in lines
    log_requests = [prepared for prepared, _ in hook.exchanges if "/log" in prepared.url]
    assert len(log_requests) >= 2, "the log is long enough to need pages"
    assert log_requests[0].url.endswith(f"/batches/{batch_id}/log?from=0&size=100")
    assert app_id.startswith("local-")
    post = hook.exchanges[0][0]
    assert post.headers["Content-Type"] == "application/json" and post.headers["Accept"] == "application/json"
    assert hook.exchanges[0][1].status_code == 201
    assert_every_answer_is_json(hook)


def test_a_failing_batch_ends_dead(hook, batch_dir):
    program = batch_dir / "airflow_fails.py"
    program.write_text("raise SystemExit('failing on purpose')\n")

    batch_id = hook.post_batch(file=str(program), name="airflow-fails")
    states = hook.poll_for_termination(batch_id)

    assert states[-1] == BatchState.DEAD
    assert any("failing on purpose" in line for line in hook.dump_batch_logs(batch_id))
    assert_every_answer_is_json(hook)


def test_on_kill_deletes_a_running_batch(hook, batch_dir):
    program = batch_dir / "airflow_forever.py"
    program.write_text("import time\nprint('STARTED', flush=True)\ntime.sleep(3600)\n")
    batch_id = hook.post_batch(file=str(program), name="airflow-forever")
    wait_until("the batch to run", lambda: hook.get_batch_state(batch_id) == BatchState.RUNNING, BATCH_END_SECONDS)

    assert hook.delete_batch(batch_id) == {"msg": "deleted"}

    with pytest.raises(requests.HTTPError) as raised:
        hook.get_batch_state(batch_id)
    assert raised.value.response.status_code == 404
    assert "msg" in raised.value.response.json()
    assert_every_answer_is_json(hook)


def test_an_unknown_batch_is_a_json_404(hook):
    with pytest.raises(requests.HTTPError) as raised:
        hook.get_batch(987654)

    assert raised.value.response.status_code == 404
    assert raised.value.response.json() == {"msg": "Batch '987654' not found."}
