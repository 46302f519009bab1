/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "tf-store-private.h"

/* One search document per experiment gathers its fields, its tags and the
 * names of its boards, so every trigger that touches any of them rebuilds it. */
#define REFRESH_EXPERIMENT_DOC(ID) \
  "DELETE FROM experiments_fts WHERE rowid = " ID ";" \
  "INSERT INTO experiments_fts (rowid, title, theme, place, territory, department, team," \
  "                             context, outcomes, lessons, tags, boards)" \
  " SELECT e.id, e.title, e.theme, e.place, e.territory, e.department, e.team," \
  "        e.context, e.outcomes, e.lessons," \
  "        (SELECT group_concat (t.name, ' ') FROM experiment_tags et" \
  "           JOIN tags t ON t.id = et.tag_id WHERE et.experiment_id = e.id)," \
  "        (SELECT group_concat (b.name, ' ') FROM boards b WHERE b.experiment_id = e.id)" \
  "   FROM experiments e WHERE e.id = " ID ";"

#define NOW "(strftime ('%Y-%m-%dT%H:%M:%fZ', 'now'))"
#define TOKENIZE "tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3'"

/* The triggers that keep items_fts in step. The bulk paths (the insight
 * import, undo and redo of large edits) drop them for a while and create them
 * again from these very texts, never from the SQL stored in the file. */
#define ITEMS_FTS_AI \
  "CREATE TRIGGER items_fts_ai AFTER INSERT ON items BEGIN " \
  "  INSERT INTO items_fts (rowid, text) VALUES (new.id, new.text); END"
#define ITEMS_FTS_AD \
  "CREATE TRIGGER items_fts_ad AFTER DELETE ON items BEGIN " \
  "  INSERT INTO items_fts (items_fts, rowid, text) VALUES ('delete', old.id, old.text); END"
#define ITEMS_FTS_AU \
  "CREATE TRIGGER items_fts_au AFTER UPDATE OF text ON items BEGIN " \
  "  INSERT INTO items_fts (items_fts, rowid, text) VALUES ('delete', old.id, old.text);" \
  "  INSERT INTO items_fts (rowid, text) VALUES (new.id, new.text); END"

const char tf_schema_items_fts_ai[] = ITEMS_FTS_AI;
const char tf_schema_items_fts_ad[] = ITEMS_FTS_AD;
const char tf_schema_items_fts_au[] = ITEMS_FTS_AU;

static const char migration_1[] =
  "CREATE TABLE experiments ("
  "  id          INTEGER PRIMARY KEY,"
  "  uuid        TEXT NOT NULL UNIQUE,"
  "  title       TEXT NOT NULL CHECK (length (title) > 0),"
  "  theme       TEXT NOT NULL DEFAULT '',"
  "  place       TEXT NOT NULL DEFAULT '',"
  "  territory   TEXT NOT NULL DEFAULT '',"
  "  department  TEXT NOT NULL DEFAULT '',"
  "  start_date  TEXT NOT NULL DEFAULT '',"
  "  end_date    TEXT NOT NULL DEFAULT '',"
  "  phase       INTEGER NOT NULL DEFAULT 0 CHECK (phase BETWEEN 0 AND 4),"
  "  status      INTEGER NOT NULL DEFAULT 0 CHECK (status BETWEEN 0 AND 3),"
  "  team        TEXT NOT NULL DEFAULT '',"
  "  context     TEXT NOT NULL DEFAULT '',"
  "  outcomes    TEXT NOT NULL DEFAULT '',"
  "  lessons     TEXT NOT NULL DEFAULT '',"
  "  created_at  TEXT NOT NULL DEFAULT " NOW ","
  "  modified_at TEXT NOT NULL DEFAULT " NOW
  ");"
  "CREATE TABLE tags ("
  "  id    INTEGER PRIMARY KEY,"
  "  name  TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length (name) > 0)"
  ");"
  "CREATE TABLE experiment_tags ("
  "  experiment_id INTEGER NOT NULL REFERENCES experiments (id) ON DELETE CASCADE,"
  "  tag_id        INTEGER NOT NULL REFERENCES tags (id) ON DELETE CASCADE,"
  "  position      INTEGER NOT NULL DEFAULT 0,"
  "  PRIMARY KEY (experiment_id, tag_id)"
  ") WITHOUT ROWID;"
  "CREATE INDEX experiment_tags_by_tag ON experiment_tags (tag_id);"
  "CREATE TABLE boards ("
  "  id            INTEGER PRIMARY KEY,"
  "  experiment_id INTEGER NOT NULL REFERENCES experiments (id) ON DELETE CASCADE,"
  "  kind          TEXT NOT NULL,"
  "  name          TEXT NOT NULL CHECK (length (name) > 0),"
  "  position      INTEGER NOT NULL DEFAULT 0,"
  "  settings      TEXT NOT NULL DEFAULT '{}',"
  "  created_at    TEXT NOT NULL DEFAULT " NOW ","
  "  modified_at   TEXT NOT NULL DEFAULT " NOW
  ");"
  "CREATE INDEX boards_by_experiment ON boards (experiment_id, position);"
  /* Binary material (photos, imported SVG pictograms), shared by content hash. */
  "CREATE TABLE assets ("
  "  id          INTEGER PRIMARY KEY,"
  "  sha256      TEXT NOT NULL UNIQUE,"
  "  mime_type   TEXT NOT NULL,"
  "  name        TEXT NOT NULL DEFAULT '',"
  "  data        BLOB NOT NULL,"
  "  created_at  TEXT NOT NULL DEFAULT " NOW
  ");"
  /* Every thing on a board: a note, a label, a zone, a stamp, an image, a lane…
   * The kind names the type; geometry and z-order are columns so the canvas can
   * index them; style and payload are JSON owned by the kind. */
  "CREATE TABLE items ("
  "  id          INTEGER PRIMARY KEY,"
  "  board_id    INTEGER NOT NULL REFERENCES boards (id) ON DELETE CASCADE,"
  "  kind        TEXT NOT NULL,"
  "  x           REAL NOT NULL DEFAULT 0,"
  "  y           REAL NOT NULL DEFAULT 0,"
  "  width       REAL NOT NULL DEFAULT 0,"
  "  height      REAL NOT NULL DEFAULT 0,"
  "  rotation    REAL NOT NULL DEFAULT 0,"
  "  z           INTEGER NOT NULL DEFAULT 0,"
  "  parent_id   INTEGER REFERENCES items (id) ON DELETE SET NULL,"
  "  asset_id    INTEGER REFERENCES assets (id) ON DELETE RESTRICT,"
  "  style       TEXT NOT NULL DEFAULT '{}',"
  "  text        TEXT NOT NULL DEFAULT '',"
  "  payload     TEXT NOT NULL DEFAULT '{}',"
  "  created_at  TEXT NOT NULL DEFAULT " NOW ","
  "  modified_at TEXT NOT NULL DEFAULT " NOW
  ");"
  "CREATE INDEX items_by_board ON items (board_id, z);"
  "CREATE INDEX items_by_parent ON items (parent_id) WHERE parent_id IS NOT NULL;"
  /* Relations between two items of one board (actor links, connectors).
   * Never used; format 4 drops it (see migration_4). */
  "CREATE TABLE links ("
  "  id          INTEGER PRIMARY KEY,"
  "  board_id    INTEGER NOT NULL REFERENCES boards (id) ON DELETE CASCADE,"
  "  source_id   INTEGER NOT NULL REFERENCES items (id) ON DELETE CASCADE,"
  "  target_id   INTEGER NOT NULL REFERENCES items (id) ON DELETE CASCADE,"
  "  kind        TEXT NOT NULL DEFAULT '',"
  "  label       TEXT NOT NULL DEFAULT '',"
  "  style       TEXT NOT NULL DEFAULT '{}',"
  "  payload     TEXT NOT NULL DEFAULT '{}'"
  ");"
  "CREATE INDEX links_by_board ON links (board_id);"
  "CREATE INDEX links_by_source ON links (source_id);"
  "CREATE INDEX links_by_target ON links (target_id);"
  /* Full-text search: accents and case folded, prefix indexes for typing. */
  "CREATE VIRTUAL TABLE experiments_fts USING fts5 ("
  "  title, theme, place, territory, department, team, context, outcomes, lessons,"
  "  tags, boards, " TOKENIZE ");"
  "CREATE VIRTUAL TABLE items_fts USING fts5 ("
  "  text, content = 'items', content_rowid = 'id', " TOKENIZE ");"
  "CREATE TRIGGER experiments_fts_ai AFTER INSERT ON experiments BEGIN "
  REFRESH_EXPERIMENT_DOC ("new.id") " END;"
  "CREATE TRIGGER experiments_fts_au AFTER UPDATE ON experiments BEGIN "
  REFRESH_EXPERIMENT_DOC ("new.id") " END;"
  "CREATE TRIGGER experiments_fts_ad AFTER DELETE ON experiments BEGIN "
  "  DELETE FROM experiments_fts WHERE rowid = old.id; END;"
  "CREATE TRIGGER experiment_tags_fts_ai AFTER INSERT ON experiment_tags BEGIN "
  REFRESH_EXPERIMENT_DOC ("new.experiment_id") " END;"
  "CREATE TRIGGER experiment_tags_fts_ad AFTER DELETE ON experiment_tags BEGIN "
  REFRESH_EXPERIMENT_DOC ("old.experiment_id") " END;"
  "CREATE TRIGGER boards_fts_ai AFTER INSERT ON boards BEGIN "
  REFRESH_EXPERIMENT_DOC ("new.experiment_id") " END;"
  "CREATE TRIGGER boards_fts_au AFTER UPDATE OF name ON boards BEGIN "
  REFRESH_EXPERIMENT_DOC ("new.experiment_id") " END;"
  "CREATE TRIGGER boards_fts_ad AFTER DELETE ON boards BEGIN "
  REFRESH_EXPERIMENT_DOC ("old.experiment_id") " END;"
  ITEMS_FTS_AI ";"
  ITEMS_FTS_AD ";"
  ITEMS_FTS_AU ";";

/* User stamps: pictograms imported into the archive. The drawing is an
 * asset; the key is the stamp id that items refer to. */
static const char migration_2[] =
  "CREATE TABLE stamps ("
  "  id        INTEGER PRIMARY KEY,"
  "  key       TEXT UNIQUE NOT NULL,"
  "  family    TEXT NOT NULL,"
  "  name_fr   TEXT NOT NULL,"
  "  name_en   TEXT NOT NULL,"
  "  keywords  TEXT NOT NULL DEFAULT '',"
  "  color     TEXT NOT NULL DEFAULT '',"
  "  asset_id  INTEGER NOT NULL REFERENCES assets (id)"
  ");";

/* Whether the archive was closed cleanly. A writer sets clean = 0 as it
 * opens the archive (and checkpoints, so the file alone carries it) and
 * clean = 1 just before its last close: a crash, a power cut or a copy of
 * the file taken while it was open all leave 0, and the next open checks
 * the whole file. Not recorded for undo. */
static const char migration_3[] =
  "CREATE TABLE archive_state ("
  "  id     INTEGER PRIMARY KEY CHECK (id = 1),"
  "  clean  INTEGER NOT NULL CHECK (clean IN (0, 1))"
  ");"
  "INSERT INTO archive_state (id, clean) VALUES (1, 0);";

/* The `links` table of format 1 was never written: a link, like a pool or
 * any item that names others, is an item whose payload names them, and the
 * kind that owns the payload is the one that knows how (canvas/tf-item.h:
 * references, remap_payload, derive_bounds). A second copy of those
 * references in a table would have to be kept in step by every writer (edits,
 * imports, copies, the demo) and its cascades could not say what a pool does
 * when it loses a member; so the table goes, and the repair asks the kinds
 * (canvas/tf-item-commands.c). Format 4. */
static const char migration_4[] =
  "DROP TABLE links;";

/* The room (room/): an experiment's sessions, each an ordered agenda of
 * steps. A step shows a board, an area of it (an item's bounds when
 * @item_id names one that still exists, else the rectangle), a blueprint
 * stage, a mockup, or reveals a cluster's cards one by one; @kind and
 * @reveal are room/tf-session.h's enums. The time spent on a step is
 * written when a session ends. An item is named by id, not by a foreign
 * key: a deleted item leaves its rectangle. Format 5. */
static const char migration_5[] =
  "CREATE TABLE sessions ("
  "  id            INTEGER PRIMARY KEY,"
  "  experiment_id INTEGER NOT NULL REFERENCES experiments (id) ON DELETE CASCADE,"
  "  name          TEXT NOT NULL DEFAULT '',"
  "  created_at    TEXT NOT NULL DEFAULT " NOW
  ");"
  "CREATE INDEX sessions_by_experiment ON sessions (experiment_id);"
  "CREATE TABLE session_steps ("
  "  id              INTEGER PRIMARY KEY,"
  "  session_id      INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,"
  "  position        INTEGER NOT NULL DEFAULT 0,"
  "  kind            INTEGER NOT NULL CHECK (kind BETWEEN 0 AND 4),"
  "  board_id        INTEGER NOT NULL REFERENCES boards (id) ON DELETE CASCADE,"
  "  item_id         INTEGER NOT NULL DEFAULT 0,"
  "  x               REAL NOT NULL DEFAULT 0,"
  "  y               REAL NOT NULL DEFAULT 0,"
  "  width           REAL NOT NULL DEFAULT 0,"
  "  height          REAL NOT NULL DEFAULT 0,"
  "  title           TEXT NOT NULL DEFAULT '',"
  "  notes           TEXT NOT NULL DEFAULT '',"
  "  reveal          INTEGER NOT NULL DEFAULT 0 CHECK (reveal IN (0, 1)),"
  "  planned_seconds INTEGER NOT NULL DEFAULT 0 CHECK (planned_seconds >= 0),"
  "  spent_seconds   INTEGER NOT NULL DEFAULT 0 CHECK (spent_seconds >= 0)"
  ");"
  "CREATE INDEX session_steps_by_session ON session_steps (session_id, position);"
  "CREATE INDEX session_steps_by_board ON session_steps (board_id);";

/* The room's dot-voting rounds (room/tf-vote.h): a round on a board, or
 * on a cluster (@item_id names its zone, by id like a step's item), with
 * its number of colours (participants or teams), the dots each had and
 * whether the dots were hidden until the end. @title is the view's. The
 * counts say how many dots of each colour went on each note: who voted is
 * kept as a colour, never a name. The notes' own vote counts got the
 * totals in the same edit. Format 6. */
static const char migration_6[] =
  "CREATE TABLE vote_rounds ("
  "  id          INTEGER PRIMARY KEY,"
  "  board_id    INTEGER NOT NULL REFERENCES boards (id) ON DELETE CASCADE,"
  "  session_id  INTEGER REFERENCES sessions (id) ON DELETE SET NULL,"
  "  item_id     INTEGER NOT NULL DEFAULT 0,"
  "  title       TEXT NOT NULL DEFAULT '',"
  "  colours     INTEGER NOT NULL CHECK (colours BETWEEN 1 AND 9),"
  "  dots        INTEGER NOT NULL CHECK (dots BETWEEN 1 AND 99),"
  "  hidden      INTEGER NOT NULL DEFAULT 0 CHECK (hidden IN (0, 1)),"
  "  created_at  TEXT NOT NULL DEFAULT " NOW
  ");"
  "CREATE INDEX vote_rounds_by_board ON vote_rounds (board_id);"
  "CREATE INDEX vote_rounds_by_session ON vote_rounds (session_id);"
  "CREATE TABLE vote_counts ("
  "  round_id    INTEGER NOT NULL REFERENCES vote_rounds (id) ON DELETE CASCADE,"
  "  item_id     INTEGER NOT NULL,"
  "  colour      INTEGER NOT NULL CHECK (colour BETWEEN 0 AND 8),"
  "  count       INTEGER NOT NULL CHECK (count > 0),"
  "  PRIMARY KEY (round_id, item_id, colour)"
  ") WITHOUT ROWID;";

/* The room an experiment is presented in (room/tf-room.h's legibility
 * rule): how deep it is, from the screen to the back row, how wide the
 * projected image is and the projector's pixels. No row: the defaults
 * (core/tf-session-rows.h). Format 7. */
static const char migration_7[] =
  "CREATE TABLE session_rooms ("
  "  experiment_id INTEGER PRIMARY KEY REFERENCES experiments (id) ON DELETE CASCADE,"
  "  depth_mm      INTEGER NOT NULL CHECK (depth_mm BETWEEN 1000 AND 100000),"
  "  screen_mm     INTEGER NOT NULL CHECK (screen_mm BETWEEN 300 AND 30000),"
  "  width_px      INTEGER NOT NULL CHECK (width_px BETWEEN 320 AND 16384),"
  "  height_px     INTEGER NOT NULL CHECK (height_px BETWEEN 200 AND 16384)"
  ");";

/* What participants sent from their phones in the room (room/
 * tf-contribution.h): the moderation queue of an experiment and what
 * became of each contribution (@state: queued, accepted, rejected,
 * merged; @item_id: the note it became or joined, by id like a step's
 * item). @key is the phone page's idempotency key: a resend is the same
 * row. When it arrived, what it says and the speaker's category (a source
 * id, "" for none): never an address or a device. Format 8. */
static const char migration_8[] =
  "CREATE TABLE contributions ("
  "  id            INTEGER PRIMARY KEY,"
  "  experiment_id INTEGER NOT NULL REFERENCES experiments (id) ON DELETE CASCADE,"
  "  key           TEXT NOT NULL CHECK (length (key) BETWEEN 16 AND 64),"
  "  arrived_at    TEXT NOT NULL,"
  "  text          TEXT NOT NULL CHECK (length (text) BETWEEN 1 AND 1000),"
  "  category      TEXT NOT NULL DEFAULT '' CHECK (length (category) <= 32),"
  "  state         INTEGER NOT NULL DEFAULT 0 CHECK (state BETWEEN 0 AND 3),"
  "  item_id       INTEGER NOT NULL DEFAULT 0,"
  "  UNIQUE (experiment_id, key)"
  ");";

/* Where an experiment imported from a bundle (core/tf-bundle.h) came
 * from: the department that exported it (a name it gave, no person's),
 * when, and the UUID of the experiment in the archive it left, which a
 * second import of the same bundle is recognised by (update the copy, or
 * keep both). At most one row per experiment; none for experiments made
 * here. Format 9. */
static const char migration_9[] =
  "CREATE TABLE experiment_origins ("
  "  experiment_id INTEGER PRIMARY KEY REFERENCES experiments (id) ON DELETE CASCADE,"
  "  source_uuid   TEXT NOT NULL CHECK (length (source_uuid) BETWEEN 1 AND 64),"
  "  department    TEXT NOT NULL DEFAULT '' CHECK (length (department) <= 200),"
  "  exported_at   TEXT NOT NULL DEFAULT '' CHECK (length (exported_at) <= 64),"
  "  imported_at   TEXT NOT NULL DEFAULT " NOW
  ");"
  "CREATE INDEX experiment_origins_by_source ON experiment_origins (source_uuid);";

/* The items of a board by kind: a command that moves a note asks the
 * board for its containers (zones) and for what names other items (links,
 * pools), two kinds a wall of notes has few of, if any. Through the board's
 * index alone each question read every item of the board (5 ms on a wall
 * of 10 000 notes). Only an index: no table changes. Format 10. */
static const char migration_10[] =
  "CREATE INDEX items_by_kind ON items (board_id, kind);";

/* The Bin (core/tf-bin.h): an experiment moved there is kept, hidden from
 * the lists, the search and the exports, until it is restored, deleted for
 * good, or 30 days have passed (then the next writer that opens the
 * archive deletes it). A table of its own rather than a column, so that a
 * bundle (written in the archive's format) never carries a bin state and
 * the experiment's row, its search document and its modification date
 * stay as they were. Format 11. */
static const char migration_11[] =
  "CREATE TABLE experiment_bin ("
  "  experiment_id INTEGER PRIMARY KEY REFERENCES experiments (id) ON DELETE CASCADE,"
  "  deleted_at    TEXT NOT NULL CHECK (length (deleted_at) BETWEEN 1 AND 64)"
  ");";

const char * const tf_schema_migrations[] = {
  migration_1,
  migration_2,
  migration_3,
  migration_4,
  migration_5,
  migration_6,
  migration_7,
  migration_8,
  migration_9,
  migration_10,
  migration_11,
};

const guint tf_schema_n_migrations = G_N_ELEMENTS (tf_schema_migrations);

const char * const tf_schema_tracked_tables[] = {
  "experiments",
  "tags",
  "experiment_tags",
  "boards",
  "assets",
  "items",
  "stamps",
  "sessions",
  "session_steps",
  "vote_rounds",
  "vote_counts",
  "session_rooms",
  "contributions",
  "experiment_origins",
  "experiment_bin",
  NULL
};
