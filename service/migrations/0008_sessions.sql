-- Server-side sessions: a token is honoured only while its session is live, so sign-out,
-- a password change and erasure end it at once. The token carries a random session id;
-- the table keeps only its SHA-256, so a copy of the table signs nobody in.
CREATE TABLE sessions (
    id_sha256   bytea PRIMARY KEY,
    user_id     bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at  timestamptz NOT NULL DEFAULT now(),
    expires_at  timestamptz NOT NULL,
    revoked_at  timestamptz
);
CREATE INDEX sessions_user_idx ON sessions (user_id);

-- Password reset tokens sent by e-mail: single use, expiring, stored hashed.
CREATE TABLE password_resets (
    token_sha256 bytea PRIMARY KEY,
    user_id      bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at   timestamptz NOT NULL DEFAULT now(),
    expires_at   timestamptz NOT NULL,
    used_at      timestamptz
);
CREATE INDEX password_resets_user_idx ON password_resets (user_id);

-- Throttling of sign-in, registration and reset requests, kept in the database so that
-- every instance of the service counts the same attempts. `subject` is 'account:<email>'
-- or 'address:<client address>'; rows older than the window are pruned as new ones arrive.
CREATE TABLE login_attempts (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    subject      text NOT NULL,
    attempted_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX login_attempts_subject_idx ON login_attempts (subject, attempted_at);
