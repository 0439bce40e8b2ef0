"""Setting a deployment up: ecosystems, partner institutions and staff accounts.

The command line and the administrator's API call these same functions, so both apply the same
rules; they refuse with domain errors (Conflict when it exists already, Invalid when it refers to
something missing), which the API answers as 409 or 422 and the command line as a message and exit code 1.
"""
from service.domain import Conflict, Invalid
from service.queries import Connection, institutions, users
from service.schemas.institutions import EcosystemCreate, InstitutionCreate
from service.security import hash_password


def create_ecosystem(conn: Connection, body: EcosystemCreate) -> dict:
    existing = institutions.get_ecosystem_by_name(conn, body.name)
    if existing is not None:
        raise Conflict("setup.ecosystem_exists", field="name", name=body.name, ecosystem_id=existing["id"])
    return institutions.create_ecosystem(conn, body.model_dump())


def create_institution(conn: Connection, body: InstitutionCreate) -> dict:
    if institutions.get_ecosystem(conn, body.ecosystem_id) is None:
        raise Invalid("setup.no_ecosystem", field="ecosystem_id", ecosystem_id=body.ecosystem_id)
    existing = institutions.institutions_named(conn, body.name, body.ecosystem_id)
    if existing:
        raise Conflict("setup.institution_exists", field="name", name=body.name, ecosystem_id=body.ecosystem_id,
                       institution_id=existing[0]["id"])
    return institutions.create_institution(conn, body.model_dump())


def create_staff_account(conn: Connection, *, email: str, password: str, role: str, institution_id: int | None) -> dict:
    """An administrator, hub or HR account (the caller has checked that the role and institution fit)."""
    if institution_id is not None and institutions.get_institution(conn, institution_id) is None:
        raise Invalid("setup.no_institution", field="institution_id", institution_id=institution_id)
    if users.get_user_by_email(conn, email):
        raise Conflict("setup.email_exists", field="email", email=email)
    user = users.create_user(conn, email.lower(), hash_password(password), role, institution_id=institution_id)
    return {key: value for key, value in user.items() if key != "password_hash"}
