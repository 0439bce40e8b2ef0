"""The portal's XML, the use cases: an institution's HR officers and the hub export its open
positions; its HR officers import a file of calls into it (an institution moving in brings its calls)."""
from service.domain import Forbidden, not_found
from service.portal import reading, writing
from service.positions import ImportMode, import_rows
from service.queries import Connection, institutions, positions
from service.salaries import SalaryModels
from service.schemas.auth import UserRead
from service.schemas.positions import ImportReport


def _institution(conn: Connection, institution_id: int) -> dict:
    found = institutions.get_institution(conn, institution_id)
    if found is None:
        raise not_found("institution", institution_id)
    return found


def _check_own(user: UserRead, institution_id: int) -> None:
    if user.institution_id != institution_id:
        raise Forbidden("portal.other_institution")


def export_document(conn: Connection, institution: dict, public_url: str) -> bytes:
    """The institution's open positions as the portal's XML (no access check: the caller's)."""
    return writing.document(institution, positions.open_positions_of(conn, institution["id"]), public_url)


def export_xml(conn: Connection, user: UserRead, institution_id: int, public_url: str) -> bytes:
    """The hub exports any institution's open positions; an HR officer only its own institution's."""
    if user.role not in ("hub", "hr"):
        raise Forbidden("portal.hr_or_hub_only", role=user.role)
    institution = _institution(conn, institution_id)
    if user.role == "hr":
        _check_own(user, institution_id)
    return export_document(conn, institution, public_url)


def import_document(conn: Connection, institution_id: int, content: bytes, mode: ImportMode,
                    models: SalaryModels) -> ImportReport:
    """The file's calls as positions of the institution (no access check: the caller's)."""
    return import_rows(conn, institution_id, reading.read_rows(content), mode, models)


def import_xml(conn: Connection, user: UserRead, institution_id: int, content: bytes, mode: ImportMode,
               models: SalaryModels) -> ImportReport:
    """An HR officer imports calls into its own institution."""
    _institution(conn, institution_id)
    _check_own(user, institution_id)
    return import_document(conn, institution_id, content, mode, models)
