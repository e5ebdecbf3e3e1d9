"""Job kinds of this app (registered when the module is imported)."""
from .runs import allocate_job  # noqa: F401
