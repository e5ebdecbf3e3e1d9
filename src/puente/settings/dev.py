"""Local development and the demo: the defaults, with DEBUG off unless asked for."""
from .base import *  # noqa: F401,F403
