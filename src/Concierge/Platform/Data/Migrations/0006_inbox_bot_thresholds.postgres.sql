-- Per-inbox bot thresholds (clarify margin, anger hand-off, failures before hand-off, extra risk keywords).
ALTER TABLE inboxes ADD "BotThresholdsJson" text NOT NULL DEFAULT '';
