"""Calibration: simulated summary statistics land within the cited figures they are built on.

Each function below names the benchmark IDs it checks (see ``shared/research/domain-benchmarks.md``).
Engineers adding engine pieces append their own, clearly separate functions.
"""

from __future__ import annotations

import numpy as np
import pytest

from smmlab.sim import (
    Growth,
    benchmarks,
    organic_reach_share_by_year,
    simulate_growth,
    simulate_reach_by_year,
)
from smmlab.sim.audience import REACH_ANCHORS
from smmlab.sim.platforms import Platform, engagement_rate_by_platform, northwind_platforms, simulate_posts

# ---- lessons 00, 02, 05: growth (ENG6), organic reach by year (RCH1-RCH3), engagement (ENG1) ---


def test_calibration_organic_follower_growth_is_about_two_percent_a_month():
    """ENG6: organic follower growth about 2% a month (typical content, posted as planned)."""
    growth = [
        simulate_growth(Growth(), months=36, seed=seed).summary()["mean_growth_per_month"]
        for seed in range(5)
    ]
    assert np.mean(growth) == pytest.approx(benchmarks.value("organic_follower_growth_month"), rel=0.05)
    assert all(0.018 <= rate <= 0.022 for rate in growth)


@pytest.mark.parametrize(("date", "key"), REACH_ANCHORS, ids=[key for _date, key in REACH_ANCHORS])
def test_calibration_organic_reach_passes_through_each_cited_figure(date, key):
    """RCH1 (16% 2012, 12.05% Oct 2013, 6.15% Feb 2014) and RCH3 (7.7%, 5.5%, 5.2% in 2018-2020)."""
    assert float(organic_reach_share_by_year(date)) == pytest.approx(benchmarks.value(key), rel=1e-9)


def test_calibration_simulated_reach_by_year_matches_the_cited_yearly_figures():
    """RCH1/RCH3: the simulated share of followers reached per post, by calendar year."""
    cited = {2012: 0.16, 2018: 0.077, 2019: 0.055, 2020: 0.052}
    table = simulate_reach_by_year(list(cited), followers=100_000, posts_per_week=5, seed=11).set_index(
        "year"
    )
    for year, share in cited.items():
        assert table.loc[year, "measured_share"] == pytest.approx(share, rel=0.02), year


def test_calibration_reach_drop_around_dec_2013_is_consistent_with_the_algorithm_shock():
    """RCH2: -44% in one week after Dec 2013; RCH1's Oct 2013 -> Feb 2014 fall includes that shock."""
    before, after = organic_reach_share_by_year(np.array([2013 + 9.5 / 12, 2014 + 1.5 / 12]))
    drop = 1 - after / before
    assert benchmarks.value("reach_shock_dec_2013") <= drop <= benchmarks.value("reach_shock_dec_2013") + 0.1


@pytest.mark.parametrize("platform", ["Facebook", "Instagram", "Twitter", "TikTok"])
def test_calibration_median_engagement_rate_by_platform_matches_eng1(platform):
    """ENG1: median engagement per post (engagements / followers) by platform, Rival IQ 2023."""
    cited = benchmarks.value(f"engagement_rate_{platform.lower()}")
    # A large account removes count rounding; many weeks make the median precise.
    accounts = {platform: Platform(followers=2_000_000, posts_per_week=7, engagement_rate=cited)}
    posts = simulate_posts(accounts, weeks=100, seed=8)
    assert engagement_rate_by_platform(posts)[platform] == pytest.approx(cited, rel=0.1)


def test_calibration_northwind_posting_rates_match_eng2_and_eng4():
    """ENG2/ENG4: brands post about 4.7 (Facebook), 4.5 (Instagram), 3.9 (Twitter) times a week."""
    posts = simulate_posts(northwind_platforms(), weeks=200, seed=9)
    per_week = posts.groupby("platform").size() / 200
    for platform, key in [
        ("Facebook", "posts_per_week_facebook"),
        ("Instagram", "posts_per_week_instagram"),
        ("Twitter", "posts_per_week_twitter"),
    ]:
        assert per_week[platform] == pytest.approx(benchmarks.value(key), rel=0.05)


# ---- Lesson 04: incidents and the event study (CRIS1, CRIS4, TRUST3) ---------------------------


def _many_incident_studies(series: int = 30):
    import pandas as pd

    from smmlab.sim.eventstudy import event_study
    from smmlab.sim.incidents import simulate_sales

    tables = []
    for seed in range(series):
        history = simulate_sales(seed=1000 + seed)
        summary = event_study(history.daily, history.incidents).summary
        tables.append(summary.assign(response_quality=history.incidents["response_quality"].to_numpy()))
    return pd.concat(tables, ignore_index=True)


def test_calibration_most_mishaps_do_not_move_sales_and_fewer_than_cris1_long_term_drops():
    """KARR #4 and CRIS1: most mishaps leave sales untouched; significant drops stay below the 40% of
    firestorms that dented perception in the long term, yet above the 2.5% chance rate."""
    studies = _many_incident_studies()
    drops = (studies["significant"] & (studies["car"] < 0)).mean()
    assert studies["significant"].mean() < 0.5
    assert 0.05 < drops < benchmarks.value("firestorm_long_term_drop_share")


def test_calibration_winners_and_losers_split_by_response_as_in_cris4_and_trust3():
    """CRIS4: crises split firms into winners and losers; TRUST3: admitting and fixing wins trust back."""
    studies = _many_incident_studies()
    poor = studies[studies["response_quality"] < 1 / 3]
    good = studies[studies["response_quality"] > 2 / 3]
    poor_drop = (poor["significant"] & (poor["car"] < 0)).mean()
    good_drop = (good["significant"] & (good["car"] < 0)).mean()
    good_rise = (good["significant"] & (good["car"] > 0)).mean()
    assert poor_drop > 3 * good_drop
    assert good_rise > 0.05  # winners exist among well-handled mishaps
    # The best-case gain and worst-case loss keep CRIS4's 20:30 ratio.
    from smmlab.sim.incidents import Incidents

    incidents = Incidents()
    assert incidents.echo_share / incidents.loss_share == pytest.approx(
        benchmarks.value("crisis_winner_gain") / benchmarks.value("crisis_loser_loss")
    )
    assert incidents.trust_regain_share == benchmarks.value("trust_regain_share")


# ---- Lesson 03: routing the inbox (RESP1, CARE5) -----------------------------------------------


def test_calibration_reply_time_curve_matches_resp1_end_points_and_average():
    """RESP1: +$20 within 6 minutes, +$2.33 after 60; any reply +$8.98 with a median of about 22 minutes."""
    from smmlab.sim.routing import Payoff

    payoff = Payoff()
    assert payoff.wtp_gain(np.array([1.0, 6.0]))[1] == pytest.approx(benchmarks.value("wtp_reply_fast"))
    assert payoff.wtp_gain(np.array([60.0, 600.0])).tolist() == pytest.approx([2.33, 2.33])
    # Reply times spread around a 22-minute median (log-normal, spread of a factor of about 3) average
    # close to the cited $8.98.
    rng = np.random.default_rng(1)
    replies = np.exp(rng.normal(np.log(22), 1.1, 100_000))
    average = float(payoff.wtp_gain(replies).mean())
    assert average == pytest.approx(benchmarks.value("wtp_reply_any"), rel=0.25)


def test_calibration_routing_inbox_rate_matches_care5():
    """CARE5: 39 messages per 1,000 followers a month reach the routed inbox too."""
    from smmlab.sim.routing import simulate_inbox

    inbox = simulate_inbox(weeks=26, seed=4)
    followers = benchmarks.value("routing_followers")
    per_1000_month = len(inbox.messages) / (followers / 1000) / (26 * 12 / 52)
    assert per_1000_month == pytest.approx(benchmarks.value("inbound_per_1000_followers_month"), rel=0.03)
