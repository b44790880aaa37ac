"""Formulas typeset at build time (公式预渲染) by sphinxcontrib-katex, with three fixes.

- A formula KaTeX cannot render stops the build, naming the page and the line
  (the extension would print it in red and let the build pass).
- The extension starts its node server and connects at once; on a busy machine
  the socket exists before the server listens (ConnectionRefusedError). Here
  the connection is retried until the start-up timeout, and a server that does
  not come up is stopped.
- A display block with several equations separated by blank lines is typeset
  one equation per line (as Sphinx does for MathJax), not run together.

KaTeX's stylesheet and fonts (npm ``katex@0.16.22``, the version the extension
bundles) are served from ``_ext/static/katex``.
"""

from __future__ import annotations

import re
import socket
import time
from pathlib import Path
from subprocess import PIPE, Popen
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.errors import ExtensionError
from sphinxcontrib import katex

#: Options of every rendering: errors raise, and so does anything KaTeX's strict mode dislikes.
KATEX_OPTIONS = {"throwOnError": True, "strict": "error"}

#: Seconds the node server may take to start, and one formula to render, on a busy machine.
STARTUP_TIMEOUT = 30.0
RENDER_TIMEOUT = 30.0

_rendered: dict[tuple[str, bool], str] = {}


def render(latex: str, options: dict[str, Any] | None = None) -> str:
    """KaTeX's HTML for ``latex`` (each distinct formula is rendered once per build)."""
    display = bool((options or {}).get("displayMode"))
    key = (latex, display)
    if key not in _rendered:
        _rendered[key] = _render_uncached(latex, {"displayMode": True} if display else None)
    return _rendered[key]


_render_uncached = katex.render_latex


def start_server_process(cls: type[katex.KaTeXServer], rundir: Path, timeout: float) -> tuple[Popen, socket.socket]:
    """Start KaTeX's node server on a unix socket and connect, retrying until ``timeout``."""
    socket_path = rundir / "katex.sock"
    process = Popen(cls.build_command(socket=socket_path), stdin=PIPE, stdout=PIPE, cwd=rundir)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and process.poll() is None:
        if socket_path.is_socket():
            sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            try:
                sock.connect(str(socket_path))
            except (ConnectionRefusedError, FileNotFoundError):
                sock.close()
            else:
                return process, sock
        time.sleep(0.01)
    if process.poll() is None:
        process.kill()
    process.wait()
    raise cls.timeout_error(timeout)


def split_equations(latex: str) -> str:
    """Several equations separated by blank lines, one per line (``gathered``); one equation unchanged."""
    parts = [part.strip() for part in re.split(r"\n[ \t]*\n", latex) if part.strip()]
    if len(parts) < 2:
        return latex
    lines = [rf"\begin{{aligned}}{part}\end{{aligned}}" if r"\\" in part else part for part in parts]
    return r"\begin{gathered}" + r"\\".join(lines) + r"\end{gathered}"


def check_formulas(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Render every formula of a page before it is written; stop the build on any that fails."""
    if app.builder.format != "html":
        return
    failures = []
    for node in doctree.findall(lambda n: isinstance(n, (nodes.math, nodes.math_block))):
        display = isinstance(node, nodes.math_block)
        latex = node.astext()
        if display:
            joined = split_equations(latex)
            if joined != latex:
                node[:] = [nodes.Text(joined)]
                latex = joined
        try:
            render(latex, {"displayMode": True} if display else None)
        except katex.KaTeXError as error:
            failures.append(f"{node.source or docname}:{node.line or '?'}: {error}")
    if failures:
        raise ExtensionError("formulas that KaTeX cannot typeset:\n" + "\n".join(failures))


#: The KaTeX fonts nearly every formula uses, fetched early on pages with formulas.
PRELOADED_FONTS = ("KaTeX_Main-Regular.woff2", "KaTeX_Math-Italic.woff2")


def preload_fonts(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    """On a page with formulas, ask for KaTeX's two main fonts with the stylesheet, not after it."""
    if 'class="katex"' not in context.get("body", ""):
        return
    links = "".join(
        f'<link rel="preload" href="{context["pathto"](f"_static/katex/fonts/{font}", 1)}" as="font"'
        ' type="font/woff2" crossorigin>'
        for font in PRELOADED_FONTS
    )
    context["metatags"] = context.get("metatags", "") + links


def configure(app: Sphinx, config: Config) -> None:
    """Make rendering errors fatal, the server start reliably, and each formula render once."""
    katex.KATEX_DEFAULT_OPTIONS = dict(KATEX_OPTIONS)
    katex.STARTUP_TIMEOUT = STARTUP_TIMEOUT
    katex.RENDER_TIMEOUT = RENDER_TIMEOUT
    katex.KaTeXServer.start_server_process = classmethod(start_server_process)
    katex.render_latex = render


def setup(app: Sphinx) -> None:
    """Register the fixes (the ``sphinxcontrib.katex`` extension itself is listed in ``_config.yml``)."""
    app.connect("config-inited", configure)
    app.connect("doctree-resolved", check_formulas)
    app.connect("html-page-context", preload_fonts)
