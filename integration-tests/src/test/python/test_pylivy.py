"""pylivy (PyPI "livy" 0.8.0) against the server: LivySession of the pyspark, spark and sql kinds (create, wait,
run, upload and download of DataFrames, download_sql, close) and LivyBatch (create, wait, log, kill).

One session per class, shared by its tests in the order written; the last test closes it. The three sessions are
created together at the start of the module, so that their drivers start side by side.
"""

import pandas
import pytest
from livy import LivyBatch, LivySession, SessionKind, SessionState
from livy.client import LivyClient
from livy.models import OutputStatus, SparkRuntimeError, Version

from helpers import BATCH_END_SECONDS, scala_echo, session_status, wait_until

# Text that breaks naive quoting on the way up (a JSON string in a Python or Scala literal) and down (rows printed
# as JSON lines, then the statement's output as JSON): quotes, backslashes, line breaks, control characters,
# accents, CJK, an emoji outside the BMP.
AWKWARD_TEXTS = [
    "plain",
    "double \" single ' back \\ slash / forward",
    "line\nbreak\r\nand\ttab",
    "control \x00 \x01 \x1b \x7f chars",
    "ünïcødé ✓ 日本語 🚀",
    "",
]


def awkward_frame():
    return pandas.DataFrame({
        "id": list(range(len(AWKWARD_TEXTS))),
        "text": AWKWARD_TEXTS,
        "amount": [index * 1.25 for index in range(len(AWKWARD_TEXTS))],
    })


def same_rows(downloaded, expected):
    """Spark orders the columns of a DataFrame read from JSON by name, and rows come back in any order."""
    columns = sorted(expected.columns)
    actual = downloaded[columns].sort_values("id").reset_index(drop=True)
    pandas.testing.assert_frame_equal(actual, expected[columns].reset_index(drop=True), check_dtype=False)


def create_session(livy_url, kind, name):
    return LivySession.create(livy_url, kind=kind, name=name, echo=False, spark_conf={"spark.ui.enabled": "false"})


def close_and_await_removal(session, livy_url):
    session_id = session.session_id
    session.close()
    wait_until(f"session {session_id} to be gone", lambda: session_status(livy_url, session_id) == 404, 60)
    with pytest.raises(ValueError, match="session not found"):
        LivySession(livy_url, session_id).state


@pytest.fixture(scope="module")
def sessions(livy_url):
    """The three sessions, created together so that their Spark drivers start side by side; each class waits for
    its own and closes it in its last test."""
    created = {
        SessionKind.PYSPARK: create_session(livy_url, SessionKind.PYSPARK, "pylivy-pyspark"),
        SessionKind.SQL: create_session(livy_url, SessionKind.SQL, "pylivy-sql"),
        SessionKind.SPARK: create_session(livy_url, SessionKind.SPARK, "pylivy-spark"),
    }
    yield created
    for session in created.values():
        if session_status(livy_url, session.session_id) != 404:
            session.close()


def ready(session):
    session.wait()
    return session


@pytest.fixture(scope="class")
def pyspark_session(sessions):
    return ready(sessions[SessionKind.PYSPARK])


@pytest.fixture(scope="class")
def sql_session(sessions):
    return ready(sessions[SessionKind.SQL])


@pytest.fixture(scope="class")
def scala_session(sessions):
    return ready(sessions[SessionKind.SPARK])


class TestPySparkSession:
    def test_the_server_is_not_legacy_and_the_session_is_idle(self, pyspark_session, livy_url):
        client = LivyClient(livy_url)
        try:
            assert client.server_version() >= Version("0.5.0")
            assert not client.legacy_server()
            session = client.get_session(pyspark_session.session_id)
        finally:
            client.close()

        assert session.kind == SessionKind.PYSPARK
        assert session.state == SessionState.IDLE
        assert pyspark_session.state == SessionState.IDLE

    def test_run_returns_the_text_output(self, pyspark_session):
        output = pyspark_session.run("spark.range(10).selectExpr('sum(id)').first()[0]")

        assert output.status == OutputStatus.OK
        assert output.text == "45"

    def test_printed_awkward_text_comes_back_unchanged(self, pyspark_session):
        expected = "\n".join(text for text in AWKWARD_TEXTS if "\n" not in text and "\r" not in text)

        output = pyspark_session.run(f"print({expected!r})")

        assert output.text == expected.rstrip()

    def test_a_failing_statement_raises_spark_runtime_error(self, pyspark_session):
        with pytest.raises(SparkRuntimeError) as raised:
            pyspark_session.run("{}['missing']")

        assert raised.value.ename == "KeyError"
        assert raised.value.evalue == "'missing'"
        assert raised.value.traceback[0] == "Traceback (most recent call last):\n"
        assert raised.value.traceback[-1] == "KeyError: 'missing'\n"

    def test_upload_then_download_round_trips_awkward_text(self, pyspark_session):
        pyspark_session.upload("uploaded", awkward_frame())

        assert pyspark_session.run("uploaded.count()").text == str(len(AWKWARD_TEXTS))
        same_rows(pyspark_session.download("uploaded"), awkward_frame())

    def test_download_a_dataframe_made_in_the_session(self, pyspark_session):
        pyspark_session.run(
            "made = spark.createDataFrame([(1, 'x\"y'), (2, 'ü\\n✓')], 'id INT, text STRING')")

        downloaded = pyspark_session.download("made")

        assert downloaded.sort_values("id")["text"].tolist() == ["x\"y", "ü\n✓"]

    def test_close_deletes_the_session(self, pyspark_session, livy_url):
        close_and_await_removal(pyspark_session, livy_url)


class TestSqlSession:
    def test_download_sql_returns_the_rows_with_their_columns(self, sql_session):
        # A backslash escapes the quote on every Spark: 'it''s' is one literal on Spark 4, two joined on Spark 3.5.
        sql_session.run("CREATE OR REPLACE TEMPORARY VIEW pl_rows AS "
                        "SELECT * FROM VALUES (1, 'it\\'s \"quoted\"'), (2, 'ünïcødé ✓ 🚀') AS t(id, text)")

        frame = sql_session.download_sql("SELECT id, text, id * 1.5 AS scaled FROM pl_rows ORDER BY id")

        assert list(frame.columns) == ["id", "text", "scaled"]
        assert frame["id"].tolist() == [1, 2]
        assert frame["text"].tolist() == ["it's \"quoted\"", "ünïcødé ✓ 🚀"]
        assert [float(value) for value in frame["scaled"]] == [1.5, 3.0]

    def test_a_bad_query_raises_spark_runtime_error(self, sql_session):
        with pytest.raises(SparkRuntimeError):
            sql_session.download_sql("SELECT no_such_column FROM pl_rows")

    def test_close_deletes_the_session(self, sql_session, livy_url):
        close_and_await_removal(sql_session, livy_url)


class TestScalaSession:
    def test_run_returns_the_repl_echo(self, scala_session):
        output = scala_session.run("val total = spark.range(10).count()")

        assert output.text == scala_echo("total", "Long", 10)  # the REPL's echo, its newline kept as by Livy

    def test_upload_then_download_round_trips_awkward_text(self, scala_session):
        scala_session.upload("uploaded", awkward_frame())

        same_rows(scala_session.download("uploaded"), awkward_frame())

    def test_a_failing_statement_raises_spark_runtime_error(self, scala_session):
        with pytest.raises(SparkRuntimeError):
            scala_session.run("undefinedName + 1")

    def test_close_deletes_the_session(self, scala_session, livy_url):
        close_and_await_removal(scala_session, livy_url)


class TestBatch:
    def test_a_batch_runs_to_success_and_its_log_pages(self, livy_url, batch_dir):
        program = batch_dir / "pylivy_squares.py"
        program.write_text(
            "import sys\n"
            "from pyspark.sql import SparkSession\n"
            "spark = SparkSession.builder.getOrCreate()\n"
            "total = spark.sparkContext.parallelize(range(1, int(sys.argv[1]) + 1), 2).map(lambda x: x * x).sum()\n"
            "print('RESULT', total)\n"
            "spark.stop()\n")

        batch = LivyBatch.create(livy_url, str(program), args=["100"], name="pylivy-squares",
                                 spark_conf={"spark.ui.enabled": "false"})
        state = batch.wait()

        lines = batch.log()
        assert state == SessionState.SUCCESS, "\n".join(lines)
        assert "RESULT 338350" in lines
        assert batch.log(from_=0, size=1) == lines[:1]
        assert batch.log(from_=1, size=2) == lines[1:3]

    def test_kill_ends_a_running_batch(self, livy_url, batch_dir):
        program = batch_dir / "pylivy_forever.py"
        program.write_text("import time\nprint('STARTED', flush=True)\ntime.sleep(3600)\n")
        batch = LivyBatch.create(livy_url, str(program), name="pylivy-forever")
        wait_until("the batch to print STARTED", lambda: "STARTED" in batch.log(), BATCH_END_SECONDS)
        assert batch.state == SessionState.RUNNING

        batch.kill()

        with pytest.raises(ValueError, match="batch session not found"):
            LivyBatch(livy_url, batch.batch_id).state
