-- HR offices judge applicants (issue 14, items 1 and 2): a rating per application, set by the office the
-- application was sent to, and the candidate's uploaded CV file. Both are personal data of the candidate's:
-- the rating is cleared when the application is anonymised, the file goes with the profile.
ALTER TABLE applications
    ADD COLUMN rating    smallint CHECK (rating BETWEEN 1 AND 5),
    ADD COLUMN rated_by  bigint REFERENCES users(id) ON DELETE SET NULL,
    ADD COLUMN rated_at  timestamptz;

CREATE TABLE cv_files (
    candidate_id    bigint PRIMARY KEY REFERENCES candidates(id) ON DELETE CASCADE,
    filename        text NOT NULL CHECK (length(filename) BETWEEN 1 AND 200),
    content_type    text NOT NULL CHECK (content_type = 'application/pdf'),
    size_bytes      integer NOT NULL CHECK (size_bytes > 0 AND size_bytes <= 5242880),
    content         bytea NOT NULL,
    extracted_text  text,  -- what was read from the file, proposed to the candidate as their CV text
    uploaded_at     timestamptz NOT NULL DEFAULT now()
);
