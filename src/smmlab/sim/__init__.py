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
