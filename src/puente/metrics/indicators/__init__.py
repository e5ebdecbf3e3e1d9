"""The indicator registry's pure core: definitions, formulas and small-cell suppression.

Nothing here imports Django; `puente.metrics.sources` adapts the database to these inputs.
"""
from .catalog import INDICATORS
from .definitions import DIMENSIONS, GEOGRAPHY, TRAINING, UNITS, Indicator, Value, combine, ratio
from .suppression import Table, protect

__all__ = ["DIMENSIONS", "GEOGRAPHY", "INDICATORS", "TRAINING", "UNITS", "Indicator", "Table", "Value", "combine", "protect", "ratio"]
