"""Pictures embedded in built pages become files of their own (_ext/inline_images.py)."""

from __future__ import annotations

import base64
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "_ext"))

import inline_images


def data_img(raw: bytes, alt: str) -> str:
    return f'<img alt="{alt}" src="data:image/png;base64,{base64.b64encode(raw).decode()}" width="300">'


def test_large_pictures_move_to_shared_files_and_small_ones_stay(tmp_path: Path) -> None:
    big = random.Random(1).randbytes(5000)
    small = b"\x89PNG tiny"
    chapter = tmp_path / "notebooks" / "ch.html"
    other = tmp_path / "index.html"
    chapter.parent.mkdir()
    chapter.write_text(f"<p>图</p>{data_img(big, '左图')}{data_img(small, '小图')}", encoding="utf-8")
    other.write_text(data_img(big, "同一张图"), encoding="utf-8")
    assert inline_images.externalize(chapter, tmp_path) == 1
    assert inline_images.externalize(other, tmp_path) == 1
    files = list((tmp_path / "_images" / "inline").iterdir())
    assert len(files) == 1 and files[0].read_bytes() == big  # one file for the same picture on two pages
    page = chapter.read_text(encoding="utf-8")
    assert f'src="../_images/inline/{files[0].name}"' in page and 'alt="左图"' in page and 'width="300"' in page
    assert 'loading="lazy"' in page and 'decoding="async"' in page
    assert "data:image/png;base64," in page  # the small one stays inline
    assert f'src="_images/inline/{files[0].name}"' in other.read_text(encoding="utf-8")


def test_a_page_without_inline_pictures_is_left_untouched(tmp_path: Path) -> None:
    page = tmp_path / "a.html"
    page.write_text('<img src="_images/x.png" alt="x">', encoding="utf-8")
    before = page.stat().st_mtime_ns
    assert inline_images.externalize(page, tmp_path) == 0
    assert page.stat().st_mtime_ns == before
