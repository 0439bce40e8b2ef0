"""Talent flows for the hub (service.flows): origin -> partner, partner -> partner, academia <->
company, per quarter and over the period. The hub only; counts are protected (null when hidden)."""
from typing import TYPE_CHECKING, Annotated, Literal

from fastapi import APIRouter, Query

from service import flows
from service.deps import Conn, HubUser
from service.schemas.common import ReportDay

router = APIRouter(prefix="/hub/flows", tags=["hub"])

if TYPE_CHECKING:  # a Literal built from data is beyond mypy
    Kind = str
    Level = str
else:
    Kind = Literal[flows.KINDS]
    Level = Literal[flows.LEVELS]


@router.get("", summary="Talent flows as Sankey links: by origin, between partners, between academia and companies")
def talent_flows(
    conn: Conn, user: HubUser,
    kind: Annotated[Kind, Query(description="origin, partners (moves between partners) or sectors (academia <-> company)")] = "origin",
    level: Annotated[Level, Query(description="partner, spoke or ecosystem: where the links arrive")] = "partner",
    start: Annotated[ReportDay | None, Query(description="first day, widened to its quarter; default a year ago")] = None,
    end: Annotated[ReportDay | None, Query(description="last day, widened to its quarter; default today")] = None,
) -> dict:
    """Node keys: ``origin:<abroad_eu|abroad_europe_other|abroad_world|other_region|same_region|unknown>``,
    ``partner:<id>``, ``spoke:<n|none>``, ``ecosystem:<id>``, ``sector:<academia|company>``; ``names``
    gives partners' and the ecosystem's names. ``hidden_total``: hires in links not shown."""
    return flows.hub_report(conn, user, kind, level, start, end)
