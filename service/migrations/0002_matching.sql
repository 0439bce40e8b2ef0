-- Semantic matching: the text each side is embedded from, the vectors, and the embedding job queue.

-- array_to_string is only STABLE in general (any element type); for text[] it is immutable,
-- which generated columns need.
CREATE FUNCTION ecotalent_join(text[]) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN array_to_string($1, ', ');

-- Match on the English text where there is one: the default model is English-only.
ALTER TABLE positions ADD COLUMN embedding_text text GENERATED ALWAYS AS (
    coalesce(title_en, title_it) || '. ' || coalesce(description_en, description_it, '')
    || '. Skills: ' || ecotalent_join(required_skills)
    || '. Fields: ' || replace(ecotalent_join(fields), '_', ' ')) STORED;

ALTER TABLE candidates ADD COLUMN embedding_text text GENERATED ALWAYS AS (
    coalesce(headline, '') || '. ' || coalesce(cv_text, '')
    || '. Skills: ' || ecotalent_join(skills)
    || '. Fields: ' || replace(ecotalent_join(fields), '_', ' ')) STORED;

-- Profile text for full-text search of candidates (positions have search_tsv already).
ALTER TABLE candidates ADD COLUMN search_tsv tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('english', coalesce(headline, '') || ' ' || ecotalent_join(skills)), 'A') ||
    setweight(to_tsvector('italian', coalesce(headline, '') || ' ' || ecotalent_join(skills)), 'A') ||
    setweight(to_tsvector('english', coalesce(cv_text, '')), 'B') ||
    setweight(to_tsvector('italian', coalesce(cv_text, '')), 'B')) STORED;
CREATE INDEX candidates_search_idx ON candidates USING gin (search_tsv);

-- A vector is used only while its text_hash equals md5(embedding_text) of its row and its model is
-- the configured one, so neither an edited text nor a changed model can leave a stale vector in use.
CREATE TABLE position_embeddings (
    position_id  bigint PRIMARY KEY REFERENCES positions(id) ON DELETE CASCADE,
    model        text NOT NULL,
    text_hash    text NOT NULL,
    embedding    vector(384) NOT NULL,
    embedded_at  timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE candidate_embeddings (
    candidate_id bigint PRIMARY KEY REFERENCES candidates(id) ON DELETE CASCADE,
    model        text NOT NULL,
    text_hash    text NOT NULL,
    embedding    vector(384) NOT NULL,
    embedded_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX position_embeddings_hnsw ON position_embeddings USING hnsw (embedding vector_cosine_ops);
CREATE INDEX candidate_embeddings_hnsw ON candidate_embeddings USING hnsw (embedding vector_cosine_ops);

-- Work for the embedding workers, read with FOR UPDATE SKIP LOCKED.
CREATE TABLE embedding_jobs (
    kind          text NOT NULL CHECK (kind IN ('position', 'candidate')),
    entity_id     bigint NOT NULL,
    requested_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (kind, entity_id)
);
CREATE INDEX embedding_jobs_requested_idx ON embedding_jobs (requested_at);

CREATE FUNCTION ecotalent_enqueue_embedding() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' OR NEW.embedding_text IS DISTINCT FROM OLD.embedding_text THEN
        INSERT INTO embedding_jobs (kind, entity_id) VALUES (TG_ARGV[0], NEW.id) ON CONFLICT DO NOTHING;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER positions_enqueue_embedding AFTER INSERT OR UPDATE ON positions
    FOR EACH ROW EXECUTE FUNCTION ecotalent_enqueue_embedding('position');
CREATE TRIGGER candidates_enqueue_embedding AFTER INSERT OR UPDATE ON candidates
    FOR EACH ROW EXECUTE FUNCTION ecotalent_enqueue_embedding('candidate');

-- Congestion prices from the crowding model (models/crowding.py), refreshed in batch.
CREATE TABLE position_congestion (
    position_id  bigint PRIMARY KEY REFERENCES positions(id) ON DELETE CASCADE,
    price        real NOT NULL CHECK (price >= 0),
    computed_at  timestamptz NOT NULL DEFAULT now()
);

-- CEFR levels in order, to compare a candidate's language with a position's requirement.
CREATE FUNCTION ecotalent_cefr_rank(text) RETURNS int
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN array_position(ARRAY['A1', 'A2', 'B1', 'B2', 'C1', 'C2', 'native'], $1);

-- What a position pays, gross per year to the person, from however it was posted: the upper end of
-- the range, times the monthly payments when stated per month; an employer-cost figure is brought
-- to gross with the ratio the law gives for the contratto di ricerca (39,547.14 / 28,283.94,
-- L. 79/2022), the only employer-cost pair in an Italian statute we found. First approximation:
-- the salary model (issue on heterogeneity) refines it per contract type.
ALTER TABLE positions ADD COLUMN salary_gross_eur_year numeric(12, 2) GENERATED ALWAYS AS (
    round(coalesce(salary_max, salary_min)
          * CASE WHEN salary_period = 'month' THEN monthly_payments ELSE 1 END
          / CASE WHEN salary_basis = 'employer_cost' THEN 39547.14 / 28283.94 ELSE 1 END, 2)) STORED;
