r"""The matrix explorer (矩阵探索器, 附录 A): a 2×2 matrix acting on the plane, drawn in the browser.

One call, :func:`matrix_explorer`, gives a :class:`MatrixExplorer`: live in
Jupyter (an ``anywidget`` widget), the same front end (``js/matrix_explorer.js``)
inline in the static book, and a still picture (``image/png``) for print
(see :mod:`nnmath.views._frontend`).

The reader changes the four entries of :math:`A` (sliders or typed values),
picks a preset, or drags the tips of :math:`Ae_0` and :math:`Ae_1` (the
columns of :math:`A`) on the picture. The readout gives :math:`\det A` and
what :math:`A` does in words (:func:`matrix_words`, from what
:func:`nnmath.algebra.matrix_action` finds), which the front end mirrors
(checked in ``tests/browser/test_views_toolkit.py``).
"""

from __future__ import annotations

from typing import Any, ClassVar

import numpy as np
from matplotlib.figure import Figure
from numpy.typing import ArrayLike

from nnmath._checks import Array, as_array, require_finite
from nnmath.algebra import ACTION_RTOL, matrix_action, symmetric_eigen
from nnmath.views._frontend import FrontEnd
from nnmath.views.plotting import new_figure
from nnmath.views.toolkit import draw_plane, mathtext_matrix
from nnmath.writeout import fixed

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


def matrix_words(matrix: ArrayLike) -> str:
    """What a 2×2 matrix does to the plane, in one sentence for the reader (矩阵作用的文字说明).

    The kind, angle and stretch are :func:`nnmath.algebra.matrix_action`'s; numbers
    are written by :func:`nnmath.writeout.fixed`, as the front end writes them.

    Raises
    ------
    ValueError
        If ``matrix`` is not a finite 2×2 matrix.

    Examples
    --------
    >>> matrix_words([[0, -1], [1, 0]])
    '旋转：绕原点逆时针转 90°，形状和面积都不变'

    """
    action = matrix_action(matrix)  # checks the matrix
    A = np.asarray(matrix, dtype=float)
    a, b, d = float(A[0, 0]), float(A[0, 1]), float(A[1, 1])
    same_lengths = abs(action.scale - 1) <= ACTION_RTOL * float(np.abs(A).max())
    area = f"面积乘以 {fixed(abs(action.det))}"
    flip = "，并且翻面（det < 0）" if action.det < 0 else ""
    if action.kind == "zero":
        return "零矩阵：整个平面都被压到原点这一个点上"
    if action.kind == "collapse":
        return "压扁：整个平面被压到一条直线上，面积变成 0，无法还原"
    if action.kind == "identity":
        return "不变：单位矩阵，每个点都留在原地"
    if action.kind == "rotation":
        turn = f"逆时针转 {fixed(action.angle)}°" if action.angle >= 0 else f"顺时针转 {fixed(-action.angle)}°"
        return f"旋转：绕原点{turn}" + (
            "，形状和面积都不变" if same_lengths else f"，长度乘以 {fixed(action.scale)}，{area}"
        )
    if action.kind == "reflection":
        stretch = "，形状不变" if same_lengths else f"，长度乘以 {fixed(action.scale)}"
        return f"翻转：以与横轴成 {fixed(action.angle)}° 的直线为镜子作镜面反射{stretch}（det < 0）"
    if action.kind == "shear":
        return f"剪切：与横轴成 {fixed(action.angle)}° 的直线不动，其余的点沿它滑动，面积不变"
    if action.kind == "axis_stretch":
        return f"沿坐标轴伸缩：横向乘以 {fixed(a)}，纵向乘以 {fixed(d)}，{area}{flip}"
    if action.kind == "symmetric":
        low, high = symmetric_eigen([[a, b], [b, d]]).values
        return f"沿两个互相垂直的特征方向伸缩：乘以 {fixed(low)} 和 {fixed(high)}，{area}{flip}"
    return f"一般的线性变换：既伸缩又转动，{area}{flip}"


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
        return f"A = [[{a}, {b}], [{c}, {d}]]，det A = {fixed(matrix_action(self.A).det)}：{matrix_words(self.A)}"

    def alt_text(self) -> str:
        """One sentence (Chinese) on the picture shown first."""
        return f"网格、单位正方形和两个单位向量在矩阵作用下的像。{self.describe()}"

    def still_figure(self) -> Figure:
        """The still picture: the plane under A with the readout below it."""
        fig = new_figure(4.8, 5.4)
        ax = fig.add_subplot()
        draw_plane(ax, self.A, f"$A = {mathtext_matrix(self.A)}$")
        text = f"det A = {fixed(matrix_action(self.A).det)}：{matrix_words(self.A)}"
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
