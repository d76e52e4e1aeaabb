"""Lesson 08 -- platforms differ (mistake-3).

Northwind is on Facebook, Instagram, Twitter and TikTok. Posting one message everywhere (the same
format, the same pasted caption) is compared with tailoring each platform's post: its best format
and copy written in its own language. The explorer shows the platform × format response matrix and
the engagements each plan earns, tailoring the platforms with the most to gain first.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from smmlab.sim import benchmarks
from smmlab.sim.formats import (
    FORMATS,
    HOME_PLATFORM,
    best_formats,
    expected_engagements,
    response_matrix,
    simulate_format_posts,
)
from smmlab.sim.params import Params, bounded
from smmlab.sim.platforms import northwind_platforms
from smmlab.style import HATCHES, PALETTE, is_tall, legend_above, panels
from smmlab.widgets import Choice, Explorer, Headline, Prediction, Rendered, Slider

if TYPE_CHECKING:
    from matplotlib.figure import Figure

PLATFORM_NAMES = tuple(northwind_platforms())

#: Benchmarks behind this lesson's numbers.
SOURCES = [
    "engagement_rate_facebook",
    "engagement_rate_instagram",
    "engagement_rate_twitter",
    "engagement_rate_tiktok",
    "engagement_rate_spread",
    "posts_per_week_facebook",
    "posts_per_week_instagram",
    "posts_per_week_twitter",
    "posts_per_week_tiktok",
    "followers",
    "followers_instagram",
    "followers_twitter",
    "followers_tiktok",
    "pew_use_youtube_2021",
    "pew_use_facebook_2021",
    "pew_use_instagram_2021",
    "pew_use_twitter_2021",
    "pew_use_tiktok_2021",
    "pew_use_instagram_18_29_2021",
    "pew_use_tiktok_18_29_2021",
    "follow_brands_facebook_2021",
    "follow_brands_instagram_2021",
    "follow_brands_twitter_2021",
    "follow_brands_tiktok_2021",
    "crosspost_penalty",
    *(f"format_{p.lower()}_{f}" for p in PLATFORM_NAMES for f in FORMATS),
]

WEEKS = 26


@dataclass(frozen=True)
class Scenario(Params):
    """The lesson's knobs; everything else keeps its calibrated default.

    Attributes
    ----------
    one_format
        Index into :data:`smmlab.sim.formats.FORMATS` of the format posted everywhere.
    crosspost_penalty
        Engagement lost by pasted copy on platforms it was not written for (assumption).
    tailored_platforms
        How many platforms get their own best format and copy (those with most to gain first).
    weeks, seed
        Length of the simulated period and the random seed.
    """

    one_format: int = bounded(2, low=0, high=len(FORMATS) - 1, integer=True, unit="format index")
    crosspost_penalty: float = bounded(
        low=0, high=1, unit="share of engagement lost", benchmark="crosspost_penalty"
    )
    tailored_platforms: int = bounded(
        len(PLATFORM_NAMES), low=0, high=len(PLATFORM_NAMES), integer=True, unit="platforms"
    )
    weeks: int = bounded(WEEKS, low=1, high=520, unit="weeks", integer=True)
    seed: int = bounded(1, low=0, high=2**32 - 1, integer=True)


@dataclass(frozen=True)
class PlatformResult:
    """One message everywhere versus the (partly) tailored plan."""

    one_format: str
    crosspost_penalty: float
    tailored: tuple[str, ...]
    plan: dict[str, str]
    one_size_posts: pd.DataFrame
    plan_posts: pd.DataFrame
    weeks: int

    def per_week(self) -> pd.DataFrame:
        """Simulated engagements per week on each platform: columns ``one_size`` and ``plan``."""
        one = self.one_size_posts.groupby("platform")["engagements"].sum() / self.weeks
        plan = self.plan_posts.groupby("platform")["engagements"].sum() / self.weeks
        table = pd.DataFrame({"one_size": one, "plan": plan}).reindex(list(PLATFORM_NAMES)).fillna(0.0)
        return table.rename_axis("platform")

    @property
    def lift(self) -> float:
        """Extra engagements of the plan over one message everywhere, as a share."""
        totals = self.per_week().sum()
        return float(totals["plan"] / totals["one_size"] - 1) if totals["one_size"] > 0 else 0.0


def tailoring_order(one_format: str, crosspost_penalty: float) -> list[str]:
    """Platforms ordered by the engagements tailoring would add (largest gain first)."""
    one_size = expected_engagements(
        dict.fromkeys(PLATFORM_NAMES, one_format), identical_copy=True, crosspost_penalty=crosspost_penalty
    )
    tailored = expected_engagements(best_formats(list(PLATFORM_NAMES)))
    return list((tailored - one_size).sort_values(ascending=False, kind="stable").index)


def run(scenario: Scenario | None = None) -> PlatformResult:
    """Simulate the scenario (default: the lesson's starting point)."""
    scenario = scenario or Scenario()
    one_format = FORMATS[int(scenario.one_format)]
    order = tailoring_order(one_format, scenario.crosspost_penalty)
    tailored = tuple(order[: int(scenario.tailored_platforms)])
    best = best_formats(list(PLATFORM_NAMES))
    plan = {name: best[name] if name in tailored else one_format for name in PLATFORM_NAMES}
    common = {"weeks": int(scenario.weeks), "crosspost_penalty": scenario.crosspost_penalty}
    one_size_posts = simulate_format_posts(
        plan=dict.fromkeys(PLATFORM_NAMES, one_format), identical_copy=True, seed=int(scenario.seed), **common
    )
    plan_posts = simulate_format_posts(
        plan=plan,
        identical_copy=[name for name in PLATFORM_NAMES if name not in tailored],
        seed=int(scenario.seed),
        **common,
    )
    return PlatformResult(
        one_format=one_format,
        crosspost_penalty=scenario.crosspost_penalty,
        tailored=tailored,
        plan=plan,
        one_size_posts=one_size_posts,
        plan_posts=plan_posts,
        weeks=int(scenario.weeks),
    )


def compute(one_format: str, crosspost_penalty: float, tailored_platforms: int) -> PlatformResult:
    """The explorer's pure compute step."""
    return run(
        Scenario(
            one_format=FORMATS.index(one_format),
            crosspost_penalty=crosspost_penalty,
            tailored_platforms=int(tailored_platforms),
        )
    )


def render(result: PlatformResult, figure: Figure) -> Rendered:
    """The response matrix (left) and engagements per week, one size versus the plan (right)."""
    from matplotlib.patches import Rectangle
    matrix = response_matrix(list(PLATFORM_NAMES))
    per_week = result.per_week()
    left, right = panels(figure, [1, 1.15], left=0.1, right=0.97, bottom=0.14, top=0.8, wspace=0.42)

    values = matrix.to_numpy()
    left.imshow(values, cmap="cividis", vmin=0, vmax=float(values.max()), aspect="auto")
    left.grid(False)
    one_column = FORMATS.index(result.one_format)
    left.add_patch(
        Rectangle(
            (one_column - 0.5, -0.5),
            1,
            len(PLATFORM_NAMES),
            fill=False,
            hatch="//",
            edgecolor=PALETTE["vermillion"],
            linewidth=2,
        )
    )
    for row, name in enumerate(PLATFORM_NAMES):
        best_column = int(np.argmax(values[row]))
        left.add_patch(
            Rectangle(
                (best_column - 0.5, row - 0.5), 1, 1, fill=False, edgecolor=PALETTE["black"], linewidth=2.5
            )
        )
        for column in range(len(FORMATS)):
            value = values[row, column]
            star = " ★" if column == best_column else ""
            left.text(
                column,
                row,
                f"×{value:.2g}{star}",
                ha="center",
                va="center",
                fontsize=9,
                color="white" if value < 0.45 * values.max() else "black",
                fontweight="bold" if star else "normal",
            )
        del name
    left.set_xticks(range(len(FORMATS)), FORMATS)
    left.set_yticks(range(len(PLATFORM_NAMES)), PLATFORM_NAMES)
    left.set_xlabel("format (hatched: posted everywhere)")
    left.set_title("Engagement vs the platform's median post", pad=30, fontsize=10.5)
    left.text(
        0.5,
        1.03,
        "★ and outlined: the platform's best format (assumptions)",
        transform=left.transAxes,
        ha="center",
        fontsize=8,
    )

    rows = np.arange(len(PLATFORM_NAMES))[::-1]
    height = 0.38
    right.barh(
        rows + height / 2,
        per_week["one_size"],
        height=height,
        color=PALETTE["vermillion"],
        hatch=HATCHES[1],
        edgecolor="white",
        label=f"one message everywhere ({result.one_format}, pasted copy)",
    )
    right.barh(
        rows - height / 2,
        per_week["plan"],
        height=height,
        color=PALETTE["blue"],
        hatch=HATCHES[0],
        edgecolor="white",
        label=f"tailored on {len(result.tailored)} of {len(PLATFORM_NAMES)} platforms",
    )
    top = float(per_week.to_numpy().max()) or 1.0
    for row, name in zip(rows, PLATFORM_NAMES, strict=True):
        note = f"{result.plan[name]}, own copy" if name in result.tailored else "not tailored"
        right.text(per_week.loc[name, "plan"] + 0.02 * top, row - height / 2, note, va="center", fontsize=7.5)
    right.set_xlim(0, top * 1.32)
    right.set_yticks(rows, PLATFORM_NAMES)
    xlabel = ("engagements per week", f"(average of {result.weeks} weeks)")
    right.set(xlabel=("\n" if is_tall(figure) else " ").join(xlabel))  # on a phone, as wide as the column
    right.set_title("Engagements by platform", pad=30, fontsize=10.5)
    legend_above(right, ncols=1, fontsize=8)

    totals = per_week.sum()
    best_platform = str(per_week["plan"].idxmax())
    headlines = [
        Headline("One message everywhere", f"{totals['one_size']:,.0f}", "engagements per week"),
        Headline(
            "Tailored plan",
            f"{totals['plan']:,.0f}",
            f"engagements per week, {len(result.tailored)} tailored",
        ),
        Headline(
            "Lift from tailoring",
            f"{result.lift:+.0%}",
            f"×{result.lift + 1:.1f} the engagements of one message everywhere",
        ),
        Headline(
            "Most engaging account",
            best_platform,
            f"median {benchmarks.value('engagement_rate_' + best_platform.lower()):.2%} per post (ENG1)",
        ),
        Headline(
            "Pasted-copy penalty",
            f"{result.crosspost_penalty:.0%}",
            f"off-platform loss, copy written for {HOME_PLATFORM} (assumption)",
        ),
    ]
    alt = (
        f"Two charts. Left: a 4 by 4 grid of engagement multipliers by platform and format; the best "
        f"formats are {', '.join(f'{p} {f}' for p, f in best_formats(list(PLATFORM_NAMES)).items())}; the "
        f"column '{result.one_format}' is hatched as the one posted everywhere. Right: engagements per "
        f"week by platform; one message everywhere totals {totals['one_size']:,.0f}, the plan tailored "
        f"on {len(result.tailored)} platforms {totals['plan']:,.0f}, a lift of {result.lift:+.0%}."
    )
    return Rendered(headlines, alt)


def explorer() -> Explorer:
    """The lesson's explorer: the format posted everywhere, the pasted-copy penalty, platforms tailored."""
    return Explorer(
        title="One message everywhere, or one per platform? Northwind's four accounts, 26 weeks",
        intro="Each platform has its own habits and formats; the same post does not travel equally well.",
        controls=[
            Choice(
                "one_format",
                "Format posted everywhere",
                {name: name for name in FORMATS},
                "link",
                help="The one-size plan posts this format, with the same caption, on every platform.",
            ),
            Slider(
                "crosspost_penalty",
                "Pasted-copy penalty",
                0.0,
                0.5,
                0.05,
                0.2,
                fmt="{:.0%}",
                help="Engagement a caption written for Facebook loses elsewhere (an assumption).",
            ),
            Slider(
                "tailored_platforms",
                "Platforms tailored",
                0,
                len(PLATFORM_NAMES),
                1,
                len(PLATFORM_NAMES),
                fmt="{:.0f}",
                integer=True,
                help="Tailor the platforms with most to gain first: their best format and their own copy.",
            ),
        ],
        compute=compute,
        render=render,
        prediction=Prediction(
            question=(
                "Northwind posts the same link post with the same caption on all four accounts. If it "
                "instead gives each platform its best format and its own caption, how many times as many "
                "engagements will it get per week?"
            ),
            guess=Slider("guess", "My guess: times as many", 1.0, 20.0, 0.5, 2.0, fmt="×{:.1f}"),
            scenario={"one_format": "link", "tailored_platforms": len(PLATFORM_NAMES)},
            answer=lambda result: result.lift + 1,
            explain=(
                "The link post wastes the account whose audience engages most: TikTok's median post "
                "engages about 5.7% of followers (ENG1; many who engage do not follow), but a link post "
                "there gets almost nothing. The size of the lift rests on that assumed multiplier "
                "(0.05 of the median on TikTok, 0.15 on Instagram)."
            ),
        ),
    )


def sources() -> pd.DataFrame:
    """Where each of this lesson's numbers comes from."""
    return benchmarks.sources_table(SOURCES)
