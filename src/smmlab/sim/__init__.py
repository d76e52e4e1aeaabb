"""The simulation engine: one seeded, validated model of a brand on social platforms.

Pieces:

- :mod:`~smmlab.sim.audience` -- followers and organic reach;
- :mod:`~smmlab.sim.conversation` -- inbound messages, the team's time, replies and their effects;
- :mod:`~smmlab.sim.benchmarks` -- calibrated defaults with their sources;
- :mod:`~smmlab.sim.params` -- validated, frozen parameter sets.
"""

from smmlab.sim.audience import Audience
from smmlab.sim.conversation import Conversation, Inbound, Response, Team, simulate_conversation

__all__ = ["Audience", "Conversation", "Inbound", "Response", "Team", "simulate_conversation"]

# Lessons 00, 02, 05: growth and carry-over, costs, platforms, organic reach by year.
from smmlab.sim.audience import organic_reach_share_by_year, simulate_reach_by_year
from smmlab.sim.economics import Costs, total_cost_of_ownership
from smmlab.sim.growth import Growth, GrowthResult, simulate_growth
from smmlab.sim.platforms import Platform, simulate_posts

__all__ += [
    "Costs",
    "Growth",
    "GrowthResult",
    "Platform",
    "organic_reach_share_by_year",
    "simulate_growth",
    "simulate_posts",
    "simulate_reach_by_year",
    "total_cost_of_ownership",
]

# Lesson 04: daily sales with incidents, and the event study that analyses them.
from smmlab.sim.eventstudy import EventStudy, EventWindow, event_study  # noqa: E402
from smmlab.sim.incidents import DailySales, Incidents, SalesHistory, simulate_sales  # noqa: E402

__all__ += [
    "DailySales",
    "EventStudy",
    "EventWindow",
    "Incidents",
    "SalesHistory",
    "event_study",
    "simulate_sales",
]

# Lesson 03: routing the inbox across marketing, service, PR and sales.
from smmlab.sim.routing import Inbox, Payoff, Skills, Staffing, simulate_inbox  # noqa: E402

__all__ += ["Inbox", "Payoff", "Skills", "Staffing", "simulate_inbox"]

# Lessons 06, 10, 15: content, the feed algorithm and the engagement funnel.
from smmlab.sim.feed import (  # noqa: E402
    Feed,
    FeedResult,
    Schedule,
    expected_feed,
    posting_calendar,
    simulate_feed,
)

__all__ += ["Feed", "FeedResult", "Schedule", "expected_feed", "posting_calendar", "simulate_feed"]

# Lesson 09: what each response to a complaint does (decision tree per complaint).
from smmlab.sim.complaints import Strategies, Values, compare_strategies, respond  # noqa: E402

__all__ += ["Strategies", "Values", "compare_strategies", "respond"]

# Lesson 12: reply rate and reply time → patience, repeat engagement and loyalty.
from smmlab.sim.replies import Loyalty, Patience, ReplyPolicy, simulate_replies  # noqa: E402

__all__ += ["Loyalty", "Patience", "ReplyPolicy", "simulate_replies"]

# Lesson 11: real and bought follower accounts, and what bought followers do to a page's posts.
from smmlab.sim.followers import AccountTraits, Page, precision_recall, simulate_accounts, simulate_page  # noqa: E402

__all__ += ["AccountTraits", "Page", "precision_recall", "simulate_accounts", "simulate_page"]

# Lesson 22: a consultant's before/after case study against a comparison group.
from smmlab.sim.casestudy import (  # noqa: E402
    BrandPanel,
    CaseStudy,
    CaseStudyResult,
    FollowerGrowth,
    simulate_case_study,
)

__all__ += ["BrandPanel", "CaseStudy", "CaseStudyResult", "FollowerGrowth", "simulate_case_study"]

# Lessons 07, 08, 13: ads with unknown rates and stopping rules; formats by platform; segments and targeting.
from smmlab.sim.ads import AdCampaign, AdResult, simulate_ad_campaigns, wilson_interval  # noqa: E402
from smmlab.sim.formats import response_matrix, simulate_format_posts  # noqa: E402
from smmlab.sim.segments import (  # noqa: E402
    AdResponse,
    CampaignResult,
    Market,
    segment_table,
    simulate_campaign,
    simulate_population,
)

__all__ += [
    "AdCampaign",
    "AdResponse",
    "AdResult",
    "CampaignResult",
    "Market",
    "response_matrix",
    "segment_table",
    "simulate_ad_campaigns",
    "simulate_campaign",
    "simulate_format_posts",
    "simulate_population",
    "wilson_interval",
]

# Lesson 16: rosters, the shift-aware inbox queue and its backlog.
from smmlab.sim.capacity import Staff, erlang_c, roster, simulate_capacity  # noqa: E402

__all__ += ["Staff", "erlang_c", "roster", "simulate_capacity"]

# Lesson 14: policy breaches a year, with and without a social media policy.
from smmlab.sim.breaches import PolicyRisk, expected_breaches, simulate_breaches  # noqa: E402

__all__ += ["PolicyRisk", "expected_breaches", "simulate_breaches"]
