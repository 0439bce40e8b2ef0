"""The ecotalent command line: serve, migrate, seed, users."""
import argparse
import getpass
import signal
import sys
from contextlib import contextmanager

import psycopg
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
        print(f"ecotalent on http://{args.host}:{args.port}  (API docs: http://{args.host}:{args.port}/docs)", flush=True)
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
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
