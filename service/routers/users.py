"""Staff accounts, created by the administrator (candidates register themselves at POST /auth/register)."""
from fastapi import APIRouter, status

from service import deployment
from service.deps import AdminUser, Conn
from service.schemas.auth import UserRead
from service.schemas.users import StaffAccountCreate

router = APIRouter(tags=["accounts"])


@router.post("/users", response_model=UserRead, status_code=status.HTTP_201_CREATED,
             summary="Create a hub or HR officer account (administrator)")
def create_user(conn: Conn, _: AdminUser, body: StaffAccountCreate) -> dict:
    return deployment.create_staff_account(conn, email=body.email, password=body.password, role=body.role,
                                           institution_id=body.institution_id)
