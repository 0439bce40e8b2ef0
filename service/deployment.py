"""Setting a deployment up: ecosystems, partner institutions and staff accounts.

The command line and the administrator's API call these same functions, so both apply the same
rules; each maps ``SetupRefused`` to its own answer (a 409 or 422, a message and exit code 1).
"""
from psycopg import Connection

from service.queries import institutions, users
from service.schemas.institutions import EcosystemCreate, InstitutionCreate
from service.security import hash_password


class SetupRefused(Exception):
    """The deployment's current state refuses the request: ``conflict`` when it exists already."""

    def __init__(self, message: str, *, conflict: bool):
        super().__init__(message)
        self.message, self.conflict = message, conflict


def create_ecosystem(conn: Connection, body: EcosystemCreate) -> dict:
    existing = institutions.get_ecosystem_by_name(conn, body.name)
    if existing is not None:
        raise SetupRefused(f"an ecosystem named '{body.name}' already exists (id {existing['id']})", conflict=True)
    return institutions.create_ecosystem(conn, body.model_dump())


def create_institution(conn: Connection, body: InstitutionCreate) -> dict:
    if institutions.get_ecosystem(conn, body.ecosystem_id) is None:
        raise SetupRefused(f"ecosystem {body.ecosystem_id} does not exist", conflict=False)
    existing = institutions.institutions_named(conn, body.name, body.ecosystem_id)
    if existing:
        raise SetupRefused(f"'{body.name}' already exists in ecosystem {body.ecosystem_id} (institution {existing[0]['id']})",
                           conflict=True)
    return institutions.create_institution(conn, body.model_dump())


def create_staff_account(conn: Connection, *, email: str, password: str, role: str, institution_id: int | None) -> dict:
    """An administrator, hub or HR account (the caller has checked that the role and institution fit)."""
    if institution_id is not None and institutions.get_institution(conn, institution_id) is None:
        raise SetupRefused(f"institution {institution_id} does not exist", conflict=False)
    if users.get_user_by_email(conn, email):
        raise SetupRefused(f"an account with email {email} exists already", conflict=True)
    user = users.create_user(conn, email.lower(), hash_password(password), role, institution_id=institution_id)
    return {key: value for key, value in user.items() if key != "password_hash"}
