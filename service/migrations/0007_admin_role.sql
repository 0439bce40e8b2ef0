-- An administrator account: sets up the deployment (ecosystems, institutions, hub and HR accounts)
-- and sees no personal data. Like the hub, it belongs to no institution and to no candidate.
ALTER TABLE users DROP CONSTRAINT users_role_check;
ALTER TABLE users ADD CONSTRAINT users_role_check CHECK (role IN ('admin', 'hub', 'hr', 'candidate'));
