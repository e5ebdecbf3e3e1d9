"""Demo data for surveys."""


def build(ctx):
    """Nothing yet."""
