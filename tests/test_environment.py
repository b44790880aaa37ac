import subprocess

from nnmath import environment


def test_the_project_font_is_found():
    assert environment.find_cjk_font() in environment.CJK_FONTS


def test_ensure_cjk_font_installs_nothing_when_a_font_is_there(monkeypatch):
    def no_subprocess(*args, **kwargs):
        raise AssertionError("must not run apt-get when a CJK font is installed")

    monkeypatch.setattr(subprocess, "run", no_subprocess)
    assert environment.ensure_cjk_font() == environment.find_cjk_font()


def test_ensure_cjk_font_says_what_to_do_when_it_cannot_install(monkeypatch, capsys):
    monkeypatch.setattr(environment, "find_cjk_font", lambda: None)
    monkeypatch.setattr(environment.shutil, "which", lambda name: None)
    assert environment.ensure_cjk_font() is None
    message = capsys.readouterr().out
    assert "fonts-wqy-microhei" in message
    assert "中文字体" in message


def test_no_retina_figures_outside_ipython():
    assert environment.use_retina_figures() is False


def test_retina_figures_have_twice_the_pixels_at_the_same_size():
    import base64
    import io

    import matplotlib
    from IPython.core.interactiveshell import InteractiveShell
    from matplotlib.figure import Figure
    from PIL import Image

    shell = InteractiveShell.instance()
    try:
        assert environment.use_retina_figures() is True
        fig = Figure(figsize=(4, 2), dpi=matplotlib.rcParams["figure.dpi"])
        fig.add_subplot().plot([0, 1], [1, 0])
        data, metadata = shell.display_formatter.format(fig)
        width, height = Image.open(io.BytesIO(base64.b64decode(data["image/png"]))).size
        shown = metadata["image/png"]
        assert (shown["width"], shown["height"]) == (width // 2, height // 2)
        # the inline backend trims the figure's empty margins ("tight" bounding box)
        assert 0.8 * 4 * fig.dpi <= shown["width"] <= 4 * fig.dpi, "the figure keeps its size on the page"
    finally:
        InteractiveShell.clear_instance()
