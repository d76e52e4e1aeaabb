"""Northwind Kettles, the course's one fictional brand: its fact sheet.

Every lesson and exercise meets the same Northwind. The facts below are read from
``benchmarks.toml`` (each value is declared there once, as a citation or a labelled assumption);
lessons that need another year or size say so in their text, and ``tests/test_northwind.py``
fails when a notebook's numbers about Northwind leave this sheet.

Show the sheet in a notebook with ``northwind.fact_sheet()``; the book prints it on its own page.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from smmlab.sim import benchmarks

NAME = "Northwind Kettles"
CURRENCY = "USD"
SYMBOL = "$"
COMPETITOR = "Brightwater"


@dataclass(frozen=True)
class Fact:
    """One line of the fact sheet: what it is about, its value as the course says it, and why."""

    topic: str
    fact: str
    basis: str


def _v(key: str) -> float:
    return benchmarks.value(key)


def _basis(*keys: str) -> str:
    """Where a fact comes from: the citation ids, or "assumption" (with the benchmark keys)."""
    entries = [benchmarks.get(key) for key in keys]
    refs = sorted({b.ref for b in entries if not b.assumption})
    assumed = [b.key for b in entries if b.assumption]
    parts = [f"[{', '.join(refs)}]"] if refs else []
    if assumed:
        parts.append(f"assumption ({', '.join(assumed)})")
    return "; ".join(parts)


#: Followers on each account today, when most lessons meet Northwind.
def followers_today() -> dict[str, int]:
    """Followers by platform today (lessons 00-15 and 18-22)."""
    return {
        "Facebook": int(_v("followers")),
        "Instagram": int(_v("followers_instagram")),
        "Twitter": int(_v("followers_twitter")),
        "TikTok": int(_v("followers_tiktok")),
    }


def followers_by_year() -> dict[str, int]:
    """Northwind's (Facebook-sized) audience at the three points of its story."""
    return {
        "today": int(_v("followers")),
        "one year on": int(_v("followers_one_year_on")),
        "two years on": int(_v("routing_followers")),
    }


def facts() -> list[Fact]:
    """The fact sheet, in reading order."""
    today = followers_today()
    years = followers_by_year()
    organic = [today["Facebook"] * (1 + _v("organic_follower_growth_month")) ** months for months in (12, 24)]
    posts = {name: _v(f"posts_per_week_{name.lower()}") for name in today}
    margin = _v("gross_margin")
    return [
        Fact(
            "Brand", f"{NAME}, a mid-sized maker of kettles and tea gear; its rival is {COMPETITOR}", "story"
        ),
        Fact("Currency", f"US dollars ({SYMBOL}) in every lesson and exercise", "story"),
        Fact(
            "Followers today",
            ", ".join(f"{n:,} on {name}" for name, n in today.items()),
            _basis("followers", "followers_instagram", "followers_twitter", "followers_tiktok"),
        ),
        Fact(
            "Followers later",
            f"{years['one year on']:,} one year on (lesson 16) and {years['two years on']:,} two years on "
            "(lessons 03 and 17), after a hit product and paid campaigns; organic growth of 2% a month "
            f"[ENG6] would give about {organic[0]:,.0f} and {organic[1]:,.0f}",
            _basis("followers_one_year_on", "routing_followers", "organic_follower_growth_month"),
        ),
        Fact(
            "Team",
            f"one social media manager, {_v('team_hours_per_week'):.0f} hours a week on social media; "
            f"{_v('employees'):.0f} employees in all, "
            f"{_v('policy_employees'):.0f} of whom post for the brand",
            _basis("team_hours_per_week", "employees", "policy_employees"),
        ),
        Fact(
            "Staff cost",
            f"{SYMBOL}{_v('social_manager_salary_year'):,.0f} a year base pay [COST1], times "
            f"{_v('employer_overhead'):g} for overhead: about {SYMBOL}{hourly_cost():.0f} an hour",
            _basis("social_manager_salary_year", "employer_overhead", "work_hours_per_year"),
        ),
        Fact(
            "Posting",
            ", ".join(f"{posts[name]:g} a week on {name}" for name in today)
            + f" (about {sum(posts.values()):.0f} posts a week in all)",
            _basis(*(f"posts_per_week_{name.lower()}" for name in today)),
        ),
        Fact(
            "Engagement",
            f"a median Facebook post earns engagements from {_v('engagement_rate_facebook'):.2%} of "
            f"followers (Instagram {_v('engagement_rate_instagram'):.2%}, TikTok "
            f"{_v('engagement_rate_tiktok'):.2%}); "
            f"about {_v('organic_reach_share'):.1%} of followers see a post",
            _basis(
                "engagement_rate_facebook",
                "engagement_rate_instagram",
                "engagement_rate_tiktok",
                "organic_reach_share",
            ),
        ),
        Fact(
            "Inbox",
            f"{_v('inbound_per_1000_followers_month'):g} messages per 1,000 Facebook followers a month: "
            f"about {inbound_per_week():,.0f} a week today",
            _basis("inbound_per_1000_followers_month"),
        ),
        Fact(
            "Prices",
            f"an order is worth {SYMBOL}{_v('average_order_value'):.0f}; a customer brings "
            f"{SYMBOL}{_v('customer_value'):.0f} of revenue (a kettle and its refills) at a "
            f"{margin:.0%} gross margin, so {SYMBOL}{_v('customer_value') * margin:.0f} of margin",
            _basis("average_order_value", "customer_value", "gross_margin"),
        ),
        Fact(
            "Market",
            f"{_v('market_adults'):,.0f} adults in Northwind's region; some lessons simulate a part of it "
            "and say so",
            _basis("market_adults"),
        ),
    ]


def hourly_cost() -> float:
    """The manager's full cost per hour: salary × overhead / working hours a year, in dollars."""
    return _v("social_manager_salary_year") * _v("employer_overhead") / _v("work_hours_per_year")


def inbound_per_week(followers: float | None = None) -> float:
    """Messages a week at ``followers`` Facebook followers (default: today's)."""
    followers = _v("followers") if followers is None else followers
    return followers / 1000 * _v("inbound_per_1000_followers_month") * 12 / 52


def fact_sheet() -> pd.DataFrame:
    """The fact sheet as a table (topic, fact, basis) for a notebook or the book."""
    return pd.DataFrame([vars(fact) for fact in facts()])
