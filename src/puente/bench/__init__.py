"""Benchmarks behind `puente bench ...`: they print figures; they are not timed tests."""
