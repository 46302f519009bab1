/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define TF_TYPE_REGIONAL_PANE (tf_regional_pane_get_type ())
G_DECLARE_FINAL_TYPE (TfRegionalPane, tf_regional_pane, TF, REGIONAL_PANE, AdwBin)

/* The archive pane's "Region": the whole region's experiments searched
 * (words in French or English, filters), each result with Preview and
 * Fetch to This Computer; every call to the regional archive in a thread,
 * with Cancel; what to do when it is not set up, when nothing matches,
 * when it cannot be reached (Retry). */
GtkWidget  *tf_regional_pane_new        (void);
/* Searches again with what the fields say (the first time the pane shows,
 * or after the connection changed). */
void        tf_regional_pane_refresh    (TfRegionalPane *self);
/* Puts the keyboard in the pane: its search field, or what to do when
 * the regional archive is not set up (Alt+2). */
void        tf_regional_pane_focus      (TfRegionalPane *self);
/* For tests. */
GtkEditable *tf_regional_pane_get_search_entry (TfRegionalPane *self);
/* "setup", "loading", "list", "empty", "no-results", "error". */
const char *tf_regional_pane_get_state  (TfRegionalPane *self);
/* The results shown: a GPtrArray of TfRegionalHit (transfer none). */
GPtrArray  *tf_regional_pane_get_hits   (TfRegionalPane *self);
/* Previews or fetches the result @index, as its buttons do. */
void        tf_regional_pane_preview    (TfRegionalPane *self,
                                         guint           index);
void        tf_regional_pane_fetch      (TfRegionalPane *self,
                                         guint           index);
/* Asks to withdraw the result @index from the region (its button, shown
 * only for what the connection's department published): a confirmation,
 * then tf_regional_withdraw() in a thread; the result leaves the list. */
void        tf_regional_pane_withdraw   (TfRegionalPane *self,
                                         guint           index);
/* The next page of results, as "Show More Results" does. */
void        tf_regional_pane_show_more  (TfRegionalPane *self);
/* For tests: TRUE while "Show More Results" is offered; how many next
 * pages were shown and results withdrawn (nullable). */
gboolean    tf_regional_pane_get_more   (TfRegionalPane *self,
                                         guint          *n_pages,
                                         guint          *n_withdrawn);
GtkWidget  *tf_regional_pane_get_more_button (TfRegionalPane *self);
/* The withdraw button of the result @index, NULL when not offered. */
GtkWidget  *tf_regional_pane_get_withdraw_button (TfRegionalPane *self,
                                                  guint           index);
/* Fetches experiment @id of the region (the preview's button). */
void        tf_regional_pane_fetch_id   (TfRegionalPane *self,
                                         gint64          id);
/* TRUE while a preview or a fetch is under way. */
gboolean    tf_regional_pane_get_busy   (TfRegionalPane *self);
/* How many searches ended (with results or an error, not cancelled), and
 * the words of the last one (@text nullable). */
guint       tf_regional_pane_get_n_searches (TfRegionalPane *self,
                                             const char    **text);
/* The connection changed: searches again if shown, else when shown. */
void        tf_regional_pane_connection_changed (TfRegionalPane *self);
/* The last preview window opened (for tests), NULL. */
GtkWindow  *tf_regional_pane_get_preview (TfRegionalPane *self);

G_END_DECLS
