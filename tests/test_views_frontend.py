"""The one mechanism of every explorer (nnmath.views._frontend): module text, the three faces, the checks."""

from __future__ import annotations

import base64
import re
from importlib import resources
from typing import ClassVar

import pytest
from matplotlib.figure import Figure

from nnmath.views import _frontend

WIDGET = "application/vnd.jupyter.widget-view+json"
JS = resources.files("nnmath.views").joinpath("js")


def modules() -> list[str]:
    return sorted(p.name for p in JS.iterdir() if p.name.endswith(".js") and p.name != _frontend.COMMON)


def top_level_names(source: str) -> set[str]:
    """Names declared at the top level of a module (function, const, let, class at the start of a line)."""
    return set(re.findall(r"^(?:async\s+)?(?:function\*?|const|let|var|class)\s+([A-Za-z_$][\w$]*)", source, re.M))


def test_the_shared_part_defines_the_helpers_and_exports_nothing() -> None:
    common = JS.joinpath(_frontend.COMMON).read_text(encoding="utf-8")
    names = top_level_names(common)
    assert {"fmt", "niceTicks", "setupCanvas", "staticModel", "mountStatic", "onDrag", "valueAxis"} <= names
    # the helpers that two or more modules used to define or copy: each lives here once
    shared_once = set(
        "fixed symmetricEigen lineDegrees setText setAttr onWidthChange countFrames choiceGroup panelsElement"
        " planeFrame chartFrame barFrame layoutWidth clipTo".split()
    )
    assert shared_once <= names
    assert not re.search(r"^\s*(export|import)\b", common, re.M)


@pytest.mark.parametrize("module", modules())
def test_no_module_defines_a_shared_helper_again(module: str) -> None:
    common = top_level_names(JS.joinpath(_frontend.COMMON).read_text(encoding="utf-8"))
    source = JS.joinpath(module).read_text(encoding="utf-8")
    assert not (top_level_names(source) & common), f"{module} redefines {top_level_names(source) & common}"
    assert not re.search(r"^\s*import\b", source, re.M)  # no static import: there is no bundler


@pytest.mark.parametrize("module", modules())
def test_every_module_runs_with_the_shared_part_in_front(module: str) -> None:
    source = _frontend.esm_source(module)
    assert source.startswith(JS.joinpath(_frontend.COMMON).read_text(encoding="utf-8"))
    assert source.rstrip().endswith(_frontend.EXPORT)
    assert "mountStatic: (root) => mountStatic(render, root)" in source


@pytest.mark.parametrize("name", ["_common.js", "nope.js", "../descent.py", "descent_explorer", 3])
def test_a_module_must_be_a_front_end_file(name: object) -> None:
    with pytest.raises(ValueError, match="module must be"):
        _frontend.esm_source(name)  # type: ignore[arg-type]


class Dot(_frontend.FrontEnd):
    """A minimal front end (its module: the descent explorer's, which is enough to build the faces)."""

    kind = "dot"
    module = "descent_explorer.js"
    traits: ClassVar[dict[str, str]] = {"data": "dict", "x": "float", "n": "int", "label": "str"}

    def __init__(self, x: float) -> None:
        self.x = x

    def state(self) -> dict:
        return {"data": {"title": "<b>"}, "x": self.x, "n": 3, "label": "点"}

    def still_figure(self) -> Figure:
        fig = Figure(figsize=(2, 1))
        fig.subplots().plot([0, 1], [0, self.x])
        return fig

    def alt_text(self) -> str:
        return f'一个 "点" x = {self.x}'


def test_a_front_end_gets_the_live_the_static_and_the_still_face() -> None:
    dot = Dot(0.5)
    bundle, _ = dot._repr_mimebundle_()
    assert {WIDGET, "text/html", "image/png", "text/plain"} <= set(bundle)
    widget = dot.widget()
    assert type(widget).__name__ == "DotWidget" and widget is dot.widget()
    assert (widget.x, widget.n, widget.label, widget.data) == (0.5, 3, "点", {"title": "<b>"})
    assert bundle[WIDGET]["model_id"] == widget.model_id
    assert base64.b64decode(bundle["image/png"]).startswith(b"\x89PNG")
    page = bundle["text/html"]
    assert re.match(r'<div class="nnmath-explorer" data-kind="dot" id="nnx-[0-9a-f]{10}">', page)
    assert "<b>" not in page.split('<script type="module">')[0]  # the JSON cannot close the script
    assert "&quot;点&quot;" in page  # the alt text is escaped
    assert page == Dot(0.5).static_html() and page != Dot(0.25).static_html()


def test_a_trait_of_an_unknown_type_is_refused() -> None:
    class Bad(Dot):
        kind = "bad"
        traits: ClassVar[dict[str, str]] = {"x": "complex"}

    with pytest.raises(RuntimeError, match="traits"):
        Bad(1.0).widget()


def test_the_static_page_carries_the_module_without_its_comments() -> None:
    source = _frontend.esm_source("descent_explorer.js")
    light = _frontend.compact(source)
    assert len(light) < 0.8 * len(source)
    assert not any(line.startswith("//") or not line or line != line.strip() for line in light.splitlines())
    code = [line.strip() for line in source.splitlines() if line.strip() and not line.strip().startswith("//")]
    assert light.splitlines() == code  # every line of code, in order, unchanged
    assert light.removesuffix(_frontend.EXPORT + "\n") in Dot(0.5).static_html()
