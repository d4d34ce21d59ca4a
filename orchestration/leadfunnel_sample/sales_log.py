"""What sales and the MA did, collected as arrays across chunks and cycles.

Each kind of fact is a table of equal-length arrays; ``add`` appends a batch (dropping rows at
or after the horizon: the future has not happened), ``table`` concatenates the batches.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

# Touch kinds (Salesforce tasks)
CALL, EMAIL, OPEN_TASK, THANKS_CALL, OPPORTUNITY_CALL = range(5)
# Call dispositions: index into catalog.CALL_DISPOSITIONS, -1 none
ABSENT, CONNECTED, VOICEMAIL = range(3)
# Handoff decisions
DECISION_NONE, DECISION_SQL, DECISION_DISQUALIFIED, DECISION_RECYCLED = range(4)

SCHEMAS: dict[str, tuple[str, ...]] = {
    # Salesforce lead Status changes
    "status": ("person", "t", "status", "by", "cycle"),
    # Salesforce lead Owner changes
    "owner": ("person", "t", "owner", "by"),
    # Marketo Lead Status changes made by the MA (creation, MQL); reason: 0 created, 1 MQL
    "marketo_status": ("record", "t", "status", "reason"),
    # tasks; completed = -1 for open tasks
    "task": ("person", "created", "completed", "owner", "kind", "disposition", "due"),
    # events (meetings)
    "meeting": ("person", "created", "start", "end", "owner", "subject"),
    # the lead fields a decision leaves (the last one per person wins)
    "decision": ("person", "t", "reason", "detail", "bant"),
    # leads converted to contact + opportunity
    "conversion": ("person", "t", "owner", "cycle"),
    # MQL handoffs (truth)
    "handoff": ("person", "cycle", "mql_at", "handoff_at", "owner", "decision", "decided_at"),
}


@dataclass
class SalesLog:
    horizon: int
    batches: dict[str, list[dict[str, np.ndarray]]] = field(default_factory=dict)

    def add(self, kind: str, /, time_column: str | None = "t", **columns) -> None:
        names = SCHEMAS[kind]
        if set(columns) != set(names):
            raise ValueError(f"{kind} needs columns {names}, got {sorted(columns)}")
        arrays = [np.size(v) for v in columns.values() if np.ndim(v) > 0]
        size = max(arrays) if arrays else 1
        batch = {
            k: np.broadcast_to(np.asarray(v, dtype=np.int64), size).copy()
            for k, v in columns.items()
        }
        if time_column is not None:
            keep = batch[time_column] < self.horizon
            batch = {k: v[keep] for k, v in batch.items()}
        self.batches.setdefault(kind, []).append(batch)

    def table(self, kind: str) -> dict[str, np.ndarray]:
        names = SCHEMAS[kind]
        parts = self.batches.get(kind, [])
        return {
            name: np.concatenate([p[name] for p in parts]) if parts else np.zeros(0, np.int64)
            for name in names
        }
