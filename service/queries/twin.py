"""What the recruitment twin is calibrated from (service.twin): calls, applications with the dates of
their stages, candidates with where they lived, and the hires recorded month by month."""
from datetime import date

from service.queries import Connection


def positions(conn: Connection) -> list[dict]:
    """Every call ever published (drafts are not calls), with what its pay premium is computed from."""
    return conn.execute(
        """SELECT p.id, p.institution_id, coalesce(p.fields[1], '-') AS field, p.career_stage, p.contract_type,
                  p.salary_min, p.salary_max, p.salary_period, p.salary_basis, p.monthly_payments, p.hours_per_week,
                  p.openings, p.opening_date, p.deadline, p.status
           FROM positions p WHERE p.status <> 'draft' ORDER BY p.id""").fetchall()


def applications(conn: Connection) -> list[dict]:
    """Every application with the first day it reached each stage (None when it never did)."""
    return conn.execute(
        """SELECT a.id, a.position_id, a.candidate_id,
                  coalesce(min(e.changed_at) FILTER (WHERE e.to_stage = 'applied'), a.created_at)::date AS applied_on,
                  (min(e.changed_at) FILTER (WHERE e.to_stage = 'offer'))::date AS offer_on,
                  (min(e.changed_at) FILTER (WHERE e.to_stage = 'hired'))::date AS hired_on,
                  (min(e.changed_at) FILTER (WHERE e.to_stage IN ('rejected', 'withdrawn')))::date AS ended_on
           FROM applications a JOIN positions p ON p.id = a.position_id
           LEFT JOIN application_events e ON e.application_id = a.id
           WHERE p.status <> 'draft'
           GROUP BY a.id ORDER BY a.id""").fetchall()


def candidates(conn: Connection) -> list[dict]:
    """Every candidate: when they joined (their consent, or their first application if earlier), their field, nationality, where they live
    now and every place they lived or worked (what the attracted-talent rule reads)."""
    return conn.execute(
        """SELECT c.id, least(c.consent_at, c.created_at,
                              (SELECT min(a.created_at) FROM applications a WHERE a.candidate_id = c.id))::date AS arrived_on,
                  coalesce(c.fields[1], '-') AS field,
                  c.nationality, c.current_country, c.current_region,
                  (SELECT coalesce(jsonb_agg(jsonb_build_object('kind', cp.kind, 'country', cp.country, 'region', cp.region,
                           'start', cp.start_date, 'end', cp.end_date) ORDER BY cp.start_date), '[]')
                   FROM candidate_places cp WHERE cp.candidate_id = c.id) AS places
           FROM candidates c ORDER BY c.id""").fetchall()


def ecosystem_regions(conn: Connection) -> list[str]:
    """The NUTS-2 regions the ecosystems served here cover."""
    return [r["region"] for r in conn.execute(
        "SELECT DISTINCT unnest(regions) AS region FROM ecosystems ORDER BY 1").fetchall()]


def institutions(conn: Connection) -> list[dict]:
    return conn.execute("SELECT id, name FROM institutions ORDER BY id").fetchall()


def monthly_hires(conn: Connection, first: date, last: date) -> dict[date, int]:
    """Hires recorded per month (the month of the move to 'hired') in [first, last]."""
    rows = conn.execute(
        """SELECT date_trunc('month', e.changed_at)::date AS month, count(*) AS hires
           FROM application_events e JOIN applications a ON a.id = e.application_id
           JOIN positions p ON p.id = a.position_id
           WHERE e.to_stage = 'hired' AND p.status <> 'draft' AND e.changed_at::date BETWEEN %(first)s AND %(last)s
           GROUP BY 1""", {"first": first, "last": last}).fetchall()
    return {r["month"]: r["hires"] for r in rows}
