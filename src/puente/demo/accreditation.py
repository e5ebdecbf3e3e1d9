"""Demo data for accreditation."""


def build(ctx):
    """Nothing yet."""
