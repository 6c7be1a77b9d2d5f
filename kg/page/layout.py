"""Layout pass: place the projection's nodes, events in time order along the x axis, in linear time.

Events and statements stand in one column per day, in the order the articles tell them. Actors sit
in bands above them and documents and places in bands below, each at the mean x of the events it is
linked to, packed into a few lanes so that labels do not overlap. Nothing is random and every
coordinate is an integer, so the same projection always gets the same picture; the cost grows with
nodes times lanes, which keeps thousands of nodes well under a second (a force-directed layout such
as networkx's spring_layout takes minutes at that size).
"""

from __future__ import annotations

import bisect
import datetime as dt
import math
from dataclasses import dataclass, field

import networkx as nx

from kg.page.project import TIMED_KINDS, day_text

COLUMN_GAP = 300  # between two days, and between the sub-columns of a crowded day
STACK_GAP = 140  # between the events of one day, one under the other
# Events of one day in a sub-column before the next one opens: the smallest of these depths that
# gives the picture about the shape of a wide screen.
STACK_DEPTHS = (3, 4, 6, 8, 12, 16, 24, 32, 48, 64)
ASPECT = 1.8
BANDS_HEIGHT = 800  # what the bands of actors, documents and places add to the height, roughly
LANE_GAP = 90  # between the lanes of a band
NODE_GAP = 200  # least horizontal room for one node in a lane
BAND_GAP = 120  # between bands and the events
# Bands of non-event nodes and the kinds each holds, from the events outwards.
BANDS_ABOVE = (("organization", "country"), ("person",))
BANDS_BELOW = (("document", "place"),)
UNDATED = "sin fecha"


@dataclass
class Layout:
    """Where every node goes, and the day columns and publication marks drawn behind them."""

    positions: dict[str, tuple[int, int]] = field(default_factory=dict)
    columns: list[dict] = field(default_factory=list)
    marks: list[dict] = field(default_factory=list)
    top: int = 0
    bottom: int = 0


def _order(attrs: dict, node: str) -> tuple:
    """Sort key of events within a day: the article, the offset of the first mention, the id."""
    return (*attrs.get("order", ("", 0)), node)


def _pack(targets: list[tuple[float, str]], max_lanes: int) -> dict[str, tuple[int, int]]:
    """Place nodes at their target x in the first lane with room, else in the lane that ends leftmost; return
    (x, lane) per node.

    The lanes not yet used end at minus infinity, so the first lane with room is a new one exactly when no used lane
    has room; a tree of the lanes' leftmost ends finds it in log(lanes) steps, where a scan of the lanes made a band
    cost nodes times lanes, and lanes grow with the nodes when the days do not.
    """
    lanes = _Lanes(max_lanes)
    placed: dict[str, tuple[int, int]] = {}
    for target, node in sorted(targets):
        lane = lanes.first_with_room(target)
        if lane is None:
            lane = lanes.leftmost()
        x = max(target, lanes.end(lane) + NODE_GAP)
        lanes.set_end(lane, x)
        placed[node] = (round(x), lane)
    return placed


class _Lanes:
    """The right ends of a band's lanes, in a tree of minima: the first lane with room for a node at some x, and the
    lane that ends leftmost (the first of equals), each in log(lanes) steps."""

    def __init__(self, count: int) -> None:
        """Start count lanes, none used (each ends at minus infinity)."""
        self.size = 1 << max(count - 1, 0).bit_length()
        # Leaves from index size on; the leaves past count stand for no lane and are never the minimum.
        self.tree = [math.inf] * (2 * self.size)
        for lane in range(count):
            self.tree[self.size + lane] = -math.inf
        for index in range(self.size - 1, 0, -1):
            self.tree[index] = min(self.tree[2 * index], self.tree[2 * index + 1])

    def end(self, lane: int) -> float:
        """Return where a lane ends."""
        return self.tree[self.size + lane]

    def set_end(self, lane: int, x: float) -> None:
        """Make a lane end at x."""
        index = self.size + lane
        self.tree[index] = x
        while index > 1:
            index //= 2
            self.tree[index] = min(self.tree[2 * index], self.tree[2 * index + 1])

    def first_with_room(self, x: float) -> int | None:
        """Return the first lane that ends at least NODE_GAP before x, or None."""
        # Compared as end + NODE_GAP <= x, never end <= x - NODE_GAP, which rounds differently.
        if not self.tree[1] + NODE_GAP <= x:
            return None
        index = 1
        while index < self.size:
            index = 2 * index if self.tree[2 * index] + NODE_GAP <= x else 2 * index + 1
        return index - self.size

    def leftmost(self) -> int:
        """Return the lane that ends leftmost, the first of those that end there."""
        index = 1
        while index < self.size:
            index = 2 * index if self.tree[2 * index] <= self.tree[2 * index + 1] else 2 * index + 1
        return index - self.size


def time_layout(projection: nx.MultiDiGraph) -> Layout:
    """Lay out a projection: days left to right, events stacked per day, other nodes in bands."""
    layout = Layout()
    nodes = projection.nodes
    timed = [n for n, k in projection.nodes(data="kind") if k in TIMED_KINDS]
    days = sorted({nodes[n].get("date") or "~" for n in timed})  # "~" sorts after every ISO date
    per_day: dict[str, dict[str, list[str]]] = {d: {kind: [] for kind in TIMED_KINDS} for d in days}
    for node in sorted(timed, key=lambda n: _order(nodes[n], n)):
        per_day[nodes[node].get("date") or "~"][nodes[node]["kind"]].append(node)

    depth = _stack_depth(per_day)
    rows = {kind: min(depth, max((len(d[kind]) for d in per_day.values()), default=0)) for kind in TIMED_KINDS}
    event_top = 0
    statement_top = event_top + rows["event"] * STACK_GAP + (BAND_GAP if rows["event"] else 0)
    tops = {"event": event_top, "statement": statement_top}

    x = 0
    for day in days:
        width = max(math.ceil(len(group) / depth) for group in per_day[day].values())
        for kind, group in per_day[day].items():
            for i, node in enumerate(group):
                layout.positions[node] = (x + (i // depth) * COLUMN_GAP, tops[kind] + (i % depth) * STACK_GAP)
        label = UNDATED if day == "~" else day_text(dt.date.fromisoformat(day))
        layout.columns.append({"x": x, "width": (width - 1) * COLUMN_GAP, "date": day if day != "~" else "",
                               "label": label})
        x += width * COLUMN_GAP
    right = max(x - COLUMN_GAP, 0)
    layout.marks = _publication_marks(projection.graph.get("publications", []), layout.columns)

    # Non-event nodes go to the mean x of their neighbours among the events, else among placed nodes.
    others = sorted(n for n in projection if n not in layout.positions)
    targets: dict[str, float] = {}
    for pass_over in (0, 1):
        for node in others:
            if node in targets:
                continue
            xs = [layout.positions[m][0] if m in layout.positions else targets[m]
                  for m in _neighbours(projection, node) if m in layout.positions or (pass_over and m in targets)]
            if xs:
                targets[node] = sum(xs) / len(xs)
    for node in others:
        targets.setdefault(node, right / 2)

    events_bottom = statement_top + (rows["statement"] - 1) * STACK_GAP if rows["statement"] else \
        max(event_top + (rows["event"] - 1) * STACK_GAP, 0)
    above, below = event_top - BAND_GAP, events_bottom + BAND_GAP
    for bands, direction in ((BANDS_ABOVE, -1), (BANDS_BELOW, 1)):
        edge = above if direction < 0 else below
        for kinds in bands:
            members = [(targets[n], n) for n in others if nodes[n]["kind"] in kinds]
            if not members:
                continue
            # Enough lanes for the band to fit the width of the days, plus one to spare.
            max_lanes = math.ceil(len(members) * NODE_GAP / max(right, NODE_GAP)) + 1
            placed = _pack(members, max_lanes)
            lanes = 1 + max(lane for _, lane in placed.values())
            for node, (px, lane) in placed.items():
                layout.positions[node] = (px, edge + direction * lane * LANE_GAP)
            edge += direction * (lanes * LANE_GAP + BAND_GAP - LANE_GAP)
        if direction < 0:
            layout.top = edge + BAND_GAP
        else:
            layout.bottom = edge - BAND_GAP
    layout.top = min([layout.top, event_top] + [y for _, y in layout.positions.values()])
    layout.bottom = max([layout.bottom] + [y for _, y in layout.positions.values()])
    return layout


def _stack_depth(per_day: dict[str, dict[str, list[str]]]) -> int:
    """Choose how many events of one day stand in a sub-column, for a picture about ASPECT times wider than high."""
    def misfit(depth: int) -> float:
        width = sum(max(math.ceil(len(g) / depth) for g in groups.values()) for groups in per_day.values())
        rows = sum(min(depth, max((len(d[kind]) for d in per_day.values()), default=0)) for kind in TIMED_KINDS)
        return abs(math.log(max(width, 1) * COLUMN_GAP / (rows * STACK_GAP + BANDS_HEIGHT) / ASPECT))

    return min(STACK_DEPTHS, key=lambda depth: (round(misfit(depth), 6), depth))


def _neighbours(projection: nx.MultiDiGraph, node: str) -> list[str]:
    """Return the nodes joined to a node by an edge in either direction, sorted."""
    return sorted(set(projection.successors(node)) | set(projection.predecessors(node)))


def _publication_marks(publications: list[str], columns: list[dict]) -> list[dict]:
    """Place a mark for each publication time just after the column of its day."""
    marks = []
    # The dated columns, in date order: a bisection finds the last one on or before a day, where a scan
    # of every column for every publication grew with articles times days.
    dated = [c for c in columns if c["date"]]
    dates = [c["date"] for c in dated]
    for published in publications:
        day = published[:10]
        before = bisect.bisect_right(dates, day)
        if not before:
            x = (columns[0]["x"] if columns else 0) - COLUMN_GAP // 2
        else:
            x = dated[before - 1]["x"] + dated[before - 1]["width"] + COLUMN_GAP // 2
        stamp = day_text(dt.date.fromisoformat(day)) + (f" {published[11:16]}" if len(published) >= 16 else "")
        marks.append({"x": x, "label": f"publicación {stamp}"})
    return marks
