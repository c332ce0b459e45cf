"""sparkmagic 0.23.0 against the server, headless: its magics, SparkController, LivySession, Command, SQLQuery and
LivyReliableHttpClient with its default configuration (heartbeatTimeoutInSecond 60, no authentication, no
X-Requested-By header, its retry policy and status-code checks).

The one setting changed is heartbeat_refresh_seconds (30 by default): deleting a session joins sparkmagic's
heartbeat thread, which sleeps that long between its GET /sessions/{id}; 2 seconds keeps each delete short and
sends the same requests, more often.

One session per class, shared by its tests in the order written; the last test deletes it.
"""

import builtins
import json

import pandas
import pytest
import sparkmagic.utils.configuration as conf
from sparkmagic.livyclientlib.command import Command
from sparkmagic.livyclientlib.exceptions import SparkStatementCancelledException

from helpers import scala_echo, session_status, wait_until
from notebook import Notebook

conf.override(conf.heartbeat_refresh_seconds.__name__, 2)

ROWS_WITH_AWKWARD_TEXT = [
    (1, "plain", 1.5),
    (2, "quote \" apostrophe ' backslash \\ tab \t newline \n end", None),
    (3, "ünïcødé ✓ 日本語 🚀", 2.25),
]


def _texts_since(display, start):
    return "".join(display.texts[start:])


@pytest.fixture(scope="class")
def pyspark_notebook(livy_url):
    notebook = Notebook(livy_url)
    notebook.start_session("py", "python")
    yield notebook
    notebook.controller.cleanup()


@pytest.fixture(scope="class")
def scala_notebook(livy_url):
    notebook = Notebook(livy_url)
    notebook.start_session("scala", "scala")
    yield notebook
    notebook.controller.cleanup()


@pytest.fixture(scope="class")
def sparkr_notebook(livy_url):
    notebook = Notebook(livy_url)
    notebook.start_session("r", "r")
    yield notebook
    notebook.controller.cleanup()


class TestPySparkNotebook:
    def test_the_kernel_start_creates_an_idle_session_with_sparkmagic_defaults(self, pyspark_notebook):
        session = pyspark_notebook.controller.get_session_by_name_or_default("py")
        session.refresh_status_and_info()

        assert session.status == "idle"
        assert session.kind == "pyspark"
        assert session.properties == {"kind": "pyspark", "heartbeatTimeoutInSecond": 60}
        assert session.http_client.get_headers() == {"Content-Type": "application/json"}
        texts = "".join(pyspark_notebook.display.texts)
        assert "Starting Spark application\n" in texts
        assert "SparkSession available as 'spark'.\n" in texts
        assert session.get_app_id().startswith("local-")
        assert pyspark_notebook.display.errors == []

    def test_a_cell_shows_its_result_as_text(self, pyspark_notebook):
        start = len(pyspark_notebook.display.texts)

        pyspark_notebook.run_cell("spark.range(100).selectExpr('sum(id) AS total').first().total", "py")

        assert _texts_since(pyspark_notebook.display, start) == "4950"
        session = pyspark_notebook.controller.get_session_by_name_or_default("py")
        assert Command("print('a')\nprint('b')\n6 * 7").execute(session) == (True, "a\nb\n42", "text/plain")

    def test_a_failing_cell_is_shown_as_sparkmagic_renders_errors(self, pyspark_notebook):
        pyspark_notebook.run_cell("1 / 0", "py")

        [error] = pyspark_notebook.display.errors
        assert error.startswith("An error was encountered:\ndivision by zero\nTraceback (most recent call last):\n")
        assert error.endswith("ZeroDivisionError: division by zero\n")
        pyspark_notebook.display.errors.clear()
        start = len(pyspark_notebook.display.texts)
        pyspark_notebook.run_cell("'still usable'", "py")
        assert _texts_since(pyspark_notebook.display, start) == "'still usable'"

    def test_a_sql_cell_returns_the_rows_as_a_dataframe(self, pyspark_notebook):
        pyspark_notebook.run_cell(
            f"rows = {ROWS_WITH_AWKWARD_TEXT!r}\n"
            "spark.createDataFrame(rows, 'id INT, text STRING, amount DOUBLE').createOrReplaceTempView('sm_rows')",
            "py")

        frame = pyspark_notebook.run_sql_cell("SELECT id, text, amount FROM sm_rows ORDER BY id", "py")

        assert pyspark_notebook.display.errors == []
        assert list(frame.columns) == ["id", "text", "amount"]
        assert frame["id"].tolist() == [1, 2, 3]
        assert frame["text"].tolist() == [text for _, text, _ in ROWS_WITH_AWKWARD_TEXT]
        assert frame["amount"][0] == 1.5 and pandas.isna(frame["amount"][1]) and frame["amount"][2] == 2.25
        limited = pyspark_notebook.run_sql_cell("SELECT id FROM sm_rows ORDER BY id", "py", maxrows=2)
        assert limited["id"].tolist() == [1, 2]

    def test_a_sql_cell_with_a_bad_query_shows_spark_s_error(self, pyspark_notebook):
        frame = pyspark_notebook.run_sql_cell("SELECT no_such_column FROM sm_rows", "py")

        assert frame is None
        [error] = pyspark_notebook.display.errors
        assert error.startswith("An error was encountered:\n")
        assert "no_such_column" in error
        pyspark_notebook.display.errors.clear()

    def test_spark_o_brings_a_spark_dataframe_into_the_notebook(self, pyspark_notebook):
        pyspark_notebook.run_cell("picked = spark.sql('SELECT id, text FROM sm_rows WHERE id <> 2 ORDER BY id')",
                                  "py", output_var="picked")

        local = pyspark_notebook.user_ns["picked"]
        assert local["id"].tolist() == [1, 3]
        assert local["text"].tolist() == ["plain", "ünïcødé ✓ 日本語 🚀"]

    def test_send_to_spark_uploads_a_pandas_dataframe(self, pyspark_notebook):
        # sparkmagic pastes the frame's JSON into a '...' Python literal, so a quote or a backslash in the data
        # breaks its code whatever the server: only the unicode part of the awkward text can go this way.
        pyspark_notebook.user_ns["local_frame"] = pandas.DataFrame({"k": [1, 2], "v": ["ça va ☕", "日本語 🚀"]})

        pyspark_notebook.send_to_spark("local_frame", "remote_frame", "py")

        assert pyspark_notebook.display.errors == []
        assert "Successfully passed 'local_frame' as 'remote_frame' to Spark kernel" in pyspark_notebook.display.texts
        session = pyspark_notebook.controller.get_session_by_name_or_default("py")
        success, text, _ = Command(
            "import json\nprint(json.dumps([r.asDict() for r in remote_frame.orderBy('k').collect()]))"
        ).execute(session)
        assert success, text
        assert json.loads(text) == [{"k": 1, "v": "ça va ☕"}, {"k": 2, "v": "日本語 🚀"}]

    def test_interrupting_a_cell_cancels_its_statement(self, pyspark_notebook, monkeypatch):
        session = pyspark_notebook.controller.get_session_by_name_or_default("py")

        def interrupted(retries):
            raise KeyboardInterrupt()

        # The notebook's interrupt reaches sparkmagic while it polls the statement: it then POSTs .../cancel,
        # which must answer 200, and waits for the session to be idle again.
        monkeypatch.setattr(session, "sleep", interrupted)
        # In a kernel IPython puts get_ipython in builtins; sparkmagic's cancel exception calls it.
        monkeypatch.setattr(builtins, "get_ipython", lambda: pyspark_notebook.magics.shell, raising=False)
        with pytest.raises(SparkStatementCancelledException):
            Command("import time\ntime.sleep(60)").execute(session)
        monkeypatch.undo()

        statements = session.http_client._http_client.get(f"/sessions/{session.id}/statements", [200]).json()
        assert statements["statements"][-1]["state"] == "cancelled"
        assert session.status == "idle"

    def test_session_info_lists_the_session(self, pyspark_notebook):
        session = pyspark_notebook.controller.get_session_by_name_or_default("py")

        infos = pyspark_notebook.controller.get_all_sessions_endpoint_info(pyspark_notebook.endpoint)

        [info] = [line for line in infos if line.startswith(f"Session id: {session.id}\t")]
        assert "\tKind: pyspark\tState: idle\n" in info

    def test_logs_show_the_driver_output(self, pyspark_notebook):
        logs = pyspark_notebook.controller.get_logs("py")

        assert isinstance(logs, str)
        assert "SparkContext" in logs, logs

    def test_delete_ends_the_session(self, pyspark_notebook, livy_url):
        session = pyspark_notebook.controller.get_session_by_name_or_default("py")
        session_id = session.id

        pyspark_notebook.controller.delete_session_by_name("py")

        assert session.status == "dead"
        assert pyspark_notebook.controller.get_client_keys() == []
        wait_until(f"session {session_id} to be gone", lambda: session_status(livy_url, session_id) == 404, 60)


class TestScalaNotebook:
    def test_the_kernel_start_finds_the_spark_session(self, scala_notebook):
        session = scala_notebook.controller.get_session_by_name_or_default("scala")
        session.refresh_status_and_info()

        assert session.status == "idle"
        assert session.kind == "spark"
        assert "SparkSession available as 'spark'.\n" in "".join(scala_notebook.display.texts)

    def test_a_cell_shows_the_scala_repl_echo(self, scala_notebook):
        start = len(scala_notebook.display.texts)

        scala_notebook.run_cell("val answer = 6 * 7", "scala")

        assert _texts_since(scala_notebook.display, start) == scala_echo("answer", "Int", 42)

    def test_a_compile_error_is_shown_as_sparkmagic_renders_errors(self, scala_notebook):
        scala_notebook.run_cell("undefinedName + 1", "scala")

        [error] = scala_notebook.display.errors
        assert error.startswith("An error was encountered:\n")
        assert "undefinedName" in error
        scala_notebook.display.errors.clear()

    def test_a_sql_cell_returns_the_rows_as_a_dataframe(self, scala_notebook):
        scala_notebook.run_cell('Seq((1, "plain"), (2, "quote \\" and ünïcødé ✓")).toDF("id", "text")'
                                '.createOrReplaceTempView("sm_scala")', "scala")

        frame = scala_notebook.run_sql_cell("SELECT id, text FROM sm_scala ORDER BY id", "scala")

        assert scala_notebook.display.errors == []
        assert frame["id"].tolist() == [1, 2]
        assert frame["text"].tolist() == ["plain", "quote \" and ünïcødé ✓"]

    def test_delete_ends_the_session(self, scala_notebook, livy_url):
        session_id = scala_notebook.controller.get_session_id_for_client("scala")

        scala_notebook.controller.delete_session_by_name("scala")

        wait_until(f"session {session_id} to be gone", lambda: session_status(livy_url, session_id) == 404, 60)



class TestSparkRNotebook:
    """sparkmagic's SparkR kernel (language "r"). Its %%sql for R needs the jsonlite R package, which R's base
    install lacks, so only cells are run here."""

    def test_the_kernel_start_creates_a_sparkr_session(self, sparkr_notebook):
        session = sparkr_notebook.controller.get_session_by_name_or_default("r")
        session.refresh_status_and_info()

        assert session.status == "idle"
        assert session.kind == "sparkr"
        assert sparkr_notebook.display.errors == []

    def test_a_cell_shows_r_s_printed_value(self, sparkr_notebook):
        start = len(sparkr_notebook.display.texts)

        sparkr_notebook.run_cell('df <- createDataFrame(data.frame(n = 1:4))\n'
                                 'collect(agg(df, total = sum(df$n)))$total', "r")

        assert _texts_since(sparkr_notebook.display, start) == "[1] 10"

    def test_a_failing_cell_is_shown_as_sparkmagic_renders_errors(self, sparkr_notebook):
        sparkr_notebook.run_cell('stop("no such thing")', "r")

        [error] = sparkr_notebook.display.errors
        assert error.startswith("An error was encountered:\nno such thing\n")
        sparkr_notebook.display.errors.clear()

    def test_delete_ends_the_session(self, sparkr_notebook, livy_url):
        session_id = sparkr_notebook.controller.get_session_id_for_client("r")

        sparkr_notebook.controller.delete_session_by_name("r")

        wait_until(f"session {session_id} to be gone", lambda: session_status(livy_url, session_id) == 404, 60)
