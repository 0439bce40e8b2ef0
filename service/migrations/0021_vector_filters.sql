-- The columns the match filters read, kept in the vector tables under the entity's own names (issue 16).
--
-- A match query walks the HNSW index and tests each neighbour against the filters (open, deadline,
-- career stage, languages, the user's own). With the filter columns in another table, each neighbour
-- cost a primary-key probe of positions or candidates and an md5 of its text: at 50k rows, 7 of the
-- 14 ms of a candidate's vector query (benchmarks/speed_profile.py). Here the neighbour's own tuple
-- answers: the WHERE clause of service.queries.matching.position_filters (on alias p) or
-- candidate_filters (on alias c) runs unchanged on the vector table given the same alias, since
-- the copies have the same names (``id`` included). ``current`` says the vector is of the row's
-- current text (text_hash = md5(embedding_text)), the test every query made with a join.
--
-- Triggers keep the copies true: a vector stored (or re-stored) copies them from its row; a row
-- changed in any copied column or in its text updates its vector's copies.

ALTER TABLE position_embeddings
    ADD COLUMN id bigint GENERATED ALWAYS AS (position_id) STORED,
    ADD COLUMN current boolean NOT NULL DEFAULT false,
    ADD COLUMN status text,
    ADD COLUMN deadline date,
    ADD COLUMN career_stage text,
    ADD COLUMN languages jsonb,
    ADD COLUMN region text,
    ADD COLUMN remote text,
    ADD COLUMN contract_type text,
    ADD COLUMN institution_id bigint,
    ADD COLUMN fields text[],
    ADD COLUMN salary_gross_eur_year numeric(12, 2);

ALTER TABLE candidate_embeddings
    ADD COLUMN id bigint GENERATED ALWAYS AS (candidate_id) STORED,
    ADD COLUMN current boolean NOT NULL DEFAULT false,
    ADD COLUMN career_stage text,
    ADD COLUMN languages jsonb,
    ADD COLUMN current_region text,
    ADD COLUMN fields text[],
    ADD COLUMN years_experience numeric(4, 1);

CREATE FUNCTION ecotalent_position_vector_copy() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    SELECT NEW.text_hash = md5(p.embedding_text), p.status, p.deadline, p.career_stage, p.languages, p.region,
           p.remote, p.contract_type, p.institution_id, p.fields, p.salary_gross_eur_year
      INTO NEW.current, NEW.status, NEW.deadline, NEW.career_stage, NEW.languages, NEW.region,
           NEW.remote, NEW.contract_type, NEW.institution_id, NEW.fields, NEW.salary_gross_eur_year
      FROM positions p WHERE p.id = NEW.position_id;
    RETURN NEW;
END $$;

CREATE TRIGGER position_vector_copy BEFORE INSERT OR UPDATE OF position_id, text_hash ON position_embeddings
    FOR EACH ROW EXECUTE FUNCTION ecotalent_position_vector_copy();

CREATE FUNCTION ecotalent_position_vector_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE position_embeddings pe
       SET current = pe.text_hash = md5(NEW.embedding_text), status = NEW.status, deadline = NEW.deadline,
           career_stage = NEW.career_stage, languages = NEW.languages, region = NEW.region, remote = NEW.remote,
           contract_type = NEW.contract_type, institution_id = NEW.institution_id, fields = NEW.fields,
           salary_gross_eur_year = NEW.salary_gross_eur_year
     WHERE pe.position_id = NEW.id;
    RETURN NULL;
END $$;

CREATE TRIGGER position_vector_sync AFTER UPDATE ON positions FOR EACH ROW
    WHEN ((OLD.embedding_text, OLD.status, OLD.deadline, OLD.career_stage, OLD.languages, OLD.region, OLD.remote,
           OLD.contract_type, OLD.institution_id, OLD.fields, OLD.salary_gross_eur_year)
          IS DISTINCT FROM
          (NEW.embedding_text, NEW.status, NEW.deadline, NEW.career_stage, NEW.languages, NEW.region, NEW.remote,
           NEW.contract_type, NEW.institution_id, NEW.fields, NEW.salary_gross_eur_year))
    EXECUTE FUNCTION ecotalent_position_vector_sync();

CREATE FUNCTION ecotalent_candidate_vector_copy() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    SELECT NEW.text_hash = md5(c.embedding_text), c.career_stage, c.languages, c.current_region, c.fields,
           c.years_experience
      INTO NEW.current, NEW.career_stage, NEW.languages, NEW.current_region, NEW.fields, NEW.years_experience
      FROM candidates c WHERE c.id = NEW.candidate_id;
    RETURN NEW;
END $$;

CREATE TRIGGER candidate_vector_copy BEFORE INSERT OR UPDATE OF candidate_id, text_hash ON candidate_embeddings
    FOR EACH ROW EXECUTE FUNCTION ecotalent_candidate_vector_copy();

CREATE FUNCTION ecotalent_candidate_vector_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE candidate_embeddings ce
       SET current = ce.text_hash = md5(NEW.embedding_text), career_stage = NEW.career_stage,
           languages = NEW.languages, current_region = NEW.current_region, fields = NEW.fields,
           years_experience = NEW.years_experience
     WHERE ce.candidate_id = NEW.id;
    RETURN NULL;
END $$;

CREATE TRIGGER candidate_vector_sync AFTER UPDATE ON candidates FOR EACH ROW
    WHEN ((OLD.embedding_text, OLD.career_stage, OLD.languages, OLD.current_region, OLD.fields, OLD.years_experience)
          IS DISTINCT FROM
          (NEW.embedding_text, NEW.career_stage, NEW.languages, NEW.current_region, NEW.fields, NEW.years_experience))
    EXECUTE FUNCTION ecotalent_candidate_vector_sync();

-- The copies of the vectors stored so far, written with the HNSW indexes dropped (one rebuild beats
-- an index insertion per updated row; about a minute at 100k rows each on two cores).
DROP INDEX IF EXISTS position_embeddings_hnsw;
DROP INDEX IF EXISTS candidate_embeddings_hnsw;
UPDATE position_embeddings SET text_hash = text_hash;
UPDATE candidate_embeddings SET text_hash = text_hash;
CREATE INDEX position_embeddings_hnsw ON position_embeddings USING hnsw (embedding vector_cosine_ops);
CREATE INDEX candidate_embeddings_hnsw ON candidate_embeddings USING hnsw (embedding vector_cosine_ops);

-- A selective filter of one's own (a contract type, a region) is answered by scoring its few open rows
-- exactly, found through these, instead of walking the graph past thousands of ineligible neighbours.
CREATE INDEX position_embeddings_open_contract_idx ON position_embeddings (contract_type) WHERE status = 'open' AND current;
CREATE INDEX position_embeddings_open_region_idx ON position_embeddings (region) WHERE status = 'open' AND current;
