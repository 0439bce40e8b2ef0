"""Matches both ways, and free-text search both ways (service.matching)."""
from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import StringConstraints

from service import matching
from service.deps import CandidateUser, Conn, Embedder, HROfficer, OptionalUser, SettingsDep
from service.schemas.common import DatabaseId
from service.schemas.matching import CandidateMatchFilters, CandidateMatchPage, PositionMatchFilters, PositionMatchPage

router = APIRouter(tags=["matching"])

SearchText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=2, max_length=500)]


@router.get("/candidates/me/matches", response_model=PositionMatchPage,
            summary="Open positions that fit your profile, best first, with why")
def my_matches(conn: Conn, user: CandidateUser, settings: SettingsDep, embedder: Embedder,
               filters: Annotated[PositionMatchFilters, Query()]) -> dict:
    return matching.my_matches(conn, user, filters, settings, embedder)


@router.get("/positions/{position_id}/matches", response_model=CandidateMatchPage,
            summary="Candidates who fit your institution's position, best first, with why")
def position_matches(conn: Conn, user: HROfficer, settings: SettingsDep, embedder: Embedder, position_id: DatabaseId,
                     filters: Annotated[CandidateMatchFilters, Query()]) -> dict:
    return matching.position_matches(conn, user, position_id, filters, settings, embedder)


@router.get("/search/positions", response_model=PositionMatchPage,
            summary="Search open positions by free text (Italian or English), or browse them by filters alone "
                    "(no q: newest first); anyone may search")
def search_positions(conn: Conn, user: OptionalUser, settings: SettingsDep, embedder: Embedder,
                     filters: Annotated[PositionMatchFilters, Query()], q: SearchText | None = None) -> dict:
    return matching.search_open_positions(conn, user, q, filters, settings, embedder)


@router.get("/search/candidates", response_model=CandidateMatchPage,
            summary="Search candidate profiles by free text (HR officers)")
def search_candidates(conn: Conn, _: HROfficer, settings: SettingsDep, embedder: Embedder, q: SearchText,
                      filters: Annotated[CandidateMatchFilters, Query()]) -> dict:
    return matching.search_candidate_profiles(conn, q, filters, settings, embedder)
