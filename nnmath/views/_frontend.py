r"""One mechanism for every explorer (探索器的公共机制): a front end in the browser, live and static.

An explorer is a display object whose output bundle carries three faces:

* ``application/vnd.jupyter.widget-view+json``: a live ``anywidget`` widget
  (JupyterLab, Notebook 7, Colab, VS Code) running the explorer's ES module;
* ``text/html``: the same module inline, its state as embedded JSON, mounted
  by one line with a stand-in model (the static book: no kernel, nothing from
  another host), and a small still picture in ``<noscript>``;
* ``image/png``: the still picture, for print, the PDF and RSS readers.

How to add a new explorer kind
------------------------------
1. Write ``nnmath/views/js/<kind>.js``. It may use every helper of
   ``js/_common.js`` (numbers: ``fmt``, ``fixed``, ``niceTicks``, ``valueAxis``;
   2×2 algebra: ``symmetricEigen``, ``lineDegrees``; the page: ``el``, ``uid``,
   ``setText``, ``setAttr``, ``setValue``, ``choiceGroup``, ``panelsElement``, ``layoutWidth``,
   ``onWidthChange``; drawing: ``setupCanvas``, ``clipTo``, ``arrow``,
   ``planeFrame``, ``chartFrame``, ``barFrame``; interaction: ``onDrag``,
   ``frameScheduler``, ``countFrames``, ``settledSave``; the explorer:
   ``explorerRoot``, ``readoutElement``, ``pinSize``, ``staticModel``, ``mountStatic``):
   that text is put in front of the module, so do not define those names
   again and do not ``import`` anything. Define ``render({model, el})``
   (anywidget's entry point: read the state with ``model.get(name)``, write
   the synced traits with ``model.set`` + ``model.save_changes()``), and end
   the file with::

       const api = { render, mountStatic: (root) => mountStatic(render, root) };
       export default api;

   Conventions: the root is ``explorerRoot(title, kind)`` (class ``nnx``, ``data-kind``);
   every input has a label (``<label for>`` or ``aria-label``);
   the readout is :func:`readoutElement` (class ``nnx-readout``,
   ``aria-live="polite"``, full width so that nothing moves when its text
   changes); draw on canvases with :func:`setupCanvas`; redraw once per frame
   with :func:`frameScheduler`; the root gets ``data-frame`` (a count of
   frames drawn), which the browser tests and benchmarks wait on: write the
   drawing as ``drawAll`` and use ``const draw = countFrames(root, drawAll)``,
   which also pins the root's size after each frame (``pinSize``: a frame then
   lays out the explorer alone, not the whole page); write text and values with
   ``setText``/``setValue``/``setAttr``, which skip writes that change nothing.
2. Subclass :class:`FrontEnd` in ``nnmath/views/<kind>.py``: set ``kind``,
   ``module`` (the file name) and ``traits`` (the state's keys and their
   types: ``"dict"``, ``"list"``, ``"float"``, ``"int"``, ``"str"``,
   ``"bool"``), and define :meth:`FrontEnd.state`,
   :meth:`FrontEnd.still_figure` and :meth:`FrontEnd.alt_text`.
3. Test the module in Chromium against nnmath's maths (see
   ``tests/browser/test_explorer_parity.py``); the generic page tests
   (``tests/browser/test_book_explorers.py``) find every
   ``div.nnmath-explorer`` by itself.

The static face's root is ``<div class="nnmath-explorer" data-kind="<kind>" id="nnx-<hash>">``;
its id is a hash of the state, so that a notebook's saved output is the same every run.
"""

from __future__ import annotations

import base64
import hashlib
import html
import io
import json
import math
import re
from abc import ABC, abstractmethod
from decimal import ROUND_HALF_UP, Decimal, localcontext
from functools import cache
from importlib import resources
from typing import Any, ClassVar

from matplotlib.figure import Figure

#: The last line of every front end's module (the static face drops it and calls ``api.mountStatic``).
EXPORT = "export default api;"

#: The shared helpers put in front of every module.
COMMON = "_common.js"

#: The trait types a front end's state may use (name → traitlets class name).
TRAIT_TYPES = {"dict": "Dict", "list": "List", "float": "Float", "int": "Int", "str": "Unicode", "bool": "Bool"}


def _read(name: str) -> str:
    return resources.files("nnmath.views").joinpath("js", name).read_text(encoding="utf-8")


@cache
def esm_source(module: str) -> str:
    """The ES module of a front end (前端模块) as anywidget runs it: ``js/_common.js`` + ``js/<module>``.

    Raises
    ------
    ValueError
        If ``module`` is not a front end's file name in ``nnmath/views/js``.
    RuntimeError
        If the module does not end with ``export default api;``, or either text holds ``</script``
        (which would end the static page's script early) or an ``import``/``export`` of the shared part.
    """
    if not isinstance(module, str) or not module.endswith(".js") or "/" in module or module == COMMON:
        raise ValueError(f"module must be a front end's file name in nnmath/views/js, got {module!r}")
    try:
        source = _read(module)
    except FileNotFoundError as exc:
        raise ValueError(f"module must be a front end's file name in nnmath/views/js, got {module!r}") from exc
    common = _read(COMMON)
    if not source.rstrip().endswith(EXPORT):
        raise RuntimeError(f"js/{module} must end with {EXPORT!r}")
    if "</script" in (common + source).lower() or re.search(r"^\s*(export|import)\b", common, re.M):
        raise RuntimeError(f"js/{module} and js/{COMMON} must hold no '</script' and the shared part no export")
    return f"{common}\n// ---- {module} ----\n{source}"


_SUPERSCRIPTS = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def fmt(x: float, digits: int = 3) -> str:
    """``x`` with ``digits`` significant digits exactly as the front ends' ``fmt`` writes it (数字的显示).

    A true minus sign, ``×10ⁿ`` below 10⁻³ and from 10⁵ on; rounding half up on the
    exact binary value (as JavaScript's ``toPrecision``), so that a still picture and
    the readout of the page say the same number.
    """
    x = float(x)
    if x == 0:
        return "0"
    if not math.isfinite(x):
        return "∞" if x > 0 else "−∞" if x < 0 else "NaN"
    with localcontext() as context:
        context.rounding = ROUND_HALF_UP
        mantissa, exponent = f"{Decimal(x):.{digits - 1}e}".split("e")
    if abs(x) >= 1e5 or abs(x) < 1e-3:
        if "." in mantissa:
            mantissa = mantissa.rstrip("0").rstrip(".")
        return mantissa.replace("-", "−") + "×10" + str(int(exponent)).translate(_SUPERSCRIPTS)
    value = float(f"{mantissa}e{exponent}")
    text = str(int(value)) if value.is_integer() else repr(value)
    return text.replace("-", "−")


def compact(source: str) -> str:
    """A module's text without comment lines, blank lines and indentation: the static page's lighter copy.

    The same code (only whole-line ``//`` comments go; a line's own text is kept as it is), so that the
    page's module behaves as the live widget's (the browser tests run the static copy).
    """
    lines = (line.strip() for line in source.splitlines())
    return "\n".join(line for line in lines if line and not line.startswith("//")) + "\n"


def png_bytes(fig: Figure, dpi: int = 80) -> bytes:
    """A matplotlib figure as PNG bytes (the still picture)."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi)
    return buffer.getvalue()


def small_png(png: bytes) -> bytes:
    """``png`` at 60 % of its size in 48 colours: the light copy for readers without JavaScript."""
    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("RGB")
    image = image.resize((image.width * 3 // 5, image.height * 3 // 5), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    image.quantize(colors=48).save(out, format="png", compress_level=9)
    return out.getvalue()


@cache
def widget_class(kind: str, module: str, traits: tuple[tuple[str, str], ...]) -> type:
    """The anywidget class of a front end (imported on first use, so that the maths never needs it)."""
    import anywidget
    import traitlets

    namespace: dict[str, Any] = {"_esm": esm_source(module), "__doc__": f"The live face of the {kind} explorer."}
    for name, type_name in traits:
        namespace[name] = getattr(traitlets, TRAIT_TYPES[type_name])().tag(sync=True)
    class_name = "".join(part.title() for part in kind.replace("-", "_").split("_")) + "Widget"
    return type(class_name, (anywidget.AnyWidget,), namespace)


class FrontEnd(ABC):
    """An explorer drawn in the browser, live and static (浏览器端探索器的基类).

    Subclasses set :attr:`kind`, :attr:`module` and :attr:`traits` and define
    :meth:`state`, :meth:`still_figure` and :meth:`alt_text` (see the module
    docstring); the base gives the three faces.
    """

    #: The explorer's kind (``data-kind`` of the static face's root).
    kind: ClassVar[str]
    #: The ES module's file name in ``nnmath/views/js``.
    module: ClassVar[str]
    #: The state's keys and their types (see :data:`TRAIT_TYPES`); all are synced with the live widget.
    traits: ClassVar[dict[str, str]]

    _widget: Any = None

    @abstractmethod
    def state(self) -> dict[str, Any]:
        """The front end's model: one JSON-ready value per name in :attr:`traits`."""

    @abstractmethod
    def still_figure(self) -> Figure:
        """The still picture: what the front end shows first, drawn by matplotlib."""

    @abstractmethod
    def alt_text(self) -> str:
        """One sentence (Chinese) on the picture shown first, for readers who cannot see it."""

    def root_attributes(self) -> dict[str, str]:
        """Extra ``data-*`` attributes of the static face's root (none by default)."""
        return {}

    def esm(self) -> str:
        """The front end's module as the browser runs it (shared helpers included)."""
        return esm_source(self.module)

    def widget(self) -> Any:
        """The live anywidget widget (built on first use, then the same one)."""
        if self._widget is None:
            for name, type_name in self.traits.items():
                if type_name not in TRAIT_TYPES:
                    raise RuntimeError(f"{type(self).__name__}.traits[{name!r}] must be one of {list(TRAIT_TYPES)}")
            cls = widget_class(self.kind, self.module, tuple(self.traits.items()))
            self._widget = cls(**self.state())
        return self._widget

    def still_png(self) -> bytes:
        """The still picture (静态画面) as PNG bytes."""
        return png_bytes(self.still_figure())

    def static_html(self, still: bytes | None = None) -> str:
        """The static face: the module inline, its state as JSON, a small still for readers without JavaScript."""
        state = json.dumps(self.state(), ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")
        light = small_png(self.still_png() if still is None else still)
        eid = "nnx-" + hashlib.sha1(f"{self.kind}\n{state}".encode()).hexdigest()[:10]
        source = compact(self.esm().rstrip()[: -len(EXPORT)])
        extra = "".join(f' {html.escape(k)}="{html.escape(v)}"' for k, v in self.root_attributes().items())
        alt = html.escape(self.alt_text())
        return (
            f'<div class="nnmath-explorer" data-kind="{html.escape(self.kind)}" id="{eid}"{extra}>\n'
            f'<script type="application/json">{state}</script>\n'
            f'<noscript><img src="data:image/png;base64,{base64.b64encode(light).decode()}" alt="{alt}"'
            ' style="max-width:100%;height:auto"></noscript>\n'
            '<div class="nnx-mount"></div>\n'
            f'<script type="module">\n{source}api.mountStatic(document.getElementById("{eid}"));\n</script>\n'
            "</div>"
        )

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> tuple[dict[str, Any], dict[str, Any]]:
        view = self.widget()._repr_mimebundle_()  # anywidget gives (data, metadata)
        data, metadata = view if isinstance(view, tuple) else (view, {})
        bundle = dict(data)
        still = self.still_png()
        bundle["text/html"] = self.static_html(still)
        bundle["image/png"] = base64.b64encode(still).decode()
        bundle["text/plain"] = repr(self)
        return bundle, dict(metadata)
