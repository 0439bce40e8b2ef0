"""Ecosystems and partner institutions: readable by every signed-in user, created by the hub."""
from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, status

from models.taxonomy import InstitutionKind
from service.deps import Conn, CurrentUser, HubUser, not_found
from service.queries import institutions
from service.schemas.common import DatabaseId, Offset, Page
from service.schemas.institutions import EcosystemRead, InstitutionCreate, InstitutionRead

router = APIRouter(tags=["institutions"])


@router.get("/ecosystems", response_model=list[EcosystemRead])
def list_ecosystems(conn: Conn, _: CurrentUser) -> list[dict]:
    return institutions.list_ecosystems(conn)


@router.get("/institutions", response_model=Page[InstitutionRead])
def list_institutions(
    conn: Conn, _: CurrentUser,
    ecosystem_id: DatabaseId | None = None, kind: InstitutionKind | None = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50, offset: Annotated[Offset, Query()] = 0,
) -> dict:
    rows, total = institutions.list_institutions(conn, ecosystem_id=ecosystem_id, kind=kind, limit=limit, offset=offset)
    return {"items": rows, "total": total, "limit": limit, "offset": offset}


@router.get("/institutions/{institution_id}", response_model=InstitutionRead)
def get_institution(conn: Conn, _: CurrentUser, institution_id: DatabaseId) -> dict:
    row = institutions.get_institution(conn, institution_id)
    if row is None:
        raise not_found("institution", institution_id)
    return row


@router.post("/institutions", response_model=InstitutionRead, status_code=status.HTTP_201_CREATED)
def create_institution(conn: Conn, _: HubUser, body: InstitutionCreate) -> dict:
    if institutions.get_ecosystem(conn, body.ecosystem_id) is None:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, f"ecosystem {body.ecosystem_id} does not exist")
    return institutions.create_institution(conn, body.model_dump())
