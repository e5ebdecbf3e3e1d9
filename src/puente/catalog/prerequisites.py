"""Prerequisite chains as a plain graph (no Django): finding the cycle a new requirement would close.

The graph maps each program (by any hashable key: id or code) to the programs it requires.
"""
from collections.abc import Hashable, Iterable, Mapping


def cycle_through(graph: Mapping[Hashable, Iterable[Hashable]], start: Hashable) -> list | None:
    """A chain start → … → start of requirements, or None when `start` cannot reach itself.

    A program listing itself gives [start, start]. The chain found is a shortest one, so the
    message that names it stays readable.
    """
    parents = {}
    frontier = [start]
    while frontier:
        following = []
        for node in frontier:
            for required in graph.get(node, ()):
                if required == start:
                    chain = [required, node]
                    while node != start:
                        node = parents[node]
                        chain.append(node)
                    return list(reversed(chain))
                if required not in parents:
                    parents[required] = node
                    following.append(required)
        frontier = following
    return None


def describe(chain: list) -> str:
    return " → ".join(str(node) for node in chain)
