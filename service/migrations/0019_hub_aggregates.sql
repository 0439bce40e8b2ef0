-- The hub's reports read counts kept current by triggers (issue 16), not the raw rows.
-- Every table here holds counts by month or quarter and by the value of one cut; none holds a
-- person's id, and a count of people leaves the service only through models.privacy, as before.
-- Deltas are added with INSERT ... ON CONFLICT DO UPDATE (n = n + delta), rows in key order, so
-- concurrent transactions add up instead of overwriting each other. Rows whose count fell to zero
-- stay (the readers skip them).

-- Events that count a person (service.queries.gap): an application, an offer, a hire, a declined
-- offer, by the month of the event, for each cut of the position and the application's channel.
CREATE TABLE hub_event_counts (
    measure  text NOT NULL,
    month    date NOT NULL,
    cut      text NOT NULL,
    value    text,
    n        bigint NOT NULL,
    CONSTRAINT hub_event_counts_key UNIQUE NULLS NOT DISTINCT (month, cut, measure, value)
);

-- Hires and offers again by the days from the position's opening to the event (the gap's medians),
-- for the positions' cuts.
CREATE TABLE hub_event_days (
    measure  text NOT NULL,
    month    date NOT NULL,
    cut      text NOT NULL,
    value    text,
    days     integer NOT NULL,
    n        bigint NOT NULL,
    CONSTRAINT hub_event_days_key UNIQUE NULLS NOT DISTINCT (cut, month, measure, value, days)
);

-- A change to hub_event_counts and hub_event_days: what each counted event adds (n 1) or takes back (n -1).
CREATE TYPE hub_event_delta AS (measure text, month date, cut text, value text, days integer, n bigint);

-- Positions by cut value: kind 'all' (every non-draft position), 'opened' (day: month of opening),
-- 'deadline' (day: the deadline, open or closed positions), 'open' (day: the deadline, status open,
-- with the hires made through them), 'status' (cut 'status', every position).
CREATE TABLE hub_position_counts (
    kind       text NOT NULL,
    day        date,
    cut        text NOT NULL,
    value      text,
    positions  bigint NOT NULL,
    openings   bigint NOT NULL,
    hired      bigint NOT NULL,
    CONSTRAINT hub_position_counts_key UNIQUE NULLS NOT DISTINCT (kind, day, cut, value)
);

-- Hires by the quarter they start in, for each attracted-talent cut, by origin class.
CREATE TABLE hub_hire_counts (
    quarter  date NOT NULL,
    cut      text NOT NULL,
    value    text NOT NULL,
    origin   text NOT NULL,
    n        bigint NOT NULL,
    PRIMARY KEY (quarter, cut, value, origin)
);

-- Hires by quarter, contract and hours (full-time equivalents) and gender (women among researchers).
CREATE TABLE hub_hire_jobs (
    quarter         date NOT NULL,
    contract_type   text NOT NULL,
    hours_per_week  numeric(4, 1) NOT NULL,
    gender          text NOT NULL,
    n               bigint NOT NULL,
    PRIMARY KEY (quarter, contract_type, hours_per_week, gender)
);

-- Applications by stage (the overview).
CREATE TABLE hub_stage_counts (
    stage  text PRIMARY KEY,
    n      bigint NOT NULL
);

-- What a hire adds to hub_hire_counts and hub_hire_jobs, kept on the application so that a change
-- anywhere it depends on (the candidate's places, the position, ...) can take back what it added.
-- The same facts an erased application keeps in anonymous_facts, and no id.
ALTER TABLE applications ADD COLUMN hub_hire jsonb;
CREATE INDEX applications_hired_idx ON applications (candidate_id) WHERE stage = 'hired';
CREATE INDEX applications_position_hired_idx ON applications (position_id) WHERE stage = 'hired';

-- Bulk loads (the seed) turn the triggers off for their transaction, then call hub_rebuild().
CREATE FUNCTION hub_triggers_off() RETURNS boolean LANGUAGE sql STABLE
    RETURN coalesce(current_setting('ecotalent.hub_aggregates_off', true), '') = 'on';

-- --- the rules, written once ------------------------------------------------------------------

-- What an application event counts as (NULL: nothing).
CREATE FUNCTION hub_event_measure(from_stage text, to_stage text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN CASE WHEN to_stage = 'applied' THEN 'applications' WHEN to_stage = 'offer' THEN 'offers'
                WHEN to_stage = 'hired' THEN 'hires'
                WHEN from_stage = 'offer' AND to_stage IN ('withdrawn', 'rejected') THEN 'offers_declined' END;

-- A position's value in every cut of the hiring gap (service.queries.gap.CUT_COLUMNS), as (cut, value) rows.
CREATE FUNCTION hub_position_cuts(p positions, institution_name text, institution_spoke smallint)
    RETURNS TABLE (cut text, value text) LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
    -- (PL/pgSQL, not an inlined SQL function: PostgreSQL 18 fails to plan the inlined whole-row form.)
    RETURN QUERY SELECT * FROM unnest(ARRAY['institution', 'spoke', 'region', 'field', 'career_stage', 'contract_type'],
                                      ARRAY[institution_name, coalesce(p.spoke, institution_spoke)::text, p.region,
                                            p.fields[1], p.career_stage, p.contract_type]);
END $$;

-- The attracted-talent class of a hire (models.attraction.classify, the same rule in SQL): in the
-- 36 months before the start, more than 12 months outside the ecosystem's regions.
CREATE FUNCTION hub_origin(candidate bigint, start_day date, regions text[], nationality text) RETURNS text
    LANGUAGE plpgsql STABLE AS $$
DECLARE
    window_start date;
    threshold_days integer;
    abroad integer;
    other_region integer;
    unknown integer;
BEGIN
    IF start_day IS NULL OR NOT EXISTS (SELECT 1 FROM candidate_places WHERE candidate_id = candidate) THEN
        RETURN 'unknown';
    END IF;
    window_start := (start_day - interval '36 months')::date;
    threshold_days := (window_start + interval '12 months')::date - window_start;
    WITH spans AS (
        SELECT greatest(cp.start_date, window_start) AS s,
               least(coalesce(cp.end_date + 1, start_day), start_day) AS e,
               CASE WHEN btrim(cp.country::text) <> 'IT' THEN 3 WHEN cp.region IS NULL THEN 1
                    WHEN cp.region = ANY (regions) THEN 0 ELSE 2 END AS rank
        FROM candidate_places cp WHERE cp.candidate_id = candidate),
    kept AS (SELECT * FROM spans WHERE s < e),
    bounds AS (SELECT window_start AS d UNION SELECT start_day UNION SELECT s FROM kept UNION SELECT e FROM kept),
    segments AS (SELECT d AS s, lead(d) OVER (ORDER BY d) AS e FROM bounds),
    ranked AS (SELECT g.e - g.s AS days,
                      coalesce((SELECT max(k.rank) FROM kept k WHERE k.s <= g.s AND g.e <= k.e), 1) AS rank
               FROM segments g WHERE g.e IS NOT NULL)
    SELECT coalesce(sum(days) FILTER (WHERE rank = 3), 0), coalesce(sum(days) FILTER (WHERE rank = 2), 0),
           coalesce(sum(days) FILTER (WHERE rank = 1), 0)
    INTO abroad, other_region, unknown FROM ranked;
    IF abroad + other_region <= threshold_days THEN
        RETURN CASE WHEN abroad + other_region + unknown <= threshold_days THEN 'local' ELSE 'unknown' END;
    END IF;
    IF abroad >= other_region THEN
        IF nationality IS NULL THEN
            RETURN 'unknown';
        END IF;
        RETURN CASE WHEN btrim(nationality) = 'IT' THEN 'from_abroad_returning' ELSE 'from_abroad_foreign' END;
    END IF;
    RETURN 'from_other_region';
END $$;

-- What one application adds as a hire (NULL when it is no hire): service.attraction's facts and cuts.
CREATE FUNCTION hub_hire_facts(application bigint) RETURNS jsonb LANGUAGE sql STABLE
    BEGIN ATOMIC
        SELECT jsonb_build_object(
            'quarter', date_trunc('quarter', a.hire_start_date)::date,
            'origin', CASE WHEN a.anonymous_facts IS NOT NULL THEN coalesce(a.anonymous_facts ->> 'origin', 'unknown')
                           ELSE hub_origin(c.id, a.hire_start_date, e.regions, c.nationality) END,
            'gender', f.gender, 'contract_type', p.contract_type, 'hours_per_week', p.hours_per_week,
            'cuts', jsonb_build_object(
                'institution', coalesce(nullif(i.name, ''), 'unknown'),
                'spoke', CASE WHEN coalesce(p.spoke, i.spoke) IS NULL OR coalesce(p.spoke, i.spoke) = 0 THEN 'unknown'
                              ELSE coalesce(p.spoke, i.spoke)::text END,
                'field', coalesce(nullif(p.fields[1], ''), 'unknown'),
                'career_stage', coalesce(nullif(p.career_stage, ''), 'unknown'),
                'gender', coalesce(nullif(f.gender, ''), 'unknown'),
                'age_band', coalesce(nullif(f.age_band, ''), 'unknown'),
                'channel', coalesce(nullif(a.channel, ''), 'unknown')))
        FROM applications a
        JOIN positions p ON p.id = a.position_id
        JOIN institutions i ON i.id = p.institution_id
        JOIN ecosystems e ON e.id = i.ecosystem_id
        LEFT JOIN candidates c ON c.id = a.candidate_id
        CROSS JOIN LATERAL (SELECT
            CASE WHEN a.anonymous_facts IS NOT NULL THEN coalesce(a.anonymous_facts ->> 'gender', 'undisclosed')
                 ELSE coalesce(nullif(c.gender, ''), 'undisclosed') END AS gender,
            CASE WHEN a.anonymous_facts IS NOT NULL THEN coalesce(a.anonymous_facts ->> 'age_band', 'unknown')
                 WHEN c.birth_year IS NULL THEN 'unknown'
                 WHEN extract(year FROM a.hire_start_date) - c.birth_year < 36 THEN 'under_36'
                 ELSE '36_and_over' END AS age_band) f
        WHERE a.id = application AND a.stage = 'hired' AND a.hire_start_date IS NOT NULL;
    END;

-- --- adding and taking back ---------------------------------------------------------------------

-- A hire's facts (hub_hire_facts) added (sign 1) or taken back (-1).
CREATE FUNCTION hub_hire_add(facts jsonb, sign integer) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    IF facts IS NULL THEN
        RETURN;
    END IF;
    INSERT INTO hub_hire_counts AS h (quarter, cut, value, origin, n)
    SELECT (facts ->> 'quarter')::date, c.key, c.value, facts ->> 'origin', sign
    FROM jsonb_each_text(facts -> 'cuts') c ORDER BY c.key
    ON CONFLICT (quarter, cut, value, origin) DO UPDATE SET n = h.n + excluded.n;
    INSERT INTO hub_hire_jobs AS h (quarter, contract_type, hours_per_week, gender, n)
    VALUES ((facts ->> 'quarter')::date, facts ->> 'contract_type', (facts ->> 'hours_per_week')::numeric, facts ->> 'gender', sign)
    ON CONFLICT (quarter, contract_type, hours_per_week, gender) DO UPDATE SET n = h.n + excluded.n;
END $$;

-- An application's hire brought up to date: what it added before is taken back, what it adds now is added.
CREATE FUNCTION hub_hire_refresh(application bigint) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    before jsonb;
    after jsonb;
BEGIN
    SELECT a.hub_hire INTO before FROM applications a WHERE a.id = application FOR UPDATE;
    IF NOT FOUND THEN
        RETURN;
    END IF;
    after := hub_hire_facts(application);
    IF before IS DISTINCT FROM after THEN
        PERFORM hub_hire_add(before, -1);
        PERFORM hub_hire_add(after, 1);
        UPDATE applications SET hub_hire = after WHERE id = application;
    END IF;
END $$;

-- Which of a position's figures it counts in (hub_position_counts' kinds), on which day, with how many hires.
CREATE FUNCTION hub_position_kinds(p positions, hires bigint) RETURNS TABLE (kind text, day date, hired bigint)
    LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
    RETURN QUERY SELECT k.kind, k.day, k.hired FROM (VALUES
        ('all', NULL::date, 0::bigint, p.status <> 'draft'),
        ('opened', date_trunc('month', p.opening_date)::date, 0::bigint, p.status <> 'draft'),
        ('deadline', p.deadline, 0::bigint, p.status IN ('open', 'closed') AND p.deadline IS NOT NULL),
        ('open', p.deadline, hires, p.status = 'open')) AS k (kind, day, hired, applies)
    WHERE k.applies;
END $$;

-- A position's own figures (hub_position_counts) under the given institution's name and spoke.
CREATE FUNCTION hub_position_add(p positions, institution_name text, institution_spoke smallint, sign integer)
    RETURNS void LANGUAGE sql AS $$
    INSERT INTO hub_position_counts AS h (kind, day, cut, value, positions, openings, hired)
    SELECT k.kind, k.day, c.cut, c.value, sign, sign * p.openings, sign * k.hired
    FROM hub_position_cuts(p, institution_name, institution_spoke) c
    CROSS JOIN hub_position_kinds(p, (SELECT count(*) FROM applications a WHERE a.position_id = p.id AND a.stage = 'hired')) k
    UNION ALL
    SELECT 'status', NULL, 'status', p.status, sign, sign * p.openings, 0
    ORDER BY 1, 2, 3, 4
    ON CONFLICT ON CONSTRAINT hub_position_counts_key DO UPDATE
        SET positions = h.positions + excluded.positions, openings = h.openings + excluded.openings,
            hired = h.hired + excluded.hired;
$$;

-- Deltas added to both tables of events, rows in key order.
CREATE FUNCTION hub_event_rows_add(deltas hub_event_delta[]) RETURNS void LANGUAGE sql AS $$
    INSERT INTO hub_event_counts AS h (measure, month, cut, value, n)
    SELECT d.measure, d.month, d.cut, d.value, sum(d.n) FROM unnest(deltas) d
    GROUP BY d.month, d.cut, d.measure, d.value ORDER BY d.month, d.cut, d.measure, d.value
    ON CONFLICT ON CONSTRAINT hub_event_counts_key DO UPDATE SET n = h.n + excluded.n;
    INSERT INTO hub_event_days AS h (measure, month, cut, value, days, n)
    SELECT d.measure, d.month, d.cut, d.value, d.days, sum(d.n) FROM unnest(deltas) d
    WHERE d.days IS NOT NULL AND d.cut <> 'channel'
    GROUP BY d.cut, d.month, d.measure, d.value, d.days ORDER BY d.cut, d.month, d.measure, d.value, d.days
    ON CONFLICT ON CONSTRAINT hub_event_days_key DO UPDATE SET n = h.n + excluded.n;
$$;

-- What an event counts as in every cut, given its position (and institution) and channel.
CREATE FUNCTION hub_event_deltas(p positions, institution_name text, institution_spoke smallint, channel text,
                                 from_stage text, to_stage text, changed_at timestamptz, n bigint)
    RETURNS SETOF hub_event_delta LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
    measure text := hub_event_measure(from_stage, to_stage);
BEGIN
    IF measure IS NULL OR p.status = 'draft' THEN
        RETURN;
    END IF;
    RETURN QUERY SELECT measure, date_trunc('month', changed_at)::date, c.cut, c.value,
                        CASE WHEN measure IN ('hires', 'offers') THEN changed_at::date - p.opening_date END, n
                 FROM (SELECT * FROM hub_position_cuts(p, institution_name, institution_spoke)
                       UNION ALL SELECT 'channel', channel) c;
END $$;

-- Events of position ``p`` (of one application, or one event, when given) counted (sign 1) or
-- taken back (-1) under p's values and the institution's; ``channel``: instead of the application's.
CREATE FUNCTION hub_events_add(p positions, institution_name text, institution_spoke smallint, sign integer,
                               only_application bigint DEFAULT NULL, only_event bigint DEFAULT NULL,
                               channel text DEFAULT NULL) RETURNS void LANGUAGE sql AS $$
    SELECT hub_event_rows_add(array_agg(d))
    FROM application_events e
    JOIN applications a ON a.id = e.application_id
    CROSS JOIN LATERAL hub_event_deltas(p, institution_name, institution_spoke, coalesce(hub_events_add.channel, a.channel),
                                        e.from_stage, e.to_stage, e.changed_at, sign) d
    WHERE a.position_id = p.id AND (only_application IS NULL OR a.id = only_application)
      AND (only_event IS NULL OR e.id = only_event)
    HAVING count(*) > 0;
$$;

-- One event given by its values (an edited event's old values), counted or taken back.
CREATE FUNCTION hub_event_values_add(application bigint, from_stage text, to_stage text, changed_at timestamptz,
                                     sign integer) RETURNS void LANGUAGE sql AS $$
    SELECT hub_event_rows_add(array_agg(d))
    FROM applications a JOIN positions p ON p.id = a.position_id JOIN institutions i ON i.id = p.institution_id
    CROSS JOIN LATERAL hub_event_deltas(p, i.name, i.spoke, a.channel, from_stage, to_stage, changed_at, sign) d
    WHERE a.id = application
    HAVING count(*) > 0;
$$;

-- Every aggregate recomputed from the raw rows: the backfill, and after a bulk load or a TRUNCATE.
CREATE FUNCTION hub_rebuild() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    TRUNCATE hub_event_counts, hub_event_days, hub_position_counts, hub_hire_counts, hub_hire_jobs, hub_stage_counts;
    PERFORM hub_event_rows_add(array_agg(ROW(d.measure, d.month, d.cut, d.value, d.days, d.n)::hub_event_delta))
    FROM (SELECT x.measure, x.month, x.cut, x.value, x.days, sum(x.n)::bigint AS n
          FROM application_events e JOIN applications a ON a.id = e.application_id
          JOIN positions p ON p.id = a.position_id JOIN institutions i ON i.id = p.institution_id
          CROSS JOIN LATERAL hub_event_deltas(p, i.name, i.spoke, a.channel, e.from_stage, e.to_stage, e.changed_at, 1) x
          GROUP BY 1, 2, 3, 4, 5) d;
    INSERT INTO hub_position_counts (kind, day, cut, value, positions, openings, hired)
    SELECT k.kind, k.day, c.cut, c.value, count(*), sum(p.openings), sum(k.hired)
    FROM positions p JOIN institutions i ON i.id = p.institution_id
    LEFT JOIN (SELECT position_id, count(*) AS n FROM applications WHERE stage = 'hired' GROUP BY 1) h
        ON h.position_id = p.id
    CROSS JOIN LATERAL hub_position_cuts(p, i.name, i.spoke) c
    CROSS JOIN LATERAL hub_position_kinds(p, coalesce(h.n, 0)) k
    GROUP BY 1, 2, 3, 4
    UNION ALL
    SELECT 'status', NULL, 'status', status, count(*), sum(openings), 0 FROM positions GROUP BY status;
    INSERT INTO hub_stage_counts (stage, n) SELECT stage, count(*) FROM applications GROUP BY stage;
    UPDATE applications SET hub_hire = CASE WHEN stage = 'hired' THEN hub_hire_facts(id) END
    WHERE stage = 'hired' OR hub_hire IS NOT NULL;
    INSERT INTO hub_hire_counts (quarter, cut, value, origin, n)
    SELECT (a.hub_hire ->> 'quarter')::date, c.key, c.value, a.hub_hire ->> 'origin', count(*)
    FROM applications a CROSS JOIN LATERAL jsonb_each_text(a.hub_hire -> 'cuts') c
    WHERE a.hub_hire IS NOT NULL GROUP BY 1, 2, 3, 4;
    INSERT INTO hub_hire_jobs (quarter, contract_type, hours_per_week, gender, n)
    SELECT (hub_hire ->> 'quarter')::date, hub_hire ->> 'contract_type', (hub_hire ->> 'hours_per_week')::numeric,
           hub_hire ->> 'gender', count(*)
    FROM applications WHERE hub_hire IS NOT NULL GROUP BY 1, 2, 3, 4;
END $$;

-- --- the triggers ---------------------------------------------------------------------------------

CREATE FUNCTION hub_on_event() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    p positions;
    i institutions;
BEGIN
    IF hub_triggers_off() THEN
        RETURN NULL;
    END IF;
    IF TG_OP IN ('DELETE', 'UPDATE') THEN
        -- (Deleted with its application: the application's own trigger took its events back.)
        PERFORM hub_event_values_add(OLD.application_id, OLD.from_stage, OLD.to_stage, OLD.changed_at, -1);
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        -- The position and institution locked against an edit that would move the counts meanwhile.
        SELECT pp.* INTO p FROM positions pp JOIN applications a ON a.position_id = pp.id
        WHERE a.id = NEW.application_id FOR SHARE OF pp;
        SELECT ii.* INTO i FROM institutions ii WHERE ii.id = p.institution_id FOR SHARE;
        PERFORM hub_events_add(p, i.name, i.spoke, 1, NEW.application_id, NEW.id);
    END IF;
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD END;
END $$;
CREATE TRIGGER hub_event_insert AFTER INSERT ON application_events FOR EACH ROW EXECUTE FUNCTION hub_on_event();
CREATE TRIGGER hub_event_update AFTER UPDATE OF application_id, from_stage, to_stage, changed_at ON application_events
    FOR EACH ROW EXECUTE FUNCTION hub_on_event();
CREATE TRIGGER hub_event_delete BEFORE DELETE ON application_events FOR EACH ROW EXECUTE FUNCTION hub_on_event();

CREATE FUNCTION hub_stage_add(stage text, sign integer) RETURNS void LANGUAGE sql AS $$
    INSERT INTO hub_stage_counts AS h (stage, n) VALUES (stage, sign) ON CONFLICT (stage) DO UPDATE SET n = h.n + excluded.n;
$$;

-- A hire through an open position moves that position's 'open' row.
CREATE FUNCTION hub_open_hired_add(position_id bigint, sign integer) RETURNS void LANGUAGE sql AS $$
    INSERT INTO hub_position_counts AS h (kind, day, cut, value, positions, openings, hired)
    SELECT 'open', p.deadline, c.cut, c.value, 0, 0, sign
    FROM positions p JOIN institutions i ON i.id = p.institution_id
    CROSS JOIN LATERAL hub_position_cuts(p, i.name, i.spoke) c
    WHERE p.id = hub_open_hired_add.position_id AND p.status = 'open'
    ORDER BY c.cut, c.value
    ON CONFLICT ON CONSTRAINT hub_position_counts_key DO UPDATE SET hired = h.hired + excluded.hired;
$$;

CREATE FUNCTION hub_on_application() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    p positions;
    i institutions;
BEGIN
    IF hub_triggers_off() THEN
        RETURN NULL;
    END IF;
    IF TG_OP = 'DELETE' THEN
        PERFORM hub_stage_add(OLD.stage, -1);
        IF OLD.stage = 'hired' THEN
            PERFORM hub_open_hired_add(OLD.position_id, -1);
        END IF;
        PERFORM hub_hire_add(OLD.hub_hire, -1);
        SELECT pp.* INTO p FROM positions pp WHERE pp.id = OLD.position_id FOR SHARE;
        SELECT ii.* INTO i FROM institutions ii WHERE ii.id = p.institution_id FOR SHARE;
        PERFORM hub_events_add(p, i.name, i.spoke, -1, OLD.id);
        RETURN OLD;
    END IF;
    SELECT pp.* INTO p FROM positions pp WHERE pp.id = NEW.position_id FOR SHARE;
    SELECT ii.* INTO i FROM institutions ii WHERE ii.id = p.institution_id FOR SHARE;
    IF TG_OP = 'UPDATE' THEN
        IF OLD.stage IS DISTINCT FROM NEW.stage THEN
            PERFORM hub_stage_add(OLD.stage, -1);
            PERFORM hub_stage_add(NEW.stage, 1);
        END IF;
        IF (OLD.stage = 'hired') IS DISTINCT FROM (NEW.stage = 'hired') OR OLD.position_id <> NEW.position_id THEN
            IF OLD.stage = 'hired' THEN PERFORM hub_open_hired_add(OLD.position_id, -1); END IF;
            IF NEW.stage = 'hired' THEN PERFORM hub_open_hired_add(NEW.position_id, 1); END IF;
        END IF;
        IF OLD.channel IS DISTINCT FROM NEW.channel OR OLD.position_id <> NEW.position_id THEN
            PERFORM hub_events_add(pp, ii.name, ii.spoke, -1, NEW.id, NULL, OLD.channel)
            FROM positions pp JOIN institutions ii ON ii.id = pp.institution_id WHERE pp.id = OLD.position_id;
            PERFORM hub_events_add(p, i.name, i.spoke, 1, NEW.id);
        END IF;
    ELSE
        PERFORM hub_stage_add(NEW.stage, 1);
        IF NEW.stage = 'hired' THEN PERFORM hub_open_hired_add(NEW.position_id, 1); END IF;
    END IF;
    PERFORM hub_hire_refresh(NEW.id);
    RETURN NULL;
END $$;
CREATE TRIGGER hub_application_insert AFTER INSERT ON applications FOR EACH ROW EXECUTE FUNCTION hub_on_application();
CREATE TRIGGER hub_application_update
    AFTER UPDATE OF position_id, candidate_id, stage, hire_start_date, channel, anonymous_facts ON applications
    FOR EACH ROW EXECUTE FUNCTION hub_on_application();
CREATE TRIGGER hub_application_delete BEFORE DELETE ON applications FOR EACH ROW EXECUTE FUNCTION hub_on_application();

-- A position (or its institution) changed: its figures and its events move from the old values to the new.
CREATE FUNCTION hub_position_move(before positions, before_name text, before_spoke smallint,
                                  after positions, after_name text, after_spoke smallint) RETURNS void
    LANGUAGE plpgsql AS $$
BEGIN
    PERFORM hub_position_add(before, before_name, before_spoke, -1);
    PERFORM hub_position_add(after, after_name, after_spoke, 1);
    IF ((before.status = 'draft') IS DISTINCT FROM (after.status = 'draft') OR before.opening_date <> after.opening_date
        OR ROW(before_name, before_spoke, before.spoke, before.region, before.fields[1], before.career_stage, before.contract_type)
           IS DISTINCT FROM ROW(after_name, after_spoke, after.spoke, after.region, after.fields[1], after.career_stage,
                                after.contract_type)) THEN
        PERFORM hub_events_add(before, before_name, before_spoke, -1);
        PERFORM hub_events_add(after, after_name, after_spoke, 1);
    END IF;
END $$;

CREATE FUNCTION hub_on_position() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    before_i institutions;
    after_i institutions;
BEGIN
    IF hub_triggers_off() THEN
        RETURN NULL;
    END IF;
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        SELECT * INTO before_i FROM institutions WHERE id = OLD.institution_id;
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') THEN
        SELECT * INTO after_i FROM institutions WHERE id = NEW.institution_id FOR SHARE;
    END IF;
    IF TG_OP = 'INSERT' THEN
        PERFORM hub_position_add(NEW, after_i.name, after_i.spoke, 1);
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM hub_position_add(OLD, before_i.name, before_i.spoke, -1);
    ELSE
        PERFORM hub_position_move(OLD, before_i.name, before_i.spoke, NEW, after_i.name, after_i.spoke);
        PERFORM hub_hire_refresh(a.id) FROM applications a WHERE a.position_id = NEW.id AND a.stage = 'hired' ORDER BY a.id;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER hub_position_insert_delete AFTER INSERT OR DELETE ON positions
    FOR EACH ROW EXECUTE FUNCTION hub_on_position();
CREATE TRIGGER hub_position_update AFTER UPDATE OF institution_id, spoke, region, fields, career_stage, contract_type,
    status, opening_date, deadline, openings, hours_per_week ON positions FOR EACH ROW EXECUTE FUNCTION hub_on_position();

CREATE FUNCTION hub_on_institution() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF hub_triggers_off() THEN
        RETURN NULL;
    END IF;
    PERFORM hub_position_move(p, OLD.name, OLD.spoke, p, NEW.name, NEW.spoke)
    FROM positions p WHERE p.institution_id = NEW.id ORDER BY p.id;
    PERFORM hub_hire_refresh(a.id) FROM applications a JOIN positions p ON p.id = a.position_id
    WHERE p.institution_id = NEW.id AND a.stage = 'hired' ORDER BY a.id;
    RETURN NULL;
END $$;
CREATE TRIGGER hub_institution_change AFTER UPDATE OF name, spoke, ecosystem_id ON institutions
    FOR EACH ROW EXECUTE FUNCTION hub_on_institution();

CREATE FUNCTION hub_on_ecosystem() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NOT hub_triggers_off() THEN
        PERFORM hub_hire_refresh(a.id) FROM applications a JOIN positions p ON p.id = a.position_id
        JOIN institutions i ON i.id = p.institution_id WHERE i.ecosystem_id = NEW.id AND a.stage = 'hired' ORDER BY a.id;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER hub_ecosystem_change AFTER UPDATE OF regions ON ecosystems FOR EACH ROW EXECUTE FUNCTION hub_on_ecosystem();

-- What a candidate's hires count as depends on their gender, birth year, nationality and places.
CREATE FUNCTION hub_on_candidate() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    candidate bigint;
BEGIN
    IF hub_triggers_off() THEN
        RETURN NULL;
    END IF;
    FOR candidate IN SELECT DISTINCT x FROM unnest(ARRAY[
            CASE WHEN TG_OP <> 'INSERT' THEN OLD.candidate_id END,
            CASE WHEN TG_OP <> 'DELETE' THEN NEW.candidate_id END]) AS x WHERE x IS NOT NULL LOOP
        PERFORM hub_hire_refresh(a.id) FROM applications a
        WHERE a.candidate_id = candidate AND a.stage = 'hired' ORDER BY a.id;
    END LOOP;
    RETURN NULL;
END $$;
CREATE TRIGGER hub_place_change AFTER INSERT OR UPDATE OR DELETE ON candidate_places
    FOR EACH ROW EXECUTE FUNCTION hub_on_candidate();

CREATE FUNCTION hub_on_candidate_row() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NOT hub_triggers_off() THEN
        PERFORM hub_hire_refresh(a.id) FROM applications a WHERE a.candidate_id = NEW.id AND a.stage = 'hired' ORDER BY a.id;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER hub_candidate_change AFTER UPDATE OF gender, birth_year, nationality ON candidates
    FOR EACH ROW EXECUTE FUNCTION hub_on_candidate_row();

-- A TRUNCATE (the demo reset) leaves nothing to count from.
CREATE FUNCTION hub_on_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NOT hub_triggers_off() THEN
        PERFORM hub_rebuild();
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER hub_truncate AFTER TRUNCATE ON positions FOR EACH STATEMENT EXECUTE FUNCTION hub_on_truncate();
CREATE TRIGGER hub_truncate AFTER TRUNCATE ON applications FOR EACH STATEMENT EXECUTE FUNCTION hub_on_truncate();
CREATE TRIGGER hub_truncate AFTER TRUNCATE ON application_events FOR EACH STATEMENT EXECUTE FUNCTION hub_on_truncate();
CREATE TRIGGER hub_truncate AFTER TRUNCATE ON candidate_places FOR EACH STATEMENT EXECUTE FUNCTION hub_on_truncate();

-- The backfill for an existing deployment.
SELECT hub_rebuild();
