"""The printable edition (印刷版): the book as one Chinese PDF through Sphinx's LaTeX builder and XeLaTeX.

Loaded from ``_config.yml`` as a local extension, next to ``book_fixes``. For
the LaTeX builder it

* sets the LaTeX options (``ctex`` with the Fandol fonts that Debian's
  ``texlive-lang-chinese`` ships, A4, code lines that wrap, no index) and the
  preamble in ``_ext/latex/preamble.tex``;
* arranges the assembled book: 前言 as an unnumbered chapter, the chapters
  numbered from 0 as the notebooks' titles say (the "第 N 章" in a title moves
  into LaTeX's chapter number), the appendices lettered (附录 A, B, ...), the
  API reference left to the website, the bibliography inside 参考文献;
* prints every explorer (an output with a live widget) as its still picture,
  the ``image/png`` of its output bundle, with a caption naming the picture's
  setting and the address of the live version on the website.

For the HTML builder it adds the PDF to every page's download menu when the
PDF has been built (``scripts/build-pdf.sh``), and copies it into the site.
"""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging
from sphinx.util.texescape import escape

logger = logging.getLogger(__name__)

#: File name of the PDF, in the LaTeX output folder and at the root of the HTML site.
PDF_NAME = "nnmath-book.pdf"

#: LaTeX files of the edition (the preamble).
LATEX_DIR = Path(__file__).parent / "latex"

#: A chapter title such as "第 4 章 优化方法——梯度下降" or "附录 A 数学工具箱": the number
#: (or letter) moves into LaTeX's chapter counter.
CHAPTER_PREFIX = re.compile(r"^(?:第\s*(?P<number>\d+)\s*章|附录\s*(?P<letter>[A-Z]))\s*")

#: A section title such as "4.6 学习率" or "A.2 矩阵乘法": LaTeX numbers the section.
SECTION_PREFIX = re.compile(r"^(?:\d+|[A-Z])\.\d+\s+")

#: The output format of a live widget: with an HTML face beside it, the output is an explorer.
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"

LATEX_ELEMENTS = {
    "papersize": "a4paper",
    "pointsize": "11pt",
    # ctex (with xeCJK) replaces Sphinx's default for Chinese (xeCJK with no CJK font selected).
    "babel": "",
    "polyglossia": "",
    "fontenc": r"\usepackage[UTF8,fontset=fandol,heading=true,zihao=-4]{ctex}",
    "fontpkg": "",
    "fncychap": "",
    "printindex": "",
    "sphinxsetup": "verbatimforcewraps=true,verbatimmaxunderfull=2,hmargin=2.2cm,vmargin=2.5cm",
    "fvset": r"\fvset{fontsize=\small,formatcom=\xeCJKVerbAddon}",
    "figure_align": "H",
}


def website_url(config: Config) -> str:
    """The address of the HTML book (ends with ``/``): ``pdf_website_url``, else ``html_baseurl``,
    else the GitHub Pages address of the repository named in ``_config.yml``."""
    for url in (config.pdf_website_url, config.html_baseurl):
        if url:
            return url.rstrip("/") + "/"
    repo = str((config.html_theme_options or {}).get("repository_url", ""))
    match = re.match(r"https?://github\.com/([^/]+)/([^/]+?)(?:\.git)?/?$", repo)
    if match is None:
        return ""
    return f"https://{match[1]}.github.io/{match[2]}/"


def configure_latex(app: Sphinx, config: Config) -> None:
    """Fill in the LaTeX options that ``_config.yml`` leaves unset."""
    elements = dict(LATEX_ELEMENTS)
    elements["preamble"] = (LATEX_DIR / "preamble.tex").read_text(encoding="utf-8")
    elements.update(config.latex_elements or {})
    config.latex_elements = elements
    config.latex_use_xindy = False
    config.latex_domain_indices = False
    config.latex_show_urls = "no"
    config.latex_toplevel_sectioning = "chapter"


def _docname(node: nodes.Node) -> str:
    return str(node.get("docname", "")) if isinstance(node, nodes.Element) else ""


def _raw(tex: str) -> nodes.raw:
    return nodes.raw("", tex, format="latex")


class ArrangeBook(SphinxPostTransform):
    """Give the assembled LaTeX book its printed structure (see the module docstring)."""

    default_priority = 800  # after Sphinx moves the citations into one thebibliography node (750)
    builders = ("latex",)

    def run(self, **kwargs: Any) -> None:
        if next(iter(self.document.findall(addnodes.start_of_file)), None) is None:
            return  # not the assembled book
        files = {_docname(f): f for f in self.document.findall(addnodes.start_of_file)}
        for docname in self.config.pdf_leave_out:
            if docname in files:
                left_out = files.pop(docname)
                left_out.parent.remove(left_out)
                self._unlink(docname)
        appendices = [d for d in appendix_pages(self.config) if d in files]
        self._preface()
        for start in files.values():
            self._chapter(start)
        if appendices:
            first = files[appendices[0]]
            first.insert(0, _raw("\n\\appendix\n"))
        self._bibliography(files)

    def _unlink(self, docname: str) -> None:
        """Links to a page left out of the PDF keep their text and lose the link."""
        for ref in list(self.document.findall(nodes.reference)):
            uri = str(ref.get("refuri", ""))
            if uri == f"%{docname}" or uri.startswith(f"%{docname}#"):
                ref.replace_self(nodes.inline("", "", *ref.children))

    def _preface(self) -> None:
        """The root page (前言): an unnumbered chapter whose sections are unnumbered too."""
        root = next(iter(self.document.findall(nodes.section)), None)
        if root is None:
            return
        title = escape(root[0].astext() if isinstance(root[0], nodes.title) else "前言")
        root.insert(1, _raw(f"\n\\chapter*{{{title}}}\n\\addcontentsline{{toc}}{{chapter}}{{{title}}}\n"))
        base = website_url(self.config)
        if base:
            note = nodes.paragraph("", "", classes=["pdf-website"])
            note += nodes.strong("", "这是本书的印刷版。")
            note += nodes.Text("书中的交互图在这里是静态画面；它们的网页版可以拖动、可以播放，网址是 ")
            note += nodes.reference("", base, refuri=base)
            note += nodes.Text("。")
            root.insert(2, note)
        for section in [s for s in root.children if isinstance(s, nodes.section)]:
            heading = section[0]
            rubric = nodes.rubric("", "", *heading.children, classes=["pdf-section"])
            section.replace_self([nodes.target(ids=section["ids"]), rubric, *section.children[1:]])

    def _chapter(self, start: addnodes.start_of_file) -> None:
        """Number a chapter and its sections as the notebook's titles do, with LaTeX's counters.

        "第 N 章" (or "附录 X") leaves the chapter title for LaTeX's chapter number;
        "N.k" (or "X.k") leaves a section title for LaTeX's section number; sections
        without a number in the notebook (小结, 练习) stay unnumbered.
        """
        section = next(iter(start.findall(nodes.section)), None)
        if section is None or not isinstance(section[0], nodes.title):
            return
        match = _strip_prefix(section[0], CHAPTER_PREFIX)
        if match is None:
            return
        label = match["number"] or match["letter"]
        counter = int(label) if label.isdigit() else ord(label) - ord("A") + 1
        start.insert(0, _raw(f"\n\\setcounter{{chapter}}{{{counter - 1}}}\n"))
        numbered = 0
        for sub in [s for s in section.children if isinstance(s, nodes.section)]:
            title = sub[0]
            if not isinstance(title, nodes.title):
                continue
            if _strip_prefix(title, re.compile(rf"^{label}\.{numbered + 1}\s+")) is not None:
                numbered += 1
            elif SECTION_PREFIX.match(title.astext()):
                logger.warning("section %r is out of sequence (expected %s.%d)", title.astext(), label, numbered + 1)
            else:
                text = escape(title.astext())
                sub.remove(title)
                sub.insert(0, _raw(f"\n\\section*{{{text}}}\n\\addcontentsline{{toc}}{{section}}{{{text}}}\n"))

    def _bibliography(self, files: dict[str, addnodes.start_of_file]) -> None:
        """Print the list of references inside the 参考文献 page rather than as a chapter of its own."""
        target = files.get(self.config.pdf_bibliography_page)
        if target is None:
            return
        section = next(iter(target.findall(nodes.section)), None)
        for bib in list(self.document.findall(_is_bibliography)):
            bib.parent.remove(bib)
            (section or target).append(bib)


def _strip_prefix(title: nodes.title, prefix: re.Pattern[str]) -> re.Match[str] | None:
    """Remove ``prefix`` from the start of ``title``'s first text; the match, or None if it does not start so."""
    text = title[0] if title.children and isinstance(title[0], nodes.Text) else None
    match = prefix.match(str(text)) if text is not None else None
    if match is not None:
        title.replace(text, nodes.Text(str(text)[match.end() :]))
    return match


def _is_bibliography(node: nodes.Node) -> bool:
    return type(node).__name__ == "thebibliography"


def appendix_pages(config: Config) -> list[str]:
    """The pages printed as appendices: ``pdf_appendices``, else the part of ``_toc.yml`` captioned 附录."""
    if config.pdf_appendices:
        return list(config.pdf_appendices)
    site_map = getattr(config, "external_site_map", None)
    if site_map is None:
        return []
    for subtree in site_map.root.subtrees:
        if subtree.caption == config.pdf_appendix_caption:
            return subtree.files()
    return []


def _still_description(page: str) -> str:
    """What an explorer's still picture shows, as its alt text says (the static face's HTML → text)."""
    alt = re.search(r'<noscript><img [^>]*\balt="([^"]*)"', page)
    return html.unescape(alt[1]).strip() if alt else ""


class PlayerStills(SphinxPostTransform):
    """Caption every explorer's still picture in the PDF with its setting and the live version's address.

    Runs before myst-nb picks one output format per bundle (priority 4): an
    explorer's bundle (a live widget and its HTML face) also carries ``image/png``,
    which the LaTeX builder picks; the caption goes right after it.
    """

    default_priority = 3
    builders = ("latex",)

    def run(self, **kwargs: Any) -> None:
        base = website_url(self.config)
        for bundle in list(self.document.findall(_is_mime_bundle)):
            kinds = {c.get("mime_type"): c for c in bundle.children if isinstance(c, nodes.Element)}
            page = kinds.get("text/html")
            if page is None or WIDGET_VIEW not in kinds:
                continue
            if "image/png" not in kinds:
                raise ValueError(
                    f"{self.env.docname}: an explorer's output has no image/png still picture to print; "
                    "re-run the chapter with the current nnmath"
                )
            page_url = f"{base}{_page_of(bundle) or self.env.docname}.html" if base else ""
            at = bundle.parent.index(bundle) + 1
            bundle.parent[at:at] = self._caption(page.astext(), page_url)

    def _caption(self, page: str, url: str) -> list[nodes.Node]:
        """The caption, kept on the page of the picture (a minipage right after it)."""
        setting = _still_description(page)
        para = nodes.paragraph("", "", classes=["pdf-still-caption"])
        para += nodes.emphasis("", "上图是交互图的一幅静态画面" + (f"（{setting}）" if setting else "") + "。")
        if url:
            para += nodes.emphasis("", "在网页版中可以拖动滑块、移动起点，看它怎样变化：")
            para += nodes.reference("", url, refuri=url)
        return [
            _raw("\\par\\nopagebreak\\noindent\\begin{minipage}{\\linewidth}\\small\n"),
            para,
            _raw("\\end{minipage}\\par\\medskip\n"),
        ]


class AdmonitionTargets(SphinxPostTransform):
    """Give every named box (``:name:`` of an admonition, e.g. ``erratum-3``) a LaTeX label.

    Sphinx's LaTeX writer labels sections, figures and tables, but not the ids of
    an admonition, so a reference to a box (the errata page's "回到正文") would be
    undefined in the PDF; a target node before the box gives the writer its label.
    """

    default_priority = 5
    builders = ("latex",)

    def run(self, **kwargs: Any) -> None:
        for box in list(self.document.findall(nodes.admonition)):
            at = box.parent.index(box)
            box.parent[at:at] = [nodes.target("", "", refid=name) for name in box["ids"]]


def _page_of(node: nodes.Element) -> str:
    """The page (docname) a node of the assembled book comes from.

    Sphinx marks every section of an included page with its ``docname`` (walking up
    to ``start_of_file`` does not work: Sphinx moves a page's children into it
    without resetting their ``parent``).
    """
    while node is not None and not node.get("docname"):
        node = node.parent
    return str(node["docname"]) if node is not None else ""


def _is_mime_bundle(node: nodes.Node) -> bool:
    return isinstance(node, nodes.container) and node.get("nb_element") == "mime_bundle"


def built_pdf(app: Sphinx) -> Path | None:
    """The PDF made by ``scripts/build-pdf.sh`` for this book, if there is one."""
    for folder in (Path(app.outdir).parent / "latex", Path(app.srcdir) / "_build" / "latex"):
        if (folder / PDF_NAME).is_file():
            return folder / PDF_NAME
    return None


def add_pdf_download(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    """Offer the whole book as a PDF in the page's download menu, once the PDF is built."""
    if app.builder.format != "html" or built_pdf(app) is None:
        return
    for group in context.get("header_buttons", []):
        if group.get("label") == "download-buttons":
            group["buttons"].append(
                {
                    "type": "link",
                    "url": context["pathto"](PDF_NAME, 1),
                    "text": "全书 PDF",
                    "tooltip": "下载全书的印刷版（PDF）",
                    "icon": "fas fa-book",
                    "label": "download-book-pdf-button",
                }
            )


def copy_pdf(app: Sphinx, exception: Exception | None) -> None:
    """Put the built PDF at the root of the HTML site, where the download menu points."""
    pdf = built_pdf(app)
    if exception is None and app.builder.format == "html" and pdf is not None:
        shutil.copy2(pdf, Path(app.outdir) / PDF_NAME)


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the PDF edition."""
    app.add_config_value("pdf_website_url", "", "env", [str])
    app.add_config_value("pdf_appendices", [], "env", [list])
    app.add_config_value("pdf_appendix_caption", "附录", "env", [str])
    app.add_config_value("pdf_leave_out", ["book/api"], "env", [list])
    app.add_config_value("pdf_bibliography_page", "book/references", "env", [str])
    app.connect("config-inited", configure_latex)
    app.add_post_transform(PlayerStills)
    app.add_post_transform(AdmonitionTargets)
    app.add_post_transform(ArrangeBook)
    app.connect("html-page-context", add_pdf_download, priority=600)
    app.connect("build-finished", copy_pdf)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
