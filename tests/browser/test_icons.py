"""Every icon a page shows is drawn by the icon font, which the build cuts to the icons used (_ext/slim_assets.py).

On every page, each element whose ``::before``/``::after`` draws a private-use
character in a Font Awesome family (the header's buttons, the admonitions'
title icons, the contents' arrow) is drawn on a canvas in its own font, beside a
character no icon font holds. A character the font lacks is drawn as the font's
"missing glyph" box (Chromium shows it in the page as well); a glyph the subset
dropped would be drawn as that box too, and the two drawings would be the same.
The fonts that make the icons are also small: the subset, not the theme's
270 KB of woff2.
"""

from __future__ import annotations

import pytest
from bookpages import open_page, toc_pages

PAGES = [p for p in toc_pages() if p != "genindex.html"]

#: Every (character, font) the page's pseudo-elements draw in an icon font, each checked on a canvas.
ICONS_DRAWN = """async () => {
  const found = new Map();
  for (const el of document.querySelectorAll("body *")) {
    for (const pseudo of ["::before", "::after"]) {
      const style = getComputedStyle(el, pseudo);
      const text = style.content.replace(/^"|"$/g, "");
      if (!/Font Awesome/.test(style.fontFamily) || !/^[\\ue000-\\uf8ff]$/.test(text)) continue;
      found.set(text + style.fontWeight + style.fontFamily, [text, style.fontWeight, style.fontFamily]);
    }
  }
  const canvas = document.createElement("canvas");
  canvas.width = canvas.height = 48;
  const ctx = canvas.getContext("2d", {willReadFrequently: true});
  const ink = (font, text) => {
    ctx.clearRect(0, 0, 48, 48);
    ctx.font = font;
    ctx.fillText(text, 4, 40);
    return Array.from(ctx.getImageData(0, 0, 48, 48).data).join(",");
  };
  const NO_GLYPH = "\\u{10FFFD}";  // private use, plane 16: in no icon font
  const result = [];
  for (const [text, weight, family] of found.values()) {
    const font = `${weight} 36px ${family}`;
    await document.fonts.load(font, text);
    result.push({code: text.codePointAt(0).toString(16), family,
                 own: ink(font, text) !== ink(font, NO_GLYPH)});
  }
  return result;
}"""


@pytest.mark.parametrize("page_path", PAGES)
def test_every_icon_is_drawn_by_its_font(browser, book_url: str, page_path: str) -> None:
    page = open_page(browser, book_url, page_path).page
    icons = page.evaluate(ICONS_DRAWN)
    assert icons, "the header's buttons draw icons on every page"
    missing = [f"{i['code']} ({i['family']})" for i in icons if not i["own"]]
    assert not missing, f"icons drawn as the icon font's missing-glyph box: {missing}"


def test_the_icon_fonts_are_the_subset(built_book) -> None:
    fonts = sorted((built_book / "_static" / "vendor" / "fontawesome" / "webfonts").glob("*.woff2"))
    assert len(fonts) == 3
    assert sum(f.stat().st_size for f in fonts) < 20_000, [(f.name, f.stat().st_size) for f in fonts]
