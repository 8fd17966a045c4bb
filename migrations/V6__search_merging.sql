-- Full-text indexes merge their segments when a level fills up (FTS5's crisismerge, 16 segments),
-- not a little at every commit (automerge). A commit that adds a row to an index — a sale's
-- attendees, a pulled page of rows — then pays only for writing its own small segment, never for
-- a merge that happened to fall on it: the box office's p99 sale went from 12–27 ms to about
-- 7 ms (docs/PERFORMANCE.md). A search reads a few more small segments; the index stays bounded.
-- Local only: the server has no full-text indexes.
INSERT INTO attendees_fts(attendees_fts, rank) VALUES ('automerge', 0);
INSERT INTO crm_contacts_fts(crm_contacts_fts, rank) VALUES ('automerge', 0);
INSERT INTO crm_organizers_fts(crm_organizers_fts, rank) VALUES ('automerge', 0);
INSERT INTO crm_notes_fts(crm_notes_fts, rank) VALUES ('automerge', 0);
