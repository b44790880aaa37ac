"""Views: everything a reader sees (视图), apart from the maths.

- The explorers (探索器), each a :class:`nnmath.views._frontend.FrontEnd`: one ES module that draws
  in the browser, live as an anywidget widget in Jupyter and static in the book, with a still
  picture for print. :func:`eta_explorer` and :func:`curve_explorer` (gradient descent on a
  surface or a curve), :func:`softmax_show`, :func:`shape_explorer`, :func:`xor_explorer`,
  :func:`draft_explorer` (the digits network's epochs), :func:`training_explorer` (its learning
  curves over a grid of η, batch sizes and networks), :func:`matrix_explorer` and
  :func:`eigen_explorer`.
- The figures (matplotlib): :mod:`nnmath.views.plotting` (shared drawing, CJK fonts, figures
  of chapters 1–5) and one module per chapter's pictures: :mod:`~nnmath.views.fit` (chapter 0),
  :mod:`~nnmath.views.activations` (2), :mod:`~nnmath.views.xor` (6), :mod:`~nnmath.views.digits` (7),
  :mod:`~nnmath.views.toolkit` (appendix A).

A chapter imports what it shows from here, for example::

    from nnmath.views import eta_explorer, plotting
"""

from nnmath.views import plotting
from nnmath.views.descent_explorer import DescentExplorer, curve_explorer, describe, eta_explorer
from nnmath.views.digits import TrainingExplorer, training_explorer
from nnmath.views.digits_player import DigitsPlayer, draft_explorer
from nnmath.views.eigen_explorer import EigenExplorer, eigen_explorer
from nnmath.views.matrix_explorer import MatrixExplorer, matrix_explorer
from nnmath.views.shape_explorer import ShapeExplorer, shape_explorer
from nnmath.views.softmax_explorer import SoftmaxExplorer, softmax_show
from nnmath.views.still import curve_descent_figure
from nnmath.views.xor_explorer import XorExplorer, xor_explorer

__all__ = [
    "DescentExplorer",
    "DigitsPlayer",
    "EigenExplorer",
    "MatrixExplorer",
    "ShapeExplorer",
    "SoftmaxExplorer",
    "TrainingExplorer",
    "XorExplorer",
    "curve_descent_figure",
    "curve_explorer",
    "describe",
    "draft_explorer",
    "eigen_explorer",
    "eta_explorer",
    "matrix_explorer",
    "plotting",
    "shape_explorer",
    "softmax_show",
    "training_explorer",
    "xor_explorer",
]
