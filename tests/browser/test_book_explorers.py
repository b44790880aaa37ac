"""Every explorer on the built chapter pages answers, offline, whatever its kind.

Each front end is tested in depth on a page of its own (``test_explorer_static.py``,
``test_xor_explorer.py``, ...); here every ``div.nnmath-explorer`` that a chapter of
the built book shows is checked in place, at phone and laptop width: it mounted (a
picture and a Chinese readout in its ``nnx-readout``), moving its first range input
repaints its canvases (or SVG), it fits the screen, no console error, nothing fetched
from another host. A descent explorer (``data-kind="descent"``) also answers a drag of
its start on the map, and shows the divergence (message and verdict) when η is typed
far past the slider's range.
"""

from __future__ import annotations

import pytest
from bookpages import DESKTOP, PHONE, open_page, toc_pages
from explorer_checks import diverge, drag_the_start, move_first_range

CHAPTERS = [p for p in toc_pages() if p.startswith("notebooks/")]


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "laptop"])
@pytest.mark.parametrize("page_path", CHAPTERS)
def test_every_explorer_on_the_page_answers(browser, book_url: str, page_path: str, viewport: dict) -> None:
    opened = open_page(browser, book_url, page_path, viewport)
    page = opened.page
    try:
        roots = page.locator("div.nnmath-explorer")
        for k in range(roots.count()):
            root = roots.nth(k)
            kind = root.get_attribute("data-kind")
            what = f"explorer {k} ({kind}) on {page_path}"
            root.scroll_into_view_if_needed()
            page.wait_for_function("r => r.querySelector('.nnx-readout')?.textContent", arg=root.element_handle())
            message = root.locator(".nnx-readout").text_content()
            assert any("\u4e00" <= ch <= "\u9fff" for ch in message), f"{what}: {message!r}"
            assert root.locator(".nnx-readout").get_attribute("aria-live") == "polite", what
            for canvas in root.locator("canvas").element_handles():
                box = canvas.bounding_box()
                if box:  # (a hidden view has none)
                    assert box["x"] >= 0 and box["x"] + box["width"] <= viewport["width"] + 1, f"{what}: too wide"
            nnx = root.locator(".nnx").first
            move_first_range(page, nnx, what)
            if kind == "descent":
                drag_the_start(page, nnx, what)
                diverge(page, nnx, what)
        assert opened.errors == [], opened.errors
        assert opened.blocked == [], opened.blocked
    finally:
        page.context.close()
