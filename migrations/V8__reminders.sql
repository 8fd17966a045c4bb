-- Tasks and meetings this computer has reminded its user of, at which due time: a reminder is
-- shown once per due time (snoozing moves the time, so it comes again then). Local only.
CREATE TABLE reminded (
  activity_id TEXT PRIMARY KEY,
  due TEXT NOT NULL,
  reminded_at TEXT NOT NULL
) STRICT;
