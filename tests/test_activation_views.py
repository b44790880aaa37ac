from matplotlib.figure import Figure

from nnmath.activation_views import activation_figure


def test_activation_figure_has_three_functions_and_their_derivatives():
    fig = activation_figure()
    assert isinstance(fig, Figure)
    assert len(fig.axes) == 6
