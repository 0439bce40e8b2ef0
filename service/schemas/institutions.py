"""Ecosystems and their partner institutions."""
from pydantic import BaseModel, Field

from models.taxonomy import InstitutionKind, InstitutionRole
from service.schemas.common import DatabaseId, Input, RegionCode, ShortText


class EcosystemRead(BaseModel):
    id: int
    name: str
    hub_city: str
    regions: list[str]


class InstitutionCreate(Input):
    ecosystem_id: DatabaseId
    name: ShortText
    kind: InstitutionKind
    role: InstitutionRole
    spoke: int | None = Field(default=None, ge=1, le=50)
    region: RegionCode
    city: ShortText


class InstitutionRead(BaseModel):
    id: int
    ecosystem_id: int
    name: str
    kind: str
    role: str
    spoke: int | None
    region: str
    city: str
