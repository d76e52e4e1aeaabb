"""Exercise 08 -- platforms differ: Northwind's 26-week format test on four accounts."""

from __future__ import annotations

import math

import pandas as pd

from smmlab import checks as ck
from smmlab.lessons.platforms_differ import PLATFORM_NAMES, WEEKS
from smmlab.sim.formats import FORMATS, simulate_format_posts

SEED = 2026
COLUMNS = ["post_id", "platform", "week", "format", "followers", "engagements"]


def build(seed: int) -> pd.DataFrame:
    """Northwind's 26-week format test: each post's format chosen at random, captions native.

    Columns: ``post_id``, ``platform``, ``week`` (from 0), ``format`` (video, image, link, text),
    ``followers`` and ``engagements``.
    """
    return simulate_format_posts(plan=None, weeks=WEEKS, seed=seed)[COLUMNS]


def _made_up_test() -> pd.DataFrame:
    """A small made-up format test (two posts per platform and format) whose best format differs
    from platform to platform: a case on which one format everywhere is never right."""
    followers = {"Facebook": 20_000, "Instagram": 8_000, "Twitter": 5_000, "TikTok": 3_000}
    winner = {"Facebook": "text", "Instagram": "link", "Twitter": "video", "TikTok": "image"}
    rows = [
        (platform, week, name, followers[platform], (90 if name == winner[platform] else 10) + 5 * week)
        for platform in followers
        for name in FORMATS
        for week in (0, 1)
    ]
    table = pd.DataFrame(rows, columns=["platform", "week", "format", "followers", "engagements"])
    return table.rename_axis("post_id").reset_index()[COLUMNS]


def _engagements_per_post(answer: object) -> bool:
    """Mean engagements per post instead of rates. A test, not a value: that table divided by each
    account's followers would be the answer."""
    expected = data().pivot_table(index="platform", columns="format", values="engagements")
    return ck.frame_matches(answer, expected, rel_tol=1e-3)


def _least_engaged(posts: pd.DataFrame) -> str:
    return str((posts["engagements"] / posts["followers"]).groupby(posts["platform"]).median().idxmin())


def _unless_right(name: str, posts: pd.DataFrame) -> str | None:
    """A wrong answer's value, or None on a draw where it happens to be the right one."""
    return None if name == _least_engaged(posts) else name


def _worst_format(posts: pd.DataFrame) -> pd.Series:
    rate = posts["engagements"] / posts["followers"]
    return rate.groupby([posts["platform"], posts["format"]]).mean().unstack("format").idxmin(axis=1)


def _median_lift(posts: pd.DataFrame, one_format: str) -> float:
    medians = posts.groupby(["platform", "format"])["engagements"].median().unstack("format")
    return float(medians.max(axis=1).sum() / medians[one_format].sum() - 1)


def _rate_lift(posts: pd.DataFrame, one_format: str) -> float:
    rate = posts["engagements"] / posts["followers"]
    table = rate.groupby([posts["platform"], posts["format"]]).mean().unstack("format")
    return float(table.max(axis=1).sum() / table[one_format].sum() - 1)


def _image_over_link(posts: pd.DataFrame) -> float:
    """One size's engagements with image posts over those with link posts."""
    means = posts.groupby(["platform", "format"])["engagements"].mean()
    return float(means.xs("image", level="format").sum() / means.xs("link", level="format").sum())


def _ratio_not_lift(outputs: list) -> bool:
    """Outputs (for link, then image) in the proportion of 1 / one size's engagements, as
    tailored / one size is: the ratio, whatever the tailored total."""
    link, image = (float(value) for value in outputs)
    return image != 0 and math.isclose(link / image, _image_over_link(data()), rel_tol=1e-6)


def _same_format_everywhere(outputs: list) -> bool:
    return all(
        isinstance(output, pd.Series) and output.astype(str).str.strip().str.lower().nunique() == 1
        for output in outputs
    )


EXERCISE = ck.Exercise(
    slug="08-platforms-differ",
    build=build,
    seed=SEED,
    questions=(
        ck.Question(
            "q1",
            "least_engaged_platform",
            ck.Choice(PLATFORM_NAMES),
            predict="predicted_least_engaged",
            hints=(
                "An engagement rate is engagements / followers, one per post; compare the platforms' "
                "medians, as Rival IQ does.",
                "`rate = posts['engagements'] / posts['followers']` gives one rate per post; group it "
                "by `posts['platform']` and take each group's median. Which label holds the smallest?",
            ),
            wrong=(
                ck.Wrong(
                    "That is the account with the fewest followers. A small audience can be a very "
                    "engaged one: divide engagements by followers, then look for the *smallest* median.",
                    value=lambda data: _unless_right(
                        str(data.groupby("platform")["followers"].max().idxmin()), data
                    ),
                ),
            ),
        ),
        ck.Question(
            "q2",
            "rates",
            ck.Frame(FORMATS),
            hints=(
                "Compute each post's rate, engagements / followers, then average it by platform and "
                "format, with platforms as rows and formats as columns.",
                "`posts.assign(rate=...)` adds the rate as a column; `pivot_table(index=..., "
                "columns=..., values='rate', aggfunc=...)` lays it out as a table.",
            ),
            wrong=(
                ck.Wrong(
                    "Those are engagements per post, not rates. Divide by followers first, so platforms "
                    "of different sizes compare fairly.",
                    when=_engagements_per_post,
                    example=build(SEED).pivot_table(index="platform", columns="format", values="engagements"),
                ),
                ck.Wrong(
                    "Rows and columns are swapped: platforms as rows, formats as columns.",
                    when=lambda a: isinstance(a, pd.DataFrame) and set(FORMATS) <= set(map(str, a.index)),
                    example=pd.DataFrame(0.0, index=list(FORMATS), columns=list(PLATFORM_NAMES)),
                ),
                ck.Wrong(
                    "Those are medians; this task asks for the mean rate per post.",
                    value=lambda data: (
                        (data["engagements"] / data["followers"])
                        .groupby([data["platform"], data["format"]])
                        .median()
                        .unstack("format")
                    ),
                ),
            ),
        ),
        ck.Question(
            "q3",
            "best_format",
            ck.Function(ck.Series(text=True), cases=lambda data: [(data,), (_made_up_test(),)]),
            hints=(
                "For each platform (a row of your table in task 2), find the column with the largest value.",
                "Build the table of task 2 from the function's argument; a DataFrame's "
                "`idxmax(axis=1)` gives, for each row, the label of its largest column.",
            ),
            wrong=(
                ck.Wrong(
                    "Your answer gives every platform the same format: that is the one message "
                    "everywhere this lesson questions (mistake-3). Take the best column row by row.",
                    when=_same_format_everywhere,
                    example=[pd.Series(dict.fromkeys(PLATFORM_NAMES, "video"))] * 2,
                ),
                ck.Wrong(
                    "That is the *worst* format on each platform: use idxmax, not idxmin.",
                    value=lambda data: [_worst_format(data), _worst_format(_made_up_test())],
                ),
            ),
        ),
        ck.Question(
            "q4",
            "tailoring_lift",
            ck.Function(ck.Number(), cases=lambda data: [(data, "link"), (data, "image")]),
            hints=(
                "Mean engagements per post by platform and format; for each platform take its best "
                "format's mean, and separately the `one_format` column. Sum each over the platforms.",
                "`posts.groupby(['platform', 'format'])['engagements'].mean().unstack()` lays out "
                "the means; `max(axis=1)` takes each platform's best. Then compare the two sums.",
            ),
            wrong=(
                ck.Wrong(
                    "You used medians. Totals add up means, not medians: a few very engaging posts are "
                    "part of what a format earns.",
                    value=lambda data: [_median_lift(data, "link"), _median_lift(data, "image")],
                ),
                ck.Wrong(
                    "You added up engagement *rates* across platforms, which weighs 3,000 TikTok "
                    "followers like 20,000 Facebook fans. Use engagements per post.",
                    value=lambda data: [_rate_lift(data, "link"), _rate_lift(data, "image")],
                ),
                ck.Wrong(
                    "That is the ratio (times as many); the lift is the ratio minus 1.",
                    when=_ratio_not_lift,
                    example=[_image_over_link(build(SEED)), 1.0],
                ),
            ),
        ),
    ),
)

data = EXERCISE.data
checks = EXERCISE.checks
