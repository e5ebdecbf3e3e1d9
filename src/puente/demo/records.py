"""Demo data for training records."""


def build(ctx):
    """Nothing yet."""
