"""Ship a ``.gz`` beside every large text asset of the built book (压缩后的静态文件).

A static host that serves precompressed files (nginx ``gzip_static on;``,
Caddy ``file_server { precompressed gzip }``, Apache with ``mod_rewrite`` to
``*.gz``) then sends these instead of the originals, with no compression work per
request; the README gives the configuration. The archives are reproducible
(``mtime`` 0, level 9) and rewritten after every build, last of all the
build-finished steps, so they always match the page they sit beside.
"""

from __future__ import annotations

import gzip
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.util import logging

logger = logging.getLogger(__name__)

#: Text formats worth compressing (fonts in woff2 and images are compressed already).
SUFFIXES = frozenset({".html", ".js", ".css", ".svg", ".json", ".txt", ".map", ".xml", ".ttf"})

#: Smaller files gain too little to be worth a second copy.
MIN_BYTES = 1024


def compress_tree(root: Path) -> tuple[int, int, int]:
    """Write ``name.gz`` beside every text file under ``root`` (:data:`SUFFIXES`, at least :data:`MIN_BYTES`).

    A ``.gz`` that would not be smaller than its original is not written (an old one is removed).

    Returns
    -------
    files, original_bytes, compressed_bytes : int
        How many archives were written, and the sizes of their originals and of the archives.

    """
    files = original = compressed = 0
    for path in sorted(root.rglob("*")):
        if not path.is_file() or path.suffix not in SUFFIXES:
            continue
        data = path.read_bytes()
        target = path.with_name(path.name + ".gz")
        packed = gzip.compress(data, compresslevel=9, mtime=0)
        if len(data) < MIN_BYTES or len(packed) >= len(data):
            target.unlink(missing_ok=True)
            continue
        target.write_bytes(packed)
        files, original, compressed = files + 1, original + len(data), compressed + len(packed)
    return files, original, compressed


def compress_html_output(app: Sphinx, exception: Exception | None) -> None:
    """After an HTML build, compress its text assets (see :func:`compress_tree`) and say what it saved."""
    if exception is not None or app.builder.format != "html":
        return
    files, original, compressed = compress_tree(Path(app.outdir))
    logger.info(f"compressed {files} files: {original / 1e6:.1f} MB → {compressed / 1e6:.1f} MB gzip (.gz beside each)")


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the compression as the last build-finished step."""
    app.connect("build-finished", compress_html_output, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
