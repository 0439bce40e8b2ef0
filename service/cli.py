"""The ecotalent command line: serve, migrate, seed, users, ecosystems, institutions, and the batch jobs."""
import argparse
import getpass
import signal
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Any, get_args

import joblib
import psycopg
from pgvector.psycopg import register_vector
from psycopg.rows import dict_row
from pydantic import ValidationError

from models.taxonomy import REGIONS, InstitutionKind, InstitutionRole
from service.config import get_settings
from service.database import database_url
from service.domain import DomainError
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
    sizes: dict[str, Any] = {"n_positions": scale, "n_candidates": scale} if scale else {}
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


def _refused(exc: DomainError) -> SystemExit:
    return SystemExit(str(exc))  # the refusal's English


def _invalid(exc: ValidationError) -> SystemExit:
    from service.schemas.common import validation_messages
    return SystemExit("; ".join(validation_messages(exc)))


def _as_id(ref: str) -> int | None:
    """A command-line reference read as a database id when it is one (else it is a name)."""
    return int(ref) if ref.isascii() and ref.isdigit() and len(ref) <= 18 else None


def _find_ecosystem(conn, ref: str) -> dict:
    from service.queries import institutions

    ecosystem_id = _as_id(ref)
    eco = (institutions.get_ecosystem(conn, ecosystem_id) if ecosystem_id is not None
           else institutions.get_ecosystem_by_name(conn, ref))
    if eco is None:
        raise SystemExit(f"no ecosystem '{ref}'; list them with `ecotalent ecosystems list`")
    return eco


def _find_institution(conn, ref: str) -> dict:
    from service.queries import institutions

    institution_id = _as_id(ref)
    if institution_id is not None:
        found = institutions.get_institution(conn, institution_id)
        if found is not None:
            return found
    named = institutions.institutions_named(conn, ref)
    if not named:
        raise SystemExit(f"no institution '{ref}'; list them with `ecotalent institutions list`")
    if len(named) > 1:
        ids = ", ".join(str(i["id"]) for i in named)
        raise SystemExit(f"{len(named)} institutions are named '{ref}' (ids {ids}, in different ecosystems): give the id")
    return named[0]


def cmd_users_create(args: argparse.Namespace) -> int:
    from service import deployment

    if args.role == "hr" and args.institution is None:
        raise SystemExit("an HR officer belongs to one institution: give --institution ID or NAME")
    if args.role != "hr" and args.institution is not None:
        raise SystemExit(f"a {args.role} account belongs to no institution: drop --institution")
    password = args.password or _ask_password()
    if len(password) < 8:
        raise SystemExit("the password needs at least 8 characters")
    with _connection() as conn:
        institution_id = None if args.institution is None else _find_institution(conn, args.institution)["id"]
        try:
            user = deployment.create_staff_account(conn, email=args.email, password=password, role=args.role,
                                                   institution_id=institution_id)
        except DomainError as exc:
            raise _refused(exc) from None
    print(f"created {user['role']} account {user['email']} (id {user['id']})")
    return 0


def _regions(text: str) -> list[str]:
    """--regions ITC3,ITC4: NUTS-2 codes of Italy, checked here so a typo gets the list of valid ones."""
    codes = [code.strip().upper() for code in text.split(",") if code.strip()]
    unknown = [code for code in codes if code not in REGIONS]
    if not codes or unknown:
        valid = ", ".join(f"{code} {name}" for code, name in REGIONS.items())
        raise argparse.ArgumentTypeError(f"unknown NUTS-2 region {', '.join(unknown) or '(none given)'}; "
                                         f"Italy's are: {valid}")
    return codes


def cmd_ecosystems_create(args: argparse.Namespace) -> int:
    from service import deployment
    from service.schemas.institutions import EcosystemCreate

    try:
        body = EcosystemCreate(name=args.name, hub_city=args.hub_city, regions=args.regions)
    except ValidationError as exc:
        raise _invalid(exc) from None
    with _connection() as conn:
        try:
            eco = deployment.create_ecosystem(conn, body)
        except DomainError as exc:
            raise _refused(exc) from None
    print(f"created ecosystem {eco['name']} (id {eco['id']}; hub in {eco['hub_city']}; regions {', '.join(eco['regions'])})")
    return 0


def cmd_ecosystems_list(_: argparse.Namespace) -> int:
    from service.queries import institutions

    with _connection() as conn:
        rows = institutions.list_ecosystems(conn)
    if not rows:
        print("no ecosystem yet: create one with `ecotalent ecosystems create`")
    for eco in rows:
        print(f"{eco['id']:>4}  {eco['name']}  (hub in {eco['hub_city']}; regions {', '.join(eco['regions'])})")
    return 0


def cmd_institutions_create(args: argparse.Namespace) -> int:
    from service import deployment
    from service.schemas.institutions import InstitutionCreate

    with _connection() as conn:
        eco = _find_ecosystem(conn, args.ecosystem)
        try:
            body = InstitutionCreate(ecosystem_id=eco["id"], name=args.name, kind=args.kind, role=args.role,
                                     spoke=args.spoke, region=args.region, city=args.city)
            inst = deployment.create_institution(conn, body)
        except ValidationError as exc:
            raise _invalid(exc) from None
        except DomainError as exc:
            raise _refused(exc) from None
    print(f"created institution {inst['name']} (id {inst['id']}; {inst['role']} of {eco['name']})")
    return 0


def cmd_institutions_list(args: argparse.Namespace) -> int:
    from service.queries import institutions

    with _connection() as conn:
        eco_id = None if args.ecosystem is None else _find_ecosystem(conn, args.ecosystem)["id"]
        rows, total = institutions.list_institutions(conn, ecosystem_id=eco_id, kind=None, limit=10_000, offset=0)
    if not rows:
        print("no institution yet: add one with `ecotalent institutions create`")
    for inst in rows:
        spoke = f", spoke {inst['spoke']}" if inst["spoke"] else ""
        print(f"{inst['id']:>4}  {inst['name']}  ({inst['kind']}, {inst['role']}{spoke}; {inst['city']}, {inst['region']};"
              f" ecosystem {inst['ecosystem_id']})")
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


def cmd_alerts_run(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from service import alerts, matching, outbox
    from service.mail import mailer_for
    from service.security import signing_key

    settings = get_settings()
    options = matching.options_for(settings, _embedder(), crowding=False)  # the model's name and similarity range
    bar: tqdm | None = None

    def progress(ran: int, due: int) -> None:
        nonlocal bar
        bar = bar or tqdm(total=due, unit="searches", desc="alerts")
        bar.update(ran)

    with database_url(settings) as url:
        migrate(url)
        # Two connections: the run reads the next batch on one while it writes this one's e-mails on the other.
        with psycopg.connect(url, row_factory=dict_row) as conn, psycopg.connect(url, row_factory=dict_row) as reader:
            register_vector(conn)
            register_vector(reader)
            summary = alerts.run_due(conn, settings, options, signing_key(settings), progress, reader=reader)
            if bar is not None:
                bar.close()
            conn.commit()
            print(f"{summary.searches} saved searches due, {summary.new_positions} positions opened in their window; "
                  f"{summary.emails} e-mails queued announcing {summary.announced} positions")
            if args.deliver:
                sent = 0
                while done := outbox.deliver_due(conn, mailer_for(settings), settings):
                    conn.commit()
                    sent += done
                where = f"SMTP {settings.smtp_host}" if settings.smtp_host else settings.data_dir / "outbox"
                print(f"{sent} due e-mails delivered or retried through {where}")
    return 0


def cmd_congestion(args: argparse.Namespace) -> int:
    from service import congestion

    embedder = _embedder()
    with _connection() as conn:
        summary = congestion.refresh(conn, embedder.name, sample_size=args.sample)
    print(", ".join(f"{k}: {v:.3f}" if isinstance(v, float) else f"{k}: {v}" for k, v in summary.items()))
    return 0


def cmd_twin(args: argparse.Namespace) -> int:
    """The recruitment twin: scenarios by quarter with 80% bands, or its one-year backtest (tqdm bar)."""
    from tqdm import tqdm

    from service import twin
    from service.domain import DomainError
    from service.messages import english

    bar = tqdm(unit="months", desc="twin")

    def progress(done: int, total: int) -> None:
        bar.total = total
        bar.n = done
        bar.refresh()
    try:
        with _connection() as conn:
            if args.backtest:
                report = twin.backtest(conn, runs=args.runs, seed=args.seed, progress=progress)
            else:
                params = twin.TwinParams(months=args.months, runs=args.runs, seed=args.seed, scenarios=tuple(args.scenario),
                                         institutions=twin.partner_ids(conn))
                report = twin.run(conn, params, progress)
    except DomainError as exc:
        bar.close()
        print(english(exc.message), file=sys.stderr)
        return 2
    bar.close()
    if args.backtest:
        print(f"Backtest from {report['start']}, {report['runs']} runs: simulated 10th-90th percentile of hires per month against the hires recorded")
        for m in report["months"]:
            print(f"  {m['month'][:7]}  {m['low']:5.1f} - {m['high']:5.1f}  (mean {m['mean']:5.1f})  recorded {m['actual']:3d}"
                  f"  {'inside' if m['inside'] else 'OUTSIDE'}")
        print(f"inside the band in {report['months_inside']} of {len(report['months'])} months")
        if args.chart:
            from service import twin_plots
            args.chart.write_bytes(twin_plots.backtest_chart(report, {
                "band": "simulated, 8 runs in 10", "mean": "simulated mean", "actual": "hires recorded",
                "hires": "hires per month", "title": "The twin started a year ago, against what happened"}))
        return 0
    if args.csv:
        sys.stdout.write(twin.as_csv(report))
        return 0
    print("Calibration: " + ", ".join(f"{k} {v}" for k, v in report["calibration"].items()))
    for scenario in report["scenarios"]:
        print(f"\n{scenario['scenario']}  (mean [10th-90th percentile] over {report['runs']} runs)")
        for q in scenario["quarters"]:
            print(f"  {q['quarter']}  " + "  ".join(
                f"{m} {q[m]['mean']:6.1f} [{q[m]['low']:.0f}-{q[m]['high']:.0f}]" for m in twin.MEASURES))
    return 0


def cmd_allocate(args: argparse.Namespace) -> int:
    """The hub's allocation as a job run here, with a progress bar; kept like a run started from the page."""
    from tqdm import tqdm

    from service import allocation, jobs
    from service.queries import jobs as job_queries

    embedder = _embedder()
    registry = jobs.JobRegistry([allocation.job_kind(embedder.name)])
    try:
        what_if = allocation.WhatIf(salary_raise=args.salary_raise, widen_abroad=args.widen_abroad)
    except ValidationError as exc:
        raise _invalid(exc) from None
    with database_url(get_settings()) as url:
        migrate(url)

        @contextmanager
        def connect():
            with psycopg.connect(url, row_factory=dict_row) as conn:
                register_vector(conn)
                yield conn

        with connect() as conn:
            job = allocation.queue_run(conn, registry, None, what_if)
            conn.commit()
            claimed = job_queries.claim(conn, job["id"])
        if claimed is None:
            raise SystemExit(f"job {job['id']} is already running elsewhere: follow it at GET /jobs/{job['id']}")
        with tqdm(unit="steps", desc="allocation") as bar:
            def show(done: int, total: int | None) -> None:
                bar.total = total if total is not None else bar.total
                bar.update(done - bar.n)
            jobs.run_claimed(connect, claimed, registry, also=show)
        with connect() as conn:
            finished = job_queries.get(conn, job["id"])
    assert finished is not None
    if finished["status"] != "done":
        raise SystemExit(f"job {job['id']} failed: {finished['error_code']} {finished['error_params']}")
    result = finished["result"]
    print(f"job {job['id']}: filled {result['filled']} of {result['openings']} vacant openings with {result['candidates']} "
          f"active candidates; mean fit {result['mean_fit']}")
    for reason in result["unfilled_reasons"]:
        print(f"  {reason['positions']:>6} unfilled: {reason['reason']}")
    print("seconds: " + ", ".join(f"{phase} {result['timings_s'][phase]:.1f}" for phase in allocation.PHASES))
    return 0


def cmd_match(args: argparse.Namespace) -> int:
    from service import matching
    from service.queries import candidates, positions

    settings = get_settings()
    embedder = _embedder()  # its name and similarity range score the matches, besides encoding a search
    with _connection() as conn:
        options = matching.options_for(settings, embedder, crowding=not args.no_crowding)
        if args.kind == "candidate":
            if candidates.get_candidate(conn, int(args.target)) is None:
                raise SystemExit(f"no candidate {args.target}")
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


def cmd_portal(args: argparse.Namespace) -> int:
    """The MUR calls portal's XML: an institution's open positions out, or a file of calls in."""
    from service import positions
    from service.portal import calls
    from service.salaries import SalaryModels

    settings = get_settings()
    with _connection() as conn:
        institution = _find_institution(conn, args.institution)
        try:
            if args.action == "export":
                document = calls.export_document(conn, institution, settings.public_url)
                if args.output:
                    args.output.write_bytes(document)
                else:
                    sys.stdout.buffer.write(document)
                return 0
            if args.file is None:
                raise SystemExit("give the XML file to import: ecotalent portal import FILE --institution ID")
            content = args.file.read_bytes()
            report = calls.import_document(conn, institution["id"], content, args.mode,
                                           SalaryModels(settings.data_dir / "salary_model.joblib"))
        except positions.ImportRejected as exc:
            report = exc.report
        except DomainError as exc:
            raise _refused(exc) from None
    for row in report.rejected:
        print(f"call {row.row}: " + "; ".join(row.errors), file=sys.stderr)
    print(f"{report.created} of {report.received} calls imported into '{institution['name']}'"
          + (f": ids {', '.join(map(str, report.created_ids))}" if report.created_ids else ""))
    return 1 if report.rejected else 0


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

    users = sub.add_parser("users", help="create administrator, hub and HR accounts (candidates register themselves)")
    users_sub = users.add_subparsers(dest="users_command", required=True)
    create = users_sub.add_parser(
        "create", help="create an administrator, hub or HR officer account",
        description="admin: sets the deployment up (ecosystems, institutions, hub and HR accounts, also through the "
                    "API) and sees no personal data; hub: the ecosystem office (aggregates); hr: an institution's "
                    "HR office (its positions and applicants).")
    create.add_argument("--email", required=True)
    create.add_argument("--role", required=True, choices=["admin", "hub", "hr"])
    create.add_argument("--institution", metavar="ID_OR_NAME",
                        help="the HR officer's institution: its id or exact name (`ecotalent institutions list`)")
    create.add_argument("--password", help="asked for when not given (at least 8 characters)")
    create.set_defaults(func=cmd_users_create)

    ecosystems = sub.add_parser("ecosystems", help="create and list the ecosystems this deployment serves")
    ecosystems_sub = ecosystems.add_subparsers(dest="ecosystems_command", required=True)
    eco_create = ecosystems_sub.add_parser(
        "create", help="create an ecosystem",
        description="Create an ecosystem: a hub-and-spoke consortium covering some Italian regions. "
                    "Example: ecotalent ecosystems create --name RAISE --hub-city Genova --regions ITC3")
    eco_create.add_argument("--name", required=True, help="unique in the deployment, e.g. RAISE")
    eco_create.add_argument("--hub-city", required=True, help="the city of the hub (the ecosystem's office)")
    eco_create.add_argument("--regions", required=True, type=_regions, metavar="CODES",
                            help="NUTS-2 codes it covers, comma-separated, e.g. ITC3 or ITC1,ITC2,ITC4; "
                                 "hires from outside them count as attracted talent")
    eco_create.set_defaults(func=cmd_ecosystems_create)
    ecosystems_sub.add_parser("list", help="list the ecosystems").set_defaults(func=cmd_ecosystems_list)

    institutions = sub.add_parser("institutions", help="add and list an ecosystem's partner institutions")
    institutions_sub = institutions.add_subparsers(dest="institutions_command", required=True)
    inst_create = institutions_sub.add_parser(
        "create", help="add a partner institution to an ecosystem",
        description="Example: ecotalent institutions create --ecosystem RAISE --name 'Università di Genova' "
                    "--kind university --role hub --region ITC3 --city Genova")
    inst_create.add_argument("--ecosystem", required=True, metavar="ID_OR_NAME", help="the ecosystem's id or exact name")
    inst_create.add_argument("--name", required=True, help="unique within the ecosystem")
    inst_create.add_argument("--kind", required=True, choices=get_args(InstitutionKind))
    inst_create.add_argument("--role", required=True, choices=get_args(InstitutionRole),
                             help="hub: leads the ecosystem; spoke: leads or belongs to a spoke; affiliate: other partner")
    inst_create.add_argument("--spoke", type=int, metavar="N", help="the spoke it leads or belongs to (1-50), if any")
    inst_create.add_argument("--region", required=True, choices=list(REGIONS), metavar="NUTS2",
                             help="its NUTS-2 region, e.g. ITC3 (Liguria)")
    inst_create.add_argument("--city", required=True)
    inst_create.set_defaults(func=cmd_institutions_create)
    inst_list = institutions_sub.add_parser("list", help="list the institutions")
    inst_list.add_argument("--ecosystem", metavar="ID_OR_NAME", help="only this ecosystem's")
    inst_list.set_defaults(func=cmd_institutions_list)

    reindex = sub.add_parser("reindex", help="embed every text whose vector is missing or stale, with a progress bar")
    reindex.add_argument("--all", action="store_true", help="re-embed everything, stale or not")
    reindex.add_argument("--batch-size", type=int, default=512)
    reindex.add_argument("--bulk-threshold", type=int, default=20_000, metavar="N",
                         help="with N or more texts to embed, drop the HNSW indexes and rebuild them at the end")
    reindex.set_defaults(func=cmd_reindex)

    worker = sub.add_parser("worker", help="run an embedding worker (run several to go faster; the service runs one too)")
    worker.add_argument("--batch-size", type=int, default=256)
    worker.set_defaults(func=cmd_worker)

    alerts_parser = sub.add_parser("alerts", help="saved-search e-mail alerts (the service runs them every minute too)")
    alerts_sub = alerts_parser.add_subparsers(dest="alerts_command", required=True)
    alerts_run = alerts_sub.add_parser("run", help="run the due saved searches now and queue their e-mails, with a progress bar")
    alerts_run.add_argument("--deliver", action="store_true",
                            help="then deliver the due e-mails of the outbox (SMTP, or data_dir/outbox/ without ECOTALENT_SMTP_HOST)")
    alerts_run.set_defaults(func=cmd_alerts_run)

    congestion = sub.add_parser("congestion", help="recompute the congestion prices used by crowding-aware ranking")
    congestion.add_argument("--sample", type=int, default=5000, help="candidates sampled (default 5000)")
    congestion.set_defaults(func=cmd_congestion)

    twin_parser = sub.add_parser("twin", help="the recruitment twin: simulate the next months under scenarios, or its backtest")
    twin_parser.add_argument("--months", type=int, default=12, help="months to simulate (1-24, default 12)")
    twin_parser.add_argument("--runs", type=int, default=200, help="Monte Carlo runs per scenario (default 200)")
    twin_parser.add_argument("--seed", type=int, default=1, help="the same seed gives the same figures")
    twin_parser.add_argument("--scenario", action="append", default=[], metavar="TEXT",
                             help="pay_raise:PERCENT[:ID,ID], abroad[:ID,ID], extend:DAYS[:ID,ID] or shared:ID,ID (repeat for more)")
    twin_parser.add_argument("--csv", action="store_true", help="print the quarters as CSV")
    twin_parser.add_argument("--backtest", action="store_true", help="start a year back and compare with the hires recorded")
    twin_parser.add_argument("--chart", type=Path, metavar="PNG", help="with --backtest: write its chart")
    twin_parser.set_defaults(func=cmd_twin)

    salaries_parser = sub.add_parser("salaries", help="salary heterogeneity: fit the models, print the report")
    salaries_parser.add_argument("action", choices=["fit", "report"], help="fit: refit now; report: use the saved fit")
    salaries_parser.add_argument("--charts", type=Path, metavar="DIR", help="also write the PNG charts into DIR")
    salaries_parser.set_defaults(func=cmd_salaries)

    portal = sub.add_parser("portal", help="the MUR calls portal's XML (rmp.dtd): export or import an institution's calls")
    portal.add_argument("action", choices=["export", "import"])
    portal.add_argument("file", nargs="?", type=Path, help="import: the XML file to read")
    portal.add_argument("--institution", required=True, metavar="ID_OR_NAME", help="the institution's id or exact name")
    portal.add_argument("-o", "--output", type=Path, metavar="FILE", help="export: write here instead of standard output")
    portal.add_argument("--mode", choices=["all_or_nothing", "per_row"], default="all_or_nothing",
                        help="import: one bad call rejects the file (default), or good calls are kept")
    portal.set_defaults(func=cmd_portal)

    allocate = sub.add_parser("allocate", help="run the hub's allocation now, with a progress bar (the hub page shows it as the last run)")
    allocate.add_argument("--salary-raise", type=float, default=0.0, metavar="SHARE", help="what if every salary rose by SHARE (0.1 = +10%%)")
    allocate.add_argument("--widen-abroad", action="store_true", help="what if candidates abroad would move anywhere in the ecosystem")
    allocate.set_defaults(func=cmd_allocate)

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
