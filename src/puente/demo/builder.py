"""The demo generator: each app contributes one module with a `build(ctx)` function.

Parts run in order and share what they built through `ctx.data`. Everything random comes
from `ctx.rng`, so a given seed and scale always build the same dataset.
"""
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import import_module

from puente.core import bulk

SCALES = {"tiny": 0.002, "small": 0.02, "default": 0.02, "full": 1.0}

# (module, share of the progress bar). Later apps add their part here.
PARTS = [
    ("puente.demo.registry", 80),
    ("puente.demo.catalog", 5),
    ("puente.demo.capacity", 10),
    ("puente.demo.vetting", 3),
    ("puente.demo.enrollments", 5),
    ("puente.demo.records", 5),
    ("puente.demo.credentials", 10),
    ("puente.demo.canine", 2),
    ("puente.demo.accreditation", 3),
    ("puente.demo.xapi", 1),
    ("puente.demo.surveys", 2),
    ("puente.demo.impact", 3),
    ("puente.demo.metrics", 1),
    ("puente.demo.accounts", 15),
]


def parse_scale(value: str | float) -> float:
    """'full' is the real size (515,862 Mexican officers); 'default' keeps its proportions at 2%."""
    if isinstance(value, (int, float)):
        scale = float(value)
    elif value in SCALES:
        scale = SCALES[value]
    else:
        try:
            scale = float(value)
        except ValueError:
            raise ValueError(f"--scale must be one of {', '.join(SCALES)} or a number between 0 and 1, not {value!r}") from None
    if not 0 < scale <= 1:
        raise ValueError(f"--scale must be above 0 and at most 1, not {scale}")
    return scale


@dataclass
class DemoContext:
    seed: int
    scale: float
    progress: Callable[[float, str], None] = lambda percent, message="": None
    data: dict = field(default_factory=dict)
    counts: dict = field(default_factory=dict)

    def __post_init__(self):
        self.rng = random.Random(self.seed)

    def scaled(self, real_size: int, minimum: int = 1) -> int:
        """A real-world count at this scale (never below `minimum`)."""
        return max(minimum, round(real_size * self.scale))


def build(ctx: DemoContext, until: str | None = None) -> dict:
    """Run every part in order (or up to and including the part named `until`, e.g. "capacity");
    returns how many of each thing were built."""
    parts = PARTS
    if until is not None:
        names = [module.rsplit(".", 1)[-1] for module, _weight in PARTS]
        if until not in names:
            raise ValueError(f"no demo part named {until!r}; parts: {', '.join(names)}")
        parts = PARTS[: names.index(until) + 1]
    total = sum(weight for _module, weight in parts)
    done = 0
    outer = ctx.progress
    for module_name, weight in parts:
        start = done

        def part_progress(percent, message="", start=start, weight=weight):
            outer(100 * (start + weight * percent / 100) / total, message)

        ctx.progress = part_progress
        import_module(module_name).build(ctx)
        # Without statistics on tables that just grew by hundreds of thousands of rows, PostgreSQL
        # guessed that a national identifier matches hundreds of people and walked the name index
        # over all 590,000 of them for every e-learning statement of a later part.
        bulk.refresh_statistics()
        done += weight
    ctx.progress = outer
    return ctx.counts
