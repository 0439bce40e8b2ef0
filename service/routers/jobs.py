"""Background jobs (service.jobs): their status, progress and result, to the users they belong to."""
from fastapi import APIRouter

from service import jobs
from service.deps import Conn, CurrentUser
from service.schemas.common import DatabaseId

router = APIRouter(prefix="/jobs", tags=["jobs"])


@router.get("/{job_id}", summary="A background job: status (queued, running, done, failed), progress, result or error")
def get_job(conn: Conn, user: CurrentUser, job_id: DatabaseId) -> dict:
    """Users of the role (and, for HR, the institution) that started it see it; others get 404.
    Poll it while it is queued or running: ``progress.done`` of ``progress.total`` steps."""
    return jobs.get(conn, user, job_id)
