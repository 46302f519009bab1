/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Hand-made hostile archives: a valid archive made by the program (the
 * demo), then rows rewritten through a raw SQLite connection with foreign
 * keys off, as someone else's program could write them. The schema is left
 * as it is: only the content is hostile. Shared by the command-line battery
 * and the window's test. */

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  const char *name;
  const char *sql;       /* run on the demo archive */
  gboolean    skipped;   /* whether an item of the wall is left out (and reported) */
} TfTestHostile;

/* The demo's insight wall, its first notes, and a word of a quote that no
 * case touches: it must still be printed. */
#define TF_HOSTILE_WALL  "(SELECT min (id) FROM boards WHERE kind = 'insight-wall')"
#define TF_HOSTILE_NOTE(n) \
  "(SELECT id FROM items WHERE kind = 'note' AND board_id = " TF_HOSTILE_WALL " ORDER BY id LIMIT 1 OFFSET " #n ")"
#define TF_HOSTILE_KEPT_WORD "répondeur"

extern const TfTestHostile tf_test_hostile_cases[];
extern const guint         tf_test_hostile_n_cases;

/* Runs @sql on the archive @path through a raw connection, foreign keys
 * off, failing the test on any error. */
void tf_test_hostile_apply (const char *path,
                            const char *sql);

G_END_DECLS
