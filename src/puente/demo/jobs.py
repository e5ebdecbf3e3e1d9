from puente.core import audit
from puente.core.jobs import job

from .builder import DemoContext, build


@job("demo.build")
def build_demo(progress, actor, *, seed: int = 7, scale: float = 0.02) -> dict:
    """Fill an empty database with the demo dataset."""
    ctx = DemoContext(seed=seed, scale=scale, progress=progress)
    counts = build(ctx)
    # Demo rows are bulk-written; one entry records the build and what it made.
    audit.record(actor, "demo.build", None, {"seed": [None, seed], "scale": [None, scale], **{k: [None, v] for k, v in counts.items()}})
    return {**counts, "logins": ctx.data.get("logins", [])}
