"""When to ask the API again about a running analysis.

The FREE tier allows 100 requests a day: polling every 5 s spends it in about 8 minutes, after which every
page of the dashboard reads "Too many requests". So the page polls only while a job runs, starts at
FIRST_S, doubles the wait whenever a poll brings no news (no progress, or a transient failure), never waits
more than MAX_S, and stops polling by itself when the quota left falls to QUOTA_RESERVE (kept for the
organizer's own clicks); a "Refresh progress" button still polls on demand.
"""

from __future__ import annotations

from dataclasses import dataclass

FIRST_S = 10.0
MAX_S = 120.0
QUOTA_RESERVE = 20


@dataclass
class Poller:
    """The schedule of one hackathon's polls (kept in the session)."""

    interval_s: float = FIRST_S
    next_at: float = 0.0  # time.monotonic() of the next automatic poll
    last_completed: int = -1  # submissions finished at the last poll
    failures: int = 0  # transient failures in a row

    def due(self, now: float) -> bool:
        return now >= self.next_at

    def after_poll(self, now: float, finished: int) -> None:
        """A poll answered: keep the pace while the job moves, slow down while it does not."""
        if finished <= self.last_completed:
            self.interval_s = min(MAX_S, self.interval_s * 2)
        self.last_completed = max(self.last_completed, finished)
        self.failures = 0
        self.next_at = now + self.interval_s

    def after_failure(self, now: float) -> None:
        """A transient failure (network, timeout, 5xx, per-second 429): try again later, more slowly."""
        self.failures += 1
        self.interval_s = min(MAX_S, self.interval_s * 2)
        self.next_at = now + self.interval_s


def quota_allows(remaining: int | None) -> bool:
    """Whether automatic polling may spend one more request of the day's quota."""
    return remaining is None or remaining > QUOTA_RESERVE
