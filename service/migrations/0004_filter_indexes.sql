-- Indexes for the filters people add to a match list or search, on open positions only: with a
-- selective filter, scoring the few eligible rows exactly beats walking the HNSW index past
-- thousands of ineligible neighbours (benchmarks/speed.py).
CREATE INDEX positions_open_contract_idx ON positions (contract_type) WHERE status = 'open';
CREATE INDEX positions_open_region_idx ON positions (region) WHERE status = 'open';
CREATE INDEX positions_open_salary_idx ON positions (salary_gross_eur_year) WHERE status = 'open';
CREATE INDEX positions_fields_idx ON positions USING gin (fields);
CREATE INDEX candidates_region_idx ON candidates (current_region);
CREATE INDEX candidates_fields_idx ON candidates USING gin (fields);
