"""Move the pictures that notebook outputs embed in a page into files of their own (图片独立成文件).

A notebook output in HTML (the panels of a multi-panel figure, an explorer's
still for readers without JavaScript) carries its pictures inline as
``data:image/...;base64`` URLs, which makes the page itself heavy and keeps the
browser from caching or deferring them. After the build, every such picture of
at least :data:`MIN_BYTES` is written once to ``_images/inline/<digest>.<ext>``
and the page points to it instead, with ``loading="lazy"`` and
``decoding="async"``; identical pictures on several pages share one file.
"""

from __future__ import annotations

import base64
import hashlib
import os
import re
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

#: Smaller pictures stay inline (a request costs more than the bytes).
MIN_BYTES = 2048

#: An ``<img>`` whose ``src`` is an inline picture: (before src, type, base64 data, after src).
INLINE_IMG = re.compile(r'<img\b([^>]*?)\ssrc="data:image/(png|webp|jpeg|gif);base64,([A-Za-z0-9+/=\s]+)"([^>]*)>')

#: Where the pictures go, relative to the output folder.
FOLDER = Path("_images") / "inline"


def externalize(page: Path, root: Path) -> int:
    """Replace the inline pictures of one built page by files under ``root/FOLDER``; return how many moved."""
    text = page.read_text(encoding="utf-8")
    moved = 0

    def replace(match: re.Match[str]) -> str:
        nonlocal moved
        before, kind, data, after = match.groups()
        raw = base64.b64decode(re.sub(r"\s", "", data))
        if len(raw) < MIN_BYTES:
            return match.group(0)
        target = root / FOLDER / f"{hashlib.sha256(raw).hexdigest()[:20]}.{'jpg' if kind == 'jpeg' else kind}"
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(raw)
        moved += 1
        attrs = before + after
        extra = "".join(f' {k}="{v}"' for k, v in (("loading", "lazy"), ("decoding", "async")) if f"{k}=" not in attrs)
        src = Path(os.path.relpath(target, page.parent)).as_posix()
        return f'<img{before} src="{src}"{extra}{after}>'

    new = INLINE_IMG.sub(replace, text)
    if moved:
        page.write_text(new, encoding="utf-8")
    return moved


def externalize_html_output(app: Sphinx, exception: Exception | None) -> None:
    """After an HTML build, move every page's inline pictures into files (before the pages are compressed)."""
    if exception is not None or app.builder.format != "html":
        return
    root = Path(app.outdir)
    for page in sorted(root.rglob("*.html")):
        externalize(page, root)


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the step after the other page fixes and before :mod:`compress_assets`."""
    app.connect("build-finished", externalize_html_output, priority=800)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
