"""Views that run in the browser (浏览器端的视图): one front end for the live notebook and the static book.

A chapter switches from the PNG explorers by its import line::

    from nnmath.views import curve_explorer, eta_explorer
"""

from nnmath.views.descent_explorer import (
    DescentExplorer,
    curve_explorer,
    describe,
    esm_source,
    eta_explorer,
    landscape_spec,
)

__all__ = ["DescentExplorer", "curve_explorer", "describe", "esm_source", "eta_explorer", "landscape_spec"]
