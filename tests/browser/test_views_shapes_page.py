"""The shape explorer's static face in Chromium, and its mismatch message against nnmath's.

A page made of the explorer's text/html output (no kernel, no book build). At
phone and laptop width: the four sizes are labelled sliders; each step of a
slider redraws the blocks and the readout, which says what
:meth:`ShapeExplorer.lines` says (the worked entry of Y, the counts, or the
error of :func:`nnmath.linear` word for word); x's columns follow n until the
reader breaks them; nothing is fetched from another host and the console stays
free of errors. The module fills nnmath's templates into exactly the words of
:func:`nnmath.shapes.check_shapes` for every combination of sizes offered.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator

import pytest
from bookpages import DESKTOP, PHONE, open_page, serve_page

from nnmath.shapes import check_shapes
from nnmath.views.shape_explorer import MAX_SIZE, shape_explorer


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with serve_page(tmp_path_factory.mktemp("shapes"), "形状", shape_explorer().static_html()) as url:
        yield url


def picture(root) -> str:
    return root.evaluate(
        "root => root.querySelector('canvas').toDataURL() + root.querySelector('.nnx-readout').textContent"
    )


def lines(root) -> list[str]:
    return root.locator(".nnx-readout .nnx-line").all_text_contents()


def step(page, root, label: str, key: str) -> None:
    before = root.get_attribute("data-frame")
    root.locator(f"input[type=range][aria-label='{label}']").focus()
    page.keyboard.press(key)
    page.wait_for_function("([r, old]) => r.dataset.frame !== old", arg=[root.element_handle(), before])


def sizes(root) -> tuple[int, ...]:
    return tuple(
        int(root.locator(f"input[aria-label='{label}']").input_value())
        for label in ("输入个数 n", "神经元个数 m", "批大小 N", "x 实际的列数")
    )


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "laptop"])
def test_the_sizes_redraw_the_blocks_and_say_what_nnmath_says(browser, site: str, viewport: dict) -> None:
    opened = open_page(browser, site, "index.html", viewport)
    page = opened.page
    try:
        root = page.locator('div.nnmath-explorer[data-kind="shapes"] .nnx')
        box = root.locator("canvas").bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= viewport["width"] + 1
        assert root.locator("input[type=range]").count() == 4
        assert lines(root) == shape_explorer().lines()
        seen = {picture(root)}
        for label, key in [("批大小 N", "ArrowRight"), ("神经元个数 m", "ArrowLeft"), ("输入个数 n", "ArrowRight")]:
            step(page, root, label, key)
            seen.add(picture(root))
            n, m, N, given = sizes(root)
            assert given == n and root.get_attribute("data-ok") == "true"  # x's columns follow n
            assert lines(root) == shape_explorer(n, m, N, given).lines()
        assert len(seen) == 4
        # the reader breaks the shapes: nnmath.linear's error, in red
        step(page, root, "x 实际的列数", "ArrowRight")
        n, m, N, given = sizes(root)
        assert given == n + 1 and root.get_attribute("data-ok") == "false"
        assert lines(root) == shape_explorer(n, m, N, given).lines()
        assert "ValueError: x has" in root.locator(".nnx-readout").text_content()
        assert "nnx-bad" in root.locator(".nnx-readout").get_attribute("class")
        # n now moves alone (the columns stay broken) until it meets them
        step(page, root, "输入个数 n", "ArrowRight")
        assert sizes(root)[0] == sizes(root)[3] and root.get_attribute("data-ok") == "true"
        assert opened.errors == [] and opened.blocked == []
    finally:
        page.context.close()


def test_the_front_end_words_every_mismatch_as_nnmath(browser) -> None:
    page = browser.new_page()
    try:
        page.set_content("<!doctype html><title>parity</title>")
        page.evaluate(
            """async (source) => {
                const url = URL.createObjectURL(new Blob([source], {type: "text/javascript"}));
                window.explorer = (await import(url)).default;
            }""",
            shape_explorer().esm(),
        )
        combos = [c for c in itertools.product(range(1, MAX_SIZE + 1), repeat=4) if c[1] != c[3]]
        ours = page.evaluate(
            "([t, all]) => all.map(([N, given, m, n]) => [window.explorer.shapeError(t, N, given, m, n),"
            " window.explorer.shapeExplanation(t, N, given, m, n)])",
            [shape_explorer().state()["data"]["mismatch"], [list(c) for c in combos]],
        )
        assert len(combos) == MAX_SIZE**3 * (MAX_SIZE - 1)
        for (N, given, m, n), (error, explanation) in zip(combos, ours, strict=True):
            check = check_shapes((N, given), (m, n), (m,))
            assert not check.ok
            assert (error, explanation) == (check.error, check.explanation)
    finally:
        page.close()
