"""The machine, the build and the Spark under test: what a result file records about where it was measured."""
import datetime
import os
import platform
import shutil
import subprocess
import sys
from pathlib import Path

LIVY_HOME = Path(__file__).resolve().parents[2]
BENCH = LIVY_HOME / "bench"


def log(message):
    print(f"bench: {message}", file=sys.stderr, flush=True)


def ensure_built():
    """Builds the server and driver when a jar is missing (never mvn install: ~/.m2 is shared)."""
    needed = [LIVY_HOME / "server/target/livy-server.jar", LIVY_HOME / "server/target/lib",
              LIVY_HOME / "repl/target/livy-repl.jar", LIVY_HOME / "repl-scala212/target/livy-repl_2.12.jar"]
    if all(path.exists() for path in needed):
        return
    # An installed Maven saves the wrapper's one-time download of the pinned one.
    maven = "mvn" if shutil.which("mvn") else str(LIVY_HOME / "mvnw")
    modules = "common,repl,repl-scala212,server"
    log(f"building ({Path(maven).name} -q package -DskipTests -pl {modules})")
    subprocess.run([maven, "-q", "package", "-DskipTests", "-pl", modules], cwd=LIVY_HOME, check=True)


def spark_environment(line=None):
    """SPARK_HOME and PYSPARK_PYTHON: the caller's, else those of bin/provision-spark (what the server uses).
    With a Spark line ("3.5"), that line's provisioned Spark and its Python, whatever the caller's."""
    found = {}
    if line:
        output = subprocess.run([str(LIVY_HOME / "bin/provision-spark"), "--spark", line], check=True,
                                capture_output=True, text=True).stdout
        for entry in output.splitlines():
            key, _, value = entry.partition("=")
            if key in ("SPARK_HOME", "PYSPARK_PYTHON"):
                found[key] = value
        return found
    if not os.environ.get("SPARK_HOME"):
        output = subprocess.run([str(LIVY_HOME / "bin/provision-spark")], check=True, capture_output=True,
                                text=True).stdout
        for line in output.splitlines():
            key, _, value = line.partition("=")
            if key in ("SPARK_HOME", "PYSPARK_PYTHON"):
                found[key] = value
    else:
        found["SPARK_HOME"] = os.environ["SPARK_HOME"]
    if os.environ.get("PYSPARK_PYTHON"):
        found["PYSPARK_PYTHON"] = os.environ["PYSPARK_PYTHON"]
    return found


def child_environment(spark):
    environment = dict(os.environ)
    environment.update(spark)
    environment["SPARK_LOCAL_IP"] = "127.0.0.1"
    return environment


def _first_line(command):
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return None
    lines = (result.stdout + result.stderr).strip().splitlines()
    return lines[0] if lines else None


def _meminfo_gib():
    with open("/proc/meminfo", encoding="ascii") as file:
        for line in file:
            if line.startswith("MemTotal:"):
                return round(int(line.split()[1]) / 1024 / 1024, 1)
    return None


def _cpu_model():
    with open("/proc/cpuinfo", encoding="ascii", errors="replace") as file:
        for line in file:
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return platform.processor() or None


def _spark_version(spark_home):
    version_file = Path(spark_home) / "version.py"
    if version_file.is_file():
        for line in version_file.read_text().splitlines():
            if line.startswith("__version__"):
                return line.split("=", 1)[1].strip().strip("\"'")
    return None


def _git(*arguments):
    try:
        return subprocess.run(["git", *arguments], cwd=LIVY_HOME, capture_output=True, text=True,
                              timeout=30).stdout.strip()
    except OSError:
        return ""


def load_average():
    """The 1-minute load average: other work on a shared machine shows here, and skews every figure."""
    return round(os.getloadavg()[0], 2)


def describe(spark, mode, command):
    java = shutil.which("java")
    return {
        "date": datetime.datetime.now().astimezone().isoformat(timespec="seconds"),
        "command": command,
        "mode": mode,
        "git_commit": _git("rev-parse", "--short", "HEAD"),
        "git_dirty": bool(_git("status", "--porcelain")),
        "load_average_at_start": load_average(),
        "machine": {
            "cores": os.cpu_count(),
            "memory_gib": _meminfo_gib(),
            "cpu": _cpu_model(),
            "kernel": platform.release(),
            "jdk": _first_line([java, "-version"]) if java else None,
            "python": platform.python_version(),
            "spark": _spark_version(spark["SPARK_HOME"]),
            "spark_home": spark["SPARK_HOME"],
            "wrk": _first_line(["wrk", "--version"]) if shutil.which("wrk") else None,
            "server_java_opts": os.environ.get("LIVY_SERVER_JAVA_OPTS", "(bin/livy-server default)"),
        },
    }
