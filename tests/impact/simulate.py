"""Panels with a planted training effect: staggered adoption, unit and month effects, noise."""
import numpy as np

from puente.impact.estimator import NEVER, Panel

COHORTS = (6, 10, 14, 18, 22, 26)


def panel(rng: np.random.Generator, *, units: int = 60, months: int = 36, effect: float = 1.0, never_share: float = 1 / 3,
          noise: float = 1.0, growth: float = 0.0) -> Panel:
    """`effect` from the first trained month on, growing by `growth` per month since training."""
    treated = rng.random(units) >= never_share
    first = np.where(treated, rng.choice(COHORTS, units), NEVER)
    unit_effect = rng.normal(0, 2, units)[:, None]
    season = 1.5 * np.sin(2 * np.pi * np.arange(months) / 12)
    month_effect = (season + np.cumsum(rng.normal(0, 0.5, months)))[None, :]
    since = np.arange(months)[None, :] - first[:, None]
    trained = since >= 0
    y = 10 + unit_effect + month_effect + rng.normal(0, noise, (units, months))
    y += np.where(trained, effect + growth * np.where(trained, since, 0), 0.0)
    return Panel(y, first)
