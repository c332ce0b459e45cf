"""Small helpers of the client suites."""

import os
import time

import pytest
import requests

BATCH_END_SECONDS = 180


def wait_until(description, condition, timeout_seconds, interval_seconds=0.5):
    """Polls condition() until it returns a truthy value, which it returns; fails after the timeout."""
    deadline = time.monotonic() + timeout_seconds
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            pytest.fail(f"timed out after {timeout_seconds}s waiting for {description}")
        time.sleep(interval_seconds)


def scala_echo(name, type_name, value):
    """The Scala REPL's echo of `val name = ...`: Scala 2.13's (Spark 4) "val name: T = v", Scala 2.12's (Spark 3.5,
    as Livy's) "name: T = v". LIVY_SCALA_VERSION says which the server's Spark runs; 2.13 when unset."""
    prefix = "" if os.environ.get("LIVY_SCALA_VERSION") == "2.12" else "val "
    return f"{prefix}{name}: {type_name} = {value}\n"


def session_status(livy_url, session_id):
    """The HTTP status of GET /sessions/{id}, as seen without any client library."""
    return requests.get(f"{livy_url}/sessions/{session_id}", timeout=30).status_code
