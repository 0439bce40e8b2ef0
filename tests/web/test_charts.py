from service.web.charts import grouped_bars, nice_ceiling


def test_axis_ends_on_a_round_number_at_or_above_the_peak():
    assert [nice_ceiling(v) for v in (0, 0.3, 1, 7, 13, 26, 999)] == [1.0, 0.5, 1, 10, 20, 50, 1000]


def test_bars_scale_to_the_axis_and_hidden_values_draw_a_hatched_slot_not_a_bar():
    rows = [{"m": "2026-01", "a": 10, "b": 5}, {"m": "2026-02", "a": 20, "b": None}]
    chart = grouped_bars(rows, "m", ["a", "b"], width=200, height=100, margin=(0, 0, 0, 0))
    heights = {(bar["label"], bar["series"]): bar["h"] for bar in chart["bars"]}
    assert heights == {("2026-01", 0): 50.0, ("2026-01", 1): 25.0, ("2026-02", 0): 100.0}
    assert chart["hidden"] == 1
    assert [(g["label"], g["series"], g["h"]) for g in chart["gaps"]] == [("2026-02", 1, 100)]  # full height, no zero
    assert all(bar["y"] + bar["h"] == 100 for bar in chart["bars"])  # bars stand on the axis
    assert [t["value"] for t in chart["ticks"]] == [0, 5, 10, 15, 20]


def test_an_empty_series_still_draws_an_axis():
    chart = grouped_bars([], "m", ["a"])
    assert chart["bars"] == [] and len(chart["ticks"]) == 5
