"""The outline distance between a picture and a drawn shape (docs/lecture.md §2's "more faithful").

References: a case worked by hand, scipy's exact Euclidean distance transform on the half-pixel
lattice the outline points live on, and invariants (zero for the same shape, symmetric, a shift
by k pixels)."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import ndimage

from algorithms.outline import outline_distance, outline_points


def _dot(h, w, r, c):
    m = np.zeros((h, w), bool)
    m[r, c] = True
    return m


def test_one_pixel_moved_two_to_the_right_by_hand():
    # outline of a pixel at (5, 5): (5, 4.5) (5, 5.5) (4.5, 5) (5.5, 5); of one at (5, 7) the same
    # two columns on. Nearest from the first: (5, 4.5) -> (5, 6.5) is 2, (5, 5.5) -> (5, 6.5) is 1,
    # (4.5, 5) and (5.5, 5) -> (5, 6.5) are sqrt(0.5^2 + 1.5^2) each; back, by symmetry, the same.
    a, b = _dot(11, 11, 5, 5), _dot(11, 11, 5, 7)
    assert sorted(map(tuple, outline_points(a))) == [(4.5, 5), (5, 4.5), (5, 5.5), (5.5, 5)]
    assert outline_distance(a, b) == pytest.approx(2 * (2 + 1 + 2 * np.sqrt(2.5)) / 8)


def _blobs(seed, h=48, w=40):
    rng = np.random.default_rng(seed)
    return ndimage.gaussian_filter(rng.random((h, w)), 3) > 0.5


def _reference(a, b):
    """Through scipy: outline points on a doubled lattice, the exact distance transform of one
    outline read at the other's points (distances halved back to pixels)."""
    def lattice(m):
        pts = (2 * (outline_points(m) + 1)).astype(int)
        grid = np.ones((2 * m.shape[0] + 3, 2 * m.shape[1] + 3), bool)
        grid[pts[:, 0], pts[:, 1]] = False
        return pts, ndimage.distance_transform_edt(grid) / 2
    pa, da = lattice(a)
    pb, db = lattice(b)
    return (db[pa[:, 0], pa[:, 1]].sum() + da[pb[:, 0], pb[:, 1]].sum()) / (len(pa) + len(pb))


@pytest.mark.parametrize("seed", range(5))
def test_equals_scipys_distance_transform(seed):
    a, b = _blobs(seed), _blobs(seed + 100)
    assert outline_distance(a, b) == pytest.approx(_reference(a, b), rel=1e-6)


def test_zero_for_the_same_shape_symmetric_and_a_shift_costs_its_length():
    a = _blobs(7)
    assert outline_distance(a, a) == 0.0
    b = _blobs(8)
    assert outline_distance(a, b) == pytest.approx(outline_distance(b, a))
    square = np.zeros((60, 60), bool)
    square[20:40, 20:40] = True
    for k in (1, 3, 6):
        moved = np.roll(square, k, axis=1)
        d = outline_distance(square, moved)
        # the left and right sides move by k; the top and bottom ones only lose or gain k points
        assert 0 < d < k and d == pytest.approx(_reference(square, moved))
    assert outline_distance(square, np.roll(square, 6, axis=1)) > \
        outline_distance(square, np.roll(square, 1, axis=1))


def test_a_missing_part_counts_by_how_far_it_is():
    body = np.zeros((40, 80), bool)
    body[10:30, 5:25] = True
    near, far = body.copy(), body.copy()
    near[18:22, 27:31] = True  # a small part just beside the body
    far[18:22, 70:74] = True  # the same part far away
    assert outline_distance(far, body) > 3 * outline_distance(near, body)


def test_edges_of_the_picture_count_as_light_and_empty_shapes():
    full = np.ones((5, 7), bool)
    assert len(outline_points(full)) == 2 * (5 + 7)
    empty = np.zeros((5, 7), bool)
    assert outline_distance(empty, empty) == 0.0
    assert outline_distance(empty, full) == np.inf
    assert outline_distance(np.eye(4, dtype=int), np.eye(4)) == 0.0  # 0/1 numbers are accepted


@pytest.mark.parametrize("a, b, words", [
    (np.zeros((4, 4), bool), np.zeros((4, 5), bool), "4 x 4 pixels but the drawn shape is 5 x 4"),
    (np.zeros(4, bool), np.zeros(4, bool), "must be a 2-D array"),
    (np.full((3, 3), 0.5), np.zeros((3, 3), bool), "only True/False"),
    (np.zeros((0, 3), bool), np.zeros((0, 3), bool), "must be a 2-D array"),
])
def test_bad_masks_are_named(a, b, words):
    with pytest.raises(ValueError, match=words):
        outline_distance(a, b)
