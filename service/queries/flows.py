"""Hires for the talent flows (service.flows), one ecosystem at a time: every query takes the
ecosystem's id. The rows are read by the use case only, which counts them before anything leaves."""
from service.queries import Connection


def hub_ecosystem(conn: Connection) -> int | None:
    """The ecosystem a hub office reports on. One ecosystem per deployment today: its first one."""
    row = conn.execute("SELECT min(id) AS id FROM ecosystems").fetchone()
    return row["id"] if row else None


def hires(conn: Connection, ecosystem_id: int, start_from, start_to) -> list[dict]:
    """Hires at the ecosystem's partners starting in [start_from, start_to]: the hiring partner, what
    the attracted-talent rule reads (places, nationality, or an erased hire's anonymous facts), and the
    partner of the same person's latest earlier hire in the ecosystem (NULL when none; a move when it is
    another partner)."""
    return conn.execute(
        """
        SELECT a.hire_start_date, i.id AS institution_id, i.name AS institution, i.kind, i.spoke,
               e.regions AS ecosystem_regions, c.nationality, a.anonymous_facts,
               (SELECT coalesce(jsonb_agg(jsonb_build_object('country', cp.country, 'region', cp.region,
                        'start', cp.start_date, 'end', cp.end_date)), '[]')
                FROM candidate_places cp WHERE cp.candidate_id = c.id) AS places,
               before.institution_id AS before_id, before.institution AS before_name, before.kind AS before_kind,
               before.spoke AS before_spoke
        FROM applications a
        JOIN positions p ON p.id = a.position_id
        JOIN institutions i ON i.id = p.institution_id
        JOIN ecosystems e ON e.id = i.ecosystem_id
        LEFT JOIN candidates c ON c.id = a.candidate_id
        LEFT JOIN LATERAL (
            SELECT pi.id AS institution_id, pi.name AS institution, pi.kind, pi.spoke
            FROM applications pa
            JOIN positions pp ON pp.id = pa.position_id
            JOIN institutions pi ON pi.id = pp.institution_id
            WHERE pa.candidate_id = a.candidate_id AND pa.stage = 'hired' AND pa.hire_start_date < a.hire_start_date
              AND pi.ecosystem_id = %(ecosystem)s
            ORDER BY pa.hire_start_date DESC, pa.id DESC LIMIT 1
        ) before ON true
        WHERE a.stage = 'hired' AND a.hire_start_date BETWEEN %(from)s AND %(to)s AND i.ecosystem_id = %(ecosystem)s
        """, {"ecosystem": ecosystem_id, "from": start_from, "to": start_to},
    ).fetchall()
