"""Sphinx fixes for the book's HTML (loaded from _config.yml as a local extension).

This module's own fixes, plus six modules beside it: :mod:`cjk_text` (no stray
spaces in Chinese), :mod:`katex_prerender` (formulas typeset at build time),
:mod:`chinese_ui` (the interface in Chinese), :mod:`inline_images` (pictures
embedded in outputs become files), :mod:`slim_assets` (icon fonts cut to the
icons used, pictures with palettes) and :mod:`compress_assets` (a ``.gz`` beside
every large text file). The book's stylesheet and KaTeX's
fonts are served from ``_ext/static`` (not a root ``_static`` folder, whose
every file Jupyter Book would add to every page).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import chinese_ui
import cjk_text
import compress_assets
import inline_images
import katex_prerender
import slim_assets
from sphinx.application import Sphinx
from sphinx.config import Config

STATIC = Path(__file__).resolve().parent / "static"


def drop_duplicate_scripts(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Keep one copy of each page script.

    sphinx-thebe 0.3.1 registers its inline configuration twice under Sphinx 7,
    which makes the browser report "Identifier 'THEBE_JS_URL' has already been
    declared" on every page.
    """
    seen: set[tuple[str, str]] = set()
    unique = []
    for script in context.get("script_files", []):
        key = (str(getattr(script, "filename", script) or ""), repr(sorted(getattr(script, "attributes", {}).items())))
        if key not in seen:
            seen.add(key)
            unique.append(script)
    context["script_files"][:] = unique


def unlist_citations(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    """Drop ``role="list"`` from docutils' citation list.

    Its children are ``doc-biblioentry`` entries, not list items, which an
    accessibility audit (axe-core: aria-required-children) flags as critical.
    """
    if "body" in context:
        context["body"] = context["body"].replace(
            '<div role="list" class="citation-list">', '<div class="citation-list">'
        )


#: pydata-sphinx-theme's Font Awesome script (1.5 MB): the theme's web fonts already draw every icon.
FONTAWESOME_JS = re.compile(r'\s*<script defer src="[^"]*_static/scripts/fontawesome\.js[^"]*"></script>')

#: The search page's own script, after Sphinx's searchtools.js: snippets of prose only (``_ext/static``).
SNIPPETS_JS = '<script src="_static/search_snippets.js"></script>'
SEARCHTOOLS_JS = re.compile(r'(<script src="[^"]*_static/searchtools\.js[^"]*"></script>)')

#: Sphinx's search scripts and the whole search index, which pydata-sphinx-theme loads in
#: every page's head (render-blocking) for a search-as-you-type box the book does not use.
SEARCH_JS = re.compile(r'\s*<script src="[^"]*(?:_static/searchtools|_static/language_data|searchindex)\.js"></script>')


def slim_pages(app: Sphinx, exception: Exception | None) -> None:
    """Remove scripts a page does not need from every built page.

    The Font Awesome script (:data:`FONTAWESOME_JS`) goes from every page; the
    search scripts and the search index (:data:`SEARCH_JS`) from every page but
    the search page, which loads them itself: the index is fetched only when
    the reader searches. The search page also gets :data:`SNIPPETS_JS`.
    """
    if exception is not None or app.builder.format != "html":
        return
    outdir = Path(app.outdir)
    for page in outdir.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        slimmer = FONTAWESOME_JS.sub("", text)
        if page != outdir / "search.html":
            slimmer = SEARCH_JS.sub("", slimmer)
        elif SNIPPETS_JS not in slimmer:
            slimmer = SEARCHTOOLS_JS.sub(rf"\1\n{SNIPPETS_JS}", slimmer, count=1)
        if slimmer != text:
            page.write_text(slimmer, encoding="utf-8")


#: sphinx-thebe's per-page configuration, appended to every page's body.
THEBE_CONFIG = re.compile(
    r'\s*<script type="text/x-thebe-config">.*?</script>\s*<script>kernelName = [^<]*</script>', re.S
)


def drop_thebe(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    """Remove sphinx-thebe's scripts, stylesheet and configuration when Live Code is not offered.

    Jupyter Book always loads sphinx-thebe; with ``launch_buttons: thebe: false``
    nothing on the page uses it, and its configuration names a CDN.
    """
    if app.config.html_theme_options.get("launch_buttons", {}).get("thebe"):
        return
    context["script_files"][:] = [
        s
        for s in context.get("script_files", [])
        if "sphinx-thebe" not in str(getattr(s, "filename", "") or "")
        and "THEBE_JS_URL" not in str(getattr(s, "attributes", {}).get("body", ""))
    ]
    context["css_files"][:] = [
        c for c in context.get("css_files", []) if "sphinx-thebe" not in str(getattr(c, "filename", "") or "")
    ]
    if "body" in context:
        context["body"] = THEBE_CONFIG.sub("", context["body"])


#: sphinx-book-theme 1.3 sets the colour mode to "" for a first-time visitor,
#: which pydata-sphinx-theme 0.17 reports as a console error; start from "auto".
DEFAULT_MODE_SCRIPT = 'if (!document.documentElement.dataset.mode) { document.documentElement.dataset.mode = "auto"; }'


def add_static_folder(app: Sphinx, config: Config) -> None:
    """Serve ``_ext/static`` from ``_static``; rank search results with ``_ext/search_scorer.js``."""
    if str(STATIC) not in config.html_static_path:
        config.html_static_path.append(str(STATIC))
    config.html_search_scorer = config.html_search_scorer or str(STATIC.parent / "search_scorer.js")


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the fixes."""
    cjk_text.setup(app)
    compress_assets.setup(app)
    inline_images.setup(app)
    slim_assets.setup(app)
    katex_prerender.setup(app)
    chinese_ui.setup(app)
    app.connect("config-inited", add_static_folder)
    app.add_css_file("book.css", priority=900)
    app.add_js_file(None, body=DEFAULT_MODE_SCRIPT, priority=1)
    app.connect("html-page-context", drop_duplicate_scripts, priority=999)
    app.connect("html-page-context", unlist_citations)
    app.connect("html-page-context", drop_thebe)
    app.connect("build-finished", slim_pages)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
