"""smmlab: a Jupyter workshop kit on the misconceptions and mistakes of social media marketing."""

__version__ = "0.1.0"
