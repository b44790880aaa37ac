"""The built HTML book in Chromium, with every request to another host blocked and recorded.

For every page: nothing was requested from another host, every formula is
typeset by the local MathJax, every image loaded, every kernel-free player
changes its picture when its slider moves, and the console shows no error.
Screenshots land in ``_build/screenshots`` for a human to look at.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from bookpages import ROOT, open_page, toc_pages

PAGES = toc_pages()
CHAPTERS = [p for p in PAGES if p.startswith("notebooks/")]
SHOTS = ROOT / "_build" / "screenshots"


def test_the_book_has_the_chapters(built_book: Path) -> None:
    for chapter in CHAPTERS:
        assert (built_book / chapter).exists(), chapter
    assert (built_book / "book" / "intro.html").exists()


@pytest.mark.parametrize("page_path", PAGES)
def test_page_works_offline(browser, book_url: str, page_path: str) -> None:
    opened = open_page(browser, book_url, page_path)
    page, blocked, errors = opened.page, opened.blocked, opened.errors
    try:
        untypeset = page.evaluate(
            "() => [...document.querySelectorAll('.math')]"
            ".filter(m => !m.querySelector('mjx-container')).map(m => m.textContent.slice(0, 60))"
        )
        assert untypeset == [], f"formulas left as raw TeX: {untypeset[:5]}"
        raw_dollars = page.evaluate(
            "() => [...document.querySelectorAll('article p, article li')].map(e => {"
            " const c = e.cloneNode(true); c.querySelectorAll('code, pre').forEach(x => x.remove());"
            " return c.innerText; }).filter(t => /\\$[^$]+\\$|\\*\\*/.test(t)).slice(0, 5)"
        )
        assert raw_dollars == [], f"text with raw $...$ or **: {raw_dollars}"
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
    page = open_page(browser, book_url, page_path).page
    try:
        assert page.locator("mjx-container").count() >= 10
        assert page.locator("article img").count() >= 2
        assert page.locator(".nnmath-player").count() >= 1, "no kernel-free player on a chapter page"
    finally:
        page.context.close()


@pytest.mark.parametrize("page_path", CHAPTERS)
def test_kernel_free_players_change_their_picture(browser, book_url: str, page_path: str) -> None:
    opened = open_page(browser, book_url, page_path)
    page, errors = opened.page, opened.errors
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
    "学习率": "notebooks/04_gradient_descent.html",
    "梯度下降": "notebooks/04_gradient_descent.html",
    "偏导数": "notebooks/04_gradient_descent.html",
    "激活函数": "notebooks/02_activations.html",
    "异或": "notebooks/02_activations.html",
    "偏置": "notebooks/01_linear_transform.html",
    "线性变换": "notebooks/01_linear_transform.html",
    "权重矩阵": "notebooks/03_neurons_and_shapes.html",
    "神经元": "notebooks/03_neurons_and_shapes.html",
    "反向传播": "notebooks/06_xor_from_scratch.html",
    "鞍点": "notebooks/05_stationary_points.html",
    "黑塞矩阵": "notebooks/05_stationary_points.html",
    "线性可分": "notebooks/00_linear_vs_nonlinear.html",
    "超平面": "notebooks/00_linear_vs_nonlinear.html",
}


@pytest.mark.parametrize(("term", "page_path"), SEARCH_TERMS.items())
def test_search_finds_key_terms(browser, book_url: str, term: str, page_path: str) -> None:
    opened = open_page(browser, book_url, f"search.html?q={term}")
    page, blocked, errors = opened.page, opened.blocked, opened.errors
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

    page = open_page(browser, book_url, page_path).page
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


@pytest.mark.parametrize("page_path", CHAPTERS)
def test_chapter_links_launch_and_download_its_notebook(browser, book_url: str, page_path: str) -> None:
    notebook = page_path.removesuffix(".html") + ".ipynb"
    page = open_page(browser, book_url, page_path).page
    try:
        links = page.eval_on_selector_all("a[href]", "links => links.map(a => a.getAttribute('href'))")
        assert any("mybinder.org" in h and f"urlpath=lab/tree/{notebook}" in h for h in links), links
        assert any("colab.research.google.com" in h and h.endswith(notebook) for h in links), links
        download = [h for h in links if h.endswith(f"_sources/{notebook}")]
        assert download, "no download link for the chapter's notebook"
        response = page.request.get(f"{book_url}/{page_path.rsplit('/', 1)[0]}/{download[0]}")
        assert response.ok and b'"cells"' in response.body()
    finally:
        page.context.close()


@pytest.mark.parametrize("page_path", CHAPTERS)
def test_kernel_free_radio_choices_change_their_picture(browser, book_url: str, page_path: str) -> None:
    opened = open_page(browser, book_url, page_path)
    page = opened.page
    try:
        players = page.locator(".nnmath-player:has([role=radiogroup])")
        for k in range(players.count()):
            player = players.nth(k)
            radios = player.locator("input[type=radio]")
            assert radios.count() >= 2
            for r in range(radios.count()):
                if radios.nth(r).is_checked():
                    continue
                before = player.locator("img:not([hidden])").get_attribute("src")
                radios.nth(r).check()
                visible = player.locator("img:not([hidden])")
                assert visible.count() == 1
                assert visible.get_attribute("src") != before, "choosing another option did not change the picture"
        assert opened.errors == []
    finally:
        page.context.close()


@pytest.mark.parametrize("page_path", PAGES)
def test_every_image_has_alt_text(browser, book_url: str, page_path: str) -> None:
    page = open_page(browser, book_url, page_path).page
    try:
        missing = page.eval_on_selector_all(
            "article img",
            "imgs => imgs.filter(i => !(i.getAttribute('alt') || '').trim()).map(i => i.src.slice(0, 60))",
        )
        assert missing == [], f"{len(missing)} images without alt text"
    finally:
        page.context.close()
