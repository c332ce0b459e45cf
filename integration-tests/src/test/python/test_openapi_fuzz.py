"""schemathesis fuzzes the server through its own OpenAPI description (GET /openapi.json), with every check it has:
no 5xx, every status, content type, header and body as described, schema-valid requests accepted and invalid ones
refused. A live pyspark session runs throughout; afterwards it and the server still answer.

Creating sessions and batches starts Spark drivers and applications, which random bodies would do by the dozen:
those two operations, and deleting sessions (it would end the live one), are left out of the fuzzing; everything
else is generated from the description, a bounded number of examples per operation.
"""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import requests

from helpers import wait_until

EXAMPLES_PER_OPERATION = 25
JSON = {"Content-Type": "application/json"}


def test_schemathesis_finds_nothing_and_the_server_keeps_working(livy_url, tmp_path):
    created = requests.post(f"{livy_url}/sessions", json={"kind": "pyspark", "name": "fuzz-survivor"}, headers=JSON,
                            timeout=30)
    assert created.status_code == 201, created.text
    session_id = created.json()["id"]
    try:
        wait_until("the live session to be idle", lambda: requests.get(
            f"{livy_url}/sessions/{session_id}/state", timeout=30).json()["state"] == "idle", 180)

        # ClientsIT runs pytest in its output directory: the whole report stays there beside the suite's log.
        report = Path.cwd() / "schemathesis-report.txt"
        command = [os.path.join(os.path.dirname(sys.executable), "schemathesis"), "--config-file",
                   os.path.join(os.path.dirname(__file__), "schemathesis.toml"), "run",
                   f"{livy_url}/openapi.json",
                   "--exclude-operation-id", "createSession", "--exclude-operation-id", "createBatch",
                   "--exclude-operation-id", "deleteSession",
                   "--phases", "examples,coverage,fuzzing", "--max-examples", str(EXAMPLES_PER_OPERATION),
                   "--workers", "1", "--seed", "20261201", "--no-color"]
        run = subprocess.run(command, capture_output=True, text=True, timeout=900, cwd=tmp_path)
        report.write_text(run.stdout + run.stderr)
        print(run.stdout[-6000:])
        counts = re.search(r"(\d+) generated, (\d+) passed", run.stdout)
        assert run.returncode == 0, run.stdout[-8000:] + run.stderr[-2000:]
        assert counts and int(counts.group(1)) > 100, "schemathesis sent too few requests to mean anything"
        print(json.dumps({"schemathesis_requests": int(counts.group(1))}))

        statement = requests.post(f"{livy_url}/sessions/{session_id}/statements", json={"code": "20 + 22"},
                                  headers=JSON, timeout=30).json()
        done = wait_until("the live session to answer after the fuzzing", lambda: (lambda view: view if view[
            "state"] in ("available", "error") else None)(requests.get(
                f"{livy_url}/sessions/{session_id}/statements/{statement['id']}", timeout=30).json()), 120)
        assert done["output"]["data"]["text/plain"] == "42"
        assert requests.get(f"{livy_url}/version", timeout=30).status_code == 200
    finally:
        requests.delete(f"{livy_url}/sessions/{session_id}", timeout=30)
