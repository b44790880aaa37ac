"""The shape explorer of chapter 3 (形状探索器) moved to :mod:`nnmath.views.shape_explorer`.

It is drawn in the browser now (live and static); this module keeps chapter 3's
import line working until the chapter imports it from there, and then goes.
"""

from nnmath.views.shape_explorer import MAX_SIZE, Sizes, shape_explorer

__all__ = ["MAX_SIZE", "Sizes", "shape_explorer"]
