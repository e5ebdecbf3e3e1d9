"""Demo data for xapi."""


def build(ctx):
    """Nothing yet."""
