"""Views that run in the browser (浏览器端的视图): one front end for the live notebook and the static book.

Every explorer is a :class:`nnmath.views._frontend.FrontEnd` (live anywidget, static page, still
picture). The chapters import what they show from here, for example::

    from nnmath.views import curve_descent_figure, describe, eta_explorer
"""

from nnmath.views.descent_explorer import (
    DescentExplorer,
    curve_explorer,
    describe,
    esm_source,
    eta_explorer,
    landscape_spec,
)
from nnmath.views.still import curve_descent_figure
from nnmath.views.xor_explorer import XorExplorer, xor_explorer

__all__ = [
    "DescentExplorer",
    "XorExplorer",
    "curve_descent_figure",
    "curve_explorer",
    "describe",
    "esm_source",
    "eta_explorer",
    "landscape_spec",
    "xor_explorer",
]
