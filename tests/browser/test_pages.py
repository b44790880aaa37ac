"""The built HTML book in Chromium, with every request to another host blocked and recorded.

For every page: nothing was requested from another host, every formula is
typeset when the page arrives (KaTeX at build time, also with JavaScript
off), every image loaded, every kernel-free player changes its picture when
its slider moves, and the console shows no error. On a phone (390×844) and a
laptop (1366×768): no page scrolls sideways, wide content scrolls in its own
box, the ☰ and table-of-contents buttons open their panels, one search box,
the interface in Chinese, no stray spaces in Chinese text. Screenshots land in
``_build/screenshots`` for a human to look at.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bookpages import BUILD, DESKTOP, PHONE, ROOT, open_page, toc_pages

PAGES = toc_pages()
CHAPTERS = [p for p in PAGES if p.startswith("notebooks/")]
SHOTS = (BUILD or ROOT) / "_build" / "screenshots"
SCREENS = {"phone": PHONE, "desktop": DESKTOP}


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
            ".filter(m => !m.querySelector('.katex .katex-html') || m.querySelector('.katex-error'))"
            ".map(m => m.textContent.slice(0, 60))"
        )
        assert untypeset == [], f"formulas left as raw TeX: {untypeset[:5]}"
        raw_dollars = page.evaluate(
            "() => [...document.querySelectorAll('article p, article li')].map(e => {"
            " const c = e.cloneNode(true); c.querySelectorAll('code, pre').forEach(x => x.remove());"
            " return c.innerText; }).filter(t => /\\$[^$]+\\$|\\*\\*/.test(t)).slice(0, 5)"
        )
        assert raw_dollars == [], f"text with raw $...$ or **: {raw_dollars}"
        load_all_images(page)
        broken = page.evaluate(
            "() => [...document.images].filter(i => !(i.complete && i.naturalWidth > 0)).map(i => i.src.slice(0, 80))"
        )
        assert broken == [], f"images that did not load: {broken}"
        SHOTS.mkdir(parents=True, exist_ok=True)
        tall = page.evaluate("() => document.documentElement.scrollHeight") > 20000  # the API page
        page.screenshot(path=str(SHOTS / (page_path.replace("/", "__") + ".png")), full_page=not tall)
        assert blocked == [], f"requests to other hosts: {blocked}"
        assert errors == [], f"console errors: {errors}"
    finally:
        page.context.close()


@pytest.mark.parametrize("page_path", CHAPTERS)
def test_chapter_has_typeset_formulas_and_figures(browser, book_url: str, page_path: str) -> None:
    page = open_page(browser, book_url, page_path).page
    try:
        assert page.locator(".math .katex").count() >= 10
        assert page.locator("article img, article .nnmath-explorer canvas").count() >= 2, "a chapter shows pictures"
        explorers = page.locator(".nnmath-player, .nnmath-explorer").count()
        assert explorers >= 1, "no kernel-free player or explorer on a chapter page"
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
        thebe = page.locator("script[src*=thebe], link[href*=thebe], [class*=thebe], script[type*=thebe]")
        assert thebe.count() == 0, "Live Code (thebe, from another host) is offered"
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


#: Marks of a formula not typeset: TeX delimiters or commands in the visible text.
RAW_TEX = re.compile(r"\\\(|\\\)|\\\[|\\\]|\$\$|\\(?:frac|dfrac|partial|mathbf|begin|left|right|sum|eta)\b")


@pytest.mark.parametrize("page_path", PAGES)
def test_formulas_are_typeset_with_javascript_off(browser, book_url: str, page_path: str) -> None:
    opened = open_page(browser, book_url, page_path, PHONE, javascript=False)
    page = opened.page
    try:
        formulas = page.locator(".math").count()
        assert page.locator(".math .katex .katex-html").count() == formulas, "a formula without KaTeX's HTML"
        assert page.locator(".katex-error").count() == 0
        prose = page.evaluate(
            "() => { const a = document.querySelector('article'); if (!a) return '';"
            " const c = a.cloneNode(true); c.querySelectorAll('.katex-mathml, pre, code').forEach(x => x.remove());"
            " return c.textContent; }"
        )
        assert RAW_TEX.findall(prose) == [], "raw TeX in the text"
        if formulas:
            loaded = "() => [...document.fonts].some(f => f.family === 'KaTeX_Main' && f.status === 'loaded')"
            for _ in range(100):
                if page.evaluate(loaded):
                    break
                page.wait_for_timeout(100)
            assert page.evaluate(loaded), "KaTeX's font did not load"
        assert opened.blocked == []
    finally:
        page.context.close()


#: Text of the page's prose blocks with code, formulas and raw HTML replaced by a
#: placeholder (so that they break the text), as written in the HTML (newlines kept);
#: not the explorers' text (a readout's lines are meant: it is set with white-space: pre-line).
PROSE_TEXT = """() => [...document.querySelectorAll(
    'article p, article li, article dd, article dt, article td, article th, article h1, article h2,'
    + ' article h3, article h4, article figcaption, article .admonition-title')]
  .filter(block => !block.closest('.nnmath-explorer')).map(block => {
  const copy = block.cloneNode(true);
  copy.querySelectorAll('code, pre, .math, .katex, script, style').forEach(x => x.replaceWith('\\u2402'));
  return copy.textContent;
})"""

#: A line break (or a space) between two CJK characters, as the source's wrapped lines leave them.
CJK = "\u2e80-\u2fdf\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
STRAY_BREAK = re.compile(f"[{CJK}][ \\t]*\\n[ \\t]*[{CJK}]")


@pytest.mark.parametrize("page_path", PAGES)
def test_no_stray_spaces_in_chinese(browser, book_url: str, page_path: str) -> None:
    page = open_page(browser, book_url, page_path).page
    try:
        stray = [m.group() for text in page.evaluate(PROSE_TEXT) for m in STRAY_BREAK.finditer(text)]
        assert stray == [], f"{len(stray)} line breaks between Chinese characters (shown as spaces): {stray[:5]}"
    finally:
        page.context.close()


#: Visible elements of the article that stick out of the page's text column and are not
#: inside a box that scrolls sideways (a screen reader's MathML copy is invisible).
STICKING_OUT = """() => {
  const article = document.querySelector('article') || document.body;
  const right = Math.min(article.getBoundingClientRect().right, document.documentElement.clientWidth) + 1;
  const scrolls = e => ['auto', 'scroll'].includes(getComputedStyle(e).overflowX);
  const inScrollBox = e => { for (let a = e.parentElement; a && a !== article; a = a.parentElement) {
      if (scrolls(a)) return true; } return false; };
  return [...article.querySelectorAll('*')].filter(e => {
    if (e.closest('.katex-mathml, .visually-hidden, .sr-only, svg *')) return false;
    const r = e.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && r.right > right && !inScrollBox(e);
  }).slice(0, 5).map(e => `${e.tagName}.${String(e.className).slice(0, 40)} ${e.getBoundingClientRect().right}`);
}"""


@pytest.mark.parametrize("screen", SCREENS)
@pytest.mark.parametrize("page_path", PAGES)
def test_page_fits_the_screen(browser, book_url: str, page_path: str, screen: str) -> None:
    opened = open_page(browser, book_url, page_path, SCREENS[screen])
    page = opened.page
    try:
        widths = page.evaluate("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        assert widths[0] <= widths[1], f"the page scrolls sideways: {widths[0]} px wide on a {widths[1]} px screen"
        assert page.evaluate(STICKING_OUT) == [], "content cut off at the right edge"
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"{screen}__{page_path.replace('/', '__')}.png"))
        assert opened.blocked == [] and opened.errors == []
    finally:
        page.context.close()


@pytest.mark.parametrize("page_path", CHAPTERS)
def test_figures_are_sharp_on_2x_screens(browser, book_url: str, page_path: str) -> None:
    page = open_page(browser, book_url, page_path, DESKTOP).page
    try:
        load_all_images(page)
        figures = page.eval_on_selector_all(
            "article img[src*='_images/']",
            "imgs => imgs.map(i => [i.naturalWidth, i.getBoundingClientRect().width, i.alt.slice(0, 30)])",
        )
        assert figures, "no figure on a chapter page"
        blurred = [alt for natural, shown, alt in figures if natural < 1.9 * shown]
        assert blurred == [], f"figures with fewer than 2 pixels per CSS pixel: {blurred}"
    finally:
        page.context.close()


def load_all_images(page) -> None:
    """Load the lazily loaded pictures too (as a reader scrolling down would), and wait for every one."""
    page.evaluate(
        """() => Promise.all([...document.images].map(i => {
             i.loading = 'eager';
             return i.complete ? null : new Promise(done => { i.onload = i.onerror = done; });
           }))"""
    )


def visible_count(page, selector: str) -> int:
    """How many elements matching ``selector`` are visible."""
    return sum(1 for k in range(page.locator(selector).count()) if page.locator(selector).nth(k).is_visible())


def panel_shown(page, selector: str) -> bool:
    """Whether the sidebar ``selector`` is on screen."""
    return page.evaluate(
        """s => { const e = document.querySelector(s); if (!e) return false; const r = e.getBoundingClientRect();
        const st = getComputedStyle(e);
        return r.width > 0 && r.right > 0 && r.left < innerWidth && st.visibility !== 'hidden'; }""",
        selector,
    )


#: The ☰ button and its chapter list; the table-of-contents button and the page's contents.
PANELS = ((".primary-toggle", ".bd-sidebar-primary"), (".secondary-toggle", ".bd-sidebar-secondary"))


@pytest.mark.parametrize("screen", SCREENS)
def test_menu_and_contents_buttons_open_their_panels(browser, book_url: str, screen: str) -> None:
    page = open_page(browser, book_url, "notebooks/04_gradient_descent.html", SCREENS[screen]).page
    try:
        for button, panel in (
            (".primary-toggle", ".bd-sidebar-primary"),
            (".secondary-toggle", ".bd-sidebar-secondary"),
        ):
            toggles = page.locator(button)
            if screen == "phone" or panel == ".bd-sidebar-primary":
                assert visible_count(page, button) == 1, f"{button}: one visible button"
            if not visible_count(page, button):
                assert panel_shown(page, panel), f"{panel} neither shown nor behind a button"
                continue
            before = panel_shown(page, panel)
            next(toggles.nth(k) for k in range(toggles.count()) if toggles.nth(k).is_visible()).click()
            page.wait_for_timeout(500)
            assert panel_shown(page, panel) != before, f"{button} did not open or close {panel}"
            if screen == "phone":
                assert panel_shown(page, panel)
                page.keyboard.press("Escape")
                page.wait_for_timeout(300)
    finally:
        page.context.close()


SEARCH_ENTRIES = "input[type=search], .search-button, .search-button-field"


@pytest.mark.parametrize("screen", SCREENS)
@pytest.mark.parametrize("page_path", ["book/intro.html", "notebooks/04_gradient_descent.html"])
def test_one_search_box_with_the_magnifier_beside_the_text(browser, book_url: str, page_path: str, screen: str) -> None:
    page = open_page(browser, book_url, page_path, SCREENS[screen]).page
    try:
        assert visible_count(page, SEARCH_ENTRIES) == 1, "exactly one search box or button"
        entry = next(
            page.locator(SEARCH_ENTRIES).nth(k)
            for k in range(page.locator(SEARCH_ENTRIES).count())
            if page.locator(SEARCH_ENTRIES).nth(k).is_visible()
        )
        entry.click()
        field = page.locator("input[name=q]:visible").first
        field.wait_for(timeout=5000)
        assert "搜索" in (field.get_attribute("placeholder") or "")
        icon = page.evaluate(
            """() => { const i = [...document.querySelectorAll('.fa-magnifying-glass')].find(i => {
                 const r = i.getBoundingClientRect(); return r.width > 0 && r.height > 0 && i.closest('form'); });
               const f = i && i.closest('form').querySelector('input[name=q]');
               if (!i || !f) return null;
               const text = f.getBoundingClientRect().left + parseFloat(getComputedStyle(f).paddingLeft);
               return [i.getBoundingClientRect().right, text]; }"""
        )
        if icon is not None:
            assert icon[0] <= icon[1] + 1, f"the magnifier (right edge {icon[0]}) covers the text (from {icon[1]})"
    finally:
        page.context.close()


#: English words a Chinese interface may keep: names of services, file types, keys.
ENGLISH_ALLOWED = {"Binder", "JupyterLab", "Google", "Colab", "PDF", "ipynb", "Ctrl", "GitHub", "nnmath", "API"}

#: The interface around the text: headers, sidebars, menus, the page navigation (not the
#: chapter titles the navigation lists, which are content).
INTERFACE_STRINGS = """() => {
  const parts = [...document.querySelectorAll(
      '.bd-header-article, .bd-sidebar-primary, .bd-sidebar-secondary, #pst-skip-link, .prev-next-area,'
      + ' .search-button__wrapper, .bd-footer-article')];
  const strings = [];
  for (const part of parts) {
    const copy = part.cloneNode(true);
    copy.querySelectorAll('.bd-links a, .toc-entry a, .prev-next-title, nav.bd-links, .bd-toc-nav')
      .forEach(x => x.remove());
    strings.push(copy.textContent);
    for (const e of [part, ...part.querySelectorAll('*')]) {
      if (e.closest('.bd-links, .bd-toc-nav')) continue;
      for (const a of ['title', 'aria-label', 'placeholder', 'data-bs-title', 'alt']) {
        const v = e.getAttribute(a); if (v) strings.push(v);
      }
    }
  }
  for (const e of document.querySelectorAll('[aria-label]')) strings.push(e.getAttribute('aria-label'));
  return strings;
}"""


@pytest.mark.parametrize("screen", SCREENS)
@pytest.mark.parametrize("page_path", ["book/intro.html", "notebooks/04_gradient_descent.html", "book/glossary.html"])
def test_interface_is_in_chinese(browser, book_url: str, page_path: str, screen: str) -> None:
    page = open_page(browser, book_url, page_path, SCREENS[screen]).page
    try:
        words = {w for s in page.evaluate(INTERFACE_STRINGS) for w in re.findall(r"[A-Za-z]{3,}", s)}
        english = sorted(words - ENGLISH_ALLOWED)
        assert english == [], f"English interface strings: {english}"
        assert page.locator("html[lang='zh-CN']").count() == 1
    finally:
        page.context.close()


def hits_for(page, term: str, book_url: str) -> list[str]:
    """The pages the book's search lists for ``term``, best first."""
    page.goto(f"{book_url}/search.html?q={term}")
    page.wait_for_selector("#search-results .search-summary", timeout=20000)
    return page.eval_on_selector_all("#search-results ul.search li a", "links => links.map(a => a.href)")


@pytest.mark.parametrize(("term", "page_path"), SEARCH_TERMS.items())
def test_search_ranks_the_chapter_above_the_api_reference(browser, book_url: str, term: str, page_path: str) -> None:
    opened = open_page(browser, book_url, "search.html")
    try:
        hits = hits_for(opened.page, term, book_url)
        chapter = next(i for i, hit in enumerate(hits) if page_path in hit)
        api = [i for i, hit in enumerate(hits) if "book/api.html" in hit]
        assert not api or chapter < api[0], f"searching {term}: the API page comes first in {hits}"
    finally:
        opened.page.context.close()


#: What a search snippet must not show: TeX source, code, reprs.
NOT_PROSE = re.compile(r"\\[a-zA-Z]+|\$|np\.|array\(\[|import |\{glue")


@pytest.mark.parametrize("term", ["学习率", "梯度", "Softmax"])
def test_search_snippets_are_prose_and_the_opened_page_highlights_the_term(browser, book_url: str, term: str) -> None:
    opened = open_page(browser, book_url, "search.html")
    page = opened.page
    try:
        hits = hits_for(page, term, book_url)
        assert hits, f"searching {term} found nothing"
        page.wait_for_function(
            "n => document.querySelectorAll('#search-results p.context').length >= n",
            arg=min(3, len(hits)),
            timeout=20000,
        )
        snippets = page.eval_on_selector_all("#search-results p.context", "ps => ps.map(p => p.textContent)")
        bad = [s for s in snippets if NOT_PROSE.search(s)]
        assert not bad, f"snippets that are not prose for {term}: {bad[:3]}"
        assert any(term.lower() in s.lower() for s in snippets), f"no snippet shows {term}: {snippets[:3]}"
        page.locator("#search-results ul.search li a").first.click()
        page.wait_for_load_state("domcontentloaded")
        page.wait_for_selector("span.highlighted", state="attached", timeout=10000)
        marked = page.eval_on_selector_all("span.highlighted", "els => els.map(e => e.textContent.toLowerCase())")
        assert term.lower() in marked, f"the opened page marks {marked[:5]}, not {term}"
    finally:
        page.context.close()


def test_the_search_index_loads_only_on_the_search_page(browser, book_url: str) -> None:
    chapter = open_page(browser, book_url, "notebooks/04_gradient_descent.html")
    search = open_page(browser, book_url, "search.html?q=梯度")
    try:
        assert not [u for u in chapter.loaded_urls() if "searchindex" in u], "a chapter loads the search index"
        assert [u for u in search.loaded_urls() if "searchindex" in u], "the search page lacks its index"
    finally:
        chapter.page.context.close()
        search.page.context.close()


#: What a reader must never see on a page: the notebooks' plumbing in the code shown, and
#: Python's raw reprs or English verdicts in the outputs shown.
PLUMBING_IN_CODE = {"a glue( call": re.compile(r"\bglue\(")}
REPRS_IN_OUTPUT = {
    "a numpy scalar repr": re.compile(r"np\.(?:float|int)\d*\("),
    "an array repr": re.compile(r"(?<![\w.])array\(\["),
    "a bare True/False output": re.compile(r"^(?:True|False)$"),
    "an English verdict": re.compile(r"^'?(?:converged|diverged|running|oscillating|minimum|maximum|saddle)'?$"),
}

#: The visible text of the code cells' inputs, or of their outputs, one string per block.
SHOWN_BLOCKS = """selector => [...document.querySelectorAll(selector)]
  .filter(b => b.offsetParent !== null && !b.closest('details:not([open])')).map(b => b.innerText)"""


@pytest.mark.parametrize("page_path", CHAPTERS)
def test_no_plumbing_or_raw_reprs_on_the_page(browser, book_url: str, page_path: str) -> None:
    page = open_page(browser, book_url, page_path).page
    try:
        found = {}
        for selector, rules in (
            ("article .cell_input pre", PLUMBING_IN_CODE),
            ("article .cell_output pre, article .output pre", REPRS_IN_OUTPUT),
        ):
            lines = [line.strip() for block in page.evaluate(SHOWN_BLOCKS, selector) for line in block.splitlines()]
            found |= {name: hits[:3] for name, rule in rules.items() if (hits := [x for x in lines if rule.search(x)])}
        assert found == {}, "plumbing on the page"
    finally:
        page.context.close()
