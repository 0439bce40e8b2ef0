"""Builds the FastAPI application. Heavy things (database, pool) open in the lifespan, never at import."""
from contextlib import ExitStack, asynccontextmanager

import anyio.to_thread
from fastapi import FastAPI
from pgvector.psycopg import register_vector
from psycopg.rows import dict_row
from psycopg_pool import ConnectionPool

from service import accounts, allocation, errors, health, twin_runs, web
from service.admission import Admission
from service.config import Settings, get_settings
from service.database import database_url
from service.embedding_worker import EmbeddingWorker
from service.forecast import ForecastModels
from service.jobs import JobRegistry, JobWorker
from service.mail import mailer_for
from service.matching import options_for
from service.migrate import migrate
from service.outbox import OutboxWorker
from service.queries import Connection, embeddings
from service.routers import (
    applications,
    auth,
    candidates,
    cv_files,
    flows,
    forecast,
    hub,
    indicators,
    institutions,
    invitations,
    jobs,
    matching,
    outbox,
    portal,
    positions,
    reviews,
    salaries,
    saved_searches,
    twin,
    users,
)
from service.salaries import SalaryModels
from service.security import signing_key

DESCRIPTION = """
Recruitment and talent-mobility matching for hub-and-spoke research consortia
(Italy's PNRR innovation ecosystems).

Sign in with **Authorize** (email and password) to act as a hub officer, an HR officer or a candidate.
Anonymous users may search open positions.
"""


def load_embedder(settings: Settings):
    from models.embeddings import load_embedder as load  # a model's runtime (torch, say) loads here, not at import
    return load(settings.embedding_model, dtype=settings.embedding_dtype)


# Threads for requests that hold no connection (static files, /health, sign-in hashing) beside the admitted ones.
EXTRA_THREADS = 16


def open_pool(url: str, settings: Settings) -> ConnectionPool[Connection]:
    """The pool checks a connection before lending it (a dead one is replaced, so the service reconnects
    when PostgreSQL comes back) and gives up quickly: a request fails fast with 503 rather than waiting."""
    return ConnectionPool(
        url, min_size=settings.pool_min_size, max_size=settings.pool_max_size, name="ecotalent",
        timeout=settings.pool_timeout_seconds, reconnect_timeout=settings.pool_reconnect_timeout_seconds,
        check=ConnectionPool.check_connection, configure=register_vector, open=True,
        kwargs={"row_factory": dict_row, "connect_timeout": settings.database_connect_timeout_seconds},
    )


def create_app(settings: Settings | None = None, embedder=None) -> FastAPI:
    """The app; ``embedder`` may be passed in to share one loaded model (tests), else it loads at start-up."""
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        with ExitStack() as stack:
            url = stack.enter_context(database_url(settings))
            migrate(url)
            pool = open_pool(url, settings)
            stack.callback(pool.close)
            app.state.settings = settings
            app.state.pool = pool
            app.state.admission = Admission(settings.pool_max_size - settings.pool_reserved_connections,
                                            settings.request_queue_max, settings.request_queue_timeout_seconds)
            # Requests wait for their connection in the event loop (service.admission), so threads are only
            # needed by admitted requests and by the few that use no connection: enough for both.
            threads = anyio.to_thread.current_default_thread_limiter()
            threads.total_tokens = max(threads.total_tokens, app.state.admission.capacity + EXTRA_THREADS)
            app.state.signing_key = signing_key(settings)
            app.state.accounts = accounts.open_context(settings, app.state.signing_key)  # Argon2 threads, mailer
            stack.callback(app.state.accounts.close)
            app.state.embedder = embedder or load_embedder(settings)
            with pool.connection() as conn:  # a changed model or text leaves vectors to redo
                embeddings.enqueue_stale(conn, app.state.embedder.name)
            # The kinds of background job this service runs; another module registers its own here.
            app.state.jobs = JobRegistry([allocation.job_kind(app.state.embedder.name), twin_runs.job_kind()])
            if settings.job_worker:
                job_worker = JobWorker(pool, app.state.jobs)
                job_worker.start()
                stack.callback(job_worker.stop)
            app.state.salaries = SalaryModels(settings.data_dir / "salary_model.joblib")
            app.state.forecasts = ForecastModels()  # fitted on first use, refitted when a position closes
            if settings.salary_fit_at_startup:
                app.state.salaries.start_background_fit(pool)
            if settings.embedding_worker:
                worker = EmbeddingWorker(pool, app.state.embedder)
                worker.start()
                stack.callback(worker.stop)
            if settings.mail_worker:  # delivers the outbox, and runs due saved-search alerts
                mail_worker = OutboxWorker(pool, mailer_for(settings), settings,
                                           alerts=(options_for(settings, app.state.embedder, crowding=False), app.state.signing_key),
                                           alerts_every_seconds=settings.alerts_every_seconds)
                mail_worker.start()
                stack.callback(mail_worker.stop)
            yield

    # docs_url=None: service.web serves /docs with Swagger's files from the app, not a CDN.
    app = FastAPI(title="ecotalent", version="0.1.0", description=DESCRIPTION, lifespan=lifespan, docs_url=None)
    for module in (auth, institutions, users, matching, salaries, forecast, positions, portal, candidates, cv_files,
                   saved_searches, applications, reviews, invitations, twin, flows, hub, indicators, outbox, jobs):
        app.include_router(module.router)
    errors.install(app)
    web.install(app)

    @app.get("/health", tags=["meta"], summary="The database answers (else 503 with the reason, within a second); "
                                               "the embedding queue's pending jobs; requests using and awaiting the database")
    def health_check():
        return health.report(app)

    return app
