"""Geometry of the inline SVG charts on the pages: pure functions, drawn by templates/chart.html."""
import math


def nice_ceiling(value: float) -> float:
    """The round number at or above ``value`` that an axis ends on: 1, 2, 2.5, 5 or 10 times a power of ten."""
    if value <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(value))
    return next(step * power for step in (1, 2, 2.5, 5, 10) if step * power >= value)


def grouped_bars(rows: list[dict], label_key: str, series: list[str], width: int = 720, height: int = 240,
                 margin: tuple[int, int, int, int] = (10, 10, 36, 44)) -> dict:
    """Bars for each row (a month, say), one per series side by side. A hidden value (None) is no zero: it
    draws no bar but a hatched slot the plot's full height (in ``gaps``), counted in ``hidden`` so the
    chart can say so."""
    top, right, bottom, left = margin
    plot_w, plot_h = width - left - right, height - top - bottom
    peak = nice_ceiling(max((row.get(key) or 0 for row in rows for key in series), default=0))
    slot = plot_w / max(len(rows), 1)
    bar_w = slot * 0.8 / max(len(series), 1)
    bars: list[dict] = []
    gaps: list[dict] = []
    for i, row in enumerate(rows):
        for j, key in enumerate(series):
            value = row.get(key)
            x = round(left + i * slot + slot * 0.1 + j * bar_w, 1)
            if value is None:
                gaps.append({"x": x, "y": top, "w": round(bar_w, 1), "h": plot_h, "series": j, "label": row[label_key]})
                continue
            h = plot_h * value / peak
            bars.append({"x": x, "y": round(top + plot_h - h, 1),
                         "w": round(bar_w, 1), "h": round(h, 1), "series": j, "value": value, "label": row[label_key]})
    ticks = [{"y": round(top + plot_h - plot_h * k / 4, 1), "value": peak * k / 4} for k in range(5)]
    labels = [{"x": round(left + i * slot + slot / 2, 1), "text": row[label_key]} for i, row in enumerate(rows)]
    return {"width": width, "height": height, "left": left, "top": top, "plot_w": plot_w, "plot_h": plot_h,
            "bars": bars, "gaps": gaps, "ticks": ticks, "labels": labels, "hidden": len(gaps), "series": series}
