"""Checks every explorer must pass wherever it is shown (the book's pages, JupyterLab): shared by the tests.

An explorer's root is the ``.nnx`` element its front end renders; a descent explorer's root carries
``data-verdict`` and ``data-landscape`` (the kind of its loss) and has a ``canvas.nnx-map``.
"""

from __future__ import annotations

import re
from typing import Any

#: What an explorer shows: its canvases' pixels and its SVG, as one string (JavaScript).
PICTURE = (
    "(root) => [...root.querySelectorAll('canvas')].map(c => c.toDataURL()).join('|')"
    " + [...root.querySelectorAll('svg')].map(s => s.outerHTML).join('|')"
)

#: A descent explorer's readout: "η = …，起点 (w₁, w₂)：<the verdict sentence>".
START = re.compile(r"起点 \(([^)]*)\)：(.*)")


def picture(root: Any) -> str:
    return str(root.evaluate(PICTURE))


def wait_changed(page: Any, root: Any, before: str, what: str) -> None:
    """Wait (5 s at most) until the explorer's picture differs from ``before``."""
    try:
        page.wait_for_function(
            f"([r, old]) => ({PICTURE})(r) !== old", arg=[root.element_handle(), before], timeout=5000
        )
    except Exception as exc:  # Playwright's TimeoutError: say which explorer and what was done
        raise AssertionError(f"{what}: the picture did not change") from exc


def move_first_range(page: Any, root: Any, what: str) -> None:
    """Move the explorer's first range input one step (back from its end) and wait for a new picture."""
    before = picture(root)
    slider = root.locator("input[type=range]").first
    slider.scroll_into_view_if_needed()
    slider.focus()
    at_max = slider.evaluate("s => Number(s.value) >= Number(s.max)")
    page.keyboard.press("ArrowLeft" if at_max else "ArrowRight")
    wait_changed(page, root, before, f"{what}: its first range input moved")


def drag_the_start(page: Any, root: Any, what: str) -> None:
    """Drag on the contour map (or curve): the start follows, the readout names it, the picture changes."""
    if root.locator("input[type=radio][value=surface]:checked").count():
        return  # the 3-D view is shown first: the start is dragged on the contour map only
    canvas = root.locator("canvas.nnx-map")
    readout = root.locator(".nnx-readout")
    canvas.scroll_into_view_if_needed()
    box = canvas.bounding_box()
    before, text = picture(root), readout.text_content()
    page.mouse.move(box["x"] + 0.35 * box["width"], box["y"] + 0.35 * box["height"])
    page.mouse.down()
    page.mouse.move(box["x"] + 0.6 * box["width"], box["y"] + 0.55 * box["height"], steps=5)
    page.mouse.up()
    wait_changed(page, root, before, f"{what}: its start was dragged")
    assert START.search(readout.text_content())[1] != START.search(text)[1], f"{what}: the readout's start stayed"


def diverge(page: Any, root: Any, what: str) -> None:
    """Type η = 10⁶: the readout says 发散 in red and the verdict is diverging (a loss that can blow up)."""
    if root.get_attribute("data-landscape") == "sigmoid_target":
        return  # (σ(w) - y)² has a bounded gradient: no η makes it blow up
    number = root.locator("input.nnx-num")
    number.scroll_into_view_if_needed()
    number.fill("1000000")
    page.wait_for_function("r => r.dataset.verdict === 'diverging'", arg=root.element_handle(), timeout=5000)
    readout = root.locator(".nnx-readout")
    assert START.search(readout.text_content())[2].startswith("发散"), f"{what}: {readout.text_content()}"
    assert "nnx-bad" in (readout.get_attribute("class") or "")
