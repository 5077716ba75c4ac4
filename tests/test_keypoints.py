from flashdeck.domain.keypoints import coverage

POINTS = (("repetition penalty", "frequency penalty"), ("top-p", "nucleus"), ("training data",))


def test_coverage_matches_phrasings_case_and_separator_insensitively():
    result = coverage(POINTS, "I'd raise the Frequency  Penalty and lower top p.")
    assert [c.matched for c in result] == ["frequency penalty", "top-p", None]
    assert [c.covered for c in result] == [True, True, False]


def test_word_boundaries_at_the_edges_of_the_answer():
    assert coverage((("kl",),), "KL")[0].covered
    assert coverage((("training data",),), "check the training data")[0].covered


def test_empty_answer_covers_nothing():
    assert not any(c.covered for c in coverage(POINTS, ""))
