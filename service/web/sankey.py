"""Geometry of the Sankey diagrams on the flows page (templates/hub/flows.html): pure functions.

Sources stand as bars on the left, targets on the right, each as tall as its total (or, when the
total is hidden, as the links drawn from or to it); a link is a band whose width is its count, stacked
from the top of its bars. Hidden links (None) are not drawn, so part of a bar may carry no band: the
page states their total beside the diagram."""

GAP = 8  # px between bars
TOP = 8  # px above the first bar, for its label
MIN_BAR = 2.0  # px: a node whose links are all hidden or zero still shows where it stands


def _band(x0: float, y0: float, x1: float, y1: float, width: float) -> str:
    middle = (x0 + x1) / 2
    return (f"M{x0:.1f},{y0:.1f} C{middle:.1f},{y0:.1f} {middle:.1f},{y1:.1f} {x1:.1f},{y1:.1f} "
            f"L{x1:.1f},{y1 + width:.1f} C{middle:.1f},{y1 + width:.1f} {middle:.1f},{y0 + width:.1f} {x0:.1f},{y0 + width:.1f} Z")


def layout(sources: list[str], targets: list[str], links: list[dict], totals: dict[str, int | None] | None = None,
           width: int = 720, height: int = 360, bar: int = 14, label_room: int = 200) -> dict:
    """Bars and bands for ``links`` ({"source", "target", "count"}; count None when hidden); ``totals``:
    the nodes' shown totals (None when hidden), sources' and targets' keys apart."""
    drawn = [link for link in links if link["count"]]
    totals = totals or {}
    out = {s: max(totals.get(s) or 0, sum(link["count"] for link in drawn if link["source"] == s)) for s in sources}
    into = {t: max(totals.get(t) or 0, sum(link["count"] for link in drawn if link["target"] == t)) for t in targets}
    widest = max(sum(out.values()), sum(into.values()), 1)
    gaps = GAP * (max(len(sources), len(targets), 1) - 1)
    scale = max(height - gaps - MIN_BAR * max(len(sources), len(targets), 1), 1) / widest
    left_x, right_x = label_room, width - label_room

    def column(nodes: list[str], flows: dict[str, int], x: float) -> dict[str, dict]:
        placed, y = {}, float(TOP)
        for node in nodes:
            h = max(flows[node] * scale, MIN_BAR)
            placed[node] = {"key": node, "x": x, "y": round(y, 1), "w": bar, "h": round(h, 1), "drawn": flows[node]}
            y += h + GAP
        return placed
    left, right = column(sources, out, left_x - bar), column(targets, into, right_x)
    offset_out = {s: left[s]["y"] for s in sources}
    offset_in = {t: right[t]["y"] for t in targets}
    bands = []
    for link in sorted(drawn, key=lambda lk: (sources.index(lk["source"]), targets.index(lk["target"]))):
        w = link["count"] * scale
        s, t = link["source"], link["target"]
        bands.append({"source": s, "target": t, "count": link["count"],
                      "path": _band(left_x, offset_out[s], right_x, offset_in[t], w)})
        offset_out[s] += w
        offset_in[t] += w
    total_h = max([n["y"] + n["h"] for n in [*left.values(), *right.values()]] or [0])
    return {"width": width, "height": round(max(total_h, 1.0) + TOP, 1), "sources": list(left.values()),
            "targets": list(right.values()), "bands": bands}
