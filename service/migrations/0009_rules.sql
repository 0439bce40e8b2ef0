-- Rules written once, for every query: each function has a Python twin in models/taxonomy.py and
-- tests/service/test_rules_sql.py holds the two to the same answers.
--
-- Each is a LANGUAGE sql function of one expression, neither STRICT nor SECURITY DEFINER, and
-- IMMUTABLE (the day is an argument, not current_date): the planner inlines such a function, so a
-- query is planned on the expression itself. That keeps the partial indexes of 0004
-- (WHERE status = 'open') usable by the queries that call ecotalent_position_is_open, and the
-- estimates of the stage filter what they were.

-- Open and still accepting applications on ``today``: what anonymous users and candidates may see.
CREATE FUNCTION ecotalent_position_is_open(status text, deadline date, today date) RETURNS boolean
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN status = 'open' AND (deadline IS NULL OR deadline >= today);

-- Steps between two EURAXESS career stages ('R1' .. 'R4'); NULL when either is unknown.
CREATE FUNCTION ecotalent_stage_distance(a text, b text) RETURNS integer
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN abs(substr(a, 2)::integer - substr(b, 2)::integer);

-- Career stages at most one step apart; an unknown stage rules nothing out.
CREATE FUNCTION ecotalent_stages_compatible(a text, b text) RETURNS boolean
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN coalesce(ecotalent_stage_distance(a, b) <= 1, true);
