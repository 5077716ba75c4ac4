"""Which hint comes next (domain.drills.next_hint): the ladder, unless the judge named a
mistake one of the hints is about (issue 20)."""

from __future__ import annotations

import pytest

from flashdeck.domain.drills import next_hint


@pytest.mark.parametrize(("shown", "total", "about", "expected"), [
    ([], 4, None, 1),
    ([1, 2], 4, None, 3),
    ([], 4, 3, 3),  # the hint about the named mistake, out of turn
    ([1], 4, 3, 3),
    ([1, 3], 4, 3, 2),  # already shown: the ladder again
    ([1, 3, 2], 4, None, 4),
    ([1, 2, 3, 4], 4, 2, None),  # none left
    ([], 2, 5, 1),  # a hint number beyond the drill's hints is ignored
    ([], 0, None, None),
])
def test_next_hint(shown, total, about, expected):
    assert next_hint(shown, total, about) == expected
