"""A candidate's saved searches: create, list, change, delete (own only), and unsubscribing by a signed link."""
from service.domain import BadToken, Conflict, NotFound
from service.queries import Connection, words
from service.queries import saved_searches as store
from service.schemas.alerts import SavedSearchCreate, SavedSearchUpdate
from service.schemas.auth import UserRead
from service.security import signed_token, value_of_signed

MAX_PER_CANDIDATE = 20
UNSUBSCRIBE = "unsubscribe-saved-search"  # the purpose a signed unsubscribe token is good for


def create(conn: Connection, user: UserRead, body: SavedSearchCreate) -> dict:
    """Saves the search with its typed query (the words as the search reads them today), so an alert
    run matches the words in SQL alone."""
    candidate_id = user.own_candidate_id
    if len(store.list_for_candidate(conn, candidate_id)) >= MAX_PER_CANDIDATE:
        raise Conflict("saved_search.too_many", limit=MAX_PER_CANDIDATE)
    data = body.model_dump()
    if body.q:
        typed = words.typed_query(conn, body.q, "position")
        data |= {"typed_words": typed.words, "typed_stems": typed.stems, "typed_weights": typed.weights,
                 "typed_unknown": typed.unknown}
    return store.create(conn, candidate_id, data)


def list_own(conn: Connection, user: UserRead) -> list[dict]:
    return store.list_for_candidate(conn, user.own_candidate_id)


def get_own(conn: Connection, user: UserRead, saved_search_id: int) -> dict:
    """The candidate's own saved search; another's is 'not found', so its existence does not leak."""
    row = store.get(conn, saved_search_id)
    if row is None or row["candidate_id"] != user.own_candidate_id:
        raise NotFound("saved_search.not_found", saved_search_id=saved_search_id)
    return row


def update(conn: Connection, user: UserRead, saved_search_id: int, body: SavedSearchUpdate) -> dict:
    get_own(conn, user, saved_search_id)
    return store.update(conn, saved_search_id, body.model_dump(exclude_none=True))


def delete(conn: Connection, user: UserRead, saved_search_id: int) -> None:
    get_own(conn, user, saved_search_id)
    store.delete(conn, saved_search_id)


def unsubscribe_token(saved_search_id: int, signing_key: str) -> str:
    return signed_token(UNSUBSCRIBE, str(saved_search_id), signing_key)


def from_unsubscribe_token(conn: Connection, token: str, signing_key: str) -> dict | None:
    """The saved search a well-signed token names; None when it was deleted already. BadToken when forged."""
    value = value_of_signed(UNSUBSCRIBE, token, signing_key)
    if value is None or not value.isdigit():
        raise BadToken("saved_search.unsubscribe_invalid", field="token")
    return store.get(conn, int(value))


def unsubscribe(conn: Connection, token: str, signing_key: str) -> bool:
    """Deletes the saved search a signed token names (no sign-in: the link is the proof); False when gone already."""
    row = from_unsubscribe_token(conn, token, signing_key)
    return row is not None and store.delete(conn, row["id"])
