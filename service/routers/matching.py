"""Matches both ways, and free-text search both ways."""
from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Request, status
from pydantic import StringConstraints

from service import access, matching
from service.deps import CandidateUser, Conn, HROfficer, OptionalUser, not_found
from service.queries import positions
from service.schemas.common import DatabaseId
from service.schemas.matching import CandidateMatchFilters, CandidateMatchPage, PositionMatchFilters, PositionMatchPage

router = APIRouter(tags=["matching"])

SearchText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=2, max_length=500)]


def _options(request: Request, crowding: bool = True) -> matching.MatchOptions:
    settings = request.app.state.settings
    return matching.MatchOptions(model=request.app.state.embedder.name, ef_search=settings.hnsw_ef_search,
                                 crowding_strength=settings.crowding_strength if crowding else 0.0)


def _position_filters(filters: PositionMatchFilters) -> dict:
    return filters.model_dump(exclude={"crowding", "limit", "offset"})


@router.get("/candidates/me/matches", response_model=PositionMatchPage,
            summary="Open positions that fit your profile, best first, with why")
def my_matches(request: Request, conn: Conn, user: CandidateUser, filters: Annotated[PositionMatchFilters, Query()]) -> dict:
    return matching.matches_for_candidate(conn, user.candidate_id, _position_filters(filters),
                                          _options(request, filters.crowding), limit=filters.limit, offset=filters.offset)


@router.get("/positions/{position_id}/matches", response_model=CandidateMatchPage,
            summary="Candidates who fit your institution's position, best first, with why")
def position_matches(request: Request, conn: Conn, user: HROfficer, position_id: DatabaseId,
                     filters: Annotated[CandidateMatchFilters, Query()]) -> dict:
    position = positions.get_position(conn, position_id)
    if position is None or not access.can_read_position(user, position):
        raise not_found("position", position_id)
    if position["institution_id"] != user.institution_id:
        raise HTTPException(status.HTTP_403_FORBIDDEN, "you can only see candidates for your own institution's positions")
    return matching.matches_for_position(conn, position, filters.model_dump(exclude={"limit", "offset"}),
                                         _options(request), limit=filters.limit, offset=filters.offset)


@router.get("/search/positions", response_model=PositionMatchPage,
            summary="Search open positions by free text (Italian or English); anyone may search")
def search_positions(request: Request, conn: Conn, user: OptionalUser, q: SearchText,
                     filters: Annotated[PositionMatchFilters, Query()]) -> dict:
    candidate_id = user.candidate_id if user is not None and user.role == "candidate" else None
    return matching.search_positions(conn, request.app.state.embedder, q, _position_filters(filters),
                                     _options(request, filters.crowding), candidate_id=candidate_id,
                                     limit=filters.limit, offset=filters.offset)


@router.get("/search/candidates", response_model=CandidateMatchPage,
            summary="Search candidate profiles by free text (HR officers)")
def search_candidates(request: Request, conn: Conn, _: HROfficer, q: SearchText,
                      filters: Annotated[CandidateMatchFilters, Query()]) -> dict:
    return matching.search_candidates(conn, request.app.state.embedder, q, filters.model_dump(exclude={"limit", "offset"}),
                                      _options(request), limit=filters.limit, offset=filters.offset)
