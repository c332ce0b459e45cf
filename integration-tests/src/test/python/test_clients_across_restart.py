"""A notebook and a scheduler across a crash of the server: sparkmagic polling a running statement and Airflow's
LivyHook polling a batch by id while the server, with recovery on, is killed (SIGKILL) and started again. Each sees
the restart only as failed polls: the batch's end and whole log, the statement's result and the session's variables
are all there once the server is back.

sparkmagic does not retry a request that got no answer at all (its LinearRetryPolicy.should_retry returns False
without an HTTP status), so a cell whose poll meets the restart shows sparkmagic's "Error sending http request and
maximum retry encountered."; its statement runs on, and its result is there for the next look.

ClientsIT runs this suite against a server of its own with recovery on, and restarts that server when the suite
asks: the suite creates the file LIVY_RESTART_REQUEST and the test waits for LIVY_RESTART_DONE.
"""

import os
import threading
import time
from pathlib import Path

import requests
from sparkmagic.livyclientlib.command import Command
from sparkmagic.livyclientlib.exceptions import HttpClientException
from sparkmagic.utils.constants import MIMETYPE_TEXT_PLAIN

from helpers import BATCH_END_SECONDS, wait_until
from notebook import Notebook
from test_airflow_livy_contract import TERMINAL_STATES, AirflowLivyHook, BatchState

RESTART_SECONDS = 300


def test_a_notebook_and_airflow_poll_across_a_crash_of_the_server(livy_url, batch_dir):
    notebook = Notebook(livy_url)
    session = notebook.start_session("across-restart", "python")
    assert Command("kept = 41").execute(session)[0]
    hook = AirflowLivyHook(livy_url)
    program = batch_dir / "across_restart.py"
    program.write_text("import time\nfor i in range(40):\n    print('line', i, flush=True)\n    time.sleep(1)\n")
    batch_id = hook.post_batch(file=str(program), name="across-restart")

    cell = {}

    def run_cell():
        # What a %%spark cell does: sparkmagic posts the statement and polls it until it ends, retrying
        # failed requests by its default retry policy.
        try:
            cell["result"] = Command("import time\ntime.sleep(25)\n6 * 7").execute(session)
        except Exception as e:  # noqa: BLE001 - shown in the assertion below
            cell["error"] = e

    running_cell = threading.Thread(target=run_cell, daemon=True)
    running_cell.start()
    wait_until("the cell's statement to run", lambda: any(
        statement["state"] == "running" for statement in requests.get(
            f"{livy_url}/sessions/{session.id}/statements", timeout=30).json()["statements"]), 120)
    wait_until("the batch to run", lambda: hook.get_batch_state(batch_id) == BatchState.RUNNING, 120)

    Path(os.environ["LIVY_RESTART_REQUEST"]).touch()

    # LivyOperator's polling; a poll that cannot reach the server fails the task, and Airflow's retry of the task
    # polls the same batch id again.
    failed_polls = 0
    states = []
    deadline = time.monotonic() + BATCH_END_SECONDS + RESTART_SECONDS
    while time.monotonic() < deadline:
        try:
            states.append(hook.get_batch_state(batch_id))
        except requests.exceptions.ConnectionError:
            failed_polls += 1
        if states and states[-1] in TERMINAL_STATES and Path(os.environ["LIVY_RESTART_DONE"]).exists():
            break
        time.sleep(1)
    running_cell.join(RESTART_SECONDS)

    assert Path(os.environ["LIVY_RESTART_DONE"]).exists(), "the server was restarted"
    assert states[-1] == BatchState.SUCCESS, states
    assert failed_polls < 60, f"{failed_polls} polls failed while the server was away"
    log = hook.dump_batch_logs(batch_id)
    assert [line for line in log if line.startswith("line ")] == [f"line {i}" for i in range(40)], log
    if "error" in cell:
        assert isinstance(cell["error"], HttpClientException), repr(cell["error"])
        assert "maximum retry" in str(cell["error"]), repr(cell["error"])
        statements = session.http_client._http_client.get(f"/sessions/{session.id}/statements", [200]).json()
        statement_id = statements["statements"][-1]["id"]
        statement = wait_until("the cell's statement to end", lambda: (lambda s: s if s["state"] == "available"
                               else None)(session.http_client.get_statement(session.id, statement_id)), 120)
        assert statement["output"]["data"][MIMETYPE_TEXT_PLAIN] == "42", statement
    else:
        assert cell["result"] == (True, "42", MIMETYPE_TEXT_PLAIN), cell["result"]
    assert Command("kept + 1").execute(session) == (True, "42", MIMETYPE_TEXT_PLAIN)
    notebook.controller.delete_session_by_name("across-restart")
    hook.delete_batch(batch_id)
