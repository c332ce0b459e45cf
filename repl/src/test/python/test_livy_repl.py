"""Tests of livy_repl.py, run as a real subprocess without Spark (no "init").

Run from /work/main/repl:
    python3 -m unittest discover -s src/test/python -p 'test_*.py'
"""

import json
import os
import queue
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import unittest
from pathlib import Path

REPL = (Path(__file__).resolve().parents[2]
        / "main" / "resources" / "dev" / "livy" / "repl" / "livy_repl.py")
TABLE_MIME = "application/vnd.livy.table.v1+json"


class Repl:
    """One livy_repl.py process and its side of the protocol."""

    def __init__(self, environment=None, stderr=None):
        self.stderr = tempfile.TemporaryFile()
        self.proc = subprocess.Popen(
            [sys.executable, str(REPL)], stdin=subprocess.PIPE,
            stdout=subprocess.PIPE, stderr=self.stderr if stderr is None else stderr,
            env=dict(os.environ, **(environment or {})))
        self.replies = queue.Queue()
        self.raw_lines = []
        self.next_id = 0
        threading.Thread(target=self._pump, daemon=True).start()
        self.recv()
        assert self.raw_lines == [b'{"op":"ready"}\n'], self.raw_lines

    def _pump(self):
        for line in self.proc.stdout:
            self.replies.put(line)
        self.replies.put(None)

    def send_line(self, text):
        self.proc.stdin.write(text.encode("utf-8") + b"\n")
        self.proc.stdin.flush()

    def send(self, message):
        # Raw UTF-8 (not \u escapes) so the program's input decoding is exercised too.
        self.send_line(json.dumps(message, ensure_ascii=False))

    def recv(self, timeout=10):
        line = self.replies.get(timeout=timeout)
        if line is None:
            raise AssertionError("the program closed its output; stderr:\n" + self.stderr_text())
        self.raw_lines.append(line)
        return json.loads(line.decode("utf-8"))

    def execute(self, code, timeout=10):
        self.next_id += 1
        self.send({"op": "execute", "id": self.next_id, "code": code})
        reply = self.recv(timeout)
        assert reply["op"] == "result" and reply["id"] == self.next_id, reply
        assert reply["output"]["execution_count"] == self.next_id, reply
        return reply["output"]

    def complete(self, code, cursor=None):
        self.send({"op": "complete", "code": code,
                   "cursor": len(code) if cursor is None else cursor})
        reply = self.recv()
        assert reply["op"] == "complete", reply
        return reply["candidates"]

    def stderr_text(self):
        self.stderr.seek(0)
        return self.stderr.read().decode("utf-8", "replace")

    def close(self):
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait()
        for stream in (self.proc.stdin, self.proc.stdout):
            try:
                stream.close()
            except OSError:
                pass
        self.stderr.close()


class ReplTestCase(unittest.TestCase):
    """Shares one process between the tests of a class."""

    @classmethod
    def setUpClass(cls):
        cls.repl = Repl()
        cls.addClassCleanup(cls.repl.close)

    def text(self, code):
        """What the user sees for code that must succeed with plain text."""
        output = self.repl.execute(code)
        self.assertEqual(output["status"], "ok", output)
        self.assertEqual(list(output["data"]), ["text/plain"], output)
        return output["data"]["text/plain"]

    def error(self, code):
        output = self.repl.execute(code)
        self.assertEqual(output["status"], "error", output)
        self.assertEqual(set(output), {"status", "execution_count", "ename", "evalue", "traceback"})
        return output


class ExecuteTest(ReplTestCase):

    def test_paths_sent_with_a_statement_make_added_python_files_importable(self):
        with tempfile.TemporaryDirectory() as directory:
            with open(os.path.join(directory, "added_module_for_livy.py"), "w") as module:
                module.write("ANSWER = 42\n")
            self.repl.next_id += 1
            self.repl.send({"op": "execute", "id": self.repl.next_id, "paths": [directory],
                            "code": "import added_module_for_livy\nadded_module_for_livy.ANSWER"})
            reply = self.repl.recv()
            self.assertEqual(reply["output"]["data"]["text/plain"], "42", reply)

    def test_final_expression_is_echoed(self):
        self.assertEqual(self.text("1 + 1"), "2")
        self.assertEqual(self.text("'a'"), "'a'")

    def test_none_is_not_echoed(self):
        self.assertEqual(self.text("None"), "")

    def test_only_the_last_statement_is_echoed(self):
        self.assertEqual(self.text("a1 = 20\n3\nb1 = 22\na1 + b1"), "42")

    def test_print_is_captured(self):
        self.assertEqual(self.text("print('hello')\nprint('world')"), "hello\nworld")

    def test_bytes_written_to_stdout_are_decoded(self):
        code = "import sys\nsys.stdout.buffer.write('caf\u00e9 '.encode())"
        self.assertEqual(self.text(code), "caf\u00e9 6")  # the byte count is echoed

    def test_stdout_and_stderr_are_captured_together(self):
        code = "import sys\nprint('out')\nprint('err', file=sys.stderr)"
        self.assertEqual(self.text(code), "out\nerr")

    def test_echo_comes_after_printed_output(self):
        self.assertEqual(self.text("print('first')\n'second'"), "first\n'second'")

    def test_output_does_not_leak_into_the_next_statement(self):
        self.assertEqual(self.text("print('only once')"), "only once")
        self.assertEqual(self.text("pass"), "")
        self.error("print('before error')\nraise RuntimeError('boom')")
        self.assertEqual(self.text("print('after')"), "after")

    def test_logging_set_up_in_one_statement_shows_in_later_ones(self):
        self.text("import logging, sys\n"
                  "log = logging.getLogger('user')\n"
                  "log.addHandler(logging.StreamHandler(sys.stdout))")
        self.assertEqual(self.text("log.warning('careful')"), "careful")
        self.assertEqual(self.text("log.warning('again')"), "again")

    def test_warnings_show_except_the_one_that_breaks_toJSON_clients(self):
        self.assertEqual(self.text(
            "import warnings\n"
            "warnings.warn('The return type of DataFrame.toJSON will be changed from RDD to DataFrame in future "
            "releases.', UserWarning)\n"
            "print('{\"row\": 1}')"), '{"row": 1}')
        self.assertIn("UserWarning: still shown", self.text("import warnings\nwarnings.warn('still shown')"))

    def test_state_persists_across_statements(self):
        self.text("persisted = 41")
        self.assertEqual(self.text("persisted + 1"), "42")

    def test_functions_and_classes_are_callable_later(self):
        self.text("def greet(name):\n    return 'hi ' + name\n")
        self.text("class Box:\n    def __repr__(self):\n        return 'Box()'\n")
        self.assertEqual(self.text("greet('bob')"), "'hi bob'")
        self.assertEqual(self.text("Box()"), "Box()")

    def test_user_namespace_is_main(self):
        self.assertEqual(self.text("__name__"), "'__main__'")
        self.assertEqual(self.text("def f(): pass\nf.__module__"), "'__main__'")

    def test_name_error(self):
        output = self.error("undefined_name")
        self.assertEqual(output["ename"], "NameError")
        self.assertEqual(output["evalue"], "name 'undefined_name' is not defined")
        self.assertEqual(output["traceback"], [
            "Traceback (most recent call last):\n",
            '  File "<stdin>", line 1, in <module>\n',
            "NameError: name 'undefined_name' is not defined\n",
        ])

    def test_traceback_shows_user_frames_only(self):
        output = self.error("x = 1\ndef fail():\n    raise ValueError('bad')\n\nfail()")
        self.assertEqual(output["ename"], "ValueError")
        self.assertEqual(output["evalue"], "bad")
        traceback = output["traceback"]
        self.assertEqual(traceback[0], "Traceback (most recent call last):\n")
        self.assertEqual(traceback[1], '  File "<stdin>", line 5, in <module>\n')
        self.assertEqual(traceback[2], '  File "<stdin>", line 3, in fail\n')
        self.assertEqual(traceback[-1], "ValueError: bad\n")
        self.assertNotIn("livy_repl", "".join(traceback))

    def test_syntax_error_shows_the_line(self):
        output = self.error("x = (1 +")
        self.assertEqual(output["ename"], "SyntaxError")
        text = "".join(output["traceback"])
        self.assertIn('File "<stdin>", line 1', text)
        self.assertIn("x = (1 +", text)
        self.assertTrue(output["traceback"][-1].startswith("SyntaxError: "))

    def test_syntax_error_runs_nothing(self):
        self.error("ran_before_error = 1\nreturn 2")
        self.assertEqual(self.error("ran_before_error")["ename"], "NameError")

    def test_exit_is_an_error_not_a_crash(self):
        self.assertEqual(self.error("import sys\nsys.exit(3)")["ename"], "SystemExit")
        self.assertEqual(self.text("'still here'"), "'still here'")

    def test_input_fails_fast(self):
        started = time.monotonic()
        output = self.error("input('name? ')")
        self.assertEqual(output["ename"], "EOFError")
        self.assertLess(time.monotonic() - started, 5)

    def test_writes_to_fd_1_do_not_corrupt_the_protocol(self):
        code = ("import os, subprocess, sys\n"
                "os.write(1, b'garbage\\n')\n"
                "subprocess.run([sys.executable, '-c', 'print(\"child garbage\")'])\n"
                "print('visible')")
        self.assertEqual(self.text(code), "visible")
        self.assertEqual(self.text("1"), "1")
        self.assertNotIn(b"garbage", b"".join(self.repl.raw_lines))
        self.assertIn("garbage", self.repl.stderr_text())

    def test_non_ascii_round_trips(self):
        self.assertEqual(self.text('print("h\u00e9llo \u2713")'), "h\u00e9llo \u2713")
        self.assertEqual(self.text('"\u2713"'), "'\u2713'")

    def test_empty_code(self):
        self.assertEqual(self.text(""), "")
        self.assertEqual(self.text("# just a comment\n"), "")


class MagicTest(ReplTestCase):

    def test_json(self):
        self.text("doc = {'a': [1, 2], 'b': None, 'c': 'x'}")
        output = self.repl.execute("%json doc")
        self.assertEqual(output["status"], "ok", output)
        self.assertEqual(output["data"], {"application/json": {"a": [1, 2], "b": None, "c": "x"}})

    def test_json_after_code_in_the_same_statement(self):
        output = self.repl.execute("value = [1, 'two']\nprint('ignored?')\n%json value")
        self.assertEqual(output["data"], {"application/json": [1, "two"],
                                          "text/plain": "ignored?"})

    def test_json_of_unserialisable_value(self):
        self.text("obj = object()")
        self.assertEqual(self.error("%json obj")["ename"], "TypeError")

    def test_json_of_nan(self):
        self.text("nan = float('nan')")
        self.assertEqual(self.error("%json nan")["ename"], "ValueError")

    def test_table_of_dicts(self):
        self.text("rows = [{'name': 'a', 'n': 1, 'x': 1.5}, {'name': 'b', 'n': 2, 'x': None}]")
        output = self.repl.execute("%table rows")
        self.assertEqual(output["status"], "ok", output)
        self.assertEqual(output["data"], {TABLE_MIME: {
            "headers": [{"name": "n", "type": "INT_TYPE"},
                        {"name": "name", "type": "STRING_TYPE"},
                        {"name": "x", "type": "DOUBLE_TYPE"}],
            "data": [[1, "a", 1.5], [2, "b", None]],
        }})

    def test_table_of_tuples(self):
        self.text("import datetime\n"
                  "pairs = [(True, datetime.date(2024, 1, 2), [1, 2]), (False, None, [])]")
        table = self.repl.execute("%table pairs")["data"][TABLE_MIME]
        self.assertEqual(table["headers"], [{"name": "0", "type": "BOOLEAN_TYPE"},
                                            {"name": "1", "type": "DATE_TYPE"},
                                            {"name": "2", "type": "ARRAY_TYPE"}])
        self.assertEqual(table["data"], [[True, "2024-01-02", [1, 2]], [False, None, []]])

    def test_table_with_mixed_column_types(self):
        self.text("mixed = [[1], ['one']]")
        self.assertEqual(self.error("%table mixed")["evalue"], "table rows have different types")

    def test_unknown_magic(self):
        output = self.error("%nosuch thing")
        self.assertEqual(output["ename"], "UnknownMagic")
        self.assertEqual(output["evalue"], "unknown magic command 'nosuch'")

    def test_missing_name(self):
        output = self.error("%json not_defined_anywhere")
        self.assertEqual(output["ename"], "KeyError")
        self.assertIn("not_defined_anywhere", output["evalue"])

    def test_matplot_needs_a_figure_source(self):
        self.text("not_plt = 3")
        self.assertEqual(self.error("%matplot not_plt")["ename"], "AttributeError")


class CompleteTest(ReplTestCase):

    def test_attribute(self):
        self.text("import os")
        candidates = self.repl.complete("os.pa")
        self.assertIn("path", candidates)
        self.assertEqual(candidates, sorted(set(candidates)))
        self.assertTrue(all(name.startswith("pa") for name in candidates), candidates)

    def test_builtin_without_parenthesis(self):
        candidates = self.repl.complete("pri")
        self.assertIn("print", candidates)
        self.assertNotIn("print(", candidates)

    def test_user_variable(self):
        self.text("my_counter = 1")
        self.assertEqual(self.repl.complete("x = my_cou"), ["my_counter"])

    def test_cursor_in_the_middle(self):
        self.text("import os")
        self.assertIn("path", self.repl.complete("os.pa + 1", cursor=5))

    def test_nothing_to_complete(self):
        self.assertEqual(self.repl.complete("zzz_no_such"), [])
        self.assertEqual(self.repl.complete("f(1) "), [])
        self.assertEqual(self.repl.complete("12.3"), [])

    def test_bad_request_gives_no_candidates(self):
        self.repl.send({"op": "complete", "code": None, "cursor": "x"})
        self.assertEqual(self.repl.recv(), {"op": "complete", "candidates": []})


class InterruptTest(unittest.TestCase):

    def setUp(self):
        self.repl = Repl()
        self.addCleanup(self.repl.close)

    def test_sigint_interrupts_the_running_statement(self):
        repl = self.repl
        self.assertEqual(repl.execute("kept = 'intact'")["status"], "ok")
        with tempfile.TemporaryDirectory() as tmp:
            started = os.path.join(tmp, "started")
            repl.next_id += 1
            repl.send({"op": "execute", "id": repl.next_id, "code":
                       "import time\nopen(%r, 'w').close()\ntime.sleep(30)" % started})
            deadline = time.monotonic() + 10
            while not os.path.exists(started):
                self.assertLess(time.monotonic(), deadline, "statement never started")
                time.sleep(0.01)
            interrupted_at = time.monotonic()
            repl.proc.send_signal(signal.SIGINT)
            reply = repl.recv(timeout=5)
        self.assertLess(time.monotonic() - interrupted_at, 5)
        output = reply["output"]
        self.assertEqual(reply["id"], repl.next_id)
        self.assertEqual(output["status"], "error")
        self.assertEqual(output["ename"], "KeyboardInterrupt")
        self.assertEqual(output["traceback"][-1], "KeyboardInterrupt\n")
        self.assertNotIn("livy_repl", "".join(output["traceback"]))
        self.assertEqual(repl.execute("kept")["data"], {"text/plain": "'intact'"})

    def test_sigint_while_idle_is_ignored(self):
        for _ in range(3):
            self.repl.proc.send_signal(signal.SIGINT)
            time.sleep(0.05)
        self.assertEqual(self.repl.execute("1 + 1")["data"], {"text/plain": "2"})
        self.assertIsNone(self.repl.proc.poll())


class ProtocolTest(unittest.TestCase):

    def setUp(self):
        self.repl = Repl()
        self.addCleanup(self.repl.close)

    def test_unknown_op(self):
        self.repl.send({"op": "dance"})
        self.assertEqual(self.repl.recv(), {"op": "error", "error": "unknown op 'dance'"})
        self.assertEqual(self.repl.execute("1")["data"], {"text/plain": "1"})

    def test_line_that_is_not_json(self):
        self.repl.send_line("this is not json")
        reply = self.repl.recv()
        self.assertEqual(reply["op"], "error")
        self.assertTrue(reply["error"].startswith("bad request"), reply)
        self.assertEqual(self.repl.execute("1")["data"], {"text/plain": "1"})

    def test_malformed_execute_is_an_internal_error_for_that_id(self):
        self.repl.send({"op": "execute", "id": 7})
        reply = self.repl.recv()
        self.assertEqual(reply["op"], "result")
        self.assertEqual(reply["id"], 7)
        self.assertEqual(reply["output"]["ename"], "InternalError")
        self.assertEqual(self.repl.execute("1")["data"], {"text/plain": "1"})

    def test_replies_are_utf8_json_lines(self):
        self.repl.execute("print('\u00e9\u2713')")
        for line in self.repl.raw_lines:
            self.assertTrue(line.endswith(b"\n"))
        self.assertIn("\u00e9\u2713".encode("utf-8"), self.repl.raw_lines[-1])

    def test_a_lone_surrogate_stays_valid_json(self):
        self.assertEqual(self.repl.execute("print('a\\udcff')")["data"], {"text/plain": "a\udcff"})

    def test_shutdown_exits_zero(self):
        self.repl.send({"op": "shutdown"})
        self.assertEqual(self.repl.proc.wait(timeout=10), 0)

    def test_eof_exits_zero(self):
        self.repl.proc.stdin.close()
        self.assertEqual(self.repl.proc.wait(timeout=10), 0)

    def test_user_threads_do_not_block_shutdown(self):
        self.repl.execute("import threading, time\n"
                          "threading.Thread(target=time.sleep, args=(60,)).start()")
        self.repl.send({"op": "shutdown"})
        self.assertEqual(self.repl.proc.wait(timeout=10), 0)


LIMIT = 10000
TOO_LARGE = ("The output of this statement is more than the 10000 bytes allowed "
             "(livy.rsc.statement.max-output-size): what it printed was truncated there and is not shown. "
             "Return less, for example df.limit(100), or write large results to storage.")


# The golden exchange, read by PythonInterpreterTest on the driver's side too. The build passes its path.
EXCHANGES = Path(os.environ.get("LIVY_REPL_EXCHANGES", Path(__file__).resolve().parents[1]
                                / "resources" / "python-protocol" / "exchanges.json"))


class GoldenExchangeTest(unittest.TestCase):
    """Each request of the golden exchange gets exactly its reply line, byte for byte."""

    def test_each_request_gets_its_golden_reply(self):
        exchanges = json.loads(EXCHANGES.read_text(encoding="utf-8"))
        repl = Repl()
        self.addCleanup(repl.close)
        expected = [golden_line(exchanges[0]["reply"])]
        for exchange in exchanges[1:]:
            repl.send_line(golden_line(exchange["request"]).decode("utf-8").rstrip("\n"))
            repl.recv()
            expected.append(golden_line(exchange["reply"]))
        self.assertEqual(expected, repl.raw_lines)


def golden_line(message):
    return json.dumps(message, ensure_ascii=False, separators=(",", ":")).encode("utf-8") + b"\n"


class OutputLimitTest(unittest.TestCase):
    """Outputs within livy.rsc.statement.max-output-size (as JSON), as the driver passes it."""

    @classmethod
    def setUpClass(cls):
        cls.repl = Repl({"LIVY_REPL_MAX_OUTPUT_SIZE": str(LIMIT)})
        cls.addClassCleanup(cls.repl.close)

    def test_an_output_within_the_limit_is_whole(self):
        output = self.repl.execute("'x' * 9000")
        self.assertEqual(output["data"], {"text/plain": "'%s'" % ("x" * 9000)})

    def test_printing_past_the_limit_is_output_too_large_and_says_it_was_truncated(self):
        output = self.repl.execute("for i in range(1000):\n    print('y' * 1000)")
        self.assertEqual(output["ename"], "OutputTooLarge")
        self.assertEqual(output["evalue"], TOO_LARGE)
        self.assertEqual(self.repl.execute("1 + 1")["data"], {"text/plain": "2"})

    def test_an_oversize_result_is_output_too_large_with_its_size(self):
        output = self.repl.execute("big = {'k': 'z' * 20000}\n%json big")
        size = 20000 + len(json.dumps({"status": "ok", "execution_count": self.repl.next_id,
                                       "data": {"application/json": {"k": ""}}}, separators=(",", ":")))
        self.assertEqual(output["ename"], "OutputTooLarge")
        self.assertEqual(output["evalue"], "The output of this statement is %d bytes, more than the 10000 "
                         "bytes allowed (livy.rsc.statement.max-output-size). Return less, for example "
                         "df.limit(100), or write large results to storage." % size)
        self.assertEqual(output["traceback"], ["OutputTooLarge: " + output["evalue"]])
        self.assertLess(len(self.repl.raw_lines[-1]), LIMIT)

    def test_an_oversize_error_is_output_too_large(self):
        self.assertEqual(self.repl.execute("raise ValueError('v' * 20000)")["ename"], "OutputTooLarge")

    def test_the_capture_stops_growing_at_the_limit(self):
        # The statement keeps printing after the limit; what it printed is no longer kept.
        output = self.repl.execute(
            "import sys\nfor i in range(200000):\n    print('w' * 1000)\n"
            "size = sys.stdout.tell() + sys.stderr.tell()\n"
            "print(size, file=sys.__stderr__)")
        self.assertEqual(output["ename"], "OutputTooLarge")
        kept = int(self.repl.stderr_text().split()[-1])
        self.assertLessEqual(kept, LIMIT + 1)

    def test_an_interrupted_statement_says_its_output_was_truncated(self):
        with tempfile.TemporaryDirectory() as tmp:
            started = os.path.join(tmp, "started")
            self.repl.next_id += 1
            self.repl.send({"op": "execute", "id": self.repl.next_id, "code":
                            "while True:\n    print('x' * 1000)\n    open(%r, 'w').close()" % started})
            wait_for(lambda: os.path.exists(started), "the statement to start")
            self.repl.proc.send_signal(signal.SIGINT)
            output = self.repl.recv(timeout=5)["output"]
        self.assertEqual(output["ename"], "KeyboardInterrupt")
        self.assertEqual(output["traceback"][-1], "[output truncated: the statement printed more than the 10000 "
                         "bytes allowed (livy.rsc.statement.max-output-size)]\n")
        self.assertEqual(self.repl.execute("1 + 1")["data"], {"text/plain": "2"})


class BrokenStderrTest(unittest.TestCase):
    """With recovery, the driver outlives the server whose pipe is its stderr (and this program's): writes to the
    broken pipe must not end the program, whose variables the session still needs."""

    def test_the_program_lives_on_when_its_stderr_pipe_breaks(self):
        reader, writer = os.pipe()
        os.close(reader)
        self.addCleanup(os.close, writer)
        previous = signal.signal(signal.SIGPIPE, signal.SIG_DFL)
        self.addCleanup(signal.signal, signal.SIGPIPE, previous)
        repl = Repl(stderr=writer)
        self.addCleanup(repl.close)

        repl.execute("kept = 41")
        repl.execute("import sys, warnings\nsys.__stderr__.write('lost ' * 20000)\nsys.__stderr__.flush()")
        # Joined within its statement: what the thread's failure prints belongs to that statement's output.
        repl.execute("import threading\nlate = threading.Thread(target=lambda: print('late', file=sys.__stderr__))\n"
                     "late.start()\nlate.join()")
        repl.send({"op": "unknown-op"})
        repl.recv()

        self.assertEqual(repl.execute("kept + 1")["data"], {"text/plain": "42"})
        self.assertIsNone(repl.proc.poll())


class DriverDeathTest(unittest.TestCase):
    """The driver JVM killed with SIGKILL: the program must not run the user's code on forever."""

    DRIVER = "\n".join([
        "import json, subprocess, sys",
        "child = subprocess.Popen([sys.executable, sys.argv[1]], stdin=subprocess.PIPE, stdout=subprocess.PIPE)",
        "child.stdout.readline()",
        "request = {'op': 'execute', 'id': 1, 'code': sys.argv[2]}",
        "child.stdin.write((json.dumps(request) + '\\n').encode())",
        "child.stdin.flush()",
        "print(child.pid, flush=True)",
        "child.wait()",
    ])

    def test_the_program_and_its_scratch_directory_end_with_the_driver(self):
        scratch = tempfile.mkdtemp(prefix="livy-repl-")
        self.addCleanup(shutil.rmtree, scratch, ignore_errors=True)
        script = shutil.copy(REPL, scratch)
        started = os.path.join(tempfile.gettempdir(), "livy-repl-test-started-%d" % os.getpid())
        self.addCleanup(lambda: os.path.exists(started) and os.remove(started))
        driver = subprocess.Popen(
            [sys.executable, "-c", self.DRIVER, script,
             "open(%r, 'w').close()\nwhile True:\n    pass" % started],
            stdout=subprocess.PIPE, env=dict(os.environ, LIVY_REPL_SCRATCH_DIR=scratch))
        self.addCleanup(driver.wait)
        child = int(driver.stdout.readline())
        self.addCleanup(lambda: is_running(child) and os.kill(child, signal.SIGKILL))
        wait_for(lambda: os.path.exists(started), "the statement to start")

        driver.kill()

        wait_for(lambda: not is_running(child), "the program to exit", seconds=3)
        self.assertFalse(os.path.exists(scratch))


def wait_for(condition, what, seconds=10):
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("timed out waiting for " + what)
        time.sleep(0.02)


def is_running(pid):
    """False for a process that is gone or a zombie waiting for its new parent to reap it."""
    try:
        with open("/proc/%d/stat" % pid) as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


if __name__ == "__main__":
    unittest.main()
