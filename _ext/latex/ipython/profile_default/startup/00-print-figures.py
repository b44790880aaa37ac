"""The printable edition's kernels: figures at print resolution, and as vector PDF where possible.

``scripts/build-pdf.sh`` copies this IPython profile into a temporary ``IPYTHONDIR`` for the
notebook kernels of the PDF build only (the notebooks and the HTML book are untouched):

* every matplotlib figure a cell returns also carries ``application/pdf``, which the LaTeX
  builder prefers to PNG, so plots print as vectors (fonts embedded as TrueType);
* the pictures that are pixels by nature (the explorers' still frames) are drawn at
  ``PRINT_DPI`` instead of the screen's 80 dpi.

nnmath sets 80 dpi when it is imported and matplotlib's inline backend drops other
figure formatters when it starts, so both settings are renewed before and after every cell.
"""

import io
import logging

import matplotlib
from IPython import get_ipython
from matplotlib.figure import Figure

PRINT_DPI = 150


def figure_pdf(fig: Figure) -> bytes:
    """A matplotlib figure as PDF bytes (vector)."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="pdf")
    return buffer.getvalue()


def print_settings(*_: object) -> None:
    """Draw new figures at print resolution; give every figure a PDF face with TrueType fonts."""
    matplotlib.rcParams.update({"figure.dpi": PRINT_DPI, "savefig.dpi": PRINT_DPI, "pdf.fonttype": 42})
    pdf = shell.display_formatter.formatters["application/pdf"]
    pdf.enabled = True
    pdf.for_type(Figure, figure_pdf)


# fontTools, embedding the CJK font as TrueType, warns about the font's odd creation date on stderr,
# which the build (nb_output_stderr: warn, -W) would count as an error.
logging.getLogger("fontTools").setLevel(logging.ERROR)
shell = get_ipython()
shell.events.register("pre_run_cell", print_settings)
shell.events.register("post_run_cell", print_settings)
print_settings()
