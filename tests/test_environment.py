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
