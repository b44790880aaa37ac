"""The descent explorer's static face in Chromium: a page made of its text/html outputs, no kernel, no book build.

The page holds a surface explorer (the elongated bowl of chapter 4, with its 3-D view), a curve
explorer (the parabola) and the several-minima surface with three starts
(chapter 5). On a phone (390 px) and a laptop (1366 px): moving η step by step
redraws the path every time, a typed divergent η says 发散 in the readout,
dragging (or clicking, or the arrow keys) moves the start, a click adds a
start in the several-starts mode (Enter, from the keyboard), nothing is fetched from another host and
the console stays free of errors.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from bookpages import DESKTOP, PHONE, open_page, serve

from nnmath import landscapes
from nnmath.views import curve_explorer, eta_explorer

STARTS = [(1.8, 1.6), (0.2, -0.15), (-0.3, 1.9)]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder: Path = tmp_path_factory.mktemp("explorers")
    explorers = [
        eta_explorer(
            landscapes.bowl(1.0, 10.0),
            etas=(0.02, 0.06, 0.12, 0.17, 0.19, 0.21, 0.23),
            steps=40,
            initial=3,
            views=("contour", "surface"),
        ),
        curve_explorer(landscapes.parabola(2.0), etas=(0.05, 0.2, 0.5, 0.8, 0.95, 1.05, 1.15), start=2.5, initial=2),
        eta_explorer(landscapes.multi_minima(), etas=(0.03, 0.12, 0.2), start=STARTS[0], starts=STARTS, steps=80),
    ]
    body = "\n".join(f"<section>{e.static_html()}</section>" for e in explorers)
    page = f'<!doctype html><html lang="zh"><meta charset="utf-8"><title>探索器</title>\n<body>{body}</body></html>'
    (folder / "index.html").write_text(page, encoding="utf-8")
    with serve(folder) as url:
        yield url


def picture(explorer) -> str:
    """The map and the loss panel's pixels (as data URLs), the frame count and the readout."""
    return explorer.evaluate(
        "root => [...root.querySelectorAll('canvas')].map(c => c.toDataURL()).join('|')"
        " + root.dataset.frame + root.querySelector('.nnx-readout').textContent"
    )


def start_of(explorer) -> tuple[float, ...]:
    text = explorer.locator(".nnx-readout").text_content()
    inner = re.search(r"起点 \(([^)]*)\)", text).group(1)
    return tuple(float(v.replace("−", "-")) for v in inner.split(", "))


def wait_frame(page, explorer, before: str) -> None:
    page.wait_for_function("([root, old]) => root.dataset.frame !== old", arg=[explorer.element_handle(), before])


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "laptop"])
def test_the_static_explorers_answer_eta_the_start_and_show_divergence(browser, site: str, viewport: dict) -> None:
    opened = open_page(browser, site, "index.html", viewport)
    page = opened.page
    try:
        roots = page.locator(".nnx")
        assert roots.count() == 3
        for k in range(3):
            root = roots.nth(k)
            root.scroll_into_view_if_needed()
            # every control is labelled; the map is reachable with the keyboard
            assert root.locator("input[type=range][aria-label^='学习率 η']").count() == 1
            assert root.locator("input[type=range][aria-label='步数']").count() == 1
            assert root.locator("canvas.nnx-map[tabindex='0'][aria-label]").count() == 1
            box = root.locator("canvas.nnx-map").bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= viewport["width"]
            # η moves continuously: every key press is a new picture
            slider = root.locator("input[type=range]").first
            slider.focus()
            seen = {picture(root)}
            for _ in range(6):
                frame = root.get_attribute("data-frame")
                page.keyboard.press("ArrowLeft")
                wait_frame(page, root, frame)
                seen.add(picture(root))
            assert len(seen) == 7
            # the start moves by keyboard on the map
            first = start_of(root)
            frame = root.get_attribute("data-frame")
            root.locator("canvas.nnx-map").focus()
            page.keyboard.press("ArrowRight")
            wait_frame(page, root, frame)
            assert start_of(root)[0] > first[0]
        assert opened.errors == [] and opened.blocked == []
    finally:
        page.context.close()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "laptop"])
def test_dragging_the_start_and_a_divergent_eta(browser, site: str, viewport: dict) -> None:
    opened = open_page(browser, site, "index.html", viewport)
    page = opened.page
    try:
        bowl = page.locator(".nnx").first
        assert bowl.get_attribute("data-verdict") in ("converged", "moving", "oscillating")
        # drag the start from where it is to the lower left of the map
        canvas = bowl.locator("canvas.nnx-map")
        canvas.scroll_into_view_if_needed()
        box = canvas.bounding_box()
        w1, w2 = start_of(bowl)
        x0 = box["x"] + 46 + (w1 + 3) / 6 * (box["width"] - 56)
        y0 = box["y"] + box["height"] - 34 - (w2 + 3) / 6 * (box["height"] - 44)
        page.mouse.move(x0, y0)
        page.mouse.down()
        for k in range(1, 6):
            page.mouse.move(x0 - 0.1 * k * (x0 - box["x"] - 60), y0 + 0.1 * k * (box["y"] + box["height"] - 50 - y0))
        page.mouse.up()
        page.wait_for_timeout(100)
        moved = start_of(bowl)
        assert moved[0] < w1 - 0.5 and moved[1] < w2 - 0.5
        # a divergent η, typed: the readout says so in red, with the step
        typed = bowl.locator("input[type=number]")
        typed.fill("-1")  # not a learning rate: marked, and the picture stays
        assert typed.get_attribute("aria-invalid") == "true"
        typed.fill("0.5")
        assert typed.get_attribute("aria-invalid") == "false"
        page.wait_for_function("root => root.dataset.verdict === 'diverging'", arg=bowl.element_handle())
        message = bowl.locator(".nnx-readout")
        assert "发散" in message.text_content() and "nnx-bad" in message.get_attribute("class")
        assert re.search(r"第 \d+ 步", message.text_content())
        # the 3-D surface: the same runs drawn on it, η still answers
        frame = bowl.get_attribute("data-frame")
        bowl.locator("input[type=radio][value=surface]").check()
        wait_frame(page, bowl, frame)
        seen = {picture(bowl)}
        bowl.locator("input[type=range]").first.focus()
        for _ in range(3):
            frame = bowl.get_attribute("data-frame")
            page.keyboard.press("ArrowLeft")
            wait_frame(page, bowl, frame)
            seen.add(picture(bowl))
        assert len(seen) == 4
        # several starts: a click on an empty spot adds one
        multi = page.locator(".nnx").nth(2)
        multi.scroll_into_view_if_needed()
        assert multi.get_attribute("data-starts") == "3"
        mbox = multi.locator("canvas.nnx-map").bounding_box()
        multi.locator("canvas.nnx-map").click(position={"x": mbox["width"] * 0.25, "y": mbox["height"] * 0.75})
        page.wait_for_function("root => root.dataset.starts === '4'", arg=multi.element_handle())
        multi.locator("canvas.nnx-map").focus()
        page.keyboard.press("Enter")  # and one more from the keyboard
        page.wait_for_function("root => root.dataset.starts === '5'", arg=multi.element_handle())
        assert opened.errors == [] and opened.blocked == []
    finally:
        page.context.close()
