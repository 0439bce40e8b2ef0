"""Ecosystems and their partner institutions."""
from pydantic import BaseModel, Field, field_validator

from models.taxonomy import REGIONS, InstitutionKind, InstitutionRole
from service.schemas.common import DatabaseId, Input, RegionCode, ShortText


class EcosystemRead(BaseModel):
    id: int
    name: str
    hub_city: str
    regions: list[str]


class EcosystemCreate(Input):
    name: ShortText = Field(description="unique in the deployment, e.g. 'RAISE'")
    hub_city: ShortText = Field(description="where the hub (the ecosystem's office) is, e.g. 'Genova'")
    regions: list[RegionCode] = Field(min_length=1, max_length=len(REGIONS),
                                      description="NUTS-2 codes of the regions it covers, e.g. ['ITC3']; "
                                                  "attracted talent is counted against them")

    @field_validator("regions")
    @classmethod
    def _once_each(cls, regions: list[str]) -> list[str]:
        return list(dict.fromkeys(regions))


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
