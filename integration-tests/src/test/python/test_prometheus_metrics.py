"""GET /metrics as Prometheus reads it: parsed by prometheus_client's own text parser, and checked against what the
REST API says about the same sessions, statements and batches.

One pyspark session: it goes idle (a session start time is recorded), runs a statement (a statement duration is
recorded), and is deleted at the end.
"""

import collections

import pytest
import requests
from prometheus_client.parser import text_string_to_metric_families

from helpers import wait_until

JSON = {"Content-Type": "application/json"}


def scrape(livy_url):
    response = requests.get(f"{livy_url}/metrics", timeout=30)
    assert response.status_code == 200, response.text
    assert response.headers["Content-Type"].startswith("text/plain; version=0.0.4")
    return {family.name: family for family in text_string_to_metric_families(response.text)}


def gauge_counts(families, name, *labels):
    """The non-zero values of a gauge, by the values of the given labels."""
    counts = collections.Counter()
    for sample in families[name].samples:
        if sample.value:
            counts[tuple(sample.labels[label] for label in labels)] += int(sample.value)
    return counts


def api_counts(livy_url):
    sessions = requests.get(f"{livy_url}/sessions", params={"size": 1000}, timeout=30).json()["sessions"]
    batches = requests.get(f"{livy_url}/batches", params={"size": 1000}, timeout=30).json()["sessions"]
    statements = collections.Counter()
    for session in sessions:
        listed = requests.get(f"{livy_url}/sessions/{session['id']}/statements", timeout=30)
        if listed.status_code == 200:
            statements.update((statement["state"],) for statement in listed.json()["statements"])
    return (collections.Counter((session["state"], session["kind"]) for session in sessions),
            collections.Counter((batch["state"],) for batch in batches), statements)


def metric_counts(families):
    return (gauge_counts(families, "livy_sessions", "state", "kind"), gauge_counts(families, "livy_batches", "state"),
            gauge_counts(families, "livy_statements", "state"))


def sample(families, name, suffix, **labels):
    for found in families[name].samples:
        if found.name == name + suffix and all(found.labels.get(key) == value for key, value in labels.items()):
            return found.value
    return None


@pytest.fixture(scope="module")
def idle_session(livy_url):
    created = requests.post(f"{livy_url}/sessions", json={"kind": "pyspark", "name": "metrics-scraped"},
                            headers=JSON, timeout=30)
    assert created.status_code == 201, created.text
    session_id = created.json()["id"]
    wait_until("the session to be idle", lambda: requests.get(
        f"{livy_url}/sessions/{session_id}/state", timeout=30).json()["state"] == "idle", 180)
    yield session_id
    requests.delete(f"{livy_url}/sessions/{session_id}", timeout=30)


def test_the_counts_are_what_the_api_says(livy_url, idle_session):
    statement = requests.post(f"{livy_url}/sessions/{idle_session}/statements", json={"code": "1 + 1"},
                              headers=JSON, timeout=30).json()
    wait_until("the statement to finish", lambda: requests.get(
        f"{livy_url}/sessions/{idle_session}/statements/{statement['id']}", timeout=30).json()["state"]
        == "available", 60)

    def consistent():
        # Other sessions may change state meanwhile: compare only when two scrapes around the API agree.
        before = metric_counts(scrape(livy_url))
        api = api_counts(livy_url)
        after = metric_counts(scrape(livy_url))
        return (before, api) if before == after else None

    metrics, api = wait_until("two scrapes that agree", consistent, 60)
    assert metrics == api
    assert metrics[0][("idle", "pyspark")] >= 1
    assert metrics[2][("available",)] >= 1


def test_times_and_requests_are_recorded(livy_url, idle_session):
    families = scrape(livy_url)

    assert sample(families, "livy_session_start_seconds", "_count", kind="pyspark") >= 1
    assert sample(families, "livy_session_start_seconds", "_sum", kind="pyspark") > 0
    assert sample(families, "livy_statement_duration_seconds", "_count", kind="pyspark", state="available") >= 1
    assert any(found.labels.get("le") for found in families["livy_session_start_seconds"].samples), \
        "the session start time is a histogram"
    assert sample(families, "livy_http_requests_seconds", "_count", uri="/sessions", method="POST",
                  status="201") >= 1
    assert sample(families, "livy_http_requests_seconds", "_count",
                  uri="/sessions/{sessionId}/statements/{statementId}", method="GET", status="200") >= 1
    assert families["jvm_memory_used_bytes"].samples
    assert families["jvm_threads_live_threads"].samples
