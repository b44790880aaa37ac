"""The ``.gz`` copies the book ships beside its large text files (_ext/compress_assets.py)."""

from __future__ import annotations

import gzip
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "_ext"))

import compress_assets


def test_large_text_files_get_an_identical_gz_and_the_rest_do_not(tmp_path: Path) -> None:
    page = tmp_path / "notebooks" / "ch.html"
    page.parent.mkdir()
    page.write_text("<p>梯度下降</p>\n" * 400, encoding="utf-8")
    (tmp_path / "tiny.css").write_text("p{}")
    (tmp_path / "font.woff2").write_bytes(b"\x00" * 5000)  # compressed formats are left alone
    files, original, compressed = compress_assets.compress_tree(tmp_path)
    assert files == 1 and original == page.stat().st_size and 0 < compressed < original / 10
    assert gzip.decompress((page.parent / "ch.html.gz").read_bytes()) == page.read_bytes()
    assert not (tmp_path / "tiny.css.gz").exists() and not (tmp_path / "font.woff2.gz").exists()


def test_archives_are_reproducible_and_follow_their_page(tmp_path: Path) -> None:
    page = tmp_path / "index.html"
    page.write_text("a" * 4000)
    compress_assets.compress_tree(tmp_path)
    first = (tmp_path / "index.html.gz").read_bytes()
    compress_assets.compress_tree(tmp_path)
    assert (tmp_path / "index.html.gz").read_bytes() == first  # mtime 0: the same bytes every build
    page.write_text("b" * 4000)
    compress_assets.compress_tree(tmp_path)
    assert gzip.decompress((tmp_path / "index.html.gz").read_bytes()) == b"b" * 4000


def test_incompressible_files_lose_an_old_archive(tmp_path: Path) -> None:
    noise = tmp_path / "data.json"
    noise.write_bytes(random.Random(0).randbytes(4096))  # random bytes: gzip cannot make them smaller
    (tmp_path / "data.json.gz").write_bytes(b"stale")
    compress_assets.compress_tree(tmp_path)
    assert not (tmp_path / "data.json.gz").exists()
