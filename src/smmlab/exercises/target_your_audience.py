"""Exercise 13 -- target your audience: Northwind's broad $20,000 test campaign on Facebook, by segment.

The test's true response follows the lesson's model (:class:`smmlab.sim.segments.AdResponse`)
except in two segments, so that the test has something to discover and each question has one
answer on every draw: young tea lovers, few on Facebook, buy more often per click than anyone,
and the oldest tea lovers click more often than anyone but rarely buy.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from smmlab import checks as ck
from smmlab.sim.segments import AdResponse, Market, segment_table, simulate_campaign, simulate_population

PLATFORM = "Facebook"
BUDGET = 20_000.0
COLUMNS = [
    "segment",
    "age_band",
    "tea_lover",
    "people",
    "impressions",
    "clicks",
    "conversions",
    "spend",
    "max_targeted_spend",
]
SEGMENTS = (
    "18-29 tea lovers",
    "18-29 others",
    "30-49 tea lovers",
    "30-49 others",
    "50-64 tea lovers",
    "50-64 others",
    "65+ tea lovers",
    "65+ others",
)
PERSONA = ("30-49 tea lovers", "50-64 tea lovers")
#: Where the test's true response differs from the lesson's model: (segment, column, value).
#: Young tea lovers convert best per impression (about 1.7 times the persona's rate); the oldest
#: tea lovers click most often (about 1.5 times other tea lovers) but convert at about the rate
#: of other non-persona tea lovers.
TEST_RESPONSE = (
    ("18-29 tea lovers", "true_cvr", 0.20),
    ("65+ tea lovers", "true_ctr", 0.0245),
    ("65+ tea lovers", "true_cvr", 0.033),
)
#: Targeted impressions cost this much more than broad ones.
PREMIUM = AdResponse().targeting_premium
#: The self-check's calls of ``fund_segments``: (budget, target CPA).
FUNDING_CASES = ((3_000.0, 30.0), (9_000.0, 30.0), (60_000.0, 30.0))


def build(seed: int) -> pd.DataFrame:
    """Northwind's broad test campaign on Facebook ($20,000), one row per segment.

    Columns: ``segment``, ``age_band``, ``tea_lover``, ``people`` (on Facebook), ``impressions``,
    ``clicks``, ``conversions``, ``spend`` (USD) and ``max_targeted_spend``: the most a campaign
    targeted at that segment alone can spend (its people × the frequency cap × the targeted price).
    """
    response = AdResponse()
    segments = segment_table(simulate_population(Market(), seed=int(seed)), PLATFORM, response).copy()
    for segment, column, value in TEST_RESPONSE:
        segments.loc[segments["segment"] == segment, column] = value
    campaign = simulate_campaign(segments, BUDGET, None, response, seed=int(seed))
    targeted_price = response.cost_per_thousand_impressions / 1000 * (1 + response.targeting_premium)
    table = segments[["segment", "age_band", "tea_lover", "people"]].merge(
        campaign.by_segment[["segment", "impressions", "clicks", "conversions", "spend"]], on="segment"
    )
    table["max_targeted_spend"] = np.round(table["people"] * response.frequency_cap * targeted_price, 2)
    return table[COLUMNS]


# ---- typical wrong answers (never the right one) ---------------------------------------------


def _most_conversions(test: pd.DataFrame) -> str:
    return str(test.loc[test["conversions"].idxmax(), "segment"])


def _highest_click_rate(test: pd.DataFrame) -> str:
    return str(test.loc[(test["clicks"] / test["impressions"]).idxmax(), "segment"])


def _lift_over_mean_rate(test: pd.DataFrame) -> pd.DataFrame:
    """Lift against the plain mean of the segments' rates (each segment weighing the same)."""
    rate = test["conversions"] / test["impressions"]
    lift = rate / rate.mean() - 1
    return pd.DataFrame({"conv_rate": rate.to_numpy(), "lift": lift.to_numpy()}, index=test["segment"])


def _all_above_zero(stats: object) -> bool:
    """Every lift is positive: a ratio, since the segments not into tea always convert below average."""
    return bool((stats["lift"] > 0).all())


def _persona_cpa_at_broad_prices(test: pd.DataFrame) -> float:
    persona = test[test["segment"].isin(PERSONA)]
    return float(persona["spend"].sum() / persona["conversions"].sum())


def _whole_campaign_cpa_targeted(test: pd.DataFrame) -> float:
    return float(test["spend"].sum() / test["conversions"].sum() * (1 + PREMIUM))


def _funding_cases(test: pd.DataFrame) -> list[tuple]:
    return [(test, budget, target) for budget, target in FUNDING_CASES]


def _funds_others(outputs: list) -> bool:
    """With the large budget, a segment not interested in tea (CPA about $150) was funded."""
    return any(str(name).strip().endswith("others") for name in outputs[-1])


EXERCISE = ck.Exercise(
    slug="13-target-your-audience",
    build=build,
    questions=(
        ck.Question(
            "q1",
            "best_segment",
            ck.Choice(SEGMENTS),
            predict="predicted_best_segment",
            hints=(
                "Divide each segment's conversions by its impressions; the best segment has the "
                "highest rate.",
                "With the rates in a Series, `.idxmax()` gives the row label of the largest one; "
                "look that row's `segment` up with `.loc`.",
            ),
            wrong=(
                ck.Wrong(
                    "That segment has the most conversions in total, partly because it is large and "
                    "saw many impressions. Compare rates: conversions per impression.",
                    value=_most_conversions,
                ),
                ck.Wrong(
                    "That is the segment with the highest click-through rate. Clicks are not customers; "
                    "compare conversions per impression.",
                    value=_highest_click_rate,
                ),
            ),
        ),
        ck.Question(
            "q2",
            "stats",
            ck.Frame(("conv_rate", "lift")),
            hints=(
                "`conv_rate` is conversions / impressions per segment; the overall rate is total "
                "conversions / total impressions; `lift` is conv_rate / overall − 1.",
                "Build a DataFrame from a dict of the two columns, and give it the segment names "
                "as its index (`index=` or `.set_axis(...)`).",
            ),
            wrong=(
                ck.Wrong(
                    "You compared with the plain average of the segments' rates. The overall rate "
                    "weighs each segment by its impressions: total conversions / total impressions.",
                    value=_lift_over_mean_rate,
                ),
                ck.Wrong(
                    "That is the ratio to the overall rate; the lift is the ratio minus 1.",
                    when=_all_above_zero,
                    example=pd.DataFrame(
                        {"conv_rate": [0.003, 0.0001], "lift": [5.0, 0.25]}, index=list(SEGMENTS[:2])
                    ),
                ),
            ),
        ),
        ck.Question(
            "q3",
            "persona_cpa",
            ck.Number(),
            hints=(
                "Keep the persona's rows: tea lovers aged 30-49 or 50-64. Their CPA is their total "
                "spend / their total conversions.",
                f"Targeted impressions cost {PREMIUM:.0%} more, so multiply that CPA by {1 + PREMIUM:g}.",
            ),
            wrong=(
                ck.Wrong(
                    f"That is the persona's CPA at broad prices. A targeted campaign pays {PREMIUM:.0%} "
                    "more per impression.",
                    value=_persona_cpa_at_broad_prices,
                ),
                ck.Wrong(
                    "That is the CPA of the whole broad campaign, everyone included; keep the persona's "
                    "segments only.",
                    value=_whole_campaign_cpa_targeted,
                ),
            ),
        ),
        ck.Question(
            "q4",
            "fund_segments",
            ck.Function(ck.Labels(ordered=True), cases=_funding_cases),
            hints=(
                "Expected targeted CPA per segment = spend / conversions × 1.25. Drop the segments "
                "above `target_cpa`, sort the rest from cheapest, then walk down the list.",
                "Keep a running amount of money left, starting at `budget`; add a segment while "
                "money is left, then subtract its `max_targeted_spend`.",
            ),
            wrong=(
                ck.Wrong(
                    "With a large budget you funded segments whose CPA is above the target. Money left "
                    "over is better kept than spent on people who are not the audience (mistake-8).",
                    when=_funds_others,
                    example=[["30-49 tea lovers"], ["30-49 tea lovers"], ["30-49 tea lovers", "65+ others"]],
                ),
            ),
        ),
    ),
)

data = EXERCISE.data
checks = EXERCISE.checks
