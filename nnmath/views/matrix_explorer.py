r"""The matrix explorer (矩阵探索器, 附录 A): a 2×2 matrix acting on the plane, drawn in the browser.

One call, :func:`matrix_explorer`, gives a :class:`MatrixExplorer`: live in
Jupyter (an ``anywidget`` widget), the same front end (``js/matrix_explorer.js``)
inline in the static book, and a still picture (``image/png``) for print
(see :mod:`nnmath.views._frontend`).

The reader changes the four entries of :math:`A` (sliders or typed values),
picks a preset, or drags the tips of :math:`Ae_0` and :math:`Ae_1` (the
columns of :math:`A`) on the picture. The readout gives :math:`\det A` and
what :math:`A` does in words, from :func:`nnmath.algebra.matrix_action`,
which the front end mirrors (checked in ``tests/browser/test_views_toolkit.py``).
"""

from __future__ import annotations

from typing import Any, ClassVar

import numpy as np
from matplotlib.figure import Figure
from numpy.typing import ArrayLike

from nnmath._checks import Array, as_array, require_finite
from nnmath.algebra import fixed, matrix_action
from nnmath.views._frontend import FrontEnd
from nnmath.views.plotting import new_figure
from nnmath.views.toolkit import draw_plane, mathtext_matrix

#: The presets: name and entries (A₀₀, A₀₁, A₁₀, A₁₁).
MATRIX_PRESETS: tuple[tuple[str, tuple[float, float, float, float]], ...] = (
    ("单位矩阵", (1.0, 0.0, 0.0, 1.0)),
    ("拉伸", (2.0, 0.0, 0.0, 0.5)),
    ("旋转 90°", (0.0, -1.0, 1.0, 0.0)),
    ("剪切", (1.0, 1.0, 0.0, 1.0)),
    ("翻转", (1.0, 0.0, 0.0, -1.0)),
    ("对称", (2.0, 1.0, 1.0, 2.0)),
    ("压成一条线", (1.0, 2.0, 0.5, 1.0)),
)

#: The picture shows :math:`[-3, 3]^2`; the sliders and the dragged tips stay in it.
REACH = 3

#: Typed entries may go further, within this range.
TYPED = (-10.0, 10.0)


def _entries(A: ArrayLike) -> Array:
    M = as_array("A", A, ndim=(2,))
    if M.shape != (2, 2):
        raise ValueError(f"A must have shape (2, 2), got {M.shape}")
    require_finite("A", M)
    if np.abs(M).max() > TYPED[1]:
        raise ValueError(f"the entries of A must lie in [{TYPED[0]:g}, {TYPED[1]:g}], got {M.tolist()}")
    return M


class MatrixExplorer(FrontEnd):
    """A 2×2 matrix acting on the plane, explored in the browser (矩阵探索器). Create with :func:`matrix_explorer`.

    Attributes
    ----------
    A : ndarray, shape (2, 2)
        The matrix shown first.

    """

    kind: ClassVar[str] = "matrix"
    module: ClassVar[str] = "matrix_explorer.js"
    traits: ClassVar[dict[str, str]] = {"data": "dict", "A": "list"}

    def __init__(self, A: Array) -> None:
        self.A = A
        self._widget = None

    def state(self) -> dict[str, Any]:
        """The front end's model: ``data`` (picture range, slider range, presets) and ``A`` (four entries)."""
        data = {
            "title": "矩阵 A 作用在平面上",
            "reach": REACH,
            "range": [-REACH, REACH],
            "step": 0.01,
            "typed": list(TYPED),
            "presets": [[name, list(values)] for name, values in MATRIX_PRESETS],
        }
        return {"data": data, "A": [float(v) for v in self.A.reshape(-1)]}

    def describe(self) -> str:
        """The readout (Chinese), the same words as the front end's: A, det A and what A does."""
        a, b, c, d = (fixed(v) for v in self.A.reshape(-1))
        action = matrix_action(self.A)
        return f"A = [[{a}, {b}], [{c}, {d}]]，det A = {fixed(action.det)}：{action.text}"

    def alt_text(self) -> str:
        """One sentence (Chinese) on the picture shown first."""
        return f"网格、单位正方形和两个单位向量在矩阵作用下的像。{self.describe()}"

    def still_figure(self) -> Figure:
        """The still picture: the plane under A with the readout below it."""
        fig = new_figure(4.8, 5.4)
        ax = fig.add_subplot()
        draw_plane(ax, self.A, f"$A = {mathtext_matrix(self.A)}$")
        action = matrix_action(self.A)
        text = f"det A = {fixed(action.det)}：{action.text}"
        ax.set_xlabel("\n".join(text[k : k + 26] for k in range(0, len(text), 26)), fontsize=10)
        return fig

    def __repr__(self) -> str:
        return f"MatrixExplorer(A={self.A.tolist()})"


def matrix_explorer(A: ArrayLike = ((1.0, 0.5), (0.0, 1.0))) -> MatrixExplorer:
    """Explore a 2×2 matrix acting on the plane (矩阵探索器): live in Jupyter, the same front end in the book.

    Parameters
    ----------
    A : array_like, shape (2, 2)
        The matrix shown first: finite, entries in [-10, 10] (the sliders and the picture span [-3, 3]).

    Returns
    -------
    MatrixExplorer

    """
    return MatrixExplorer(_entries(A))
