"""The hub's reports read from the trigger-maintained counts (migration 0019) give exactly what
today's queries over the raw rows give, on random data built through the query layer, after
inserts, stage changes, hires, edits, closed positions and an erasure; and the counts hold no
person's id."""
import random
from datetime import date, datetime, time, timedelta

import pytest

from models.attraction import CLASSES
from models.indicators import quarter_start
from models.taxonomy import Channel, values
from service import attraction, channels, gap, indicators, overview
from service.attraction import quarter_end
from service.hub_data import AGGREGATES, RAW_ROWS
from service.queries import applications, candidates, positions
from tests.factories import make_ecosystem, make_institution, make_position, make_user

STAGES_ON = {"applied": ["screening", "offer", "offer", "rejected", "withdrawn"],
             "screening": ["interview", "offer", "rejected"], "interview": ["offer", "offer", "withdrawn"],
             "offer": ["hired", "hired", "hired", "withdrawn", "rejected"]}
FIELDS = [[], ["computer_science"], ["physics", "chemistry"], ["engineering"], [""]]
REGIONS = ["ITC3", "ITC4", "ITI4", "ITF6", None]
TODAY = date.today()


def _day(rng: random.Random, first: date, last: date) -> date:
    return first + timedelta(days=rng.randint(0, (last - first).days))


def _boundary_or_random(rng: random.Random) -> datetime:
    """A moment in the last two years, often the first or last second of a quarter or today."""
    day = _day(rng, TODAY - timedelta(days=730), TODAY)
    pick = rng.random()
    if pick < 0.2:
        return datetime.combine(quarter_start(day), time(0, 0, 0))
    if pick < 0.4:
        return datetime.combine(min(quarter_end(day), TODAY), time(23, 59, 59))
    if pick < 0.45:
        return datetime.combine(TODAY, time(0, 0, 1))
    return datetime.combine(day, time(rng.randint(0, 23), rng.randint(0, 59)))


def _places(rng: random.Random) -> list[dict]:
    places, start = [], TODAY - timedelta(days=rng.randint(400, 2500))
    for _ in range(rng.randint(0, 3)):
        end = start + timedelta(days=rng.randint(30, 900))
        country = rng.choice(["IT", "IT", "FR", "DE"])
        places.append({"kind": rng.choice(["residence", "work"]), "country": country,
                       "region": rng.choice(REGIONS) if country == "IT" else None, "start_date": start,
                       "end_date": None if rng.random() < 0.3 else end})
        start = end + timedelta(days=rng.randint(-60, 200))
    return places


def _profile(rng: random.Random) -> dict:
    return {"gender": rng.choice(["woman", "man", "non_binary", "undisclosed", None]),
            "birth_year": rng.choice([None, 1975, 1988, 1990, 1995, 1999]),
            "nationality": rng.choice(["IT", "FR", "BR", None])}


class World:
    """A random ecosystem built through the query layer, and the moves that change it."""

    def __init__(self, conn, rng: random.Random):
        self.conn, self.rng = conn, rng
        ecosystem = make_ecosystem(conn, f"Aggregates {rng.random()}")
        self.institutions = [make_institution(conn, ecosystem["id"], f"Institution {k}", spoke=spoke)["id"]
                             for k, spoke in enumerate([1, 2, None])]
        self.hr = make_user(conn, "hr", f"hr.{rng.random()}@test.example", institution_id=self.institutions[0])
        self.positions = [self.new_position() for _ in range(rng.randint(8, 14))]
        self.candidates = []
        for k in range(rng.randint(25, 35)):
            candidate_id = candidates.create_candidate(conn, f"Person {k}", f"p{k}.{rng.random()}@test.example")
            candidates.update_candidate(conn, candidate_id, _profile(rng))
            candidates.replace_places(conn, candidate_id, _places(rng))
            self.candidates.append(candidate_id)
        self.applications: list[int] = []

    def new_position(self) -> int:
        rng = self.rng
        opening = _day(rng, TODAY - timedelta(days=760), TODAY)
        deadline = rng.choice([None, opening + timedelta(days=rng.randint(0, 400)), TODAY, TODAY - timedelta(days=1)])
        if deadline is not None and deadline < opening:
            deadline = opening
        return make_position(self.conn, rng.choice(self.institutions), status=rng.choice(["open", "open", "closed", "draft", "filled"]),
                             opening_date=opening, deadline=deadline, openings=rng.randint(1, 3),
                             fields=rng.choice(FIELDS), region=rng.choice(REGIONS), spoke=rng.choice([None, None, 3]),
                             career_stage=rng.choice(["R1", "R2", "R3", "R4"]),
                             contract_type=rng.choice(["phd_scholarship", "rtd_a", "company_employee", "research_grant"]),
                             hours_per_week=rng.choice([36, 38, 20, 18.5]))["id"]

    def apply(self) -> None:
        candidate_id, position_id = self.rng.choice(self.candidates), self.rng.choice(self.positions)
        if applications.find_application(self.conn, position_id, candidate_id) is None:
            channel = self.rng.choice(values(Channel))
            self.applications.append(applications.create_application(self.conn, position_id, candidate_id, None, channel,
                                                                     self.hr["id"]))
            self.redate_last_event(self.applications[-1])

    def move(self) -> None:
        if not self.applications:
            return
        application = applications.get_application(self.conn, self.rng.choice(self.applications))
        if application is None or application["stage"] not in STAGES_ON:
            return
        to_stage = self.rng.choice(STAGES_ON[application["stage"]])
        start = _day(self.rng, TODAY - timedelta(days=700), TODAY + timedelta(days=90)) if to_stage == "hired" else None
        applications.change_stage(self.conn, application["id"], application["stage"], to_stage, note="a note",
                                  start_date=start, actor_user_id=self.hr["id"])
        self.redate_last_event(application["id"])

    def redate_last_event(self, application_id: int) -> None:
        self.conn.execute("UPDATE application_events SET changed_at = %s WHERE id = (SELECT max(id) FROM application_events"
                          " WHERE application_id = %s)", (_boundary_or_random(self.rng), application_id))

    def edit_position(self) -> None:
        rng, position_id = self.rng, self.rng.choice(self.positions)
        change = rng.choice([{"status": "closed"}, {"status": "draft"}, {"status": "open"}, {"fields": rng.choice(FIELDS)},
                             {"region": rng.choice(REGIONS)}, {"career_stage": "R3"}, {"openings": rng.randint(1, 4)},
                             {"spoke": rng.choice([None, 4])}, {"contract_type": "rtd_a"}, {"hours_per_week": 30}])
        if rng.random() < 0.2:
            self.conn.execute("UPDATE positions SET institution_id = %s WHERE id = %s", (rng.choice(self.institutions), position_id))
        elif rng.random() < 0.2:
            self.conn.execute("UPDATE positions SET deadline = greatest(opening_date, %s) WHERE id = %s",
                              (TODAY - timedelta(days=1), position_id))
        else:
            positions.update_position(self.conn, position_id, change)

    def edit_candidate(self) -> None:
        candidate_id = self.rng.choice(self.candidates)
        if self.rng.random() < 0.5:
            candidates.update_candidate(self.conn, candidate_id, _profile(self.rng))
        else:
            candidates.replace_places(self.conn, candidate_id, _places(self.rng))

    def rename_institution(self) -> None:
        self.conn.execute("UPDATE institutions SET name = name || ' renamed', spoke = %s WHERE id = %s",
                          (self.rng.choice([None, 5]), self.rng.choice(self.institutions)))

    def erase(self) -> int:
        candidate_id = self.candidates.pop(self.rng.randrange(len(self.candidates)))
        candidates.erase_candidate(self.conn, candidate_id, attraction.origins_before_erasure(self.conn, candidate_id))
        return candidate_id


PERIODS = [(TODAY - timedelta(days=365), TODAY), (TODAY - timedelta(days=730), TODAY + timedelta(days=120)),
           (date(TODAY.year, 1, 1), date(TODAY.year, 1, 1))]


def _differences(a, b, path: str = "") -> list[str]:
    """Where two reports differ (the first few paths), to say what went wrong."""
    if isinstance(a, dict) and isinstance(b, dict):
        return [d for k in sorted(set(a) | set(b), key=str) for d in _differences(a.get(k), b.get(k), f"{path}.{k}")][:5]
    if isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        return [d for i, (x, y) in enumerate(zip(a, b, strict=True)) for d in _differences(x, y, f"{path}[{i}]")][:5]
    return [] if a == b else [f"{path}: {a!r} != {b!r}"]


def _both(report, *args):
    return report(*args, source=RAW_ROWS), report(*args, source=AGGREGATES)


def assert_reports_agree(conn) -> None:
    for first, last in PERIODS:
        for by in gap.CUTS:
            reference, aggregated = _both(gap.report, conn, first, last, by)
            assert aggregated == reference, (first, last, by, _differences(aggregated, reference))
        for by in attraction.CUTS:
            reference, aggregated = _both(attraction.report, conn, first, last, by)
            assert aggregated == reference, (first, last, by, _differences(aggregated, reference))
        reference, aggregated = _both(channels.report, conn, first, last)
        assert aggregated == reference, _differences(aggregated, reference)
        reference, aggregated = _both(indicators.series, conn, quarter_start(first), quarter_start(last))
        assert aggregated == reference, _differences(aggregated, reference)
    reference, aggregated = _both(overview.report, conn)
    assert aggregated == reference, _differences(aggregated, reference)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_reports_from_counts_equal_the_raw_row_queries_through_every_change(conn, seed):
    rng = random.Random(seed)
    world = World(conn, rng)
    for _ in range(rng.randint(90, 120)):
        world.apply()
    for _ in range(rng.randint(250, 300)):
        world.move()
    hires = conn.execute("SELECT count(*) AS n FROM applications WHERE stage = 'hired'").fetchone()["n"]
    assert hires >= 15  # the data reaches the cells the privacy rules let through
    assert_reports_agree(conn)
    for step in range(30):
        rng.choice([world.apply, world.move, world.move, world.edit_position, world.edit_candidate, world.new_position])()
        if step % 10 == 9:
            assert_reports_agree(conn)
    world.rename_institution()
    world.erase()
    world.erase()
    assert_reports_agree(conn)
    # What the triggers kept row by row is what the backfill computes from scratch.
    kept = _counts(conn)
    conn.execute("SELECT hub_rebuild()")
    assert _counts(conn) == kept


def _counts(conn) -> dict[str, list]:
    """Every table of counts, rows that add up to nothing left out."""
    keys = {"hub_event_counts": "measure, month, cut, value", "hub_event_days": "measure, month, cut, value, days",
            "hub_hire_counts": "quarter, cut, value, origin",
            "hub_hire_jobs": "quarter, contract_type, hours_per_week, gender", "hub_stage_counts": "stage",
            "hub_position_counts": "kind, day, cut, value"}
    sums = {"hub_position_counts": "sum(positions), sum(openings), sum(hired)"}
    return {table: conn.execute(f"SELECT {key}, {sums.get(table, 'sum(n)')} AS n FROM {table} GROUP BY {key}"
                                f" HAVING {sums.get(table, 'sum(n)').replace(', ', ' <> 0 OR ')} <> 0 ORDER BY {key}").fetchall()
            for table, key in keys.items()}


def test_reports_agree_on_the_demo_loaded_in_bulk(conn):
    from seeds import demo, load
    load.load(conn, demo.generate(seed=7), "not-a-real-hash", show_progress=False)
    assert conn.execute("SELECT sum(n) AS n FROM hub_stage_counts").fetchone()["n"] > 0
    assert_reports_agree(conn)


def test_counts_hold_no_person_and_an_erasure_leaves_them_right(conn):
    rng = random.Random(11)
    world = World(conn, rng)
    for _ in range(60):
        world.apply()
    for _ in range(150):
        world.move()
    hired = conn.execute("SELECT candidate_id FROM applications WHERE stage = 'hired' AND candidate_id IS NOT NULL"
                         " LIMIT 1").fetchone()
    assert hired is not None
    candidate_id = hired["candidate_id"]
    world.candidates.remove(candidate_id)
    person = candidates.get_candidate(conn, candidate_id)
    candidates.erase_candidate(conn, candidate_id, attraction.origins_before_erasure(conn, candidate_id))
    assert_reports_agree(conn)
    columns = conn.execute("SELECT table_name, column_name FROM information_schema.columns"
                           " WHERE table_name LIKE 'hub\\_%' AND table_schema = current_schema()").fetchall()
    assert {c["table_name"] for c in columns} == {"hub_event_counts", "hub_event_days", "hub_position_counts", "hub_hire_counts",
                                                  "hub_hire_jobs", "hub_stage_counts"}
    assert not [c for c in columns if c["column_name"] == "id" or c["column_name"].endswith("_id")
                or c["column_name"] in ("email", "full_name", "candidate", "application", "person")]
    dump = str([conn.execute(f"SELECT * FROM {c['table_name']}").fetchall() for c in columns]
               + conn.execute("SELECT hub_hire FROM applications WHERE candidate_id IS NULL").fetchall())
    assert person["full_name"] not in dump and person["email"] not in dump
    # What an erased hire keeps for the counts is the anonymous facts' class, gender and age band: no id.
    kept = conn.execute("SELECT hub_hire FROM applications WHERE candidate_id IS NULL AND stage = 'hired'").fetchall()
    assert kept and all(set(k["hub_hire"]) == {"quarter", "origin", "gender", "contract_type", "hours_per_week", "cuts"}
                        and k["hub_hire"]["origin"] in CLASSES for k in kept)
