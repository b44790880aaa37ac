"""Small Sphinx fixes for the book's HTML (loaded from _config.yml as a local extension)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx


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


def drop_fontawesome_js(app: Sphinx, exception: Exception | None) -> None:
    """Remove pydata-sphinx-theme's Font Awesome JavaScript (1.5 MB) from every page.

    The theme ships Font Awesome twice: as a script that swaps each icon for an
    SVG, and as web fonts that its stylesheet already uses. The fonts alone
    draw every icon, at a third of the weight.
    """
    if exception is not None or app.builder.format != "html":
        return
    pattern = re.compile(r'\s*<script defer src="[^"]*_static/scripts/fontawesome\.js[^"]*"></script>')
    for page in Path(app.outdir).rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        slimmer = pattern.sub("", text)
        if slimmer != text:
            page.write_text(slimmer, encoding="utf-8")


#: sphinx-book-theme 1.3 sets the colour mode to "" for a first-time visitor,
#: which pydata-sphinx-theme 0.17 reports as a console error; start from "auto".
DEFAULT_MODE_SCRIPT = 'if (!document.documentElement.dataset.mode) { document.documentElement.dataset.mode = "auto"; }'


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the fixes."""
    app.add_js_file(None, body=DEFAULT_MODE_SCRIPT, priority=1)
    app.connect("html-page-context", drop_duplicate_scripts, priority=999)
    app.connect("html-page-context", unlist_citations)
    app.connect("build-finished", drop_fontawesome_js)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
