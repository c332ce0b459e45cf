"""Driver-side Python interpreter of the Livy-compatible server.

The driver JVM (running a SparkSession and a py4j GatewayServer) starts this
program as ``python livy_repl.py`` with PYSPARK_GATEWAY_PORT,
PYSPARK_GATEWAY_SECRET and a PYTHONPATH under which pyspark and py4j import.

Protocol: one JSON object per line, UTF-8, "\\n"-terminated, requests on the
process's original stdin and replies on its original stdout (a lone surrogate
in a reply is written as its JSON escape). The program first sends
{"op":"ready"}, then answers:

  {"op":"init"}                          -> {"op":"init","ok":true}
                                            {"op":"init","ok":false,"error":TRACEBACK}
  {"op":"execute","id":N,"code":CODE}    -> {"op":"result","id":N,"output":OUTPUT}
  {"op":"complete","code":CODE,"cursor":K}
                                         -> {"op":"complete","candidates":[NAME...]}
  {"op":"shutdown"}                      -> exit with status 0
  end of input, even while a statement runs
                                         -> remove LIVY_REPL_SCRATCH_DIR, exit with status 0
  unknown op                             -> {"op":"error","error":"unknown op '...'"}
  a line that is not a JSON object       -> {"op":"error","error":"bad request: ..."}

OUTPUT is {"status":"ok","execution_count":N,"data":{MIME: VALUE...}} or
{"status":"error","execution_count":N,"ename":..,"evalue":..,"traceback":[..]}.
An OUTPUT larger than LIVY_REPL_MAX_OUTPUT_SIZE bytes (as compact UTF-8 JSON;
livy.rsc.statement.max-output-size) is replaced by an OutputTooLarge error, and
a statement's printed text is kept only up to that size.

The driver's end of the request pipe closes when the driver dies, even by
SIGKILL: a thread reads requests so that this is seen while user code runs,
and the program then exits and removes the directory the driver made for it.

User code never reaches the protocol channel: fd 0 is /dev/null, fd 1 is a
copy of fd 2 (the driver's log) and sys.stdout/sys.stderr are captured while a
statement runs. The driver cancels a running statement with SIGINT; a SIGINT
that arrives while no user code runs is ignored.
"""

import ast
import base64
import builtins
import datetime
import decimal
import io
import itertools
import json
import os
import queue
import re
import shutil
import signal
import sys
import threading
import traceback
import warnings

STDIN_FRAME = re.compile(r'\s*File "<stdin>"')
TABLE_MIME = "application/vnd.livy.table.v1+json"
OUTPUT_LIMIT_SETTING = "livy.rsc.statement.max-output-size"
DEFAULT_MAX_OUTPUT_SIZE = 8 * 1024 * 1024

_executing = False  # True only while _run_user_code runs user code


def _run_user_code(code, namespace):
    global _executing
    _executing = True
    try:
        exec(code, namespace)
    finally:
        _executing = False


def _on_sigint(signum, frame):
    # _run_user_code's own frame is exempt so the flag is always reset and an
    # interrupt can never escape into the request loop.
    if _executing and (frame is None or frame.f_code is not _run_user_code.__code__):
        raise KeyboardInterrupt


class OutputBudget:
    """How much printed text a statement may still capture, in UTF-8 bytes, shared by stdout and stderr.

    A statement that prints past it would get OutputTooLarge anyway, so the rest
    is dropped rather than kept: a statement printing without end stays small.
    Thread-safe.
    """

    def __init__(self, max_bytes):
        self.max_bytes = max_bytes
        self._lock = threading.Lock()
        self._left = max_bytes
        self.truncated = False

    def reset(self):
        with self._lock:
            self._left, self.truncated = self.max_bytes, False

    def take(self, text):
        """The part of text that may be kept."""
        with self._lock:
            if self._left <= 0:
                self.truncated = self.truncated or bool(text)
                return ""
            size = len(text) if text.isascii() else len(text.encode("utf-8", "surrogatepass"))
            if size <= self._left:
                self._left -= size
                return text
            kept = text[:self._left]
            self._left, self.truncated = 0, True
            return kept


class Capture(io.StringIO):
    """Captures one stream for the whole session and is drained after each statement.

    Keeping one object lets things that hold on to sys.stdout/sys.stderr
    (logging handlers, threads) keep working in later statements.
    """

    def __init__(self, budget):
        super().__init__()
        self._lock = threading.Lock()
        self._budget = budget

    @property
    def encoding(self):
        return "utf-8"

    @property
    def buffer(self):
        return self  # write() accepts bytes too

    def write(self, s):
        text = bytes(s).decode("utf-8", "replace") if isinstance(s, (bytes, bytearray)) else s
        kept = self._budget.take(text)
        if kept:
            with self._lock:
                super().write(kept)
        return len(s)

    def drain(self):
        with self._lock:
            text = self.getvalue()
            self.seek(0)
            self.truncate()
        return text


class UnknownMagic(Exception):
    pass


class UserFailure(Exception):
    """A failure to show the user; tb None shows no frames (parse and magic errors)."""

    def __init__(self, exc, tb):
        super().__init__(exc)
        self.exc, self.tb = exc, tb


# ---------------------------------------------------------------- outputs

def ok_output(data, stdout, stderr):
    text = (data.pop("text/plain", "") + stdout + stderr).rstrip()
    if text or not data:
        data["text/plain"] = text
    return {"status": "ok", "data": data}


def error_output(exc, tb):
    lines = traceback.format_exception(type(exc), exc, tb, chain=False)
    if tb is not None:
        lines = _from_stdin_frame(lines) or traceback.format_exception(
            type(exc), exc, None, chain=False)
    return {"status": "error", "ename": type(exc).__name__,
            "evalue": str(exc), "traceback": lines}


def _from_stdin_frame(lines):
    """Keeps the header and the frames from the first user frame on, minus this
    program's own (the SIGINT handler, the capture buffers)."""
    own_frame = '  File "%s"' % _run_user_code.__code__.co_filename
    for i, line in enumerate(lines):
        if STDIN_FRAME.match(line):
            return lines[:1] + [entry for entry in lines[i:] if not entry.startswith(own_frame)]
    return None


def too_large_output(size, max_bytes):
    """The output that replaces one over the limit, worded as the driver words it for the other languages; size
    None when the statement printed past the limit and the rest was dropped unmeasured."""
    if size is None:
        evalue = ("The output of this statement is more than the %d bytes allowed (%s): what it printed was "
                  "truncated there and is not shown" % (max_bytes, OUTPUT_LIMIT_SETTING))
    else:
        evalue = ("The output of this statement is %d bytes, more than the %d bytes allowed (%s)"
                  % (size, max_bytes, OUTPUT_LIMIT_SETTING))
    evalue += ". Return less, for example df.limit(100), or write large results to storage."
    return {"status": "error", "ename": "OutputTooLarge", "evalue": evalue,
            "traceback": ["OutputTooLarge: " + evalue]}


def truncation_note(max_bytes):
    return ("[output truncated: the statement printed more than the %d bytes allowed (%s)]\n"
            % (max_bytes, OUTPUT_LIMIT_SETTING))


def internal_error_output():
    exc_type, exc, tb = sys.exc_info()
    return {"status": "error", "ename": "InternalError",
            "evalue": "%s: %s" % (exc_type.__name__, exc),
            "traceback": traceback.format_exception(exc_type, exc, tb)}


def json_safe(value):
    """A copy of value as the JSON reply will carry it; raises TypeError/ValueError if it cannot."""
    return json.loads(json.dumps(value, allow_nan=False))


# ---------------------------------------------------------------- parsing

def parse(code):
    """Splits code into chunks: lists of compiled statements, or (magic, argument) pairs.

    Like Livy, magic lines are looked for only if the whole code is not valid Python.
    Everything is compiled before anything runs, so a SyntaxError runs nothing.
    """
    try:
        return [compile_statements(code)]
    except SyntaxError:
        if not any(line.startswith("%") for line in code.split("\n")):
            raise
    chunks, normal = [], []
    for number, line in enumerate(code.rstrip().split("\n")):
        if line.startswith("%"):
            if normal:
                chunks.append(compile_statements("\n".join(normal)))
                normal = []
            magic, _, arg = line[1:].partition(" ")
            chunks.append((magic, arg.strip()))
        else:
            # Blank lines in place of other chunks keep line numbers true to the cell.
            normal.append(line if normal else "\n" * number + line)
    if normal:
        chunks.append(compile_statements("\n".join(normal)))
    return chunks


def compile_statements(source):
    """All top-level statements but the last in 'exec' mode, the last in 'single'
    mode so that a final expression's value is echoed through sys.displayhook."""
    body = ast.parse(source, "<stdin>").body
    try:
        codes = [compile(ast.Module(body=[node], type_ignores=[]), "<stdin>", "exec")
                 for node in body[:-1]]
        codes += [compile(ast.Interactive(body=[node]), "<stdin>", "single")
                  for node in body[-1:]]
    except SyntaxError as exc:
        # Errors found in the AST ('return' outside function) come without the line.
        lines = source.split("\n")
        if exc.text is None and exc.lineno and exc.lineno <= len(lines):
            exc.text = lines[exc.lineno - 1] + "\n"
        raise
    return codes


# ---------------------------------------------------------------- magics

def magic_json(value):
    return {"application/json": json_safe(value)}


def magic_table(value):
    rows = value if isinstance(value, (list, tuple)) else [value]
    headers, data = {}, []
    for row in rows:
        if type(row).__name__ == "Row" and hasattr(row, "asDict"):
            row = row.asDict()
        if isinstance(row, dict):
            cells = sorted(row.items())
        elif isinstance(row, (list, tuple)):
            cells = enumerate(row)
        else:
            cells = [(0, row)]
        values = []
        for key, cell in cells:
            type_name, cell = table_cell(cell)
            header = headers.get(key)
            if header is None:
                header = headers[key] = {"name": str(key), "type": type_name}
            elif header["type"] == "NULL_TYPE":
                header["type"] = type_name
            elif type_name != header["type"] and type_name != "NULL_TYPE":
                raise ValueError("table rows have different types")
            values.append(cell)
        data.append(values)
    table = {"headers": [header for _, header in sorted(headers.items())], "data": data}
    # Every cell is already a JSON value (table_cell): only NaN and infinities are left to refuse.
    json.dumps(table, allow_nan=False)
    return {TABLE_MIME: table}


# The cell types of most tables, by exact type: one lookup instead of a chain of isinstance checks.
PLAIN_CELL_TYPES = {str: "STRING_TYPE", int: "INT_TYPE", float: "DOUBLE_TYPE", bool: "BOOLEAN_TYPE"}


def table_cell(value):
    """Livy's column type name and the JSON value for one table cell."""
    plain = PLAIN_CELL_TYPES.get(type(value))
    if plain is not None:
        return plain, value
    if value is None:
        return "NULL_TYPE", None
    if isinstance(value, bool):
        return "BOOLEAN_TYPE", value
    if isinstance(value, int):
        return "INT_TYPE", int(value)
    if isinstance(value, float):
        return "DOUBLE_TYPE", float(value)
    if isinstance(value, datetime.datetime):
        return "TIMESTAMP_TYPE", str(value)
    if isinstance(value, datetime.date):
        return "DATE_TYPE", str(value)
    if isinstance(value, decimal.Decimal):
        return "DECIMAL_TYPE", str(value)
    if isinstance(value, (list, tuple)):
        return "ARRAY_TYPE", [table_cell(item)[1] for item in value]
    if isinstance(value, dict):
        return "MAP_TYPE", {str(k): table_cell(v)[1] for k, v in value.items()}
    return "STRING_TYPE", str(value)


def magic_matplot(value):
    image = io.BytesIO()
    value.gcf().savefig(image, format="png")
    return {"image/png": base64.b64encode(image.getvalue()).decode("ascii"),
            "text/plain": ""}


MAGICS = {"json": magic_json, "table": magic_table, "matplot": magic_matplot}


# ---------------------------------------------------------------- session

class Session:
    def __init__(self, max_output_size=DEFAULT_MAX_OUTPUT_SIZE):
        self.namespace = {"__name__": "__main__", "__builtins__": builtins}
        self.sc = None
        self.budget = OutputBudget(max_output_size)
        self.stdout, self.stderr = Capture(self.budget), Capture(self.budget)

    def handle(self, request):
        op = request.get("op")
        if op == "execute":
            return self.execute(request)
        if op == "complete":
            return {"op": "complete",
                    "candidates": self.complete(request.get("code"), request.get("cursor"))}
        if op == "init":
            return self.init()
        return {"op": "error", "error": "unknown op %r" % (op,)}

    def init(self):
        try:
            self.connect_to_spark()
            return {"op": "init", "ok": True}
        except Exception:
            return {"op": "init", "ok": False, "error": traceback.format_exc()}
        finally:
            # SparkContext installs a SIGINT handler that would fire outside user code.
            signal.signal(signal.SIGINT, _on_sigint)

    def connect_to_spark(self):
        if self.sc is not None:
            return
        from pyspark.conf import SparkConf
        from pyspark.context import SparkContext
        from pyspark.java_gateway import launch_gateway
        from pyspark.sql import SparkSession, SQLContext

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            gateway = launch_gateway()
            entry = gateway.entry_point
            jsc = entry.javaSparkContext()
            conf = SparkConf(_jvm=gateway.jvm, _jconf=jsc.getConf())
            sc = SparkContext(gateway=gateway, jsc=jsc, conf=conf)
            spark = SparkSession(sc, jsparkSession=entry.sparkSession())
            sql_context = SQLContext(sc, spark)
        self.namespace.update(spark=spark, sc=sc, sqlContext=sql_context)
        self.sc = sc

    def execute(self, request):
        number = request.get("id")
        # Python files added to the session since the last statement (upload-pyfile, add-pyfile).
        for path in request.get("paths") or []:
            if path not in sys.path:
                sys.path.insert(0, path)
        try:
            output = self.run_statement(number, request["code"])
        except Exception:
            output = internal_error_output()
        ordered = {"status": output.pop("status"), "execution_count": number}
        ordered.update(output)
        return {"op": "result", "id": number, "output": ordered}

    def run_statement(self, number, code):
        if self.sc is not None:
            self.sc.setJobGroup(str(number), "livy statement %s" % number, True)
        if self.stdout.closed or self.stderr.closed:  # user code closed them
            self.stdout, self.stderr = Capture(self.budget), Capture(self.budget)
        self.budget.reset()
        sys.stdout, sys.stderr = self.stdout, self.stderr
        try:
            data, failure = self.run_code(code), None
        except UserFailure as caught:
            data, failure = None, caught
        finally:
            sys.stdout, sys.stderr = sys.__stdout__, sys.__stderr__
            stdout, stderr = self.stdout.drain(), self.stderr.drain()
        if failure is not None:
            if isinstance(failure.exc, KeyboardInterrupt):
                self.drop_py4j_connection()
            output = error_output(failure.exc, failure.tb)
            if self.budget.truncated:
                output["traceback"].append(truncation_note(self.budget.max_bytes))
            return output
        if self.budget.truncated:
            return too_large_output(None, self.budget.max_bytes)
        return ok_output(data, stdout, stderr)

    def drop_py4j_connection(self):
        """An interrupt can land while this thread waits for a py4j reply, which then stays unread on the
        connection and would be taken as the answer to the next call. Close that connection (py4j opens a fresh
        one on the next call). The driver JVM cancels the statement's job group itself."""
        if self.sc is None:
            return
        try:
            connection = self.sc._gateway._gateway_client.get_thread_connection()
            if connection is not None:
                connection.close(reset=True)
        except Exception:
            traceback.print_exc(file=sys.__stderr__)

    def run_code(self, code):
        """Returns the MIME data of the last chunk; raises UserFailure."""
        try:
            chunks = parse(code)
        except (SyntaxError, ValueError) as exc:  # ValueError: null bytes
            raise UserFailure(exc, None)
        return self.run_chunks(chunks)

    def run_chunks(self, chunks):
        data = {}
        for chunk in chunks:
            if isinstance(chunk, tuple):
                data = self.run_magic(*chunk)
                continue
            data = {}
            for code in chunk:
                try:
                    _run_user_code(code, self.namespace)
                except BaseException as exc:  # SystemExit, KeyboardInterrupt too
                    raise UserFailure(exc, exc.__traceback__)
        return data

    def run_magic(self, magic, name):
        if not magic:
            raise UserFailure(UnknownMagic("magic command not specified"), None)
        if magic not in MAGICS:
            raise UserFailure(UnknownMagic("unknown magic command '%s'" % magic), None)
        try:
            if not name:
                raise ValueError("%%%s needs a variable name" % magic)
            return MAGICS[magic](self.namespace[name])
        except Exception as exc:
            raise UserFailure(exc, None)

    def complete(self, code, cursor):
        try:
            import rlcompleter

            word = re.search(r"[\w.]*$", code[:int(cursor)]).group()
            if not word or not word[0].isidentifier():
                return []
            completer = rlcompleter.Completer(self.namespace)
            start = word.rfind(".") + 1  # matches repeat the dotted prefix
            names = set()
            for state in itertools.count():
                match = completer.complete(word, state)
                if match is None:
                    break
                names.add(match[start:].rstrip("(): "))
            return sorted(names)
        except Exception:
            return []


# ---------------------------------------------------------------- main loop

def protect_protocol_channel():
    """Moves the protocol to private fds; user code's fd 0 is /dev/null and fd 1 goes to stderr."""
    requests = os.fdopen(os.dup(0), "r", encoding="utf-8", errors="replace")
    replies = os.fdopen(os.dup(1), "wb")
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    os.close(devnull)
    sys.stdout.flush()
    os.dup2(2, 1)
    sys.stdin = io.StringIO()  # input() fails fast with EOFError
    return requests, replies


def encode(message):
    # A lone surrogate (from surrogateescape'd bytes) can only be inside a JSON string, where its backslash escape
    # is the JSON escape.
    text = json.dumps(message, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    return text.encode("utf-8", "backslashreplace") + b"\n"


def encode_within(reply, max_output_size):
    """The reply's line, its output replaced by OutputTooLarge when that is larger than max_output_size."""
    line = encode(reply)
    if reply.get("op") != "result":
        return line
    size = len(line) - len(encode(dict(reply, output=None))) + len(b"null")
    if size <= max_output_size:
        return line
    output = {"status": "error", "execution_count": reply["output"].get("execution_count")}
    output.update(too_large_output(size, max_output_size))
    return encode(dict(reply, output=output))


def send(replies, line):
    replies.write(line)
    replies.flush()


def read_requests(requests, lines):
    """Runs on its own thread, so that the end of input is seen even while user code runs."""
    for line in requests:
        lines.put(line)
    end_with_driver()


def end_with_driver():
    """The driver closed the request pipe: it has stopped, or died. Killed by SIGKILL it can neither stop this
    process nor remove the scratch directory it made for it, so both happen here, whatever the main thread runs."""
    scratch = os.environ.get("LIVY_REPL_SCRATCH_DIR")
    if scratch:
        shutil.rmtree(scratch, ignore_errors=True)
    try:
        sys.__stderr__.flush()
    except Exception:
        pass
    os._exit(0)


def serve(lines, replies, session):
    send(replies, encode({"op": "ready"}))
    while True:
        line = lines.get()
        if not line.strip():
            continue
        try:
            request = json.loads(line)
            if not isinstance(request, dict):
                raise ValueError("not a JSON object")
        except ValueError as exc:
            send(replies, encode({"op": "error", "error": "bad request: %s" % exc}))
            continue
        if request.get("op") == "shutdown":
            return
        try:
            reply = encode_within(session.handle(request), session.budget.max_bytes)
        except Exception:
            reply = encode_within(failure_reply(request), session.budget.max_bytes)
        send(replies, reply)


def failure_reply(request):
    """The reply when this program itself failed on a request."""
    if request.get("op") == "execute":
        output = dict(internal_error_output(), execution_count=request.get("id"))
        return {"op": "result", "id": request.get("id"), "output": output}
    return {"op": "error", "error": traceback.format_exc()}


def silence_warnings_that_break_clients():
    """PySpark 4 warns, on the first DataFrame.toJSON() of a process, that its return type will change. Clients
    call toJSON() and parse every line a statement prints as a JSON row (sparkmagic's %%sql and %%spark -o,
    pylivy's download), and a statement's text carries what it writes to stderr, as in Livy: the warning line
    would fail the first such query of every session. Other warnings still show."""
    warnings.filterwarnings("ignore", message=r"The return type of DataFrame\.toJSON will be changed",
                            category=UserWarning)


def preload_pyspark():
    """Imports what init needs before this program says it is ready: the driver starts this program while it builds
    the SparkSession, so the imports overlap with that instead of following it. An import that fails here fails
    again in init, which reports it."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            import pyspark.conf  # noqa: F401
            import pyspark.context  # noqa: F401
            import pyspark.java_gateway  # noqa: F401
            import pyspark.sql  # noqa: F401
    except Exception:
        pass


def main():
    requests, replies = protect_protocol_channel()
    silence_warnings_that_break_clients()
    os.environ.setdefault("MPLBACKEND", "Agg")  # no display on a driver
    signal.signal(signal.SIGINT, _on_sigint)
    preload_pyspark()
    lines = queue.Queue()
    threading.Thread(target=read_requests, args=(requests, lines), name="livy-requests", daemon=True).start()
    serve(lines, replies, Session(int(os.environ.get("LIVY_REPL_MAX_OUTPUT_SIZE", DEFAULT_MAX_OUTPUT_SIZE))))
    sys.stdout.flush()
    sys.stderr.flush()
    # Not sys.exit: user threads must not keep the process alive, and no
    # atexit hook may stop the JVM's SparkContext.
    os._exit(0)


if __name__ == "__main__":
    main()
