"""Replying to comments: validation, determinism, invariants and the patience curve."""

from __future__ import annotations

import dataclasses
import math

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from smmlab.sim import Audience, benchmarks
from smmlab.sim.replies import (
    REPLY_BIN_LABELS,
    Loyalty,
    Patience,
    ReplyPolicy,
    by_reply_time,
    expected_by_median,
    simulate_replies,
)

FAST = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SMALL = Audience(followers=5_000)


@pytest.mark.parametrize(
    ("cls", "name", "meta"),
    [
        (cls, spec.name, spec.metadata)
        for cls in (Patience, ReplyPolicy, Loyalty)
        for spec in dataclasses.fields(cls)
        if "low" in spec.metadata
    ],
    ids=lambda value: getattr(value, "__name__", value) if not isinstance(value, dict) else "",
)
def test_sim_replies_bad_values_name_parameter_value_and_range(cls, name, meta):
    for bad in (math.nan, "two", meta["high"] * 2 + 1, meta["low"] - 1):
        with pytest.raises(ValueError) as error:
            cls(**{name: bad})
        message = str(error.value)
        assert f"{cls.__name__}.{name}" in message and repr(bad) in message and "allowed range" in message


def test_sim_replies_other_arguments_are_validated():
    with pytest.raises(ValueError, match=r"Loyalty.return_base \* \(1 \+ reply_lift\) = 1.5 is outside"):
        Loyalty(return_base=0.5, reply_lift=2.0)
    with pytest.raises(ValueError, match=r"reply_rate = 2 is outside the allowed range \[0, 1\]"):
        expected_by_median([1.0], 2)
    with pytest.raises(ValueError, match=r"median_reply_hours = 0.0 is outside the allowed range"):
        expected_by_median([0.0], 0.5)
    with pytest.raises(ValueError, match=r"weeks = 0 is outside the allowed range"):
        simulate_replies(weeks=0)
    with pytest.raises(ValueError, match=r"lacks the column 'reply_hours'"):
        by_reply_time(simulate_replies(audience=SMALL, weeks=1).drop(columns="reply_hours"))


def test_sim_replies_defaults_come_from_benchmarks():
    for cls in (Patience, ReplyPolicy, Loyalty):
        for key in cls.benchmark_keys():
            benchmarks.get(key)
        assert dataclasses.asdict(cls())


@FAST
@given(
    reply_rate=st.floats(0, 1),
    median=st.floats(0.05, 100),
    spread=st.floats(0, 2),
    lift=st.floats(0, 2),
    seed=st.integers(0, 2**32 - 1),
)
def test_sim_replies_invariants(reply_rate, median, spread, lift, seed):
    policy = ReplyPolicy(reply_rate=reply_rate, median_reply_hours=median, reply_spread=spread)
    comments = simulate_replies(policy, audience=SMALL, loyalty=Loyalty(reply_lift=lift), weeks=2, seed=seed)
    # Unanswered comments have no reply time, are never on time and earn no willingness to pay.
    assert comments["reply_hours"].isna().equals(~comments["replied"])
    assert not (comments["on_time"] & ~comments["replied"]).any()
    assert (comments.loc[~comments["replied"], "wtp_gain"] == 0).all()
    assert (comments["reply_hours"].dropna() > 0).all()
    table = by_reply_time(comments)
    assert list(table.index) == ["no reply", *REPLY_BIN_LABELS]
    assert table["comments"].sum() == len(comments)
    assert simulate_replies(
        policy, audience=SMALL, loyalty=Loyalty(reply_lift=lift), weeks=2, seed=seed
    ).equals(comments)


@FAST
@given(reply_rate=st.floats(0, 1), spread=st.floats(0, 2), lift=st.floats(0, 2))
def test_sim_replies_faster_replies_never_do_worse_in_expectation(reply_rate, spread, lift):
    curve = expected_by_median(
        np.geomspace(0.05, 200, 30), reply_rate, spread, loyalty=Loyalty(reply_lift=lift)
    )
    for column in ("on_time_share", "return_rate", "recommend_rate"):
        assert (np.diff(curve[column].to_numpy()) <= 1e-12).all()
        assert ((curve[column] >= 0) & (curve[column] <= 1)).all()


def test_sim_replies_simulation_agrees_with_the_expected_curve():
    policy = ReplyPolicy(reply_rate=0.7, median_reply_hours=3.0)
    comments = simulate_replies(policy, audience=Audience(followers=200_000), weeks=26, seed=5)
    expected = expected_by_median([3.0], 0.7).iloc[0]
    assert comments.loc[comments["replied"], "on_time"].mean() == pytest.approx(
        expected["on_time_share"], abs=0.01
    )
    assert comments["recommends"].mean() == pytest.approx(expected["recommend_rate"], abs=0.01)
    assert comments["returned"].mean() == pytest.approx(expected["return_rate"], abs=0.01)
