"""The environment a chapter runs in (运行环境): a CJK font and sharp figures, wherever the notebook is opened.

Locally, on Binder and in CI the font comes from Debian's ``fonts-wqy-microhei``
(``scripts/setup.sh``, ``apt.txt``). When a chapter is opened alone, for example
on Colab, its first (hidden) cell calls :func:`ensure_cjk_font`, which installs
the font with ``apt-get`` when it can, and otherwise says what to do. The same
call makes the inline figures sharp on 2× (retina) screens, such as phones.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import warnings

#: CJK fonts in order of preference; WenQuanYi Micro Hei is the one the
#: project installs everywhere (Debian's ``fonts-wqy-microhei``, 2 MB).
CJK_FONTS = ("WenQuanYi Micro Hei", "Noto Sans CJK SC", "Source Han Sans SC", "SimHei")

#: Where Debian puts the WenQuanYi fonts.
WQY_FILES = "/usr/share/fonts/truetype/wqy/*.tt[cf]"


def find_cjk_font() -> str | None:
    """The first installed font of :data:`CJK_FONTS` (中文字体) that matplotlib knows, or None."""
    from matplotlib import font_manager

    installed = {f.name for f in font_manager.fontManager.ttflist}
    return next((name for name in CJK_FONTS if name in installed), None)


def use_retina_figures() -> bool:
    """Draw inline figures with twice the pixels (高清插图), for 2× screens; return whether it applied.

    In an IPython kernel, matplotlib's inline backend then stores each figure
    as a PNG with twice the pixels in each direction and its display size in
    the output's metadata, so the figure keeps its size on the page and its
    labels stay sharp on a phone. Outside IPython nothing changes.
    """
    from IPython import get_ipython

    shell = get_ipython()
    if shell is None:
        return False
    from matplotlib_inline.config import InlineBackend

    # The backend's configuration, not only today's formatters: importing pyplot later
    # re-applies the configured formats (as ``%config InlineBackend.figure_formats`` does).
    # matplotlib-inline 0.2 still reacts to the change with an old-style traitlets handler,
    # which traitlets reports as a DeprecationWarning about matplotlib-inline itself.
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", "InlineBackend.* is deprecated in traitlets", DeprecationWarning)
        config = InlineBackend.instance(parent=shell)
        config.shell = shell  # so that the change applies at once, before pyplot is imported
        config.figure_formats = {"retina"}
    return True


def ensure_cjk_font() -> str | None:
    """Make sure matplotlib has a CJK font (确保有中文字体) and sharp inline figures; return the font's name.

    Inline figures are drawn for 2× screens (:func:`use_retina_figures`).
    If no CJK font is installed and this is a Debian-like system where we are root
    (as on Colab), install ``fonts-wqy-microhei`` with ``apt-get`` and register
    it with matplotlib. Otherwise print, in Chinese, how to install one, and
    return None: the chapter still runs, but Chinese labels show as boxes.
    """
    from matplotlib import font_manager

    use_retina_figures()
    font = find_cjk_font()
    if font is not None:
        return font
    if shutil.which("apt-get") and hasattr(os, "geteuid") and os.geteuid() == 0:
        subprocess.run(["apt-get", "update", "-qq"], capture_output=True, check=False)
        subprocess.run(["apt-get", "install", "-y", "-qq", "fonts-wqy-microhei"], capture_output=True, check=False)
        for path in glob.glob(WQY_FILES):
            font_manager.fontManager.addfont(path)
        font = find_cjk_font()
    if font is None:
        print(
            "没有找到中文字体，图中的中文会显示成方框。请安装文泉驿微米黑字体："
            "Debian/Ubuntu 上运行 `sudo apt-get install fonts-wqy-microhei`，然后重启内核。"
        )
    return font
