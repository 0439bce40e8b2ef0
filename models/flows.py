"""Where talent flows: counts of hires from a source to a target (origin -> partner, partner ->
partner, academia -> company), protected so that no hidden count can be recovered (issue 17).

A flow table is what a Sankey diagram draws: the links (source x target counts), each source's total
(the width leaving it), each target's total (the width arriving) and the grand total. All of them
are published together, so they are protected together as one two-way table with its margins
(``models.privacy.protect_crosstabs``, the sources as columns and the targets as the one cut): a
hidden link cannot be had back by subtracting the shown links from a node's total, nor across
nodes, because the audit solves exactly that linear system. When a source's total had to be hidden,
the links are withheld and only the targets' totals are shown (privacy's rule for two-way tables).
Periods follow the hub's rule: one table per calendar quarter, longer periods by ``privacy.combine``.
"""
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from models.attraction import WINDOW_MONTHS, Period, add_months
from models.privacy import SMALL_CELL_THRESHOLD, combine, protect_crosstabs

# Where a hire came from: abroad by country group, another Italian region, the same region.
ORIGINS = ("abroad_eu", "abroad_europe_other", "abroad_world", "other_region", "same_region", "unknown")
EU_COUNTRIES = frozenset("AT BE BG CY CZ DE DK EE ES FI FR GR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK".split())
EUROPE_OTHER = frozenset("AD AL BA BY CH FO GB GI IS LI MC MD ME MK NO RS RU SM TR UA VA XK".split())
SECTORS = ("academia", "company")


def country_group(country: str) -> str:
    """abroad_eu, abroad_europe_other or abroad_world, for a country other than Italy (ISO 3166 alpha-2)."""
    code = country.upper()
    if code in EU_COUNTRIES:
        return "abroad_eu"
    return "abroad_europe_other" if code in EUROPE_OTHER else "abroad_world"


def origin(attraction_class: str, country_before: str | None) -> str:
    """A hire's origin for the flows, from its attracted-talent class (models.attraction) and the
    country where it mostly was before (for hires from abroad)."""
    if attraction_class in ("from_abroad_foreign", "from_abroad_returning"):
        return country_group(country_before) if country_before else "unknown"
    return {"from_other_region": "other_region", "local": "same_region"}.get(attraction_class, "unknown")


def sector(institution_kind: str) -> str:
    """academia for universities, research bodies and foundations; company for companies."""
    return "company" if institution_kind == "company" else "academia"


def country_before(periods: Iterable[Period], start_date: date) -> str | None:
    """The foreign country where a hire spent most days of the attracted-talent window (the 36 months
    before starting, models.attraction), None when no foreign period falls in it; ties go to the
    alphabetically first code."""
    window_start = add_months(start_date, -WINDOW_MONTHS)
    days: dict[str, int] = {}
    for period in periods:
        if period.country.upper() == "IT":
            continue
        first = max(period.start, window_start)
        last = min(period.end + timedelta(days=1) if period.end else start_date, start_date)
        if first < last:
            days[period.country.upper()] = days.get(period.country.upper(), 0) + (last - first).days
    return min(days, key=lambda c: (-days[c], c)) if days else None


@dataclass(frozen=True)
class Flows:
    total: int | None
    sources: dict[str, int | None]  # hires leaving each source (None: hidden)
    targets: dict[str, int | None]  # hires arriving at each target
    links: dict[tuple[str, str], int | None]  # (source, target) -> hires, every pair of the table

    def shown_links(self) -> list[tuple[str, str, int]]:
        """The links a diagram draws: shown and non-zero, largest first."""
        shown = [(s, t, n) for (s, t), n in self.links.items() if n]
        return sorted(shown, key=lambda link: (-link[2], link[0], link[1]))


def flows(pairs: Iterable[tuple[str, str]], sources: Sequence[str] | None = None,
          threshold: int = SMALL_CELL_THRESHOLD) -> Flows:
    """The protected flow table of (source, target) pairs, one pair per hire. ``sources``: the source
    nodes to show, in order, even when nobody came from one (default: those present, sorted)."""
    records = [(target, source) for source, target in pairs]
    columns = list(sources) if sources is not None else sorted({source for _, source in records})
    if not records:
        return Flows(0, {s: 0 for s in columns}, {}, {})
    table = protect_crosstabs(records, ["target"], columns, threshold=threshold)
    rows = table["cuts"]["target"]
    return Flows(table["total"], dict(table["columns"]), {t: row["total"] for t, row in rows.items()},
                 {(s, t): row["cells"][s] for t, row in rows.items() for s in columns})


def coarsen(fine: Flows, source_of, target_of) -> Flows:
    """The same flows with nodes merged (partners into their spokes, say): ``source_of`` and
    ``target_of`` map a fine node to its coarse one. A merged figure is the sum of the fine figures it
    covers, shown only when every one of them is shown, so it tells nothing the fine table does not."""
    def merged(figures: dict, key_of) -> dict:
        out: dict = {}
        for key, n in figures.items():
            coarse = key_of(key)
            out[coarse] = None if n is None or out.get(coarse, 0) is None else out.get(coarse, 0) + n
        return out
    return Flows(fine.total, merged(fine.sources, source_of), merged(fine.targets, target_of),
                 merged(fine.links, lambda link: (source_of(link[0]), target_of(link[1]))))


def over_periods(parts: Sequence[Flows]) -> Flows:
    """Flows over several quarters from each quarter's protected flows (``privacy.combine``): a figure
    is the sum over the quarters when every quarter showed it (a quarter without it counts as zero)."""
    sources = list(dict.fromkeys(s for p in parts for s in p.sources))
    targets = list(dict.fromkeys(t for p in parts for t in p.targets))
    links = [(s, t) for t in targets for s in sources]
    def over(figures: Callable[[Flows], Mapping], names: list) -> dict:
        return combine([figures(p) for p in parts], names)
    return Flows(over(lambda p: {0: p.total}, [0])[0], over(lambda p: p.sources, sources),
                 over(lambda p: p.targets, targets), over(lambda p: p.links, links))


def hidden_total(table: Flows) -> int | None:
    """Hires in links that are not drawn: the total less the shown links (None when the total is
    hidden). A sum of shown figures, so stating it reveals nothing more."""
    if table.total is None:
        return None
    return table.total - sum(n for n in table.links.values() if n)
