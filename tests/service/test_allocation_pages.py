"""The hub's allocation runs on pages: a run is queued, its page reloads itself with a progress bar while it
runs, and the dashboard shows the last finished run, in Italian and English."""
import re

from service.queries import jobs as job_queries
from tests.factories import csrf, make_candidate, make_ecosystem, make_institution, make_position, make_user, sign_in_pages
from tests.service.test_allocation import run_all_jobs
from tests.service.test_matching import ML, embed_all


def test_a_run_started_on_the_page_shows_its_progress_then_the_dashboard_shows_it_as_the_last_run(client, conn, app, embedder):
    inst = make_institution(conn, make_ecosystem(conn)["id"], "Università di Genova")
    make_position(conn, inst["id"], **ML, openings=2, career_stage="R2")
    make_candidate(conn, "ml@test.example", headline="Machine learning for energy grids", career_stage="R2",
                   cv_text="Neural networks forecasting electricity demand.")
    embed_all(conn, embedder)
    sign_in_pages(client, app, make_user(conn, "hub", "hub@test.example"))
    before = client.get("/app/hub").text
    assert "No allocation has been run yet." in before

    queued = client.post("/app/hub/allocation", data={"salary_raise_percent": "10", "widen_abroad": "on", **csrf(client, "/app/hub")},
                         follow_redirects=False)
    assert queued.status_code == 303
    run_path = queued.headers["location"]
    job_id = int(run_path.rsplit("/", 1)[1])
    waiting = client.get(run_path).text
    assert '<meta http-equiv="refresh" content="2">' in waiting and "The allocation is queued" in waiting
    job_queries.claim(conn, job_id)
    job_queries.record_progress(conn, job_id, 3, 4)
    running = client.get(run_path).text
    assert '<progress max="1" value="0.75"' in running and "3 of 4 steps done (75%)" in running
    dashboard = client.get("/app/hub").text
    assert '<progress max="1" value="0.75"' in dashboard and f'href="/app/hub/allocation/runs/{job_id}"' in dashboard

    conn.execute("UPDATE jobs SET status = 'queued' WHERE id = %s", (job_id,))  # let the worker of the test take it
    assert run_all_jobs(conn, app) == 1
    done = client.get(run_path).text
    assert 'http-equiv="refresh"' not in done and "Filled by the allocation" in done
    assert "with every salary raised by 10%" in done and "Candidates abroad counted as willing to move" in done
    assert 'name="salary_raise_percent" type="number" min="0" max="200" step="1" value="10"' in done
    dashboard = client.get("/app/hub").text
    assert f'data-last-run="{job_id}"' in dashboard and "1 of 2 vacant openings filled" in dashboard
    assert "<progress" not in dashboard

    client.cookies.set("lang", "it")
    italian = client.get("/app/hub").text
    assert "Ultima esecuzione" in italian and "posti vacanti coperti 1 su 2" in italian
    assert re.search(r"Avviata il [^<]+, con ogni stipendio aumentato di 10", client.get(run_path).text)


def test_a_run_of_another_kind_or_unknown_is_not_found_and_a_bad_raise_is_refused(client, conn, app):
    sign_in_pages(client, app, make_user(conn, "hub", "hub@test.example"))
    assert client.get("/app/hub/allocation/runs/999999").status_code == 404
    refused = client.post("/app/hub/allocation", data={"salary_raise_percent": "900", **csrf(client, "/app/hub")})
    assert refused.status_code == 422 and "between 0 and 200" in refused.text
    assert conn.execute("SELECT count(*) AS n FROM jobs").fetchone()["n"] == 0
