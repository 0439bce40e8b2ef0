-- The embedding queue no longer loses an edit made while a worker embeds the entity's old text.
--
-- Before: one job per entity, and the trigger's ON CONFLICT DO NOTHING met the job a worker held;
-- the worker then deleted it, so the new text was never embedded. Now each job row is one version
-- of the request (its own id): a worker deletes exactly the rows it claimed, and an edit made while
-- a worker holds the entity's job adds a new row instead of touching the held one. Updating the held
-- row (a version counter bumped on conflict) would make the edit wait on the worker's row lock for
-- the whole batch, that is a request stalled for seconds; a new row costs nothing and cannot be lost.
ALTER TABLE embedding_jobs DROP CONSTRAINT embedding_jobs_pkey;
ALTER TABLE embedding_jobs ADD COLUMN id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY;
CREATE INDEX embedding_jobs_entity_idx ON embedding_jobs (kind, entity_id);

CREATE OR REPLACE FUNCTION ecotalent_enqueue_embedding() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' OR NEW.embedding_text IS DISTINCT FROM OLD.embedding_text THEN
        -- A queued job no worker holds will read this text once claimed: keep it, and lock it
        -- (KEY SHARE, which only a worker's FOR UPDATE conflicts with) so that no worker claims it
        -- before this edit commits. A job a worker holds is skipped: it may have read the old text.
        PERFORM 1 FROM embedding_jobs WHERE kind = TG_ARGV[0] AND entity_id = NEW.id
            LIMIT 1 FOR KEY SHARE SKIP LOCKED;
        IF NOT FOUND THEN
            INSERT INTO embedding_jobs (kind, entity_id) VALUES (TG_ARGV[0], NEW.id);
        END IF;
    END IF;
    RETURN NULL;
END $$;
