"""The descent explorers (v2) on the built chapter pages: each one answers η and its start, offline.

``tests/browser/test_explorer_static.py`` tests the front end in depth on a page
of its own; here every explorer that a chapter of the built book shows is
checked in place, at phone and laptop width: it mounted (a picture and a
Chinese verdict), a step of the η slider redraws it, the arrow keys on the map
move the start, it fits the screen, and nothing is fetched from another host.
"""

from __future__ import annotations

import pytest
from bookpages import DESKTOP, PHONE, open_page, toc_pages

CHAPTERS = [p for p in toc_pages() if p.startswith("notebooks/")]


def picture(root) -> str:
    return root.evaluate(
        "root => [...root.querySelectorAll('canvas')].map(c => c.toDataURL()).join('|')"
        " + root.querySelector('.nnx-readout').textContent"
    )


def next_frame(page, root, key: str) -> None:
    before = root.get_attribute("data-frame")
    page.keyboard.press(key)
    page.wait_for_function("([r, old]) => r.dataset.frame !== old", arg=[root.element_handle(), before])


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "laptop"])
@pytest.mark.parametrize("page_path", CHAPTERS)
def test_every_explorer_on_the_page_answers(browser, book_url: str, page_path: str, viewport: dict) -> None:
    opened = open_page(browser, book_url, page_path, viewport)
    page = opened.page
    try:
        roots = page.locator(".nnx")
        for k in range(roots.count()):
            root = roots.nth(k)
            root.scroll_into_view_if_needed()
            message = root.locator(".nnx-readout").text_content()
            assert message and any("\u4e00" <= ch <= "\u9fff" for ch in message), f"explorer {k}: {message!r}"
            box = root.locator("canvas.nnx-map").bounding_box()
            assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= viewport["width"] + 1
            before = picture(root)
            eta = root.locator("input[type=range]").first
            eta.focus()
            at_max = eta.evaluate("s => Number(s.value) >= Number(s.max)")
            next_frame(page, root, "ArrowLeft" if at_max else "ArrowRight")
            after_eta = picture(root)
            assert after_eta != before, f"explorer {k} on {page_path}: η moved, the picture did not"
            root.locator("canvas.nnx-map").focus()
            next_frame(page, root, "ArrowRight")
            assert picture(root) != after_eta, f"explorer {k} on {page_path}: the start moved, the picture did not"
        assert opened.errors == [], opened.errors
        assert opened.blocked == [], opened.blocked
    finally:
        page.context.close()
