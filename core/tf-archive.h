/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Read-only queries over an archive: lists, lookups and full-text search. */

#include <gio/gio.h>

#include "tf-board.h"
#include "tf-experiment.h"
#include "tf-store.h"

G_BEGIN_DECLS

typedef enum {
  TF_SORT_DATE,   /* newest start date first, undated last */
  TF_SORT_TITLE,  /* alphabetical, accents folded */
  TF_SORT_MODIFIED,
} TfSort;

typedef struct {
  const char *text;    /* search-as-you-type text, NULL or "" for all */
  int         phase;   /* a TfPhase, or -1 for any */
  int         status;  /* a TfStatus, or -1 for any */
  const char *tag;     /* NULL for any */
  TfSort      sort;
} TfFilter;

#define TF_FILTER_INIT { NULL, -1, -1, NULL, TF_SORT_DATE }

typedef enum {
  TF_HIT_EXPERIMENT,
  TF_HIT_ITEM,
} TfHitKind;

typedef struct {
  TfHitKind  kind;
  gint64     experiment_id;
  char      *experiment_title;
  gint64     board_id;       /* 0 unless an item matched */
  gint64     item_id;        /* 0 unless an item matched */
  char      *field;          /* which field matched: "title", "lessons", "tags", "boards", "text"… */
  char      *text;           /* the matching text, whole */
} TfSearchHit;

void          tf_search_hit_free           (TfSearchHit  *hit);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TfSearchHit, tf_search_hit_free)

/* Turns what a user types into a safe FTS5 query: every word is a prefix,
 * all words must match. Returns NULL when there is no word in @text. */
char         *tf_archive_build_fts_query   (const char   *text) G_GNUC_WARN_UNUSED_RESULT;

/* A GListStore of TfExperiment. */
GListStore   *tf_archive_list_experiments  (TfStore        *store,
                                            const TfFilter *filter,
                                            GError        **error) G_GNUC_WARN_UNUSED_RESULT;
TfExperiment *tf_archive_get_experiment    (TfStore        *store,
                                            gint64          id,
                                            GError        **error) G_GNUC_WARN_UNUSED_RESULT;
/* A GListStore of TfBoard, in board order. */
GListStore   *tf_archive_list_boards       (TfStore        *store,
                                            gint64          experiment_id,
                                            GError        **error) G_GNUC_WARN_UNUSED_RESULT;
TfBoard      *tf_archive_get_board         (TfStore        *store,
                                            gint64          board_id,
                                            GError        **error) G_GNUC_WARN_UNUSED_RESULT;
/* All tags in use, sorted. */
GStrv         tf_archive_list_tags         (TfStore        *store,
                                            GError        **error) G_GNUC_WARN_UNUSED_RESULT;
/* Every text of the archive: a GPtrArray of TfSearchHit, at most @limit. */
GPtrArray    *tf_archive_search            (TfStore        *store,
                                            const char     *text,
                                            guint           limit,
                                            GError        **error) G_GNUC_WARN_UNUSED_RESULT;
/* The items of one board whose text matches @text (same folding and
 * prefixes as tf_archive_search), in archive order, appended to @ids (a
 * GArray of gint64). */
gboolean      tf_archive_search_board      (TfStore        *store,
                                            gint64          board_id,
                                            const char     *text,
                                            GArray         *ids,
                                            GError        **error);
/* Where @text matched in one experiment, as one line of Pango markup:
 * "Field — …excerpt…" or "Board title — …excerpt…", the words found in
 * bold, all text escaped; NULL (and no error) when nothing matches. For
 * the rows shown only: one indexed lookup per call. */
char         *tf_archive_search_excerpt    (TfStore        *store,
                                            gint64          experiment_id,
                                            const char     *text,
                                            GError        **error) G_GNUC_WARN_UNUSED_RESULT;
/* @text as Pango markup: escaped, the parts between @start_mark and
 * @end_mark in bold, on one line. */
char         *tf_archive_mark_excerpt      (const char     *text,
                                            const char     *start_mark,
                                            const char     *end_mark) G_GNUC_WARN_UNUSED_RESULT;
/* The id of the demo experiment, 0 if the archive has none. */
gint64        tf_archive_find_demo         (TfStore        *store);
guint         tf_archive_count_items       (TfStore        *store,
                                            gint64          board_id);

G_END_DECLS
