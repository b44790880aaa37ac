"""The built HTML book in Chromium, with every request to another host blocked and recorded.

For every page: nothing was requested from another host, every formula is
typeset by the local MathJax, every image loaded, every kernel-free player
changes its picture when its slider moves, and the console shows no error.
Screenshots land in ``_build/screenshots`` for a human to look at.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse

import pytest
import yaml
from conftest import ROOT


def toc_pages() -> list[str]:
    """Every page of the table of contents, as paths of the built HTML."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    files = [toc["root"]]
    stack = list(toc.get("chapters", [])) + [c for part in toc.get("parts", []) for c in part.get("chapters", [])]
    while stack:
        entry = stack.pop(0)
        files.append(entry["file"])
        stack.extend(entry.get("sections", []))
    return [f"{f}.html" for f in files]


PAGES = [*toc_pages(), "search.html", "genindex.html"]
CHAPTERS = [p for p in PAGES if p.startswith("notebooks/")]
SHOTS = ROOT / "_build" / "screenshots"


def open_page(browser, book_url: str, page_path: str):
    """Open ``page_path`` with other hosts blocked; return the page, the blocked URLs and the console errors."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    blocked: list[str] = []
    errors: list[str] = []
    local = urlparse(book_url).netloc

    def route(r):
        if urlparse(r.request.url).netloc in (local, "") or r.request.url.startswith("data:"):
            r.continue_()
        else:
            blocked.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(f"{book_url}/{page_path}", wait_until="load")
    page.wait_for_function(
        "() => !document.querySelector('.math') || document.querySelectorAll('mjx-container').length > 0",
        timeout=20000,
    )
    return page, blocked, errors


def test_the_book_has_the_chapters(built_book: Path) -> None:
    for chapter in CHAPTERS:
        assert (built_book / chapter).exists(), chapter
    assert (built_book / "book" / "intro.html").exists()


@pytest.mark.parametrize("page_path", PAGES)
def test_page_works_offline(browser, book_url: str, page_path: str) -> None:
    page, blocked, errors = open_page(browser, book_url, page_path)
    try:
        untypeset = page.evaluate(
            "() => [...document.querySelectorAll('.math')]"
            ".filter(m => !m.querySelector('mjx-container')).map(m => m.textContent.slice(0, 60))"
        )
        assert untypeset == [], f"formulas left as raw TeX: {untypeset[:5]}"
        raw_dollars = page.evaluate(
            "() => [...document.querySelectorAll('article p, article li')]"
            ".map(e => e.innerText).filter(t => /\\$[^$]+\\$/.test(t)).slice(0, 5)"
        )
        assert raw_dollars == [], f"text with raw $...$: {raw_dollars}"
        broken = page.evaluate(
            "() => [...document.images].filter(i => !(i.complete && i.naturalWidth > 0)).map(i => i.src.slice(0, 80))"
        )
        assert broken == [], f"images that did not load: {broken}"
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / (page_path.replace("/", "__") + ".png")), full_page=True)
        assert blocked == [], f"requests to other hosts: {blocked}"
        assert errors == [], f"console errors: {errors}"
    finally:
        page.context.close()


@pytest.mark.parametrize("page_path", CHAPTERS)
def test_chapter_has_typeset_formulas_and_figures(browser, book_url: str, page_path: str) -> None:
    page, _, _ = open_page(browser, book_url, page_path)
    try:
        assert page.locator("mjx-container").count() >= 10
        assert page.locator("article img").count() >= 2
        assert page.locator(".nnmath-player").count() >= 1, "no kernel-free player on a chapter page"
    finally:
        page.context.close()


@pytest.mark.parametrize("page_path", CHAPTERS)
def test_kernel_free_players_change_their_picture(browser, book_url: str, page_path: str) -> None:
    page, _, errors = open_page(browser, book_url, page_path)
    try:
        players = page.locator(".nnmath-player")
        for k in range(players.count()):
            player = players.nth(k)
            slider = player.locator("input[type=range]")
            visible = player.locator("img:not([hidden])")
            before_src = visible.get_attribute("src")
            before_label = player.locator("output").inner_text()
            assert visible.count() == 1
            slider.focus()
            page.keyboard.press(
                "ArrowRight" if slider.get_attribute("value") != slider.get_attribute("max") else "ArrowLeft"
            )
            visible = player.locator("img:not([hidden])")
            assert visible.count() == 1, "exactly one frame must be visible"
            assert visible.get_attribute("src") != before_src, "the picture did not change"
            assert player.locator("output").inner_text() != before_label, "the readout did not change"
            assert visible.evaluate("img => img.naturalWidth") > 0
        assert errors == []
    finally:
        page.context.close()


#: Key terms and a page the built-in (jieba-segmented) search must return for each.
SEARCH_TERMS = {
    "学习率": "notebooks/01_linear_transform.html",
    "梯度下降": "notebooks/01_linear_transform.html",
    "偏置": "notebooks/01_linear_transform.html",
    "权重矩阵": "notebooks/01_linear_transform.html",
    "线性变换": "notebooks/01_linear_transform.html",
    "激活函数": "notebooks/01_linear_transform.html",
    "反向传播": "book/glossary.html",
    "鞍点": "book/glossary.html",
    "线性可分": "book/glossary.html",
}


@pytest.mark.parametrize(("term", "page_path"), SEARCH_TERMS.items())
def test_search_finds_key_terms(browser, book_url: str, term: str, page_path: str) -> None:
    page, blocked, errors = open_page(browser, book_url, f"search.html?q={term}")
    try:
        page.wait_for_selector("#search-results .search-summary", timeout=20000)
        hits = page.eval_on_selector_all("#search-results ul.search li a", "links => links.map(a => a.href)")
        assert any(page_path in hit for hit in hits), f"searching {term} found {hits}"
        assert blocked == [] and errors == []
    finally:
        page.context.close()


@pytest.mark.parametrize("page_path", PAGES)
def test_no_serious_accessibility_violations(browser, book_url: str, page_path: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    page, _, _ = open_page(browser, book_url, page_path)
    try:
        violations = Axe().run(page).response["violations"]
        serious = [
            f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
            for v in violations
            if v["impact"] in ("serious", "critical")
        ]
        assert serious == [], "\n".join(serious)
    finally:
        page.context.close()
