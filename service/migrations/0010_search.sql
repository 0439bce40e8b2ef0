-- Full-text search that forgives (issue 12): accents folded, both stemmers, any word may match
-- (ranked by how many do), and typos in titles caught by trigrams.
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- Lower case without accents ("Università" -> "universita"). unaccent() is only STABLE, because its
-- dictionary could be changed; with the dictionary named it is a fixed function of the text, which
-- generated columns and indexes need.
CREATE FUNCTION ecotalent_fold(t text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    RETURN unaccent('unaccent'::regdictionary, lower(t));

-- The stock configurations with accents folded before stemming, so "e possibile" finds "è possibile".
CREATE TEXT SEARCH CONFIGURATION ecotalent_italian (COPY = pg_catalog.italian);
ALTER TEXT SEARCH CONFIGURATION ecotalent_italian
    ALTER MAPPING FOR hword, hword_part, word WITH unaccent, italian_stem;
CREATE TEXT SEARCH CONFIGURATION ecotalent_english (COPY = pg_catalog.english);
ALTER TEXT SEARCH CONFIGURATION ecotalent_english
    ALTER MAPPING FOR hword, hword_part, word WITH unaccent, english_stem;

-- Each text with both stemmers: an Italian word typed into an English text (a place, a proper name,
-- a borrowed term) still matches, and so does an English one in Italian text.
CREATE FUNCTION ecotalent_tsv(t text) RETURNS tsvector
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN to_tsvector('ecotalent_english', coalesce(t, '')) || to_tsvector('ecotalent_italian', coalesce(t, ''));

DROP INDEX positions_search_idx;
ALTER TABLE positions DROP COLUMN search_tsv;
ALTER TABLE positions ADD COLUMN search_tsv tsvector GENERATED ALWAYS AS (
    setweight(ecotalent_tsv(coalesce(title_it, '') || ' ' || coalesce(title_en, '')), 'A') ||
    setweight(ecotalent_tsv(coalesce(description_it, '') || ' ' || coalesce(description_en, '')
                            || ' ' || coalesce(city, '') || ' ' || ecotalent_join(required_skills)), 'B')) STORED;
CREATE INDEX positions_search_idx ON positions USING gin (search_tsv);
-- Titles folded, for typo-tolerant matching of single words (word_similarity, pg_trgm).
ALTER TABLE positions ADD COLUMN search_title text GENERATED ALWAYS AS (
    ecotalent_fold(coalesce(title_it, '') || ' ' || coalesce(title_en, ''))) STORED;
CREATE INDEX positions_title_trgm_idx ON positions USING gin (search_title gin_trgm_ops);
ALTER TABLE positions ADD COLUMN search_title_tsv tsvector GENERATED ALWAYS AS (
    ecotalent_tsv(coalesce(title_it, '') || ' ' || coalesce(title_en, ''))) STORED;

DROP INDEX candidates_search_idx;
ALTER TABLE candidates DROP COLUMN search_tsv;
ALTER TABLE candidates ADD COLUMN search_tsv tsvector GENERATED ALWAYS AS (
    setweight(ecotalent_tsv(coalesce(headline, '') || ' ' || ecotalent_join(skills)), 'A') ||
    setweight(ecotalent_tsv(cv_text), 'B')) STORED;
CREATE INDEX candidates_search_idx ON candidates USING gin (search_tsv);
ALTER TABLE candidates ADD COLUMN search_title text GENERATED ALWAYS AS (
    ecotalent_fold(coalesce(headline, ''))) STORED;
CREATE INDEX candidates_title_trgm_idx ON candidates USING gin (search_title gin_trgm_ops);
ALTER TABLE candidates ADD COLUMN search_title_tsv tsvector GENERATED ALWAYS AS (ecotalent_tsv(headline)) STORED;

-- The words of a typed query, each with the stems it may match (Italian or English). A stop word of
-- either language ("di", "the") drops out, as every text of that language holds it; so do
-- punctuation and web-search syntax.
CREATE FUNCTION ecotalent_query_words(q text) RETURNS TABLE (word text, stems tsquery)
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
BEGIN ATOMIC
    SELECT DISTINCT w.word, s.stems
    FROM regexp_split_to_table(ecotalent_fold(q), '[^[:alnum:]]+') AS w(word),
         LATERAL (SELECT to_tsvector('ecotalent_english', w.word) AS en, to_tsvector('ecotalent_italian', w.word) AS it) l,
         LATERAL (SELECT to_tsquery('simple', array_to_string(
             ARRAY(SELECT quote_literal(x) FROM unnest(tsvector_to_array(l.en || l.it)) AS x), ' | ')) AS stems) s
    WHERE w.word <> '' AND length(l.en) > 0 AND length(l.it) > 0;
END;

-- How much of a typed query a row holds, in [0, 1]: the weighted share of the query's words found
-- anywhere in it and the weighted share found in its title, averaged, so a title match weighs
-- double. Weights are the words' rarity (service/queries/words.py): a topic word weighs more than
-- "ricercatore", which half the posts hold. A word no row holds (``unknown``), of five letters or
-- more, also counts when its spelling is close to a title word (a typo: "fotonika"). PL/pgSQL
-- rather than SQL: an inlined SQL body was planned anew in every query; this one is planned once.
CREATE FUNCTION ecotalent_words_matched(tsv tsvector, title_tsv tsvector, title text, words text[], stems tsquery[],
                                        weights real[], unknown boolean[]) RETURNS real
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
    anywhere real := 0;
    in_title real := 0;
    total real := 0;
    i integer;
BEGIN
    FOR i IN 1 .. coalesce(array_length(words, 1), 0) LOOP
        total := total + weights[i];
        IF title_tsv @@ stems[i]
           OR (unknown[i] AND length(words[i]) >= 5 AND word_similarity(words[i], title) >= 0.6) THEN
            anywhere := anywhere + weights[i];
            in_title := in_title + weights[i];
        ELSIF tsv @@ stems[i] THEN
            anywhere := anywhere + weights[i];
        END IF;
    END LOOP;
    RETURN CASE WHEN total = 0 THEN 0 ELSE (anywhere + in_title) / (2 * total) END;
END $$;
