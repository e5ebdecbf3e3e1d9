"""Demo data for credentials."""


def build(ctx):
    """Nothing yet."""
