"""The book's interface in Chinese (界面中文化).

``language: zh_CN`` translates most of the theme, but some strings are missing
from the shipped catalogues ("Color mode", "Link to this heading"), two
templates hard-code their tooltips (the ☰ and table-of-contents toggles), and
the launch and download menu builds its labels in Python ("Launch on" +
" Binder"); a few labels for screen readers are hard-coded in English. Here:
small catalogues in ``_ext/locale`` compiled at build time and added behind the
shipped ones, copies of the two templates that translate their tooltips
(``_ext/templates``), the menu's labels replaced whole, and the hard-coded
labels replaced in the built pages.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from sphinx.application import Sphinx
from sphinx.config import Config

HERE = Path(__file__).resolve().parent

#: The launch and download menu (sphinx-book-theme's ``header_buttons``): label → Chinese.
HEADER_LABELS = {
    "Launch interactive content": "在线运行本章",
    "Launch on Binder": "在 Binder 上运行（JupyterLab）",
    "Launch on Colab": "在 Google Colab 上运行",
    "Download this page": "下载本页",
    "Download notebook file": "下载本章的笔记本（.ipynb）",
    "Download source file": "下载本页的源文件",
    "Print to PDF": "打印本页或存为 PDF",
    "列印成 PDF": "打印本页或存为 PDF",
    "Fullscreen mode": "全屏",
    "Source repository": "源代码仓库",
    ".pdf": "打印 / PDF",
}


def compile_catalogues(app: Sphinx) -> Path:
    """Compile ``_ext/locale/<language>/LC_MESSAGES/*.po`` beside the doctrees; return the locale folder."""
    locale = Path(app.doctreedir) / "book_fixes_locale"
    for source in (HERE / "locale" / str(app.config.language) / "LC_MESSAGES").glob("*.po"):
        target = locale / str(app.config.language) / "LC_MESSAGES" / f"{source.stem}.mo"
        target.parent.mkdir(parents=True, exist_ok=True)
        with source.open("rb") as po, target.open("wb") as mo:
            write_mo(mo, read_po(po))
    return locale


def add_templates(app: Sphinx, config: Config) -> None:
    """Put ``_ext/templates`` first in the template path (the translated toggle buttons)."""
    folder = str(HERE / "templates")
    if folder not in config.templates_path:
        config.templates_path.insert(0, folder)


def translate_labels(entry: Any) -> Any:
    """``entry`` (a header button, a list or a dict of them) with its English labels in Chinese."""
    if isinstance(entry, list):
        return [translate_labels(item) for item in entry]
    if isinstance(entry, dict):
        return {
            key: HEADER_LABELS.get(str(value), value) if key in ("tooltip", "text") else translate_labels(value)
            for key, value in entry.items()
        }
    return entry


def translate_header_buttons(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Translate the launch and download menu of a page (after the theme has built it)."""
    if "header_buttons" in context:
        context["header_buttons"][:] = translate_labels(context["header_buttons"])


#: Labels for screen readers that the theme and myst-nb write in English into the HTML.
ARIA_LABELS = {
    'aria-label="Main"': 'aria-label="全书目录"',
    'aria-label="Page"': 'aria-label="本页"',
    'aria-label="Toggle hidden content"': 'aria-label="显示或隐藏内容"',
}


def translate_aria_labels(app: Sphinx, exception: Exception | None) -> None:
    """Put the :data:`ARIA_LABELS` in Chinese in every built page."""
    if exception is not None or app.builder.format != "html":
        return
    for page in Path(app.outdir).rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        translated = text
        for english, chinese in ARIA_LABELS.items():
            translated = translated.replace(english, chinese)
        if translated != text:
            page.write_text(translated, encoding="utf-8")


def setup(app: Sphinx) -> None:
    """Register the catalogues (Sphinx's and the book theme's), the templates and the menu translation."""
    locale = str(compile_catalogues(app))
    app.add_message_catalog("sphinx", locale)
    app.add_message_catalog("booktheme", locale)
    app.connect("config-inited", add_templates)
    app.connect("html-page-context", translate_header_buttons, priority=900)
    app.connect("build-finished", translate_aria_labels)
