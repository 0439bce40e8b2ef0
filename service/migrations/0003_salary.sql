-- Salary normalisation in SQL, for filters and sorting: the twin of models/salary.py (whose
-- docstring sources each ratio); tests/service/test_salary_sql.py holds the two to the same answers.
CREATE FUNCTION ecotalent_employer_cost_ratio(text) RETURNS double precision
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN CASE $1
        WHEN 'contratto_di_ricerca' THEN 1.3982189185806504
        WHEN 'research_grant' THEN 1.2335415913667578
        WHEN 'phd_scholarship' THEN 1.1600689527796588
        WHEN 'rtd_a' THEN 1.3754369877929968
        WHEN 'rtt' THEN 1.3754369877929968
        WHEN 'research_body_researcher' THEN 1.3754369877929968
        WHEN 'technologist' THEN 1.3754369877929968
        WHEN 'company_employee' THEN 1.35
        WHEN 'tech_transfer_officer' THEN 1.35
        WHEN 'other' THEN 1.35
        ELSE 1.35 END;

-- Gross per year to the person, for the hours posted; replaces 0002's single-ratio first version.
ALTER TABLE positions DROP COLUMN salary_gross_eur_year;
ALTER TABLE positions ADD COLUMN salary_gross_eur_year numeric(12, 2) GENERATED ALWAYS AS (
    round((coalesce(salary_max, salary_min)
          * CASE WHEN salary_period = 'month' THEN monthly_payments ELSE 1 END
          / CASE WHEN salary_basis = 'employer_cost' THEN ecotalent_employer_cost_ratio(contract_type) ELSE 1 END
          )::numeric, 2)) STORED;
