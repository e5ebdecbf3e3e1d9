"""Demo data for metrics: none of its own.

Every indicator reads the other apps' demo data through the registry, and saved views belong to
the users who save them.
"""


def build(ctx):
    """Nothing to build: the dashboard and the public view read what the other parts built."""
