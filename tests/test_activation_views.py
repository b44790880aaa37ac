import numpy as np
import pytest
from matplotlib.figure import Figure
from support import pixels

from nnmath.activation_views import SoftmaxView, activation_figure, softmax_show


def test_activation_figure_has_three_functions_and_their_derivatives():
    fig = activation_figure()
    assert isinstance(fig, Figure)
    assert len(fig.axes) == 6


def test_static_player_sweeps_one_score():
    show = softmax_show(values=(0.0, 4.0, 8.0))
    html = show.static_html()
    assert html.count("<img ") == 3
    assert "数字 3 的分数 = 8" in html
    assert html == show.static_html()


def test_alt_text_carries_the_softmax_probabilities():
    show = softmax_show(scores=[0.0, 0.0], labels=["a", "b"], vary=0, values=(0.0,))
    (frame,) = show.frames()
    assert "a: 0.50" in frame.alt and "b: 0.50" in frame.alt  # softmax of equal scores is uniform


def test_raising_one_score_changes_the_picture():
    view = SoftmaxView([str(i) for i in range(10)])
    a = pixels(view.render(np.zeros(10)))
    x = np.zeros(10)
    x[3] = 5.0
    b = pixels(view.render(x))
    assert np.abs(a - b).mean() > 0.5


def test_live_sliders_redraw():
    show = softmax_show()
    box = show.widget()
    sliders, picture = box.children[0].children, box.children[1]
    before = picture.value
    sliders[7].value = -3.0
    assert picture.value != before


def test_bad_arguments_raise():
    with pytest.raises(ValueError, match="label"):
        softmax_show(scores=[1.0, 2.0], labels=["a"])
    with pytest.raises(ValueError, match="vary"):
        softmax_show(vary=10)
    with pytest.raises(ValueError, match=r"\(10,\)"):
        SoftmaxView([str(i) for i in range(10)]).render(np.zeros(3))
