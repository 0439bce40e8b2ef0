"""What every benchmark shares: the machine it ran on, and a database to run against."""
import os
import platform
import time
from contextlib import contextmanager
from pathlib import Path

import httpx
import psutil
import psycopg
from pgvector.psycopg import register_vector
from psycopg.rows import dict_row

from service.config import Settings
from service.database import database_url, ensure_database
from service.migrate import migrate

DEFAULT_DATA_DIR = Path(os.environ.get("ECOTALENT_BENCH_DIR", Path.home() / ".cache" / "ecotalent-bench"))


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    ram_gib = psutil.virtual_memory().total / 2**30
    return f"{cores} cores ({cpu}), {ram_gib:.0f} GiB RAM, Python {platform.python_version()}, {platform.system()}"


@contextmanager
def bench_database(name: str, data_dir: Path = DEFAULT_DATA_DIR, fresh: bool = False):
    """A migrated database ``name`` on the embedded server in ``data_dir`` (or on DATABASE_URL's server)."""
    data_dir.mkdir(parents=True, exist_ok=True)
    settings = Settings(data_dir=data_dir, database_name=name)
    with database_url(settings) as url:
        if fresh:
            admin = psycopg.conninfo.make_conninfo(url, dbname="postgres")
            with psycopg.connect(admin, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            ensure_database(admin, name)
        migrate(url)
        yield url


def connect(url: str) -> psycopg.Connection:
    conn = psycopg.connect(url, row_factory=dict_row)
    register_vector(conn)
    return conn


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q / 100 * (len(ordered) - 1))))]


def wait_until_healthy(base: str, attempts: int = 240) -> None:
    """Waits for a started `ecotalent serve` to answer /health (half a second between tries)."""
    with httpx.Client(base_url=base, timeout=30) as probe:
        for _ in range(attempts):
            try:
                if probe.get("/health").status_code == 200:
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.5)
    raise TimeoutError(f"ecotalent did not answer at {base}/health")
