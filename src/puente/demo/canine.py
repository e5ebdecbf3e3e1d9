"""Demo data for canine."""


def build(ctx):
    """Nothing yet."""
