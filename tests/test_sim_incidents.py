"""Daily sales with incidents, and the event study: validation, determinism, invariants, power."""

from __future__ import annotations

import dataclasses
import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from smmlab.sim import benchmarks
from smmlab.sim.eventstudy import EventWindow, event_arrays, event_study, fit_normal_model
from smmlab.sim.incidents import DailySales, Incidents, draw_incidents, sales_arrays, simulate_sales

FAST = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
PARAM_CLASSES = [DailySales, Incidents, EventWindow]


def one_incident(severity: float, quality: float = 0.0, day: int = 150) -> pd.DataFrame:
    return pd.DataFrame({"day": [day], "severity": [severity], "response_quality": [quality]})


@pytest.mark.parametrize("cls", PARAM_CLASSES, ids=lambda c: c.__name__)
def test_sim_incidents_defaults_are_valid_and_cited_or_assumed(cls):
    instance = cls()
    for key in cls.benchmark_keys():
        entry = benchmarks.get(key)
        assert entry.assumption or entry.source
    assert dataclasses.asdict(instance)


@pytest.mark.parametrize(
    ("cls", "name", "meta"),
    [
        (cls, spec.name, spec.metadata)
        for cls in (DailySales, Incidents)
        for spec in dataclasses.fields(cls)
        if "low" in spec.metadata
    ],
    ids=lambda value: getattr(value, "__name__", value) if not isinstance(value, dict) else "",
)
def test_sim_incidents_bad_values_name_parameter_value_and_range(cls, name, meta):
    for bad in (math.nan, "ten", meta["high"] * 2 + 1, meta["low"] - 1):
        with pytest.raises(ValueError) as error:
            cls(**{name: bad})
        message = str(error.value)
        assert f"{cls.__name__}.{name}" in message and repr(bad) in message and "allowed range" in message


def test_sim_incidents_event_window_rejects_overlapping_or_short_windows():
    with pytest.raises(ValueError, match=r"EventWindow.estimation_end = -1 overlaps the event window"):
        EventWindow(estimation_end=-1, start=-1)
    with pytest.raises(ValueError, match=r"EventWindow.estimation_start = -15 .*at least 10 days"):
        EventWindow(estimation_start=-15, estimation_end=-11)
    with pytest.raises(ValueError, match=r"EventWindow.end = 300 is outside the allowed range \[0, 250\]"):
        EventWindow(end=300)


def test_sim_incidents_function_arguments_are_validated():
    with pytest.raises(ValueError, match=r"count = 50 incidents do not fit in 2190 days"):
        draw_incidents(Incidents(), 50, 2190, 0)
    with pytest.raises(ValueError, match=r"seed = -1 is outside the allowed range"):
        simulate_sales(seed=-1)
    with pytest.raises(ValueError, match=r"severity = 1.5 is outside the allowed range \[0, 1\]"):
        Incidents().peak_effect(1.5, 0.5)
    with pytest.raises(ValueError, match=r"schedule.day = 500 is outside the allowed range \[0, 199\]"):
        simulate_sales(days=200, schedule=one_incident(0.5, day=500))
    daily = simulate_sales(days=200, schedule=one_incident(0.5)).daily
    with pytest.raises(ValueError, match=r"event day = 195 is outside the allowed range \[110, 189\]"):
        event_study(daily, pd.DataFrame({"incident_id": ["x"], "day": [195]}))
    with pytest.raises(ValueError, match=r"se = 'exact' is not one of the allowed values"):
        event_study(daily, pd.DataFrame({"incident_id": ["x"], "day": [150]}), se="exact")


@FAST
@given(seed=st.integers(0, 2**32 - 1), count=st.integers(0, 16))
def test_sim_incidents_same_seed_same_data_and_invariants(seed, count):
    first = simulate_sales(count=count, seed=seed)
    second = simulate_sales(count=count, seed=seed)
    assert first.daily.equals(second.daily) and first.incidents.equals(second.incidents)
    daily, incidents = first.daily, first.incidents
    assert len(incidents) == count
    assert (daily["sales"] >= 0).all() and (daily["market"] > 0).all()
    assert (np.diff(incidents["day"]) >= 125).all()  # estimation windows stay clean
    assert incidents["severity"].between(0, 1).all() and incidents["response_quality"].between(0, 1).all()
    # Before the first incident nothing is abnormal; effects have the sign of their incident.
    if count:
        assert (daily["effect"].iloc[: incidents["day"].iloc[0]] == 0).all()
        study = event_study(daily, incidents)
        assert study.summary["clean"].all()
        assert ((study.summary["p_value"] >= 0) & (study.summary["p_value"] <= 1)).all()
        assert (study.summary["significant"] == (study.summary["t_stat"].abs() > 1.96)).all()


@FAST
@given(
    severity=st.floats(0, 1),
    quality=st.floats(0, 1),
    loss=st.floats(0, 1),
    echo=st.floats(0, 1),
    regain=st.floats(0, 1),
)
def test_sim_incidents_better_responses_never_hurt_and_silence_keeps_the_whole_loss(
    severity, quality, loss, echo, regain
):
    incidents = Incidents(loss_share=loss, echo_share=echo, trust_regain_share=regain)
    silent = float(incidents.peak_effect(severity, 0.0))
    assert silent == pytest.approx(-severity * loss)
    assert float(incidents.peak_effect(severity, quality)) >= silent - 1e-12
    assert (
        float(incidents.peak_effect(severity, min(quality + 0.1, 1)))
        >= float(incidents.peak_effect(severity, quality)) - 1e-12
    )


@FAST
@given(
    alpha=st.floats(-100, 100),
    beta=st.floats(-5, 5),
    seed=st.integers(0, 1000),
)
def test_sim_incidents_market_model_recovers_a_known_line(alpha, beta, seed):
    rng = np.random.default_rng(seed)
    market = rng.uniform(100, 200, size=(3, 80))
    sales = alpha + beta * market
    fit = fit_normal_model(sales, market)
    assert np.allclose(fit["alpha"], alpha, atol=1e-6) and np.allclose(fit["beta"], beta, atol=1e-8)
    assert np.allclose(fit["resid_sd"], 0, atol=1e-6)


def test_sim_incidents_event_study_recovers_a_known_injected_effect():
    """A severe, unanswered incident: the CAR sits close to the effect the simulation injected."""
    schedule = one_incident(0.8, 0.0)
    panel = sales_arrays(DailySales(), Incidents(), schedule, 200, seed=4, replicates=2000)
    window = EventWindow()
    result = event_arrays(panel["sales"], panel["market"], np.full(2000, 150), window)
    injected = panel["effect"][:, 150 + window.start : 150 + window.end + 1].sum(axis=1)
    assert np.mean(result["car"]) == pytest.approx(np.mean(injected), rel=0.05)
    assert result["significant"].mean() > 0.99
    # The band holds: the estimation error (CAR − injected) lies within ±1.96 se about 95% of the time.
    covered = np.abs(result["car"] - injected) <= 1.96 * result["car_se"]
    assert 0.93 <= covered.mean() <= 0.97


@pytest.mark.parametrize(("start", "end"), [(0, 1), (-1, 10), (-1, 30)])
def test_sim_incidents_false_positive_rate_is_about_five_percent_without_an_effect(start, end):
    panel = sales_arrays(DailySales(), Incidents(), one_incident(0.0), 200, seed=9, replicates=6000)
    window = EventWindow(start=start, end=end)
    result = event_arrays(panel["sales"], panel["market"], np.full(6000, 150), window)
    assert 0.04 <= result["significant"].mean() <= 0.065
    # The simple standard error ignores the error in the fitted line and over-rejects on long windows.
    simple = event_arrays(panel["sales"], panel["market"], np.full(6000, 150), window, se="simple")
    assert simple["significant"].mean() >= result["significant"].mean()


def test_sim_incidents_abnormal_table_adds_up_to_the_summary():
    history = simulate_sales(count=5, days=800, seed=3)
    study = event_study(history.daily, history.incidents)
    event_rows = study.abnormal[study.abnormal["window"] == "event"]
    last = event_rows.groupby("event")["car"].last()
    assert np.allclose(last.loc[study.summary["event"]].to_numpy(), study.summary["car"].to_numpy())
    assert np.allclose(
        event_rows.groupby("event")["abnormal"].sum().loc[study.summary["event"]], study.summary["car"]
    )
    widths = study.abnormal.groupby(["event", "window"]).size().unstack()
    assert (
        (widths["estimation"] == 100).all() and (widths["event"] == 12).all() and (widths["gap"] == 9).all()
    )


def test_sim_incidents_mean_model_works_without_a_market_column():
    history = simulate_sales(count=3, days=600, seed=2)
    study = event_study(history.daily.drop(columns="market"), history.incidents, market=None)
    assert (study.summary["beta"] == 0).all() and np.isfinite(study.summary["t_stat"]).all()
