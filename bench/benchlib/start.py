"""Session start: POST /sessions until idle, per kind, beside the floor (bare spark-submit of a program that
only builds a SparkSession, with the same Spark and master). Runs are interleaved so noise spreads evenly."""
import socket
import subprocess
import time
from pathlib import Path

from . import stats
from .machine import BENCH, log

KINDS = ("pyspark", "spark", "sql")
# Which floor a kind is held to: a pyspark session needs a Python holding a SparkSession, the others a JVM one.
FLOOR_OF_KIND = {"pyspark": "python", "spark": "jvm", "sql": "jvm"}
READY = "FLOOR READY"
FLOOR_TIMEOUT = 600


def floor_jar(environment):
    """bench/target/floor.jar, compiled against the Spark under test once."""
    target = BENCH / "target"
    jar = target / "floor.jar"
    source = BENCH / "floor" / "Floor.java"
    if jar.exists() and jar.stat().st_mtime >= source.stat().st_mtime:
        return jar
    classes = target / "floor-classes"
    classes.mkdir(parents=True, exist_ok=True)
    spark_jars = Path(environment["SPARK_HOME"]) / "jars" / "*"
    subprocess.run(["javac", "-d", str(classes), "-cp", str(spark_jars), str(source)], check=True)
    subprocess.run(["jar", "cf", str(jar), "-C", str(classes), "."], check=True)
    return jar


def floor_kinds(master, deploy_mode):
    """The floors spark-submit can run here: a standalone master runs no Python application in cluster deploy
    mode, so there a pyspark session is held to the JVM floor."""
    if deploy_mode == "cluster" and master.startswith("spark://"):
        return ("jvm",)
    return ("python", "jvm")


def run_floor(kind, environment, master, jar, deploy_mode="client"):
    """(seconds from spawning spark-submit until the program says its SparkSession is ready, seconds until it has
    stopped it and spark-submit has exited). The program says so over TCP, as in cluster deploy mode its output
    does not pass through spark-submit."""
    submit = str(Path(environment["SPARK_HOME"]) / "bin" / "spark-submit")
    with socket.socket() as listener:
        listener.bind((environment.get("SPARK_LOCAL_IP", "127.0.0.1"), 0))
        listener.listen(1)
        listener.settimeout(1)
        address = "%s:%d" % listener.getsockname()
        command = [submit, "--master", master, "--deploy-mode", deploy_mode]
        if kind == "jvm":
            command += ["--class", "Floor", str(jar), address]
        else:
            if deploy_mode == "cluster" and environment.get("PYSPARK_PYTHON"):
                # The driver's container gets no environment from here: the Python the sessions run, by conf.
                command += ["--conf", "spark.pyspark.python=" + environment["PYSPARK_PYTHON"]]
            command += [str(BENCH / "floor" / "floor.py"), address]
        started = time.perf_counter()
        process = subprocess.Popen(command, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            connection = accept(listener, process, started)
            with connection:
                connection.settimeout(FLOOR_TIMEOUT)
                if READY not in connection.makefile(encoding="ascii").readline():
                    raise RuntimeError(f"the {kind} floor said no {READY!r}: {' '.join(command)}")
                ready = time.perf_counter() - started
                connection.recv(1)  # the end of the connection: the SparkSession has stopped
            process.wait(timeout=FLOOR_TIMEOUT)
        finally:
            if process.poll() is None:
                process.kill()
    if process.returncode != 0:
        raise RuntimeError(f"the {kind} floor failed (exit {process.returncode}): {' '.join(command)}")
    return ready, time.perf_counter() - started


def accept(listener, process, started):
    """The floor program's connection; fails as soon as spark-submit fails (in cluster deploy mode on a standalone
    master it exits 0 once the driver is submitted)."""
    while time.perf_counter() - started < FLOOR_TIMEOUT:
        try:
            return listener.accept()[0]
        except socket.timeout:
            if process.poll() not in (None, 0):
                raise RuntimeError(f"spark-submit of the floor exited {process.returncode}") from None
    raise RuntimeError(f"the floor was not ready within {FLOOR_TIMEOUT} s")


def measure(context):
    runs = context.counts["starts"]
    server = context.server
    jar = floor_jar(context.environment)
    floors = {floor: [] for floor in floor_kinds(context.master, context.deploy_mode)}
    floor_exits = {floor: [] for floor in floors}
    starts = {kind: [] for kind in KINDS}
    for round_number in range(runs):
        for floor in floors:
            ready, exited = run_floor(floor, context.environment, context.master, jar, context.deploy_mode)
            floors[floor].append(ready)
            floor_exits[floor].append(exited)
            log(f"start: floor {floor} run {round_number + 1}/{runs}: {ready:.2f}s to ready")
        for kind in KINDS:
            last_round = round_number == runs - 1
            session_id, seconds = start_one(server, kind)
            starts[kind].append(seconds)
            log(f"start: {kind} run {round_number + 1}/{runs}: {seconds:.2f}s to idle")
            if last_round:
                context.idle_sessions[kind] = session_id
            else:
                server.http.call("DELETE", f"/sessions/{session_id}")
                wait_drivers_gone(server, keep=len(context.idle_sessions))
    result = {"runs": runs, "floor": {}, "kinds": {}}
    for floor, samples in floors.items():
        result["floor"][floor] = {"samples_s": rounded(samples), "median_s": round(stats.median(samples), 3),
                                  "median_exit_s": round(stats.median(floor_exits[floor]), 3)}
    for kind, samples in starts.items():
        floor = FLOOR_OF_KIND[kind] if FLOOR_OF_KIND[kind] in floors else "jvm"
        floor_median = result["floor"][floor]["median_s"]
        median = stats.median(samples)
        result["kinds"][kind] = {
            "samples_s": rounded(samples), "median_s": round(median, 3), "floor": floor,
            "ratio_to_floor": round(median / floor_median, 2),
            "ratio_to_jvm_floor": round(median / result["floor"]["jvm"]["median_s"], 2)}
    return result


def start_one(server, kind):
    started = time.perf_counter()
    session_id = server.create_session(kind)
    server.wait_idle([session_id], timeout=300)
    return session_id, time.perf_counter() - started


def wait_drivers_gone(server, keep, timeout=60):
    """Waits until only `keep` drivers run, so a stopping driver does not slow the next measurement."""
    deadline = time.time() + timeout
    while len(server.driver_roots()) > keep and time.time() < deadline:
        time.sleep(0.1)


def rounded(samples):
    return [round(value, 3) for value in samples]
