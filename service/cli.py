"""The ecotalent command line: serve, migrate, seed, users."""
import argparse
import getpass
import signal
import sys
import time
from pathlib import Path
from contextlib import contextmanager

import joblib
import psycopg
from pgvector.psycopg import register_vector
from psycopg.rows import dict_row

from service.config import get_settings
from service.database import database_url
from service.migrate import migrate


@contextmanager
def _connection():
    """A migrated database and one connection to it; commits on success."""
    with database_url(get_settings()) as url:
        migrate(url)
        with psycopg.connect(url, row_factory=dict_row) as conn:
            register_vector(conn)
            yield conn


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    # uvicorn shuts down gracefully on SIGTERM, then raises the signal again; exiting through
    # Python (not the default handler) lets the embedded database below stop cleanly.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    settings = get_settings()
    # Hold the database open across the server's life: with the embedded default, the app's
    # lifespan then shares this running server instead of starting and stopping its own.
    with database_url(settings) as url:
        migrate(url)
        if args.demo:
            with psycopg.connect(url, row_factory=dict_row) as conn:
                _seed(conn, seed=7, scale=None, reset=False, if_empty=True)
        print(f"ecotalent on http://{args.host}:{args.port}/  (API docs: http://{args.host}:{args.port}/docs)", flush=True)
        uvicorn.run("service.app:create_app", factory=True, host=args.host, port=args.port, log_level=args.log_level)
    return 0


def cmd_migrate(_: argparse.Namespace) -> int:
    with database_url(get_settings()) as url:
        applied = migrate(url)
    print("applied: " + ", ".join(applied) if applied else "the schema is up to date")
    return 0


def _seed(conn, *, seed: int, scale: int | None, reset: bool, if_empty: bool) -> None:
    from seeds import demo, load
    from service.queries import seed as seed_queries
    from service.security import hash_password

    if not seed_queries.is_empty(conn):
        if if_empty:
            print("demo data: already loaded")
            return
        if not reset:
            raise SystemExit("the database already holds an ecosystem: add --reset to wipe it and load the demo")
        seed_queries.wipe(conn)
    sizes = {"n_positions": scale, "n_candidates": scale} if scale else {}
    data = demo.generate(seed=seed, **sizes)
    counts = load.load(conn, data, hash_password(demo.DEMO_PASSWORD))
    conn.commit()
    print("loaded " + ", ".join(f"{n} {table}" for table, n in counts.items()))
    print(f"demo logins (password '{demo.DEMO_PASSWORD}'): hub@{demo.EMAIL_DOMAIN}, "
          f"hr.unige@{demo.EMAIL_DOMAIN}, candidate1@{demo.EMAIL_DOMAIN}")


def cmd_seed(args: argparse.Namespace) -> int:
    with _connection() as conn:
        _seed(conn, seed=args.seed, scale=args.scale, reset=args.reset, if_empty=False)
    return 0


def cmd_users_create(args: argparse.Namespace) -> int:
    from service.queries import institutions, users
    from service.security import hash_password

    if args.role == "hr" and args.institution is None:
        raise SystemExit("an HR officer belongs to one institution: give --institution ID or NAME")
    if args.role == "hub" and args.institution is not None:
        raise SystemExit("a hub account belongs to no institution: drop --institution")
    password = args.password or _ask_password()
    if len(password) < 8:
        raise SystemExit("the password needs at least 8 characters")
    with _connection() as conn:
        institution_id = None
        if args.institution is not None:
            inst = (institutions.get_institution(conn, int(args.institution)) if args.institution.isdigit()
                    else institutions.get_institution_by_name(conn, args.institution))
            if inst is None:
                raise SystemExit(f"no institution '{args.institution}'; list them with GET /institutions")
            institution_id = inst["id"]
        if users.get_user_by_email(conn, args.email):
            raise SystemExit(f"an account with email {args.email} exists already")
        user = users.create_user(conn, args.email.lower(), hash_password(password), args.role, institution_id=institution_id)
    print(f"created {user['role']} account {user['email']} (id {user['id']})")
    return 0


def _embedder():
    from service.app import load_embedder
    return load_embedder(get_settings())


def cmd_reindex(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from service.embedding_worker import embed_pending
    from service.queries import embeddings

    embedder = _embedder()
    with _connection() as conn:
        if args.all:  # vectors of the current text would be skipped as unchanged: forget them first
            embeddings.forget_vectors(conn)
        queued = embeddings.enqueue_all(conn) if args.all else embeddings.enqueue_stale(conn, embedder.name)
        conn.commit()
        total = embeddings.pending(conn)
        print(f"queued {queued} new jobs; {total} to embed with {embedder.name} ({embedder.dtype})")
        bulk = total >= args.bulk_threshold
        if bulk:  # searches stay correct meanwhile, only slower (exact scans)
            print("bulk load: dropping the HNSW indexes, to rebuild them once at the end")
            embeddings.drop_vector_indexes(conn)
            conn.commit()
        try:
            with tqdm(total=total, unit="texts", desc="embedding") as bar:
                while done := embed_pending(conn, embedder, batch_size=args.batch_size):
                    conn.commit()
                    bar.update(done)
        finally:
            if bulk:
                conn.rollback()
                print("building the HNSW indexes ...", flush=True)
                embeddings.create_vector_indexes(conn)
                conn.commit()
    return 0


def cmd_worker(args: argparse.Namespace) -> int:
    from psycopg_pool import ConnectionPool

    from service.embedding_worker import EmbeddingWorker

    embedder = _embedder()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    with database_url(get_settings()) as url:
        migrate(url)
        with ConnectionPool(url, min_size=1, max_size=2, kwargs={"row_factory": dict_row}, configure=register_vector) as pool:
            worker = EmbeddingWorker(pool, embedder, batch_size=args.batch_size, congestion_every_seconds=None)
            worker.start()
            print(f"embedding worker running ({embedder.name}, {embedder.dtype}); Ctrl-C to stop", flush=True)
            try:
                worker.join()
            except KeyboardInterrupt:
                pass
            finally:
                worker.stop()
    return 0


def cmd_congestion(args: argparse.Namespace) -> int:
    from service import congestion

    embedder = _embedder()
    with _connection() as conn:
        summary = congestion.refresh(conn, embedder.name, sample_size=args.sample)
    print(", ".join(f"{k}: {v:.3f}" if isinstance(v, float) else f"{k}: {v}" for k, v in summary.items()))
    return 0


def cmd_match(args: argparse.Namespace) -> int:
    from service import matching
    from service.queries import positions

    settings = get_settings()
    embedder = _embedder() if args.kind == "search" else None
    with _connection() as conn:
        options = matching.MatchOptions(
            model=settings.embedding_model, ef_search=settings.hnsw_ef_search,
            crowding_strength=0.0 if args.no_crowding else settings.crowding_strength)
        if args.kind == "candidate":
            page = matching.matches_for_candidate(conn, int(args.target), {}, options, limit=args.limit, offset=0)
        elif args.kind == "position":
            position = positions.get_position(conn, int(args.target))
            if position is None:
                raise SystemExit(f"no position {args.target}")
            page = matching.matches_for_position(conn, position, {}, options, limit=args.limit, offset=0)
        else:
            page = matching.search_positions(conn, embedder, args.target, {}, options, candidate_id=None,
                                             limit=args.limit, offset=0)
    _print_matches(page)
    return 0


def _print_matches(page: dict) -> None:
    if not page["items"]:
        print("no matches (are the texts embedded? run `ecotalent reindex`)")
    for rank, item in enumerate(page["items"], start=1):
        subject = item.get("position") or item.get("candidate")
        title = subject.get("title_en") or subject.get("title_it") or subject.get("full_name")
        explanation = item["explanation"]
        parts = " ".join(f"{p['signal']}={p['contribution']:+.3f}" for p in explanation["parts"])
        print(f"{rank:>3}. {explanation['score']:.3f}  #{subject['id']} {title}")
        print(f"       {parts}")
        if explanation["missing_skills"]:
            print(f"       missing skills: {', '.join(explanation['missing_skills'])}")
    for tip in page.get("suggestions", []):
        print(f"tip: {tip}")


def cmd_salaries(args: argparse.Namespace) -> int:
    from service import plots, salaries

    settings = get_settings()
    models = salaries.SalaryModels(settings.data_dir / "salary_model.joblib")
    with _connection() as conn:
        if args.action == "fit" or not models.path.exists():
            started = time.perf_counter()
            analysis = salaries.fit(conn)
            models.save(analysis)
            print(f"fitted on {analysis.report['positions']} positions in {time.perf_counter() - started:.1f} s; "
                  f"saved to {models.path}")
        else:
            analysis = joblib.load(models.path)
    print(salaries.report_text(analysis.report))
    if args.charts:
        args.charts.mkdir(parents=True, exist_ok=True)
        (args.charts / "premiums.png").write_bytes(plots.premiums_chart(analysis.report["institution_premiums"]))
        (args.charts / "roles.png").write_bytes(plots.roles_chart(analysis.report["roles"]))
        print(f"charts written to {args.charts}/premiums.png and roles.png")
    return 0


def _ask_password() -> str:
    if not sys.stdin.isatty():
        raise SystemExit("give --password, or run in a terminal to be asked for it")
    first = getpass.getpass("password: ")
    if first != getpass.getpass("again: "):
        raise SystemExit("the two passwords differ")
    return first


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ecotalent",
        description="Recruitment and talent-mobility matching for PNRR innovation ecosystems. "
                    "Uses DATABASE_URL when set, else an embedded PostgreSQL in ECOTALENT_DATA_DIR.",
    )
    sub = parser.add_subparsers(dest="command", required=True)

    serve = sub.add_parser("serve", help="run the HTTP API (applies migrations first)")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--demo", action="store_true", help="load the demo ecosystem first if the database is empty")
    serve.add_argument("--log-level", default="info", choices=["critical", "error", "warning", "info", "debug"])
    serve.set_defaults(func=cmd_serve)

    sub.add_parser("migrate", help="apply the database migrations not applied yet").set_defaults(func=cmd_migrate)

    seed = sub.add_parser("seed", help="load the demo ecosystem (fictional, clearly labelled data)")
    seed.add_argument("--seed", type=int, default=7, help="random seed: the same seed gives the same data (default 7)")
    seed.add_argument("--scale", type=int, metavar="N",
                      help="N positions and N candidates instead of the demo's 400 and 3000 (e.g. 100000 for benchmarks)")
    seed.add_argument("--reset", action="store_true", help="wipe EVERY table of the database first")
    seed.set_defaults(func=cmd_seed)

    users = sub.add_parser("users", help="manage hub and HR accounts (candidates register themselves)")
    users_sub = users.add_subparsers(dest="users_command", required=True)
    create = users_sub.add_parser("create", help="create a hub or HR officer account")
    create.add_argument("--email", required=True)
    create.add_argument("--role", required=True, choices=["hub", "hr"])
    create.add_argument("--institution", help="the HR officer's institution: its id or exact name")
    create.add_argument("--password", help="asked for when not given (at least 8 characters)")
    create.set_defaults(func=cmd_users_create)
    reindex = sub.add_parser("reindex", help="embed every text whose vector is missing or stale, with a progress bar")
    reindex.add_argument("--all", action="store_true", help="re-embed everything, stale or not")
    reindex.add_argument("--batch-size", type=int, default=512)
    reindex.add_argument("--bulk-threshold", type=int, default=20_000, metavar="N",
                         help="with N or more texts to embed, drop the HNSW indexes and rebuild them at the end")
    reindex.set_defaults(func=cmd_reindex)

    worker = sub.add_parser("worker", help="run an embedding worker (run several to go faster; the service runs one too)")
    worker.add_argument("--batch-size", type=int, default=256)
    worker.set_defaults(func=cmd_worker)

    congestion = sub.add_parser("congestion", help="recompute the congestion prices used by crowding-aware ranking")
    congestion.add_argument("--sample", type=int, default=5000, help="candidates sampled (default 5000)")
    congestion.set_defaults(func=cmd_congestion)

    salaries_parser = sub.add_parser("salaries", help="salary heterogeneity: fit the models, print the report")
    salaries_parser.add_argument("action", choices=["fit", "report"], help="fit: refit now; report: use the saved fit")
    salaries_parser.add_argument("--charts", type=Path, metavar="DIR", help="also write the PNG charts into DIR")
    salaries_parser.set_defaults(func=cmd_salaries)

    match = sub.add_parser("match", help="show matches as the hub: for a candidate, for a position, or for a free text")
    match.add_argument("kind", choices=["candidate", "position", "search"])
    match.add_argument("target", help="a candidate id, a position id, or the text to search")
    match.add_argument("--limit", type=int, default=10)
    match.add_argument("--no-crowding", action="store_true", help="rank without congestion prices")
    match.set_defaults(func=cmd_match)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
