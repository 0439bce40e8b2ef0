"""A candidate's saved searches, each with its e-mail alerts (service.saved_searches). Own only."""
from fastapi import APIRouter, Response, status

from service import saved_searches as use_cases
from service.deps import CandidateUser, Conn
from service.schemas.alerts import SavedSearchCreate, SavedSearchList, SavedSearchRead, SavedSearchUpdate
from service.schemas.common import DatabaseId

router = APIRouter(prefix="/candidates/me/saved-searches", tags=["candidates"])


@router.get("", response_model=SavedSearchList, summary="Your saved searches")
def list_saved(conn: Conn, user: CandidateUser) -> dict:
    return {"items": use_cases.list_own(conn, user)}


@router.post("", response_model=SavedSearchRead, status_code=status.HTTP_201_CREATED,
             summary="Save a search (words and filters, or no words for your matches) and get e-mail alerts of new positions")
def create_saved(conn: Conn, user: CandidateUser, body: SavedSearchCreate) -> dict:
    return use_cases.create(conn, user, body)


@router.get("/{saved_search_id}", response_model=SavedSearchRead, summary="One of your saved searches")
def read_saved(conn: Conn, user: CandidateUser, saved_search_id: DatabaseId) -> dict:
    return use_cases.get_own(conn, user, saved_search_id)


@router.patch("/{saved_search_id}", response_model=SavedSearchRead, summary="Change how often alerts come, or their language")
def update_saved(conn: Conn, user: CandidateUser, saved_search_id: DatabaseId, body: SavedSearchUpdate) -> dict:
    return use_cases.update(conn, user, saved_search_id, body)


@router.delete("/{saved_search_id}", status_code=status.HTTP_204_NO_CONTENT, summary="Delete a saved search (its alerts stop)")
def delete_saved(conn: Conn, user: CandidateUser, saved_search_id: DatabaseId) -> Response:
    use_cases.delete(conn, user, saved_search_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
