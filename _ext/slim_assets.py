"""Make the built book's heaviest assets lighter without changing what a reader sees (资源瘦身).

Two steps run after an HTML build, before :mod:`compress_assets` writes its ``.gz``
copies:

* **Icon fonts.** The theme ships Font Awesome's whole solid, regular and brands
  fonts (about 270 KB of woff2 on a first visit) for the few dozen icons the book
  shows. :func:`subset_icon_fonts` keeps in each font only the glyphs of the icons
  that a page or a script of the build names (``fa-bars``, ``fa-github``, …,
  found through the theme stylesheet's ``.fa-name:before{content:"\\fxxx"}`` rules)
  and those the stylesheets draw by themselves (the admonitions' title icons).
* **Pictures.** matplotlib writes full-colour PNGs, but a plot has few colours:
  :func:`palette_png` rewrites a picture with a palette of at most 256 colours when
  that changes it by no more than a trace (mean error under :data:`MAX_MEAN_ERROR`
  of 255 levels, and at most 1 pixel in 200 off by more than
  :data:`MAX_PIXEL_ERROR`); it is then about a third of the size. A picture that
  would change more (a photograph, a smooth gradient) is left as it is.
"""

from __future__ import annotations

import io
import logging as std_logging
import re
from pathlib import Path
from typing import Any

import numpy as np
from sphinx.application import Sphinx
from sphinx.util import logging

logger = logging.getLogger(__name__)

#: The theme's icon fonts, relative to the output folder.
ICON_FONTS = Path("_static") / "vendor" / "fontawesome" / "webfonts"

#: The stylesheet holding the icons' code points.
ICON_CSS = Path("_static") / "styles" / "pydata-sphinx-theme.css"

#: One rule of the icon stylesheet: its selectors and the code point they draw.
ICON_RULE = re.compile(r'([^{}]+)\{content:"\\(f[0-9a-f]{3})"\}')

#: An icon class's selector in such a rule.
ICON_SELECTOR = re.compile(r"\s*\.(fa-[a-z0-9-]+):(?::)?before\s*")

#: A code point of the icon fonts (Unicode's private use area) in a stylesheet, escaped or as it is.
PRIVATE_USE = re.compile(r"\\(f[0-9a-f]{3})(?![0-9a-f])|([\ue000-\uf8ff])")

#: An icon's class in a page or a script.
ICON_NAME = re.compile(r"\bfa-[a-z0-9-]+")

#: Thresholds of :func:`palette_png`, in levels of 0–255.
MAX_MEAN_ERROR = 1.0
MAX_PIXEL_ERROR = 24
#: The share of pixels allowed beyond :data:`MAX_PIXEL_ERROR` (antialiased edges of thin lines).
MAX_OFF_SHARE = 0.005


def _uncommented(css: str) -> str:
    return re.sub(r"/\*.*?\*/", "", css, flags=re.S)


def icon_code_points(css: str) -> dict[str, int]:
    """Each icon class of the theme's stylesheet (``fa-bars``) → the code point its ``:before`` draws."""
    points: dict[str, int] = {}
    for selectors, point in ICON_RULE.findall(_uncommented(css)):
        for selector in selectors.split(","):
            match = ICON_SELECTOR.fullmatch(selector)
            if match:
                points[match.group(1)] = int(point, 16)
    return points


def drawn_by_stylesheet(css: str) -> set[int]:
    """The icon code points a stylesheet draws by itself, whatever the pages' classes.

    The theme's own icons: the admonitions' title icons (``--pst-icon-*`` variables),
    the arrow of the page's contents; every code point of the private use area that
    the stylesheet writes outside the per-class rules of :func:`icon_code_points`.
    """

    def drop_class_rule(match: re.Match[str]) -> str:
        return "" if all(ICON_SELECTOR.fullmatch(s) for s in match.group(1).split(",")) else match.group(0)

    rest = ICON_RULE.sub(drop_class_rule, _uncommented(css))
    return {int(escaped, 16) if escaped else ord(char) for escaped, char in PRIVATE_USE.findall(rest)}


def used_icons(root: Path) -> set[str]:
    """The icon classes named by the built pages and scripts (Font Awesome's own script excluded)."""
    names: set[str] = set()
    for path in root.rglob("*"):
        if path.suffix in (".html", ".js") and path.name != "fontawesome.js" and path.is_file():
            names.update(ICON_NAME.findall(path.read_text(encoding="utf-8", errors="ignore")))
    return names


def subset_icon_fonts(root: Path) -> tuple[int, int, int]:
    """Keep in the theme's icon fonts only the glyphs the build uses (see the module docstring).

    Returns
    -------
    glyphs, bytes_before, bytes_after : int
        How many code points were kept, and the woff2 fonts' total size before and after.

    Raises
    ------
    RuntimeError
        If an icon that a page names or a stylesheet draws is a code point no font holds
        (a reader would see the missing-glyph box).
    """
    from fontTools import subset
    from fontTools.ttLib import TTFont

    std_logging.getLogger("fontTools").setLevel(std_logging.WARNING)  # not a line per table pruned

    css_path, fonts = root / ICON_CSS, sorted((root / ICON_FONTS).glob("*.woff2"))
    if not css_path.is_file() or not fonts:
        return 0, 0, 0
    points = icon_code_points(css_path.read_text(encoding="utf-8"))
    keep_set = {points[name] for name in used_icons(root) if name in points}
    for css in (root / "_static").rglob("*.css"):
        keep_set |= drawn_by_stylesheet(css.read_text(encoding="utf-8", errors="ignore"))
    keep = sorted(keep_set)
    before = after = 0
    held: set[int] = set()
    for woff2 in fonts:
        font = TTFont(woff2)
        held |= set(font.getBestCmap()) & set(keep)
        options = subset.Options()
        options.flavor = "woff2"
        options.layout_features = ["*"]
        options.name_IDs = ["*"]
        options.notdef_outline = True
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=keep)
        subsetter.subset(font)
        before += woff2.stat().st_size
        font.flavor = "woff2"
        font.save(woff2)
        after += woff2.stat().st_size
        truetype = woff2.with_suffix(".ttf")
        if truetype.is_file():
            font.flavor = None
            font.save(truetype)
    missing = [f"{p:x}" for p in keep if p not in held]
    if missing:
        raise RuntimeError(f"icon code points in no font of {ICON_FONTS}: {missing}")
    return len(keep), before, after


def palette_png(data: bytes) -> bytes | None:
    """``data`` (a PNG) with a palette of at most 256 colours, or ``None`` if that would change it visibly.

    Also ``None`` if the picture has a palette already, is transparent anywhere, or would not get smaller.
    """
    from PIL import Image

    image = Image.open(io.BytesIO(data))
    if image.mode in ("P", "L", "1"):
        return None
    if image.mode == "RGBA" and image.getchannel("A").getextrema()[0] < 255:
        return None
    rgb = image.convert("RGB")
    quantized = rgb.quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    error = np.abs(np.asarray(quantized.convert("RGB"), dtype=np.int16) - np.asarray(rgb, dtype=np.int16)).max(axis=2)
    if error.mean() > MAX_MEAN_ERROR or np.mean(error > MAX_PIXEL_ERROR) > MAX_OFF_SHARE:
        return None
    out = io.BytesIO()
    quantized.save(out, format="png", optimize=True)
    return out.getvalue() if out.tell() < len(data) else None


def palette_pictures(root: Path) -> tuple[int, int, int]:
    """Rewrite every PNG under ``root/_images`` with a palette where :func:`palette_png` allows it.

    Returns
    -------
    files, bytes_before, bytes_after : int
        How many pictures were rewritten, and their total size before and after.
    """
    files = before = after = 0
    for path in sorted((root / "_images").rglob("*.png")):
        data = path.read_bytes()
        slim = palette_png(data)
        if slim is not None:
            path.write_bytes(slim)
            files, before, after = files + 1, before + len(data), after + len(slim)
    return files, before, after


def slim_html_output(app: Sphinx, exception: Exception | None) -> None:
    """After an HTML build, subset the icon fonts and give the pictures palettes; say what it saved."""
    if exception is not None or app.builder.format != "html":
        return
    root = Path(app.outdir)
    glyphs, font_before, font_after = subset_icon_fonts(root)
    files, before, after = palette_pictures(root)
    logger.info(
        f"icon fonts: {glyphs} glyphs kept, {font_before / 1e3:.0f} KB → {font_after / 1e3:.0f} KB; "
        f"{files} pictures with a palette: {before / 1e6:.2f} MB → {after / 1e6:.2f} MB"
    )


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the step after :mod:`inline_images` (800) and before :mod:`compress_assets` (900)."""
    app.connect("build-finished", slim_html_output, priority=850)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
