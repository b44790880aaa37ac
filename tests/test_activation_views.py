from matplotlib.figure import Figure

from nnmath.views.activations import activation_figure


def test_activation_figure_has_three_functions_and_their_derivatives():
    fig = activation_figure()
    assert isinstance(fig, Figure)
    assert len(fig.axes) == 6
