"""Content formats by platform: the response matrix and format plans (property-based)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from smmlab.sim import benchmarks
from smmlab.sim.formats import (
    FORMATS,
    HOME_PLATFORM,
    best_formats,
    expected_engagements,
    response_matrix,
    simulate_format_posts,
)
from smmlab.sim.platforms import northwind_platforms

FAST = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
NAMES = list(northwind_platforms())


def test_matrix_comes_from_labelled_assumptions():
    matrix = response_matrix()
    assert list(matrix.index) == NAMES and list(matrix.columns) == list(FORMATS)
    for name in NAMES:
        for fmt in FORMATS:
            assert benchmarks.get(f"format_{name.lower()}_{fmt}").assumption
    assert best_formats()["TikTok"] == "video"


def test_arguments_are_validated():
    with pytest.raises(ValueError, match=r"names no format for \['TikTok'\]"):
        expected_engagements({"Facebook": "video", "Instagram": "video", "Twitter": "text"})
    with pytest.raises(ValueError, match=r"not among the allowed formats"):
        simulate_format_posts(plan=dict.fromkeys(NAMES, "podcast"))
    with pytest.raises(ValueError, match=r"crosspost_penalty = 2 is outside the allowed range \[0, 1\]"):
        simulate_format_posts(crosspost_penalty=2)
    with pytest.raises(ValueError, match=r"names unknown platforms \['MySpace'\]"):
        simulate_format_posts(plan=dict.fromkeys(NAMES, "video"), identical_copy=["MySpace"])


@FAST
@given(fmt=st.sampled_from(FORMATS), penalty=st.floats(0, 1))
def test_tailoring_never_loses_to_one_message_everywhere(fmt, penalty):
    one_size = expected_engagements(dict.fromkeys(NAMES, fmt), identical_copy=True, crosspost_penalty=penalty)
    tailored = expected_engagements(best_formats())
    assert (tailored >= one_size - 1e-9).all()
    # The home platform's copy was written for it: no penalty there.
    native = expected_engagements(dict.fromkeys(NAMES, fmt))
    assert one_size[HOME_PLATFORM] == pytest.approx(native[HOME_PLATFORM])


@FAST
@given(weeks=st.integers(1, 30), seed=st.integers(0, 2**32 - 1), random_plan=st.booleans())
def test_posts_are_a_tidy_table(weeks, seed, random_plan):
    plan = None if random_plan else best_formats()
    posts = simulate_format_posts(plan=plan, weeks=weeks, seed=seed)
    assert list(posts.columns) == [
        "post_id",
        "platform",
        "week",
        "day",
        "format",
        "copy",
        "followers",
        "engagements",
    ]
    assert posts["week"].between(0, weeks - 1).all()
    assert set(posts["format"]) <= set(FORMATS)
    assert (posts["engagements"] <= posts["followers"]).all() and (posts["engagements"] >= 0).all()
    again = simulate_format_posts(plan=plan, weeks=weeks, seed=seed)
    assert posts.equals(again)


def test_median_rate_of_each_platforms_median_format_matches_its_multiplier():
    """Medians of simulated rates follow ENG1's median times the format multiplier."""
    posts = simulate_format_posts(plan=dict.fromkeys(NAMES, "image"), weeks=400, seed=2)
    rate = (posts["engagements"] / posts["followers"]).groupby(posts["platform"]).median()
    platforms = northwind_platforms()
    matrix = response_matrix()
    for name in ("Instagram", "TikTok"):  # enough engagements per post for Poisson noise to be small
        expected = platforms[name].engagement_rate * matrix.loc[name, "image"]
        assert rate[name] == pytest.approx(expected, rel=0.1)
