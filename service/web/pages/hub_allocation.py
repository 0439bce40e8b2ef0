"""The hub's allocation runs as pages: start one (a background job), watch its progress, read its result."""
from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse

from service import allocation, jobs
from service.deps import Conn, Jobs
from service.schemas.common import DatabaseId
from service.web.i18n import N_
from service.web.render import PostedForm, page, text
from service.web.session import HubPage, PageError

router = APIRouter(prefix="/app/hub/allocation")

REFRESH_SECONDS = 2  # a running job's page reloads itself this often (no script needed)


@router.post("")
def start(conn: Conn, user: HubPage, registry: Jobs, form: PostedForm) -> RedirectResponse:
    raise_percent = text(form, "salary_raise_percent") or "0"
    try:
        share = float(raise_percent.replace(",", ".")) / 100
    except ValueError:
        share = -1
    if not 0 <= share <= 2:
        raise PageError(422, N_("The salary raise is a percentage between 0 and 200."))
    job = allocation.queue_run(conn, registry, user, allocation.WhatIf(salary_raise=share, widen_abroad=form.get("widen_abroad") == "on"))
    return RedirectResponse(f"/app/hub/allocation/runs/{job['id']}", status_code=303)


@router.get("/runs/{job_id}")
def run_page(request: Request, conn: Conn, user: HubPage, job_id: DatabaseId):
    job = jobs.get(conn, user, job_id)
    if job["kind"] != allocation.KIND:
        raise PageError(404, N_("There is no such allocation run."))
    what_if = {"salary_raise_percent": f"{job['parameters']['salary_raise'] * 100:g}", "widen_abroad": job["parameters"]["widen_abroad"]}
    if job["status"] == "done":
        return page(request, "hub/allocation.html", user, allocation=job["result"], job=job, what_if=what_if)
    return page(request, "hub/allocation_run.html", user, job=job, what_if=what_if,
                refresh_seconds=REFRESH_SECONDS if job["status"] in ("queued", "running") else None)
