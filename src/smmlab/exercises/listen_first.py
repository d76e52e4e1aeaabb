"""Exercise 21 -- listen first: twelve weeks of public posts about Northwind and Brightwater."""

from __future__ import annotations

import pandas as pd

from smmlab import checks as ck
from smmlab.lessons.listen_first import WEEKS
from smmlab.sim.listening import BRANDS, TOPICS, simulate_mentions

COLUMNS = ["mention_id", "week", "day", "brand", "sentiment", "topic", "tags_brand"]
NORTHWIND, COMPETITOR = BRANDS


def build(seed: int) -> pd.DataFrame:
    """Twelve weeks of public posts naming Northwind or Brightwater, as a listening tool exports them.

    One row per post: ``mention_id``, ``week`` and ``day`` (from 0), ``brand`` (``Northwind`` or
    ``Brightwater``), ``sentiment`` (``positive``, ``neutral``, ``negative``), ``topic``
    (``limescale``, ``lid``, ``noise``, ``design``, ``price``, ``delivery``) and ``tags_brand``
    (``True`` if the post tags the brand's account, so the brand got a notification).
    """
    mentions = simulate_mentions(weeks=WEEKS, seed=seed)[COLUMNS]
    return mentions.astype({"brand": str, "sentiment": str, "topic": str})


def _renamed(mentions: pd.DataFrame) -> pd.DataFrame:
    """The same posts with the topic names swapped around (limescale <-> delivery, lid <-> price,
    noise <-> design): the answers move with the names, a table of remembered answers does not."""
    swap = dict(zip(TOPICS, reversed(TOPICS), strict=True))
    return mentions.assign(topic=mentions["topic"].map(swap))


def _cases(mentions: pd.DataFrame) -> list[tuple]:
    """The calls the self-check makes: both brands, tagged or not, on the data and on a renamed copy."""
    return [
        (table, brand, tagged)
        for table in (mentions, _renamed(mentions))
        for brand in BRANDS
        for tagged in (False, True)
    ]


def _leading_topic(rows: pd.DataFrame) -> str:
    return str(rows["topic"].value_counts().index[0])


def _ignoring_tags(mentions: pd.DataFrame) -> list[str]:
    """A function that never filters on ``tags_brand``: its outputs on the self-check's cases."""
    return [
        _leading_topic(table[(table["brand"] == brand) & (table["sentiment"] == "negative")])
        for table, brand, _tagged in _cases(mentions)
    ]


def _any_sentiment(mentions: pd.DataFrame) -> list[str]:
    """A function that keeps praise and neutral posts: its outputs on the self-check's cases."""
    outputs = []
    for table, brand, tagged in _cases(mentions):
        chosen = table[table["tags_brand"]] if tagged else table
        outputs.append(_leading_topic(chosen[chosen["brand"] == brand]))
    return outputs


def _with_net(table: pd.DataFrame) -> pd.DataFrame:
    return table.astype(float).assign(net=lambda t: t["positive"] - t["negative"])


def _top_shares(rows: pd.DataFrame) -> pd.Series:
    """The three most common topics of ``rows``, as shares of ``rows`` (a wrong selection of posts)."""
    return rows["topic"].value_counts(normalize=True).head(3)


def _brightwater_complaint_counts(mentions: pd.DataFrame) -> pd.Series:
    rows = mentions[(mentions["brand"] == COMPETITOR) & (mentions["sentiment"] == "negative")]
    return rows["topic"].value_counts()


EXERCISE = ck.Exercise(
    slug="21-listen-first",
    build=build,
    questions=(
        ck.Question(
            "q1",
            "northwind_share_of_voice",
            ck.Number(share=True),
            predict="predicted_share_of_voice",
            hints=(
                "Share of voice is the share of ALL posts (about either brand) that name Northwind.",
                "Compare the `brand` column with `'Northwind'`: the mean of a boolean column is the "
                "share of True values.",
            ),
            wrong=(
                ck.Wrong(
                    "That compares Northwind with Brightwater (a ratio of the two). Share of voice "
                    "divides by all posts about either brand.",
                    value=lambda mentions: float(
                        (mentions["brand"] == NORTHWIND).sum() / (mentions["brand"] == COMPETITOR).sum()
                    ),
                ),
                ck.Wrong(
                    "That counts only the posts that tag @Northwind, what its notifications show. Most "
                    "people name a brand without tagging it; count every post naming Northwind.",
                    value=lambda mentions: float(
                        ((mentions["brand"] == NORTHWIND) & mentions["tags_brand"]).sum() / len(mentions)
                    ),
                ),
                ck.Wrong(
                    "That is the number of posts about Northwind; divide by the number of all posts.",
                    value=lambda mentions: float((mentions["brand"] == NORTHWIND).sum()),
                ),
            ),
        ),
        ck.Question(
            "q2",
            "sentiment",
            ck.Frame(columns=("positive", "neutral", "negative", "net")),
            hints=(
                "Count posts by `brand` and `sentiment` with `pd.crosstab`, then divide each row by its "
                "total, so each brand's three shares add up to 1. Add `net` = positive − negative.",
                "`pd.crosstab` has a `normalize` argument: which of `'all'`, `'index'` and "
                "`'columns'` makes each row add up to 1? Then add the column `net`.",
            ),
            wrong=(
                ck.Wrong(
                    "Those are counts. Brightwater has more posts of every kind simply because more "
                    "people talk about it; compare shares within each brand.",
                    value=lambda mentions: _with_net(pd.crosstab(mentions["brand"], mentions["sentiment"])),
                ),
                ck.Wrong(
                    "Those shares divide by all posts of both brands. Divide each brand's counts by that "
                    "brand's own total (`normalize='index'`).",
                    value=lambda mentions: _with_net(
                        pd.crosstab(mentions["brand"], mentions["sentiment"], normalize="all")
                    ),
                ),
                ck.Wrong(
                    "Each column sums to 1: those are the brands' shares of each sentiment. The task "
                    "asks for each brand's mix of sentiments (each row sums to 1).",
                    value=lambda mentions: _with_net(
                        pd.crosstab(mentions["brand"], mentions["sentiment"], normalize="columns")
                    ),
                ),
            ),
        ),
        ck.Question(
            "q3",
            "top_competitor_complaints",
            ck.Series(ordered=True),
            hints=(
                "Keep the posts about Brightwater that are negative, count them by `topic`, divide by "
                "their number, and keep the three largest.",
                "Filter with two conditions joined by `&`, each in brackets; `value_counts` can give "
                "shares instead of counts, and `.head(3)` keeps the first three.",
            ),
            wrong=(
                ck.Wrong(
                    "Those are counts; give each topic's share of Brightwater's complaints "
                    "(`value_counts(normalize=True)`).",
                    value=lambda mentions: _brightwater_complaint_counts(mentions).head(3).astype(float),
                ),
                ck.Wrong(
                    "Those are the topics of ALL posts about Brightwater, praise included. Keep only the "
                    "negative posts: the complaints.",
                    value=lambda mentions: _top_shares(mentions[mentions["brand"] == COMPETITOR]),
                ),
                ck.Wrong(
                    "Those are Northwind's own complaints. The task asks what the competitor's customers "
                    "complain about.",
                    value=lambda mentions: _top_shares(
                        mentions[(mentions["brand"] == NORTHWIND) & (mentions["sentiment"] == "negative")]
                    ),
                ),
                ck.Wrong(
                    "Divide by the number of Brightwater's complaints, not by all posts.",
                    value=lambda mentions: (_brightwater_complaint_counts(mentions) / len(mentions)).head(3),
                ),
            ),
        ),
        ck.Question(
            "q4",
            "top_complaint",
            ck.Function(ck.Choice(), cases=_cases),
            hints=(
                "Filter to the rows of `brand` with negative sentiment; if `tagged_only` is true, also "
                "keep only rows with `tags_brand`. Then return the most common `topic` as a string.",
                "`value_counts()` on the `topic` column of those rows sorts the topics, most common "
                "first; which label comes first? Return it with `str(...)`.",
            ),
            wrong=(
                ck.Wrong(
                    "Your function ignores `tagged_only`: with `True` it must look only at the posts "
                    "that tag the brand (what its notifications show).",
                    value=_ignoring_tags,
                ),
                ck.Wrong(
                    "Your function returns the most common topic of all posts, praise included; keep "
                    "only the negative ones.",
                    value=_any_sentiment,
                ),
                ck.Wrong(
                    "Return the topic's name as a string (e.g. `'noise'`), not a Series or a count.",
                    when=lambda outputs: any(not isinstance(output, str) for output in outputs),
                    example=[3] * 8,
                ),
            ),
        ),
    ),
)

data = EXERCISE.data
checks = EXERCISE.checks
