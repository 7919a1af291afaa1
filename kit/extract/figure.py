"""The casualty-figure record the finder (`casualties`) fills and the describer (`figure_context`) reads.

A low module of its own so that both import it and neither imports the other's record type.
"""
from __future__ import annotations

from dataclasses import dataclass

from .numbers import Quantity

__all__ = ["Figure"]


@dataclass
class Figure:
    """One casualty figure, with token offsets of its parts."""

    quantity: Quantity
    q_start: int
    q_end: int
    outcome: str
    o_index: int
    victim_start: int | None = None
    victim_end: int | None = None
    victim_class: str = "unknown"
    elliptic: bool = False
    part_of: int | None = None
    figure_id: int = 0

    @property
    def start(self) -> int:
        return min(self.q_start, self.o_index, self.victim_start if self.victim_start is not None else self.q_start)

    @property
    def end(self) -> int:
        return max(self.q_end, self.o_index + 1, self.victim_end or self.q_end)
