"""Ecosystems and partner institutions: readable by every signed-in user; the administrator creates
ecosystems, and institutions too (as may the hub office, as partners join)."""
from typing import Annotated

from fastapi import APIRouter, Query, status

from models.taxonomy import InstitutionKind
from service import deployment
from service.deps import AdminOrHub, AdminUser, Conn, CurrentUser
from service.domain import not_found
from service.queries import institutions
from service.schemas.common import DatabaseId, Offset, Page
from service.schemas.institutions import EcosystemCreate, EcosystemRead, InstitutionCreate, InstitutionRead

router = APIRouter(tags=["institutions"])


@router.get("/ecosystems", response_model=list[EcosystemRead])
def list_ecosystems(conn: Conn, _: CurrentUser) -> list[dict]:
    return institutions.list_ecosystems(conn)


@router.post("/ecosystems", response_model=EcosystemRead, status_code=status.HTTP_201_CREATED,
             summary="Create an ecosystem (administrator)")
def create_ecosystem(conn: Conn, _: AdminUser, body: EcosystemCreate) -> dict:
    return deployment.create_ecosystem(conn, body)


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


@router.post("/institutions", response_model=InstitutionRead, status_code=status.HTTP_201_CREATED,
             summary="Add a partner institution to an ecosystem (administrator or hub office)")
def create_institution(conn: Conn, _: AdminOrHub, body: InstitutionCreate) -> dict:
    return deployment.create_institution(conn, body)
