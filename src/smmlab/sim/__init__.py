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
