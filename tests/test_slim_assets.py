"""The built book's lighter assets: icon fonts cut to the icons used, pictures with palettes (_ext/slim_assets.py)."""

from __future__ import annotations

import io
import shutil
import sys
from pathlib import Path

import numpy as np
import pydata_sphinx_theme
import pytest
from fontTools.ttLib import TTFont
from matplotlib.figure import Figure
from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "_ext"))

import slim_assets

THEME_STATIC = Path(pydata_sphinx_theme.__file__).parent / "theme" / "pydata_sphinx_theme" / "static"


def built_tree(tmp_path: Path, page: str, script: str = "") -> Path:
    """A small output folder with the theme's real stylesheet and icon fonts, one page and one script."""
    for folder in (slim_assets.ICON_FONTS, slim_assets.ICON_CSS.parent):
        shutil.copytree(THEME_STATIC / folder.relative_to("_static"), tmp_path / folder)
    (tmp_path / "index.html").write_text(page, encoding="utf-8")
    (tmp_path / "_static" / "scripts").mkdir(exist_ok=True)
    (tmp_path / "_static" / "scripts" / "theme.js").write_text(script, encoding="utf-8")
    (tmp_path / "_static" / "scripts" / "fontawesome.js").write_text('"fa-bug"', encoding="utf-8")
    return tmp_path


def cmap(path: Path) -> set[int]:
    return set(TTFont(path).getBestCmap())


def test_the_stylesheet_maps_icon_classes_and_their_aliases_to_code_points() -> None:
    css = '.fa-bars:before,.fa-navicon:before{content:"\\f0c9"}.fa-lg{font-size:1.25em}'
    css += '.fa-xmark:before{content:"\\f00d"}'
    assert slim_assets.icon_code_points(css) == {"fa-bars": 0xF0C9, "fa-navicon": 0xF0C9, "fa-xmark": 0xF00D}


def test_icon_fonts_keep_exactly_the_icons_pages_and_scripts_name(tmp_path: Path) -> None:
    root = built_tree(tmp_path, '<i class="fa-solid fa-bars"></i><i class="fa-brands fa-github"></i>', '"fa-xmark"')
    fonts = root / slim_assets.ICON_FONTS
    solid, brands = fonts / "fa-solid-900.woff2", fonts / "fa-brands-400.woff2"
    assert 0xF188 in cmap(solid)  # fa-bug, named only by Font Awesome's own (unused) script
    theme = slim_assets.drawn_by_stylesheet((root / slim_assets.ICON_CSS).read_text(encoding="utf-8"))
    glyphs, before, after = slim_assets.subset_icon_fonts(root)
    assert after < before / 10
    assert cmap(solid) - theme == {0xF0C9, 0xF00D} and 0xF09B in cmap(brands)
    assert 0xF188 not in cmap(solid) and glyphs == len(theme | {0xF0C9, 0xF00D, 0xF09B})
    assert cmap(fonts / "fa-solid-900.ttf") == cmap(solid)  # the fallback format follows


def test_an_icon_no_font_holds_stops_the_build(tmp_path: Path) -> None:
    root = built_tree(tmp_path, '<i class="fa-solid fa-bars"></i>')
    css = root / slim_assets.ICON_CSS
    css.write_text(css.read_text(encoding="utf-8") + '.fa-invented:before{content:"\\fabc"}', encoding="utf-8")
    (root / "index.html").write_text('<i class="fa-invented"></i>', encoding="utf-8")
    with pytest.raises(RuntimeError, match="fabc"):
        slim_assets.subset_icon_fonts(root)


def test_a_build_without_the_theme_fonts_is_left_alone(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text('<i class="fa-bars"></i>')
    assert slim_assets.subset_icon_fonts(tmp_path) == (0, 0, 0)


def png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, format="png")
    return out.getvalue()


def plot_png() -> bytes:
    fig = Figure(figsize=(6, 4), dpi=100)
    ax = fig.subplots()
    x = np.linspace(0, 6, 200)
    for k in range(4):
        ax.plot(x, np.sin(x + k), linewidth=2)
    ax.contourf(*np.meshgrid(x, x), np.cos(x)[:, None] * np.sin(x), levels=12, alpha=0.3)
    out = io.BytesIO()
    fig.savefig(out, format="png", dpi=100)  # not the rcParams other tests may have set
    return out.getvalue()


def test_a_plot_gets_a_palette_a_third_of_its_size_and_looks_the_same() -> None:
    data = plot_png()
    slim = slim_assets.palette_png(data)
    assert slim is not None and len(slim) < len(data) / 2
    before = np.asarray(Image.open(io.BytesIO(data)).convert("RGB"), dtype=float)
    after = Image.open(io.BytesIO(slim))
    assert after.mode == "P" and after.size == (600, 400)
    assert np.abs(np.asarray(after.convert("RGB"), dtype=float) - before).mean() < slim_assets.MAX_MEAN_ERROR


def test_pictures_a_palette_would_change_or_not_help_are_left_alone() -> None:
    noise = np.random.default_rng(0).integers(0, 256, size=(64, 64, 3), dtype=np.uint8)
    assert slim_assets.palette_png(png(Image.fromarray(noise))) is None  # 4,096 colours: visibly changed
    clear = np.zeros((32, 32, 4), dtype=np.uint8)
    clear[..., 3] = 128
    assert slim_assets.palette_png(png(Image.fromarray(clear))) is None  # transparency is kept
    assert slim_assets.palette_png(png(Image.new("P", (8, 8)))) is None  # a palette already


def test_palette_pictures_rewrites_only_what_it_may(tmp_path: Path) -> None:
    images = tmp_path / "_images"
    (images / "inline").mkdir(parents=True)
    (images / "plot.png").write_bytes(plot_png())
    noise = np.random.default_rng(1).integers(0, 256, size=(32, 32, 3), dtype=np.uint8)
    (images / "inline" / "noise.png").write_bytes(png(Image.fromarray(noise)))
    kept = (images / "inline" / "noise.png").read_bytes()
    files, before, after = slim_assets.palette_pictures(tmp_path)
    assert files == 1 and after < before
    assert Image.open(images / "plot.png").mode == "P"
    assert (images / "inline" / "noise.png").read_bytes() == kept
    assert slim_assets.palette_pictures(tmp_path)[0] == 0  # a second build changes nothing more


def test_icons_the_stylesheets_draw_by_themselves_are_kept(tmp_path: Path) -> None:
    css = '.fa-bars:before{content:"\\f0c9"}:root{--pst-icon-bell:"\uf0f3"}.toc:after{content:"\\f107";opacity:1}'
    assert slim_assets.drawn_by_stylesheet(css) == {0xF0F3, 0xF107}  # not fa-bars: only if a page names it
    root = built_tree(tmp_path, '<div class="admonition note"><p class="admonition-title">注意</p></div>')
    glyphs, _, _ = slim_assets.subset_icon_fonts(root)
    solid = cmap(root / slim_assets.ICON_FONTS / "fa-solid-900.woff2")
    assert 0xF05A in solid and 0xF0F3 in solid  # the note's and the default admonition's icons (info, bell)
    assert 0xF0C9 not in solid and glyphs == len(solid | cmap(root / slim_assets.ICON_FONTS / "fa-brands-400.woff2"))
