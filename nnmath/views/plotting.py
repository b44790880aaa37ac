r"""Figures of the book (绘图): loss surfaces, descent paths, loss curves, layer diagrams.

Importing this module sets a style with a Chinese (CJK) font first in the
font list, so Chinese labels and ``$...$`` maths render in every plot. If no
CJK font is installed it warns once, naming the package to install; the
book's build counts that warning as an error.

Every function returns a :class:`matplotlib.figure.Figure` (shown by Jupyter
when it is the last value of a cell) or draws into a given axes.

A figure shown in Jupyter carries an ``image/png`` drawn for 2× screens (for
the PDF, nbval and every front end) and, when it has several panels side by
side, also a ``text/html`` face (:func:`figure_panels_html`): each panel cut
from one sharp render as its own picture with alt text, in rows that the
book's stylesheet stacks on a phone, so the labels stay readable at 390 px.
"""

from __future__ import annotations

import base64
import html
import io
import math
import re
import warnings
import weakref
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import matplotlib
import numpy as np
from matplotlib import colors as mcolors
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from numpy.typing import ArrayLike
from PIL import Image

from nnmath._checks import Array, as_array, as_real, require_finite
from nnmath.descent import Trajectory
from nnmath.environment import find_cjk_font
from nnmath.landscapes import Curve, Landscape
from nnmath.stationary import KIND_NAMES, BasinMap, StationaryPoint

#: Colours used across the book: path, start, end, loss curve.
COLORS = {"path": "#d62728", "start": "#2ca02c", "end": "#d62728", "loss": "#1f77b4"}


#: The largest float64 (about 1.8e308).
FLOAT_MAX = float(np.finfo(np.float64).max)


def use_book_style() -> None:
    """Set matplotlib's style for the book: CJK font first, ASCII minus, readable sizes."""
    font = find_cjk_font()
    if font is None:
        warnings.warn(
            "no CJK font found: Chinese labels would show as boxes. Install one, "
            "e.g. `apt-get install fonts-wqy-microhei`, then delete matplotlib's "
            "fontlist-*.json cache in " + matplotlib.get_cachedir(),
            stacklevel=2,
        )
    else:
        matplotlib.rcParams["font.sans-serif"] = [font, "DejaVu Sans"]
    matplotlib.rcParams.update(
        {
            "font.family": "sans-serif",
            "axes.unicode_minus": False,
            "figure.dpi": 80,
            "savefig.dpi": 80,
            "font.size": 11,
            "axes.titlesize": 12,
        }
    )


#: Renders of multi-panel figures just made for their HTML face, taken by :func:`_figure_png` (one draw, not two).
_RENDERS: weakref.WeakKeyDictionary[Figure, bytes] = weakref.WeakKeyDictionary()


def _figure_png(fig: Figure) -> tuple[bytes, dict[str, int]]:
    """A figure as PNG for 2× screens: twice the pixels (or more), shown at its size (its width and height).

    When :func:`figure_panels_html` has just drawn the figure (Jupyter asks for
    ``text/html`` before ``image/png``) and nothing changed since, that render is used.
    """
    png = _RENDERS.pop(fig, None)
    if png is None or fig.stale:
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png", dpi=2 * fig.dpi)
        png = buffer.getvalue()
    width, height = fig.get_size_inches() * fig.dpi
    return png, {"width": round(width), "height": round(height)}


def blit(canvas: FigureCanvasAgg, artists: Iterable[Artist | None], background: Any = None) -> Any:
    """Draw ``artists`` over a cached background (位块传输, blitting); return the background.

    The first call (``background=None``) draws the whole figure (artists marked
    ``animated`` are left out) and caches its pixels; later calls only restore
    those pixels and draw the moving artists on top, which is several times
    faster than a full redraw. ``None`` entries are skipped.
    """
    if background is None:
        canvas.draw()
        background = canvas.copy_from_bbox(canvas.figure.bbox)
    else:
        canvas.restore_region(background)
    for artist in artists:
        if artist is not None:
            canvas.figure.draw_artist(artist)
    return background


def canvas_png(canvas: FigureCanvasAgg, small: bool = False) -> bytes:
    """The canvas's current pixels as PNG bytes (画布转 PNG).

    Fast by default (light compression, for live widgets); ``small=True``
    reduces the picture to 128 colours (the book's plots use far fewer) and
    compresses hard, for the frames of the kernel-free players that the HTML
    book carries: about a fifth smaller than 256 colours, with no visible loss.
    """
    buf = canvas.buffer_rgba()
    image = Image.frombuffer("RGBA", (buf.shape[1], buf.shape[0]), buf, "raw", "RGBA", 0, 1).convert("RGB")
    out = io.BytesIO()
    if small:
        image.quantize(colors=128).save(out, format="png", compress_level=9)
    else:
        image.save(out, format="png", compress_level=1)
    return out.getvalue()


def _register_figure_display() -> None:
    """Show a returned :class:`Figure` in Jupyter, whatever the matplotlib backend: PNG, and panels as HTML."""
    try:
        from IPython import get_ipython
    except ImportError:
        return
    shell = get_ipython()
    if shell is not None:
        shell.display_formatter.formatters["image/png"].for_type(Figure, _figure_png)
        shell.display_formatter.formatters["text/html"].for_type(Figure, figure_panels_html)


# ---- multi-panel figures on a phone: each panel its own picture ----------------------------------------------------

#: A panel smaller than this (inches, width and height) keeps its figure whole: small multiples stay together.
PANEL_MIN_INCHES = (2.2, 1.6)

#: The most panels a figure is cut into.
PANEL_MAX = 8

#: A panel stacked on a phone is about this wide (CSS pixels); its picture has at least twice as many pixels.
PANEL_PHONE_WIDTH = 360

#: Pixels per CSS pixel of the panels' render: at least 2 (as the PNG), more for narrow panels, at most 2.5.
PANEL_SCALES = (2.0, 2.5)

#: Colours of a panel's picture (the book's plots use far fewer; antialiased edges keep enough shades).
PANEL_COLORS = 256


@dataclass(frozen=True)
class Panel:
    """One panel of a figure (子图): where it is in the figure and what it shows, in words.

    Attributes
    ----------
    box : (float, float, float, float)
        Left, top, right, bottom in pixels of the drawing (the figure at its dpi, or the renderer given to
        :func:`figure_panels`), the top edge at 0.
    alt : str
        Alt text (Chinese): the panel's title and axis labels, without TeX.
    legend : bool
        Whether this is a figure legend (图例), shown in a row of its own, not a panel of plots.

    """

    box: tuple[float, float, float, float]
    alt: str
    legend: bool = False


_TEX_SYMBOLS = {
    "eta": "η", "lambda": "λ", "sigma": "σ", "theta": "θ", "varphi": "φ", "phi": "φ", "alpha": "α", "beta": "β",
    "gamma": "γ", "delta": "δ", "Delta": "Δ", "epsilon": "ε", "varepsilon": "ε", "mu": "μ", "pi": "π", "nabla": "∇",
    "times": "×", "cdot": "·", "le": "≤", "leq": "≤", "ge": "≥", "geq": "≥", "approx": "≈", "infty": "∞",
    "partial": "∂", "sum": "Σ", "top": "ᵀ", "prime": "′", "to": "→", "rightarrow": "→", "ldots": "…", "dots": "…",
    "pm": "±", "neq": "≠", "in": "∈", "sqrt": "√", "lVert": "‖", "rVert": "‖", "mid": "|", "quad": " ",
}  # fmt: skip
_SUBSCRIPT = str.maketrans("0123456789+-=()aeiklmnoprstux", "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎ₐₑᵢₖₗₘₙₒₚᵣₛₜᵤₓ")
_SUPERSCRIPT = str.maketrans("0123456789+-=()in", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁱⁿ")


def _script(body: str, table: dict[int, int], mark: str) -> str:
    """A sub- or superscript in Unicode where every character has one (``ᵀ`` stays), else ``_``/``^`` and the text."""
    converted = body.translate(table)
    ok = all(ord(c) in table.values() or c in " ᵀ′" for c in converted)
    return converted if ok else mark + (body if len(body) == 1 else f"({body})")


def plain_text(text: str) -> str:
    r"""A figure's label without TeX (图中文字的纯文本), for alt text and captions: ``"$\eta = 0.1$"`` → ``"η = 0.1"``.

    Inside ``$…$``: Greek letters and common symbols become their characters,
    ``\frac{a}{b}`` becomes ``a/b``, sub- and superscripts become Unicode ones
    where they exist (else ``_``/``^`` stay), other commands lose their backslash.
    """

    def maths(match: re.Match[str]) -> str:
        body = match.group(1)
        body = re.sub(r"\\[,;:! ]", " ", body)
        body = re.sub(r"\\(?:mathrm|text|mathbf|mathit|operatorname|mathcal)\s*\{([^{}]*)\}", r"\1", body)
        body = re.sub(r"\\genfrac\{[^{}]*\}\{[^{}]*\}\{[^{}]*\}\{[^{}]*\}", "", body)
        body = re.sub(r"\\(?![dt]?frac\b)([A-Za-z]+)", lambda m: _TEX_SYMBOLS.get(m.group(1), m.group(1)), body)
        body = re.sub(r"_\{([^{}]*)\}|_(\S)", lambda m: _script(m.group(1) or m.group(2), _SUBSCRIPT, "_"), body)
        body = re.sub(r"\^\{([^{}]*)\}|\^(\S)", lambda m: _script(m.group(1) or m.group(2), _SUPERSCRIPT, "^"), body)
        for _ in range(3):  # nested fractions, innermost first
            body = re.sub(r"\\[dt]?frac\s*\{([^{}]*)\}\s*\{([^{}]*)\}", r"(\1)/(\2)", body)
        body = re.sub(r"/\((\w+)\)", r"/\1", re.sub(r"\((\w+)\)/", r"\1/", body))
        return body.replace("{", "").replace("}", "").replace("\\", "")

    return re.sub(r"\s+", " ", re.sub(r"(?<!\\)\$(.*?)(?<!\\)\$", maths, text)).strip()


def _overlap(lo0: float, hi0: float, lo1: float, hi1: float) -> float:
    """How much two intervals overlap, as a fraction of the shorter one."""
    shorter = min(hi0 - lo0, hi1 - lo1)
    return max(0.0, min(hi0, hi1) - max(lo0, lo1)) / shorter if shorter > 0 else 0.0


def _groups(items: list[Any], together: Any) -> list[list[Any]]:
    """Items joined into groups: two items are in one group when ``together(a, b)`` (and transitively)."""
    parent = list(range(len(items)))

    def root(k: int) -> int:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    for i in range(len(items)):
        for j in range(i + 1, len(items)):
            if together(items[i], items[j]):
                parent[root(i)] = root(j)
    found: dict[int, list[Any]] = {}
    for k, item in enumerate(items):
        found.setdefault(root(k), []).append(item)
    return list(found.values())


def _union(boxes: Iterable[tuple[float, float, float, float]]) -> tuple[float, float, float, float]:
    x0, y0, x1, y1 = zip(*boxes, strict=True)
    return min(x0), min(y0), max(x1), max(y1)


def _panel_alt(axes: list[Axes]) -> str:
    """Alt text of one panel from its axes' titles and labels (without TeX)."""
    parts = []
    for ax in axes:
        title = " ".join(t for t in (ax.get_title("left"), ax.get_title(), ax.get_title("right")) if t)
        labels = [(name, ax.get_xlabel() if name == "横轴" else ax.get_ylabel()) for name in ("横轴", "纵轴")]
        described = "，".join(f"{name} {plain_text(label)}" for name, label in labels if label.strip())
        text = plain_text(title)
        if described:
            text = f"{text}（{described}）" if text else described
        if text:
            parts.append(text)
    return "；".join(parts)


def _kept_whole(fig: Figure) -> bool:
    """Whether a figure is certainly kept whole, known before drawing it (see :func:`figure_panels`)."""
    texts = [t for t in fig.texts if t is not getattr(fig, "_suptitle", None)]  # the suptitle is the caption
    if texts or fig.images or fig.lines or fig.patches or fig.artists:
        return True
    count = sum(ax.get_visible() for ax in fig.axes)
    return not 2 <= count <= 2 * PANEL_MAX or _narrowest_column(fig) < PANEL_MIN_INCHES[0]


def _narrowest_column(fig: Figure) -> float:
    """The narrowest grid column (inches) of the figure's subplots, from their grid specs (before any layout)."""
    widths = [float(fig.get_figwidth())]
    for ax in fig.axes:
        spec = ax.get_subplotspec()
        if spec is None:
            continue
        grid = spec.get_gridspec()
        ratios = np.asarray(grid.get_width_ratios() or [1.0] * grid.ncols, dtype=float)
        share = ratios[spec.colspan.start : spec.colspan.stop].sum() / ratios.sum()
        widths.append(share * float(fig.get_figwidth()))
    return min(widths)


def _panel_scale(fig: Figure) -> float:
    """Pixels per CSS pixel for the panels: a panel about a grid column wide gets 2 × :data:`PANEL_PHONE_WIDTH`."""
    column = _narrowest_column(fig) * fig.dpi
    low, high = PANEL_SCALES
    return min(high, max(low, math.ceil(4 * PANEL_PHONE_WIDTH / column) / 2))


def figure_panels(fig: Figure, renderer: Any = None) -> list[list[Panel]] | None:
    """The panels of a figure in rows (多子图的分块), top to bottom and left to right; None to keep it whole.

    Axes that overlap (twins, insets) and a colour bar with its axes make one
    panel; panels stacked in one column of a row make one; the panels of a
    row share its top and bottom. A figure is kept whole (None) when it has
    one panel, more than :data:`PANEL_MAX`, a panel smaller than
    :data:`PANEL_MIN_INCHES` (small multiples), or figure-level artists other
    than its suptitle and figure legends (figure text, images) that no panel
    would carry. A figure legend becomes a row of its own.

    Parameters
    ----------
    fig : Figure
    renderer : optional
        The renderer of a draw of ``fig`` that just happened (inside a ``draw_event``):
        the boxes are then in that draw's pixels. Default: ``fig`` is laid out at its own dpi.

    """
    if _kept_whole(fig):
        return None
    axes = [ax for ax in fig.axes if ax.get_visible()]
    if renderer is None:
        fig.draw_without_rendering()
    height = fig.bbox.height
    boxes = {}
    for ax in axes:
        b = ax.get_tightbbox(renderer)
        if b is None:
            return None
        boxes[ax] = (b.x0, height - b.y1, b.x1, height - b.y0)
    legends = []
    for legend in fig.legends:
        b = legend.get_window_extent(renderer)
        names = "，".join(plain_text(t.get_text()) for t in legend.get_texts())
        legends.append(Panel((b.x0, height - b.y1, b.x1, height - b.y0), f"图例：{names}", legend=True))
    return _arrange(axes, boxes, fig.dpi, legends)


def _arrange(
    axes: list[Axes], boxes: dict[Axes, tuple[float, float, float, float]], dpi: float, legends: list[Panel]
) -> list[list[Panel]] | None:
    """Group axes into panels, panels into rows, legends into rows of their own (see :func:`figure_panels`).

    ``boxes`` are in pixels at ``dpi``.
    """

    def owner(ax: Axes) -> Axes | None:
        colorbar = getattr(ax, "_colorbar", None)
        mappable_axes = getattr(getattr(colorbar, "mappable", None), "axes", None)
        return mappable_axes if mappable_axes in boxes else None

    def same_place(a: Axes, b: Axes) -> bool:
        if owner(a) is b or owner(b) is a:
            return True
        p, q = a.get_position(), b.get_position()
        return _overlap(p.x0, p.x1, q.x0, q.x1) > 0.5 and _overlap(p.y0, p.y1, q.y0, q.y1) > 0.5

    panels = [(_union(boxes[ax] for ax in group), group) for group in _groups(axes, same_place)]
    rows = _groups(panels, lambda a, b: _overlap(a[0][1], a[0][3], b[0][1], b[0][3]) > 0.3)
    arranged = []
    for row in sorted(rows, key=lambda r: min(p[0][1] for p in r)):
        columns = _groups(row, lambda a, b: _overlap(a[0][0], a[0][2], b[0][0], b[0][2]) > 0.3)
        cells = [(_union(p[0] for p in column), [ax for p in column for ax in p[1]]) for column in columns]
        top, bottom = min(c[0][1] for c in cells), max(c[0][3] for c in cells)
        cells.sort(key=lambda c: c[0][0])
        arranged.append([Panel((c[0][0], top, c[0][2], bottom), _panel_alt(c[1])) for c in cells])
    every = [p for row in arranged for p in row]
    min_w, min_h = (v * dpi for v in PANEL_MIN_INCHES)
    small = any(p.box[2] - p.box[0] < min_w or p.box[3] - p.box[1] < min_h for p in every)
    if not 2 <= len(every) <= PANEL_MAX or small:
        return None
    return sorted(arranged + [[legend] for legend in legends], key=lambda row: row[0].box[1])


def _panel_png(image: Image.Image) -> bytes:
    """A panel's picture: at most :data:`PANEL_COLORS` colours, no dithering, compressed hard."""
    out = io.BytesIO()
    quantized = image.quantize(colors=PANEL_COLORS, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE)
    quantized.save(out, format="png", compress_level=9)
    return out.getvalue()


def figure_panels_html(fig: Figure) -> str | None:
    """A multi-panel figure as HTML (多子图的网页版): each panel its own picture, in rows that stack on a phone.

    The figure is drawn once, sharp enough for a panel shown at full width on a
    phone (:data:`PANEL_SCALES`); each panel (:func:`figure_panels`, with its
    title, labels and ticks) is cut from that render as an ``<img>`` with its
    display size and alt text, the panels of a row in a
    ``div.nnmath-panels-row`` (side by side, shrinking together, as the whole
    figure would), a figure legend as a row of its own (``img.nnmath-panels-legend``),
    the suptitle as the caption. The book's stylesheet stacks the rows' panels
    on a narrow screen, each at the column's full width.
    None for a figure that stays whole (then only the ``image/png`` shows).
    """
    if _kept_whole(fig):
        return None
    scale = _panel_scale(fig)
    found: list[list[list[Panel]] | None] = []

    def measure(event: Any) -> None:  # once: savefig may draw twice (layout, then pixels), the same layout
        if not found:
            found.append(figure_panels(fig, event.renderer))

    # the suptitle is the caption: left out of this render, so no panel's crop catches a piece of it
    title = fig._suptitle if fig.get_suptitle() else None
    cid = fig.canvas.mpl_connect("draw_event", measure)
    buffer = io.BytesIO()
    try:
        if title is not None:
            title.set_visible(False)
        fig.savefig(buffer, format="png", dpi=scale * fig.dpi)
    finally:
        fig.canvas.mpl_disconnect(cid)
        if title is not None:
            title.set_visible(True)
    if title is None:  # the same picture as the whole figure's image/png: that face reuses it
        _RENDERS[fig] = buffer.getvalue()
        fig.stale = False  # drawn now: any later change to the figure makes it stale again (then drawn anew)
    drawn = found[0] if found else None
    if drawn is None:
        return None
    image = Image.open(io.BytesIO(buffer.getvalue())).convert("RGB")
    pad = 3 * scale
    parts = []
    caption = plain_text(fig.get_suptitle())
    label = html.escape(caption or "由几幅小图组成的图")
    parts.append(f'<figure class="nnmath-panels" role="group" aria-label="{label}" style="margin:0">')
    if caption:
        parts.append(f'<figcaption style="text-align:center">{html.escape(caption)}</figcaption>')
    count, k = sum(not p.legend for r in drawn for p in r), 0
    for row in drawn:
        parts.append('<div class="nnmath-panels-row" style="display:flex;align-items:flex-start">')
        for n, panel in enumerate(row):
            x0, y0, x1, y1 = panel.box
            left = max(0.0, x0 - pad, (row[n - 1].box[2] + x0) / 2 if n else 0.0)
            right = min(float(image.width), x1 + pad, (x1 + row[n + 1].box[0]) / 2 if n + 1 < len(row) else x1 + pad)
            box = (
                math.floor(left),
                max(0, math.floor(y0 - pad)),
                math.ceil(right),
                min(image.height, math.ceil(y1 + pad)),
            )
            crop = image.crop(box)
            data = base64.b64encode(_panel_png(crop)).decode()
            k += not panel.legend
            alt = panel.alt if panel.legend else f"第 {k} 幅（共 {count} 幅）" + (f"：{panel.alt}" if panel.alt else "")
            kind = ' class="nnmath-panels-legend"' if panel.legend else ""
            parts.append(
                f'<img{kind} src="data:image/png;base64,{data}" width="{round(crop.width / scale)}" '
                f'height="{round(crop.height / scale)}" alt="{html.escape(alt)}" '
                'style="flex:0 1 auto;min-width:0;height:auto">'
            )
        parts.append("</div>")
    parts.append("</figure>")
    return "\n".join(parts)


use_book_style()
_register_figure_display()


_POWER_OF_TEN = re.compile("10([⁻⁰¹²³⁴⁵⁶⁷⁸⁹]+)")
_PLAIN_DIGITS = str.maketrans("⁻⁰¹²³⁴⁵⁶⁷⁸⁹", "-0123456789")


def figure_text(text: str) -> str:
    """Text for a figure (图中文字): powers of ten such as ``10⁻¹¹`` typeset as mathtext ``$10^{-11}$``.

    The book's CJK font has no superscript minus or digits 5–9, so the plain
    text of :func:`nnmath.writeout.number` is rewritten before matplotlib draws it.
    """
    return _POWER_OF_TEN.sub(lambda m: "$10^{" + m.group(1).translate(_PLAIN_DIGITS) + "}$", text)


def new_figure(width: float = 6.0, height: float = 4.0) -> Figure:
    """A figure not managed by pyplot, so it is shown once: where a cell returns it."""
    return Figure(figsize=(width, height), layout="constrained")


def draw_surface(ax: Axes, landscape: Landscape, n: int = 120, levels: int = 25) -> None:
    """Contour map of a loss surface (损失曲面的等高线图) on ``ax``, minima starred."""
    W1, W2, L = landscape.grid(n)
    ax.contourf(W1, W2, L, levels=levels, cmap="viridis", alpha=0.85)
    ax.contour(W1, W2, L, levels=levels, colors="white", linewidths=0.4, alpha=0.6)
    for m in landscape.minima:
        ax.plot(*m, marker="*", color="white", markersize=12, markeredgecolor="black")
    w1_min, w1_max, w2_min, w2_max = landscape.window
    ax.set(xlim=(w1_min, w1_max), ylim=(w2_min, w2_max), xlabel=landscape.labels[0], ylabel=landscape.labels[1])
    ax.set_title(f"{landscape.name}：${landscape.formula}$")


def draw_path(ax: Axes, trajectory: Trajectory) -> None:
    """A descent path (下降路径) on a contour map: start, every step, end."""
    pts = trajectory.points
    ax.plot(pts[:, 0], pts[:, 1], "-o", color=COLORS["path"], markersize=3, linewidth=1.5)
    ax.plot(*pts[0], "o", color=COLORS["start"], markersize=9, markeredgecolor="black", label="起点")
    ax.plot(*pts[-1], "X", color=COLORS["end"], markersize=10, markeredgecolor="black", label="终点")


def draw_loss_curve(ax: Axes, trajectory: Trajectory) -> None:
    """Loss per step (每一步的损失) of a descent run."""
    if trajectory.losses is None:
        raise ValueError("this trajectory has no losses: pass loss= to gradient_descent")
    ax.plot(np.arange(len(trajectory.losses)), trajectory.losses, "-", color=COLORS["loss"])
    ax.set(xlabel="步数 $t$", ylabel="损失 $L$", title="每一步的损失")
    ax.grid(alpha=0.3)


def descent_figure(landscape: Landscape, trajectory: Trajectory) -> Figure:
    """Contour map with the path, beside the loss per step (等高线与损失曲线)."""
    fig = new_figure(10, 4)
    ax_map, ax_loss = fig.subplots(1, 2, width_ratios=[1.1, 1])
    draw_surface(ax_map, landscape)
    draw_path(ax_map, trajectory)
    ax_map.legend(loc="upper right", fontsize=9)
    draw_loss_curve(ax_loss, trajectory)
    return fig


def draw_surface_3d(ax: Axes, landscape: Landscape, n: int = 50) -> None:
    """The loss surface in 3-D (三维损失曲面) on a 3-D ``ax``, minima starred on it."""
    W1, W2, L = landscape.grid(n)
    ax.plot_surface(W1, W2, L, cmap="viridis", alpha=0.75, linewidth=0, antialiased=False)
    for m in landscape.minima:
        ax.plot([m[0]], [m[1]], [landscape.loss(m)], marker="*", color="white", markersize=12, markeredgecolor="black")
    w1_min, w1_max, w2_min, w2_max = landscape.window
    ax.set(
        xlim=(w1_min, w1_max),
        ylim=(w2_min, w2_max),
        zlim=(float(L.min()), float(L.max())),
        xlabel=landscape.labels[0],
        ylabel=landscape.labels[1],
        zlabel="$L$",
    )
    ax.set_title(f"{landscape.name}（三维）")


def surface_3d_figure(landscape: Landscape, trajectory: Trajectory | None = None, n: int = 60) -> Figure:
    """The loss surface in 3-D (三维损失曲面), with the descent path lying on it."""
    fig = new_figure(6, 5)
    ax = fig.add_subplot(projection="3d")
    ax.computed_zorder = False  # draw the path over the surface, never hidden behind it
    W1, W2, L = landscape.grid(n)
    ax.plot_surface(W1, W2, L, cmap="viridis", alpha=0.75, linewidth=0, zorder=1)
    if trajectory is not None:
        pts = trajectory.points
        z = np.array([landscape.loss(q) for q in pts])
        ax.plot(pts[:, 0], pts[:, 1], z, "-o", color=COLORS["path"], markersize=3, zorder=3)
        ax.plot(*pts[0], z[0], "o", color=COLORS["start"], markersize=9, markeredgecolor="black", zorder=4)
        ax.plot(*pts[-1], z[-1], "X", color=COLORS["end"], markersize=10, markeredgecolor="black", zorder=4)
    ax.set(xlabel=landscape.labels[0], ylabel=landscape.labels[1], zlabel="$L$")
    ax.set_title(f"{landscape.name}：${landscape.formula}$")
    return fig


def layer_diagram(W: ArrayLike, b: ArrayLike, x: ArrayLike | None = None, y: ArrayLike | None = None) -> Figure:
    r"""A layer drawn as neurons and weighted edges (一层神经网络的示意图).

    Inputs on the left, one circle per neuron of :math:`y = Wx + b` on the
    right; the edge from input ``j`` to neuron ``i`` is labelled
    :math:`W_{ij}`. Given ``x`` and ``y``, their values are written in the nodes.
    """
    W_arr = as_array("W", W, ndim=(2,))
    b_arr = as_array("b", b, ndim=(1,))
    m, n = W_arr.shape
    if b_arr.shape != (m,):
        raise ValueError(f"b must have shape ({m},) to match W {W_arr.shape}, got {b_arr.shape}")
    fig = new_figure(6.5, 3.8)
    ax = fig.add_subplot()
    ax.set_axis_off()
    ys_in = np.linspace(0.8, 0.2, n) if n > 1 else np.array([0.5])
    ys_out = np.linspace(0.9, 0.1, m) if m > 1 else np.array([0.5])
    for i in range(m):
        for j in range(n):
            ax.annotate("", (0.72, ys_out[i]), (0.18, ys_in[j]), arrowprops={"arrowstyle": "-|>", "color": "0.5"})
            t = 0.3 + 0.08 * j
            ax.text(
                0.18 + t * 0.54,
                ys_in[j] + t * (ys_out[i] - ys_in[j]),
                f"$W_{{{i}{j}}}={W_arr[i, j]:g}$",
                fontsize=9,
                ha="center",
                va="center",
                bbox={"fc": "white", "ec": "none", "pad": 0.5},
            )
    for j in range(n):
        label = f"$x_{j}$" if x is None else f"$x_{j}={np.ravel(x)[j]:g}$"
        ax.text(0.1, ys_in[j], label, ha="center", va="center", bbox={"boxstyle": "circle", "fc": "#cfe3f7"})
    for i in range(m):
        label = f"$y_{i}$" if y is None else f"$y_{i}={np.ravel(y)[i]:g}$"
        ax.text(0.8, ys_out[i], label, ha="left", va="center", bbox={"boxstyle": "round", "fc": "#fde0c5"})
        ax.text(1.16, ys_out[i], f"$b_{i}={b_arr[i]:g}$", ha="right", va="center", fontsize=9, color="0.3")
    ax.set(xlim=(0, 1.17), ylim=(0, 1))
    ax.set_title(f"输入层（{n} 维）→ 当前层（{m} 个神经元）：$y = Wx + b$")
    return fig


# ---- chapters 4 and 5: curves, tangents, gradients, stationary points, basins ----------------------------------

#: Markers and colours of the kinds of stationary points.
KIND_STYLE = {
    "minimum": {"marker": "*", "color": "white", "markersize": 14},
    "maximum": {"marker": "^", "color": "#d62728", "markersize": 10},
    "saddle": {"marker": "X", "color": "#ff7f0e", "markersize": 11},
    "degenerate": {"marker": "D", "color": "#9467bd", "markersize": 8},
}


def draw_curve(ax: Axes, curve: Curve, n: int = 400) -> None:
    """A loss curve (损失曲线) :math:`L(w)` on ``ax``, minima starred, with a little room above and below."""
    w, L = curve.grid(n)
    ax.plot(w, L, color="#1f77b4", linewidth=2)
    for m in curve.minima:
        ax.plot([m], [curve.loss(m)], marker="*", color="white", markersize=13, markeredgecolor="black")
    low, high = float(L.min()), float(L.max())
    pad = 0.08 * (high - low)
    ax.set(xlim=curve.window, ylim=(low - pad, high + pad), xlabel=curve.label, ylabel="$L$")
    ax.set_title(f"{curve.name}：${curve.formula}$")
    ax.grid(alpha=0.3)


def tangent_segments(ax: Axes, curve: Curve, ws: ArrayLike, length: float = 0.09) -> list[Array]:
    r"""Short pieces of the tangent lines (切线段) of ``curve`` at the points ``ws``.

    Each piece is centred on :math:`(w, L(w))` with slope :math:`L'(w)` and
    looks ``length`` (a fraction of the axes) long whatever the slope.
    """
    x_lo, x_hi = ax.get_xlim()
    y_lo, y_hi = ax.get_ylim()
    xr, yr = x_hi - x_lo, y_hi - y_lo
    segments = []
    with np.errstate(all="ignore"):
        for w in np.asarray(ws, dtype=float).reshape(-1):
            slope, value = float(curve.grad(w)), curve.loss(w)
            if not (np.isfinite(slope) and np.isfinite(value)):
                continue
            dx = length / np.hypot(1.0 / xr, slope / yr)
            segments.append(np.array([[w - dx, value - slope * dx], [w + dx, value + slope * dx]]))
    return segments


def tangent_figure(curve: Curve, points: ArrayLike) -> Figure:
    r"""A loss curve with tangent lines (切线) at ``points``, each labelled with its slope :math:`L'(w)`.

    Where the slope is positive, stepping right goes uphill (上坡); where it
    is negative, downhill (下坡). An arrow at each point shows the step
    :math:`-L'(w)`: always downhill.
    """
    ws = as_array("points", points, ndim=(1,))
    require_finite("points", ws)
    fig = new_figure(7.5, 4.2)
    ax = fig.add_subplot()
    draw_curve(ax, curve)
    x_lo, x_hi = ax.get_xlim()
    inside = (ws >= x_lo) & (ws <= x_hi)
    outside = []
    for w in ws[~inside]:
        slope = float(curve.grad(w))
        where = "向右是上坡" if slope > 0 else "向右是下坡" if slope < 0 else "这里是平的"
        outside.append(f"窗口外 w = {w:.3g}：L′ = {slope:.3g}，{where}")
    if outside:  # points beyond the window are reported in words, not silently dropped
        ax.text(
            0.02,
            0.03,
            "\n".join(outside),
            transform=ax.transAxes,
            fontsize=9,
            va="bottom",
            bbox={"fc": "white", "ec": "0.8", "alpha": 0.9},
        )
    ws = ws[inside]
    segments = tangent_segments(ax, curve, ws, length=0.16)
    y_lo, y_hi = ax.get_ylim()
    for w, seg in zip(ws, segments, strict=True):
        slope = float(curve.grad(w))
        value = curve.loss(w)
        ax.plot(seg[:, 0], seg[:, 1], color="#ff7f0e", linewidth=2.2)
        ax.plot([w], [value], "o", color="black", markersize=5)
        where = "向右是上坡" if slope > 0 else "向右是下坡" if slope < 0 else "这里是平的"
        ax.annotate(
            f"$L'={slope:.2f}$\n{where}",
            (w, value),
            xytext=(0, 16),
            textcoords="offset points",
            ha="center",
            fontsize=9,
            bbox={"fc": "white", "ec": "0.8", "alpha": 0.9},
        )
        if slope != 0:
            dx = -np.sign(slope) * 0.07 * (x_hi - x_lo)
            ax.annotate(
                "",
                (w + dx, value - 0.02 * (y_hi - y_lo)),
                (w, value - 0.02 * (y_hi - y_lo)),
                arrowprops={"arrowstyle": "-|>", "color": COLORS["start"], "lw": 2},
            )
    ax.set_title(f"{curve.name}上的切线：斜率就是导数；绿色箭头 $-L'(w)$ 指向下坡")
    return fig


def step_factor_figure(curvature: float, etas: ArrayLike) -> Figure:
    r"""The step factor :math:`r = 1 - \eta a` against :math:`\eta` (每一步的缩放因子), with the band :math:`|r| < 1`.

    The dots are the learning rates ``etas``; descent converges for those
    inside the shaded band, that is for :math:`0 < \eta < 2/a`.
    """
    a = as_real("curvature", curvature, positive=True)
    e = as_array("etas", etas, ndim=(1,))
    if e.size == 0 or not np.all(np.isfinite(e) & (e > 0)):
        raise ValueError(f"etas must be positive finite numbers, got {e}")
    fig = new_figure(7.5, 3.6)
    ax = fig.add_subplot()
    top = min(max(float(e.max()), 2.0 / a), FLOAT_MAX / 1.15) * 1.15
    grid = np.linspace(0, top, 200)
    ax.axhspan(-1, 1, color="#2ca02c", alpha=0.12, label="$|1-\\eta a|<1$：收敛")
    ax.plot(grid, 1 - grid * a, color="#1f77b4", linewidth=2, label="$r = 1-\\eta a$")
    ax.axvline(1 / a, color="0.5", linestyle=":", linewidth=1.2)
    ax.axvline(2 / a, color="#d62728", linestyle="--", linewidth=1.5)
    ax.text(1 / a, 1.35, "  $\\eta = 1/a$：一步到底", fontsize=9, color="0.3")
    ax.text(2 / a, 1.35, "  $\\eta = 2/a$：临界", fontsize=9, color="#d62728")
    r = 1 - e * a
    inside = np.abs(r) < 1
    ax.plot(e[inside], r[inside], "o", color="#2ca02c", markeredgecolor="black", zorder=3)
    ax.plot(e[~inside], r[~inside], "o", color="#d62728", markeredgecolor="black", zorder=3)
    ax.axhline(0, color="0.3", linewidth=0.6)
    ax.set(xlim=(0, top), ylim=(min(-1.6, float(r.min()) - 0.2), 1.6), xlabel="学习率 $\\eta$", ylabel="缩放因子 $r$")
    ax.set_title(f"二阶导数 $a = {a:g}$ 的抛物线：每一步 $w$ 乘以 $r = 1-\\eta a$")
    ax.legend(loc="lower left", fontsize=9)
    ax.grid(alpha=0.3)
    return fig


def gradient_field_figure(landscape: Landscape, n: int = 9, point: ArrayLike | None = None) -> Figure:
    r"""Gradient arrows (梯度箭头) on a contour map: :math:`\nabla L` points uphill, :math:`-\nabla L` downhill.

    Left: the arrows of :math:`\nabla L` on an ``n`` by ``n`` grid; right: at one
    ``point``, the gradient (uphill, red) and its negative (the descent step, green).
    """
    fig = new_figure(10, 4.2)
    ax_field, ax_point = fig.subplots(1, 2)
    w1_min, w1_max, w2_min, w2_max = landscape.window
    W1, W2 = np.meshgrid(np.linspace(w1_min, w1_max, n), np.linspace(w2_min, w2_max, n))
    G1, G2 = landscape.df(W1, W2)
    G1, G2 = np.broadcast_to(G1, W1.shape), np.broadcast_to(G2, W1.shape)
    for ax in (ax_field, ax_point):
        draw_surface(ax, landscape)
    ax_field.quiver(W1, W2, G1, G2, color="#d62728", angles="xy", pivot="tail", width=0.005)
    ax_field.set_title("$\\nabla L$ 处处指向上坡（颜色变亮的方向）")
    default = (0.6 * w1_max + 0.4 * w1_min, 0.7 * w2_max + 0.3 * w2_min)
    p = as_array("point", default if point is None else point, ndim=(1,))
    if p.shape != (2,):
        raise ValueError(f"point must have shape (2,), got {p.shape}")
    require_finite("point", p)
    g = landscape.grad(p)
    ax_point.set_title(f"在点 $({p[0]:g},\\ {p[1]:g})$：梯度与它的反方向")
    inside = w1_min <= p[0] <= w1_max and w2_min <= p[1] <= w2_max
    if not (inside and np.all(np.isfinite(g))):
        # beyond the map (or beyond float64): say so and give the gradient in numbers, instead of zooming away
        where = "这个点在图的范围之外" if not inside else "这里的梯度超出浮点数范围"
        ax_point.text(
            0.5,
            0.5,
            f"{where}\n∇L = ({g[0]:.3g}, {g[1]:.3g})",
            transform=ax_point.transAxes,
            ha="center",
            va="center",
            fontsize=11,
            bbox={"fc": "white", "ec": "0.6", "alpha": 0.95},
        )
        return fig
    size = float(np.max(np.abs(g)))
    length = size * float(np.linalg.norm(g / size)) if size > 0 else 0.0  # no overflow in the norm
    scale = 0.25 * (w1_max - w1_min) / max(length, 1e-12)
    for sign, colour, text in ((1, "#d62728", "$\\nabla L$：上坡"), (-1, "#2ca02c", "$-\\nabla L$：下坡")):
        tip = p + sign * scale * g
        ax_point.annotate("", tip, p, arrowprops={"arrowstyle": "-|>", "color": colour, "lw": 2.5})
        ax_point.text(*tip, text, color="black", fontsize=10, bbox={"fc": "white", "ec": colour, "alpha": 0.9})
    ax_point.plot(*p, "o", color="black")
    return fig


def stationary_figure(surface: Curve | Landscape, points: list[StationaryPoint]) -> Figure:
    """Stationary points (驻点) marked by kind on a loss curve or a contour map."""
    fig = new_figure(7.5, 4.4)
    ax = fig.add_subplot()
    if isinstance(surface, Curve):
        draw_curve(ax, surface)
        for line in ax.lines[1:]:
            line.remove()  # the kinds below replace the minima stars
    else:
        draw_surface(ax, surface)
        for line in list(ax.lines):
            line.remove()
    seen: set[str] = set()
    for p in points:
        xy = (float(p.point), p.loss) if isinstance(surface, Curve) else (float(p.point[0]), float(p.point[1]))
        style = KIND_STYLE[p.kind]
        ax.plot(
            *xy,
            linestyle="none",
            markeredgecolor="black",
            label=None if p.kind in seen else KIND_NAMES[p.kind],
            zorder=4,
            **style,
        )
        seen.add(p.kind)
    ax.legend(loc="upper center" if isinstance(surface, Curve) else "upper right", fontsize=9, ncols=4)
    return fig


def basin_figure(landscape: Landscape, maps: list[BasinMap]) -> Figure:
    r"""Basin maps (吸引域地图) side by side: each start point coloured by the minimum descent reaches.

    One panel per map (usually one per learning rate :math:`\eta`); grey
    where descent reached no minimum (diverged or still bouncing).
    """
    if not maps:
        raise ValueError("basin_figure needs at least one map")
    k = len(maps[0].minima)
    palette = ["#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#bcbd22"]
    colours = np.array([mcolors.to_rgb(palette[i % len(palette)]) for i in range(k)] + [(0.8, 0.8, 0.8)])
    fig = new_figure(3.4 * len(maps) + 0.4, 3.9)
    axes = np.atleast_1d(fig.subplots(1, len(maps), sharey=True))
    W1, W2, L = landscape.grid(120)
    for ax, m in zip(axes, maps, strict=True):
        rgb = colours[np.where(m.labels < 0, k, m.labels)]
        ax.imshow(rgb, origin="lower", extent=(m.w0[0], m.w0[-1], m.w1[0], m.w1[-1]), interpolation="nearest")
        ax.contour(W1, W2, L, levels=15, colors="black", linewidths=0.4, alpha=0.35)
        for a, b in m.minima:
            ax.plot(a, b, "*", color="white", markersize=14, markeredgecolor="black")
        none = float(np.mean(m.labels < 0))
        ax.set(xlabel=landscape.labels[0], title=f"$\\eta = {m.lr:g}$（灰色 {none:.0%}）")
    axes[0].set_ylabel(landscape.labels[1])
    fig.suptitle(f"{landscape.name}：从每个起点出发走 {maps[0].steps} 步，停在哪个局部最小值（颜色）")
    return fig
