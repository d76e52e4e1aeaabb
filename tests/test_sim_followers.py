"""Real and bought followers: validation, determinism and the properties lesson 11 teaches."""

from __future__ import annotations

import dataclasses
import math

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from smmlab.sim import benchmarks
from smmlab.sim.followers import (
    AccountTraits,
    Page,
    precision_recall,
    simulate_accounts,
    simulate_page,
    username_digits,
)

FAST = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.mark.parametrize(
    ("cls", "name", "meta"),
    [(cls, spec.name, spec.metadata) for cls in (AccountTraits, Page) for spec in dataclasses.fields(cls)],
    ids=lambda value: getattr(value, "__name__", value) if not isinstance(value, dict) else "",
)
def test_sim_followers_bad_values_name_parameter_value_and_range(cls, name, meta):
    for bad in (math.nan, "many", meta["high"] * 2 + 1, meta["low"] - 1):
        with pytest.raises(ValueError) as error:
            cls(**{name: bad})
        message = str(error.value)
        assert f"{cls.__name__}.{name}" in message and repr(bad) in message and "allowed range" in message


def test_sim_followers_function_arguments_are_validated():
    with pytest.raises(ValueError, match=r"bought = -1 is outside the allowed range"):
        simulate_accounts(10, -1)
    with pytest.raises(ValueError, match=r"bought_from_week = 30 is outside the allowed range \[0, 26\]"):
        simulate_page(weeks=26, bought_from_week=30)
    with pytest.raises(ValueError, match=r"posts_per_week = 0 is outside"):
        simulate_page(posts_per_week=0)
    with pytest.raises(ValueError, match="must match"):
        precision_recall([True, False], [True])


def test_sim_followers_defaults_come_from_benchmarks():
    for cls in (AccountTraits, Page):
        for key in cls.benchmark_keys():
            benchmarks.get(key)


@FAST
@given(real=st.integers(0, 300), bought=st.integers(0, 300), seed=st.integers(0, 2**32 - 1))
def test_sim_followers_accounts_are_seeded_and_well_formed(real, bought, seed):
    accounts = simulate_accounts(real, bought, seed=seed)
    assert len(accounts) == real + bought and int(accounts["bought"].sum()) == bought
    assert accounts.equals(simulate_accounts(real, bought, seed=seed))
    assert (accounts[["followers", "posts"]] >= 0).all().all() and (accounts["following"] >= 1).all()
    assert (accounts["account_age_days"] >= 1).all()
    assert username_digits(accounts["username"]).ge(0).all()


def test_sim_followers_bought_accounts_look_like_fakes_on_every_feature():
    accounts = simulate_accounts(5000, 5000, seed=3)
    by = accounts.assign(digits=username_digits(accounts["username"])).groupby("bought")
    median = by[["followers", "following", "posts", "account_age_days"]].median()
    assert median.loc[True, "followers"] < median.loc[False, "followers"] / 5
    assert median.loc[True, "following"] > median.loc[False, "following"] * 3
    assert median.loc[True, "posts"] < median.loc[False, "posts"] / 5
    assert median.loc[True, "account_age_days"] < median.loc[False, "account_age_days"] / 3
    assert by["has_profile_picture"].mean()[True] < by["has_profile_picture"].mean()[False] - 0.3
    assert by["digits"].mean()[True] > by["digits"].mean()[False] + 2


def test_sim_followers_no_single_sign_is_perfect_but_several_together_work():
    accounts = simulate_accounts(4000, 3000, seed=5)
    single = precision_recall(accounts["following"] > 1000, accounts["bought"])
    assert single[1] < 0.8  # one warning sign misses many fakes
    ratio = accounts["followers"] < 0.1 * accounts["following"]
    signs = (
        ratio.astype(int)
        + (accounts["posts"] < 10)
        + ~accounts["has_profile_picture"]
        + (username_digits(accounts["username"]) >= 3)
        + (accounts["account_age_days"] < 365)
    )
    precision, recall = precision_recall(signs >= 3, accounts["bought"])
    assert precision > 0.95 and 0.8 < recall < 0.97  # disguised fakes stay hidden


@FAST
@given(bought=st.integers(0, 200_000), more=st.integers(1, 100_000), power=st.floats(0, 3))
def test_sim_followers_more_bought_means_more_followers_and_lower_rates(bought, more, power):
    fewer, extra = (
        Page(bought_followers=bought, boost_power=power),
        Page(bought_followers=bought + more, boost_power=power),
    )
    low, high = fewer.expected(), extra.expected()
    assert high["followers"] > low["followers"] and high["cost"] > low["cost"]
    assert high["engagement_rate"] < low["engagement_rate"]
    assert high["real_reach"] <= low["real_reach"] * (1 + 1e-12)
    if power > 0.01:
        assert high["real_reach"] < low["real_reach"]
    elif power == 0:
        assert high["real_reach"] == pytest.approx(low["real_reach"])


def test_sim_followers_page_without_purchase_matches_the_feed_defaults():
    expected = Page().expected()
    assert expected["real_reach"] == pytest.approx(
        benchmarks.value("followers") * benchmarks.value("organic_reach_share")
    )
    assert expected["engagement_rate"] == pytest.approx(expected["true_engagement_rate"])


@FAST
@given(seed=st.integers(0, 2**32 - 1), week=st.integers(0, 10))
def test_sim_followers_posts_are_seeded_and_bought_only_from_the_purchase(seed, week):
    page = Page(bought_followers=5000)
    posts = simulate_page(page, weeks=10, bought_from_week=week, seed=seed)
    assert posts.equals(simulate_page(page, weeks=10, bought_from_week=week, seed=seed))
    assert (posts.loc[posts["week"] < week, "bought"] == 0).all()
    assert (posts.loc[posts["week"] >= week, "followers"] == 25_000).all()
    assert (posts["engagements"] <= posts["real_reach"]).all()
    assert (posts["real_reach"] <= posts["impressions"]).all()
    assert np.issubdtype(posts["engagements"].dtype, np.integer)
