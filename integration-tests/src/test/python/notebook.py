"""sparkmagic as a Jupyter kernel uses it, minus Jupyter: its magics class, controller, sessions and HTTP client.

The wrapper kernels (pysparkkernel, sparkkernel) turn each cell into calls of SparkMagicBase methods wrapped in
sparkmagic's handle_expected_exceptions, which shows a failed statement through the display's send_error. Notebook
makes the same calls with a display that records what a user would see instead of printing it.
"""

from hdijupyterutils.ipythondisplay import IpythonDisplay
import sparkmagic.utils.configuration as conf
from sparkmagic.livyclientlib.endpoint import Endpoint
from sparkmagic.livyclientlib.exceptions import handle_expected_exceptions
from sparkmagic.livyclientlib.sparkcontroller import SparkController
from sparkmagic.magics.sparkmagicsbase import SparkMagicBase


class RecordingDisplay(IpythonDisplay):
    """What the notebook would show: text written, HTML, errors, other objects (the progress bar, images)."""

    def __init__(self):
        super().__init__()
        self.texts = []
        self.htmls = []
        self.errors = []
        self.objects = []

    def display(self, to_display):
        self.objects.append(to_display)

    def html(self, to_display):
        self.htmls.append(to_display)

    def write(self, msg):
        self.texts.append(msg)

    def writeln(self, msg):
        self.texts.append(f"{msg}\n")

    def send_error(self, error):
        self.errors.append(error)


class KernelShell:
    """The parts of the kernel's IPython shell that sparkmagic touches: the user namespace, where %%spark -o and
    %%send_to_spark read and write variables, and the traceback printer its cancel exception replaces."""

    def __init__(self):
        self.user_ns = {}

    def _showtraceback(self, etype, evalue, stb):
        pass


class Notebook:
    """One notebook with sparkmagic loaded, talking to one Livy endpoint without authentication."""

    def __init__(self, url):
        self.display = RecordingDisplay()
        self.magics = SparkMagicBase(None)
        self.magics.ipython_display = self.display
        self.magics.spark_controller = SparkController(self.display)
        self.magics.shell = KernelShell()
        self.endpoint = Endpoint(url, None)

    @property
    def controller(self):
        return self.magics.spark_controller

    @property
    def user_ns(self):
        return self.magics.shell.user_ns

    def start_session(self, name, language):
        """What the kernel does on its first cell (and %spark add): a session with the configured properties."""
        properties = conf.get_session_properties(language)
        self.controller.add_session(name, self.endpoint, False, properties)
        return self.controller.get_session_by_name_or_default(name)

    def run_cell(self, code, session_name, output_var=None):
        """A %%spark cell; returns None when sparkmagic showed an error."""
        run = handle_expected_exceptions(SparkMagicBase.execute_spark)
        return run(self.magics, code, output_var, None, None, None, session_name, None)

    def run_sql_cell(self, query, session_name, maxrows=None):
        """A %%sql cell: the query's rows as a pandas DataFrame."""
        run = handle_expected_exceptions(SparkMagicBase.execute_sqlquery)
        return run(self.magics, query, None, maxrows, None, session_name, None, False, None)

    def send_to_spark(self, local_name, remote_name, session_name):
        """A %%send_to_spark -i local_name -t df -n remote_name cell."""
        self.magics.do_send_to_spark("", local_name, "df", remote_name, None, session_name)
