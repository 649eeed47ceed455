-- One row per edition, locked (SELECT ... FOR UPDATE) by every vote group commit and by every
-- command that changes what a vote decision reads (stage changes, disqualifications), so that
-- a vote is decided either wholly before or wholly after such a change, on every instance.
CREATE TABLE vote_gate (
    edition_id VARCHAR(64) NOT NULL PRIMARY KEY
);
