-- Issue 14, item 3: the opening page says how to apply and whom to ask. Where the institution publishes
-- the official call (its albo, the national portal), the page links it; the HR office may give a
-- contact address for questions about the post (an office's, not a person's account).
ALTER TABLE positions ADD COLUMN call_url text CHECK (call_url ~ '^https?://[^[:space:]]+$' AND length(call_url) <= 500);
ALTER TABLE positions ADD COLUMN contact_email text CHECK (length(contact_email) <= 254);
