"""Fixtures shared by the client suites: the server under test and its batch directory.

ClientsIT starts the packaged server and runs pytest with LIVY_URL (the server's base URL) and LIVY_BATCH_DIR (a
directory listed in the server's livy.file.local-dir-whitelist). The suites can also be run by hand against any
running server with those two variables set.
"""

import atexit
import os
import shutil
import tempfile
from pathlib import Path

import pytest

# sparkmagic reads its config.json and writes its log under SPARKMAGIC_CONF_DIR, which it reads once on import.
# An empty private directory gives every test sparkmagic's default configuration, whatever ~/.sparkmagic holds.
_SPARKMAGIC_HOME = tempfile.mkdtemp(prefix="sparkmagic-home-")
os.environ["SPARKMAGIC_CONF_DIR"] = _SPARKMAGIC_HOME
atexit.register(shutil.rmtree, _SPARKMAGIC_HOME, ignore_errors=True)


def _required_environment(name):
    value = os.environ.get(name)
    if not value:
        pytest.fail(f"{name} is not set: run these suites through ClientsIT, or set it to a running server's "
                    f"{'URL' if name == 'LIVY_URL' else 'whitelisted batch directory'}", pytrace=False)
    return value


@pytest.fixture(scope="session")
def livy_url():
    return _required_environment("LIVY_URL").rstrip("/")


@pytest.fixture(scope="session")
def batch_dir():
    return Path(_required_environment("LIVY_BATCH_DIR"))
