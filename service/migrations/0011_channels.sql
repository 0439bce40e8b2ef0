-- Where each application came from (issue 13): the channel named by the link the candidate followed
-- (models.taxonomy.Channel). Not personal: it stays when a candidate erases their data, so the hub's
-- per-channel counts stay right.
ALTER TABLE applications ADD COLUMN channel text NOT NULL DEFAULT 'direct'
    CHECK (channel IN ('direct', 'portal', 'search_engine', 'feed', 'alert', 'invite'));
