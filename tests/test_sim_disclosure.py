"""Disclosed vs hidden sponsorship: validation, determinism and the invariants lesson 19 relies on."""

from __future__ import annotations

import dataclasses
import itertools
import math

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from smmlab.sim import benchmarks
from smmlab.sim.disclosure import Sponsorship, chance_found_out, simulate_sponsorship

FAST = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
shares = st.floats(0, 1, allow_nan=False)
BOUNDED = [spec for spec in dataclasses.fields(Sponsorship) if "low" in spec.metadata]


def test_sim_disclosure_defaults_come_from_benchmarks():
    for key in Sponsorship.benchmark_keys():
        benchmarks.get(key)
    defaults = Sponsorship()
    assert defaults.start_trust == benchmarks.value("trust_brand_site_2015")
    assert defaults.regain_share == benchmarks.value("trust_regain_share")
    assert defaults.response == "admit"


@pytest.mark.parametrize("spec", BOUNDED, ids=lambda spec: spec.name)
def test_sim_disclosure_bad_values_name_parameter_value_and_range(spec):
    meta = spec.metadata
    for bad in (math.nan, "ten", meta["high"] * 2 + 1, meta["low"] - 1):
        with pytest.raises(ValueError) as error:
            Sponsorship(**{spec.name: bad})
        message = str(error.value)
        assert f"Sponsorship.{spec.name}" in message and repr(bad) in message and "allowed range" in message


def test_sim_disclosure_other_arguments_are_validated():
    with pytest.raises(
        ValueError, match=r"Sponsorship\.response = 'apologise' is not one of the allowed values"
    ):
        Sponsorship(response="apologise")
    with pytest.raises(ValueError, match=r"months = 0 is outside the allowed range \[1, 1200\]"):
        simulate_sponsorship(months=0)
    with pytest.raises(ValueError, match=r"futures = 2.5 must be a whole number"):
        simulate_sponsorship(futures=2.5)
    with pytest.raises(ValueError, match=r"seed = -1 is outside"):
        simulate_sponsorship(seed=-1)
    with pytest.raises(ValueError, match=r"discovery_chance = 1.5 is outside the allowed range \[0, 1\]"):
        chance_found_out(1.5, 12)


@FAST
@given(seed=st.integers(0, 2**32 - 1), months=st.integers(1, 60), response=st.sampled_from(["admit", "deny"]))
def test_sim_disclosure_same_seed_same_futures(seed, months, response):
    sponsorship = Sponsorship(response=response)
    first = simulate_sponsorship(sponsorship, months=months, futures=50, seed=seed).table()
    second = simulate_sponsorship(sponsorship, months=months, futures=50, seed=seed).table()
    assert first.equals(second)
    assert len(first) == 2 * 50 * months
    assert set(first.columns) == {"future", "month", "strategy", "found_out", "trust", "sales"}


@FAST
@given(
    chance=shares,
    penalty=shares,
    loss=shares,
    response=st.sampled_from(["admit", "deny"]),
    seed=st.integers(0, 1000),
)
def test_sim_disclosure_invariants(chance, penalty, loss, response, seed):
    sponsorship = Sponsorship(
        discovery_chance=chance, disclosure_penalty=penalty, trust_loss=loss, response=response
    )
    result = simulate_sponsorship(sponsorship, months=24, futures=100, seed=seed)
    hidden, disclosed = result.trust["hidden"], result.trust["disclosed"]
    # Disclosure keeps trust where it started; hiding can only lose it, never gain beyond the start.
    assert (disclosed == sponsorship.start_trust).all()
    assert (hidden >= 0).all() and (hidden <= sponsorship.start_trust + 1e-12).all()
    # Found out is cumulative; before the first exposure, hidden trust is untouched.
    assert (np.diff(result.found_out.astype(int), axis=1) >= 0).all()
    first_month = hidden[:, 0]
    assert (first_month == sponsorship.start_trust).all()
    for strategy in ("hidden", "disclosed"):
        assert np.isfinite(result.sales[strategy]).all() and (result.sales[strategy] >= 0).all()
    summary = result.summary()
    assert all(math.isfinite(value) for value in summary.values())
    assert 0 <= summary["hiding_ahead_share"] <= 1
    # In month 1 nobody has been caught yet: hiding sells at least as much, future by future.
    assert (result.sales["hidden"][:, 0] >= result.sales["disclosed"][:, 0] - 1e-9).all()


def test_sim_disclosure_never_found_out_means_hiding_gains_exactly_the_label_cost():
    sponsorship = Sponsorship(discovery_chance=0.0)
    result = simulate_sponsorship(sponsorship, months=12, futures=20, seed=1)
    assert not result.found_out.any()
    gain = result.sales["hidden"] - result.sales["disclosed"]
    noise = result.sales["disclosed"] / (
        sponsorship.base_sales_month * (1 + sponsorship.campaign_lift * (1 - sponsorship.disclosure_penalty))
    )
    expected = (
        sponsorship.base_sales_month * sponsorship.campaign_lift * sponsorship.disclosure_penalty * noise
    )
    np.testing.assert_allclose(gain, expected)
    assert result.summary()["break_even_month"] == 0


def test_sim_disclosure_exposure_rate_matches_the_exact_formula():
    result = simulate_sponsorship(Sponsorship(discovery_chance=0.05), months=36, futures=20_000, seed=3)
    exact = chance_found_out(0.05, 36)
    assert exact == pytest.approx(1 - 0.95**36)
    assert result.summary()["found_out_share"] == pytest.approx(exact, abs=0.01)
    monthly = result.found_out.mean(axis=0)
    np.testing.assert_allclose(monthly, [chance_found_out(0.05, m) for m in range(1, 37)], atol=0.012)


def test_sim_disclosure_admitting_recovers_to_the_regain_ceiling_and_denying_does_not():
    always = Sponsorship(discovery_chance=1.0, trust_loss=0.4)
    admitted = simulate_sponsorship(always, months=120, futures=5, seed=0)
    start, loss = always.start_trust, always.trust_loss
    ceiling = start - (1 - always.regain_share) * loss * start
    assert admitted.trust["hidden"][0, 1] == pytest.approx(start * (1 - loss))
    assert admitted.trust["hidden"][0, -1] == pytest.approx(ceiling, rel=1e-3)
    assert (admitted.exposures == 1).all()
    denied = simulate_sponsorship(always.replace(response="deny"), months=6, futures=5, seed=0)
    assert denied.trust["hidden"][0, 5] == pytest.approx(start * (1 - loss) ** 5)
    assert (denied.exposures == 6).all()


def test_sim_disclosure_more_risk_means_lower_expected_sales_of_hiding():
    gaps = [
        simulate_sponsorship(Sponsorship(discovery_chance=chance), months=36, futures=2000, seed=4).summary()[
            "sales_gap"
        ]
        for chance in (0.0, 0.02, 0.05, 0.1, 0.2)
    ]
    assert gaps[0] > 0 and all(a > b for a, b in itertools.pairwise(gaps))
