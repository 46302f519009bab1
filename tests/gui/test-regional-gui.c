/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "test-regional-gui"

#include <string.h>
#include <adwaita.h>
#include <glib/gstdio.h>
#include <libpq-fe.h>

#include "bundles/tf-import-dialog.h"
#include "bundles/tf-share-dialog.h"
#include "core/tf-archive.h"
#include "core/tf-store-private.h"
#include "regional/tf-pg-cluster.h"
#include "regional/tf-regional.h"
#include "regional/tf-regional-gui.h"
#include "regional/tf-regional-pane.h"
#include "regional/tf-regional-preferences.h"
#include "regional/tf-regional-preview.h"
#include "tf-board-view.h"
#include "tf-gui-test-util.h"
#include "tf-test-util.h"

/* The regional archive in the real window, against a real PostgreSQL
 * started here (regional/tf-pg-cluster.h; skipped without its programs): two
 * departments (two roles) on two archives. The first, with no connection,
 * is told to set one up; its connection is tested in the preferences
 * (connected as its department; a role that does not exist refused),
 * then kept; it publishes the demo from the experiment's menu (the share
 * dialog's anonymisation, the publish in a thread, a toast). The second
 * department searches the region with a French word of the demo and finds
 * it, with the text that matched; previews it read-only (a temporary
 * archive, its own untouched, the folder gone when the preview closes);
 * fetches it through the bundle import; publishes its own, and each finds
 * the other's. The second withdraws its own with the keyboard (the first's
 * offers no withdraw), which the first no longer finds; with more than 50
 * results, "Show More Results" brings the next ones.
 *
 * TF_SHOTS=DIR keeps screenshots of the Region search. */

typedef struct {
  char          *shots;
  char          *archive_a;
  char          *archive_b;
  TfApplication *app;
  TfWindow      *window;
  TfRegionalPane *pane;
  GtkWidget     *preferences;
  guint          n_searches;   /* of the pane, as last waited for */
  const char    *words;        /* of the search waited for */
} Fixture;

/* The words of the window are checked in English (the shots may be taken
 * in French: LANGUAGE=fr). */
static gboolean
english (void)
{
  const char *language = g_getenv ("LANGUAGE");

  return language == NULL || language[0] == '\0' || g_str_has_prefix (language, "en");
}

/* A search ended after the one counted in the fixture. */
static gboolean
pane_searched (gpointer data)
{
  Fixture *fixture = data;

  const char *text = NULL;

  /* Emptied then typed, the entry searches twice: the words' counts. */
  return tf_regional_pane_get_n_searches (fixture->pane, &text) > fixture->n_searches &&
         g_strcmp0 (text, fixture->words) == 0 &&
         g_strcmp0 (tf_regional_pane_get_state (fixture->pane), "loading") != 0;
}

/* Waits for the search that follows what the test just did. */
static void
wait_search (Fixture    *fixture,
             const char *what)
{
  tf_gui_test_wait_until (pane_searched, fixture, what);
  fixture->n_searches = tf_regional_pane_get_n_searches (fixture->pane, NULL);
  fixture->words = "";
}

static gboolean
tested (gpointer data)
{
  Fixture *fixture = data;

  return !tf_regional_preferences_get_busy (fixture->preferences);
}

static gboolean
share_dialog_counted (gpointer data)
{
  GtkWindow *dialog = tf_gui_test_find_toplevel (TF_TYPE_SHARE_DIALOG);

  return dialog != NULL && tf_gui_test_find_label (GTK_WIDGET (dialog), "Counting…") == NULL;
}

static gboolean
share_dialog_gone (gpointer data)
{
  return tf_gui_test_find_toplevel (TF_TYPE_SHARE_DIALOG) == NULL;
}

static gboolean
import_dialog_shown (gpointer data)
{
  return tf_gui_test_find_toplevel (TF_TYPE_IMPORT_DIALOG) != NULL;
}

static gboolean
import_dialog_gone (gpointer data)
{
  return tf_gui_test_find_toplevel (TF_TYPE_IMPORT_DIALOG) == NULL;
}

static gboolean
preview_shown (gpointer data)
{
  Fixture *fixture = data;

  return !tf_regional_pane_get_busy (fixture->pane) && tf_regional_pane_get_preview (fixture->pane) != NULL &&
         gtk_widget_get_mapped (GTK_WIDGET (tf_regional_pane_get_preview (fixture->pane)));
}

static gboolean
message_dialog_shown (gpointer data)
{
  GtkWindow *dialog = tf_gui_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);

  return dialog != NULL && gtk_widget_get_mapped (GTK_WIDGET (dialog));
}

static gboolean
withdrawn (gpointer data)
{
  Fixture *fixture = data;
  guint n = 0;

  tf_regional_pane_get_more (fixture->pane, NULL, &n);
  return n > 0 && !tf_regional_pane_get_busy (fixture->pane);
}

static gboolean
more_shown (gpointer data)
{
  Fixture *fixture = data;
  guint n = 0;

  tf_regional_pane_get_more (fixture->pane, &n, NULL);
  return n > 0;
}

/* How many experiments of @department the region shows @conninfo for
 * @words. */
static guint
count_found (const char *conninfo,
             const char *words,
             const char *department)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TfRegional) regional = tf_regional_connect (conninfo, &error);
  TfRegionalQuery query = TF_REGIONAL_QUERY_INIT;
  g_autoptr(GPtrArray) found = NULL;
  guint n = 0;

  g_assert_no_error (error);
  query.text = words;
  found = tf_regional_search (regional, &query, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < found->len; i++)
    n += g_strcmp0 (((TfRegionalHit *) g_ptr_array_index (found, i))->department, department) == 0;
  return n;
}

static void
shoot (Fixture    *fixture,
       const char *name)
{
  g_autofree char *path = NULL;

  if (fixture->shots == NULL)
    return;
  path = g_build_filename (fixture->shots, name, NULL);
  tf_gui_test_settle (200);
  tf_gui_test_shoot_screen (GTK_WIDGET (fixture->window), path);
}

static void
start (Fixture    *fixture,
       const char *archive)
{
  fixture->window = tf_gui_test_start (archive, &fixture->app);
  /* Each archive is one department's laptop: no connection yet. */
  tf_regional_gui_set_connection (GTK_APPLICATION (fixture->app), "", TRUE);
  fixture->pane = TF_REGIONAL_PANE (tf_window_get_regional_pane (fixture->window));
  fixture->n_searches = 0;
  fixture->words = "";
  if (fixture->shots != NULL)
    gtk_window_maximize (GTK_WINDOW (fixture->window));
  tf_gui_test_settle (100);
}

/* Words typed in the Region search, then the results. */
static GPtrArray *
search (Fixture    *fixture,
        const char *words)
{
  /* After the search entry's delay, in a thread. */
  fixture->words = words;
  gtk_editable_set_text (tf_regional_pane_get_search_entry (fixture->pane), words);
  wait_search (fixture, "the Region's search");
  return tf_regional_pane_get_hits (fixture->pane);
}

static void
test_connection (Fixture    *fixture,
                 const char *conninfo,
                 const char *expected)
{
  gtk_editable_set_text (GTK_EDITABLE (tf_regional_preferences_get_entry (fixture->preferences)), conninfo);
  g_signal_emit_by_name (tf_regional_preferences_get_test (fixture->preferences), "clicked");
  g_assert_true (tf_regional_preferences_get_busy (fixture->preferences));
  tf_gui_test_wait_until (tested, fixture, "the connection's test");
  if (english () && strstr (tf_regional_preferences_get_status (fixture->preferences), expected) == NULL)
    g_error ("The test said “%s”, not “%s”", tf_regional_preferences_get_status (fixture->preferences), expected);
}

/* Publishes the experiment shown, as the menu does. */
static void
publish (Fixture    *fixture,
         const char *toast)
{
  GtkWindow *dialog;

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "regional.publish", NULL);
  tf_gui_test_wait_until (share_dialog_counted, fixture, "the publish dialog");
  dialog = tf_gui_test_find_toplevel (TF_TYPE_SHARE_DIALOG);
  if (english ())
    g_assert_nonnull (tf_gui_test_find_label (GTK_WIDGET (dialog), "goes to the regional archive"));
  gtk_widget_activate_action (GTK_WIDGET (dialog), "share.choose", NULL);
  tf_gui_test_wait_until (share_dialog_gone, fixture, "the publish");
  if (english ())
    tf_gui_test_wait_for_label (GTK_WIDGET (fixture->window), toast, TF_GUI_TEST_DEADLINE_MS);
}

static void
stop (Fixture *fixture,
      char   **archive)
{
  fixture->pane = NULL;
  tf_gui_test_stop (fixture->window, &fixture->app, archive, 100);
}

static TfPgCluster *cluster;  /* NULL: no PostgreSQL here */
static char *skip_reason;

static PGconn *
pg_connect (const char *user,
            const char *db)
{
  g_autofree char *info = tf_pg_cluster_conninfo (cluster, user, db);
  PGconn *conn = PQconnectdb (info);

  g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
  return conn;
}

static void
pg_exec (PGconn     *conn,
         const char *sql)
{
  PGresult *result = PQexec (conn, sql);

  if (PQresultStatus (result) != PGRES_COMMAND_OK)
    g_error ("%s: %s", sql, PQerrorMessage (conn));
  PQclear (result);
}

/* The database "transfo" with the regional catalogue, as `transfo
 * regional init` makes it, and two departments as
 * docs/regional-archive.md says a region adds them. */
static void
make_region (void)
{
  PGconn *admin = pg_connect ("postgres", "postgres");
  g_autofree char *info = tf_pg_cluster_conninfo (cluster, "postgres", "transfo");
  g_autoptr(TfRegional) regional = NULL;
  g_autoptr(GError) error = NULL;
  int from = -1;

  pg_exec (admin, "CREATE DATABASE transfo");
  PQfinish (admin);
  regional = tf_regional_connect (info, &error);
  g_assert_no_error (error);
  g_assert_true (tf_regional_migrate (regional, 0, &from, &error));
  g_assert_no_error (error);
  g_assert_cmpint (from, ==, 0);
  admin = pg_connect ("postgres", "postgres");
  pg_exec (admin, "CREATE ROLE lycees LOGIN IN ROLE transfo_department;"
                  "CREATE ROLE culture LOGIN IN ROLE transfo_department;");
  PQfinish (admin);
}

/* TRUE when the window's keyboard focus is @widget or inside it. */
static gboolean
focus_within (Fixture   *fixture,
              GtkWidget *widget)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (fixture->window));

  return focus != NULL && widget != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

static void
test_two_departments (void)
{
  Fixture fixture = { 0 };
  g_autofree char *lycees = NULL, *culture = NULL, *nobody = NULL, *preview_path = NULL;
  g_autofree char *demo_title = NULL;
  GPtrArray *hits;
  GtkWindow *preview;
  TfBoardView *view;
  gint64 demo;

  if (cluster == NULL)
    {
      g_test_skip (skip_reason);
      return;
    }
  make_region ();
  lycees = tf_pg_cluster_conninfo (cluster, "lycees", "transfo");
  culture = tf_pg_cluster_conninfo (cluster, "culture", "transfo");
  nobody = tf_pg_cluster_conninfo (cluster, "nobody", "transfo");
  fixture.shots = g_strdup (g_getenv ("TF_SHOTS"));
  fixture.archive_a = tf_gui_test_archive_path ();
  fixture.archive_b = g_strconcat (fixture.archive_a, "-b.sqlite", NULL);
  tf_test_remove_archive (fixture.archive_b);

  /* A: no connection, the Region says what to do. */
  start (&fixture, fixture.archive_a);
  gtk_widget_activate_action (GTK_WIDGET (fixture.window), "win.show-place", "s", "region");
  tf_gui_test_settle (100);
  g_assert_cmpstr (tf_regional_pane_get_state (fixture.pane), ==, "setup");
  /* Alt+2 puts the keyboard on what to do. */
  g_assert_true (focus_within (&fixture, GTK_WIDGET (fixture.pane)));
  if (english ())
    g_assert_nonnull (tf_gui_test_find_label (GTK_WIDGET (fixture.pane), "Set up the regional archive in Preferences"));
  shoot (&fixture, "region-setup.png");

  /* The preferences test the connection in a thread, then keep it. */
  gtk_widget_activate_action (GTK_WIDGET (fixture.window), "regional.preferences", NULL);
  tf_gui_test_settle (50);
  fixture.preferences = GTK_WIDGET (tf_gui_test_find_toplevel (ADW_TYPE_PREFERENCES_WINDOW));
  g_assert_nonnull (fixture.preferences);
  test_connection (&fixture, nobody, "Cannot Reach the Regional Archive");
  test_connection (&fixture, lycees, "Connected as the department “lycees”. The regional archive is ready.");
  shoot (&fixture, "preferences.png");
  g_signal_emit_by_name (tf_regional_preferences_get_entry (fixture.preferences), "apply");
  gtk_window_close (GTK_WINDOW (fixture.preferences));
  fixture.preferences = NULL;
  {
    g_autofree char *kept = tf_regional_gui_dup_connection (GTK_APPLICATION (fixture.app));

    g_assert_cmpstr (kept, ==, lycees);
  }
  /* The connection changed: the Region lists what there is: nothing. */
  wait_search (&fixture, "the Region's first list");
  g_assert_cmpstr (tf_regional_pane_get_state (fixture.pane), ==, "empty");

  /* Publish the demo from the menu. */
  demo = tf_gui_test_archive_int (fixture.archive_a, "SELECT id FROM experiments ORDER BY id LIMIT 1");
  g_assert_cmpint (demo, >, 0);
  demo_title = tf_gui_test_archive_text (fixture.archive_a, "SELECT title FROM experiments ORDER BY id LIMIT 1");
  g_assert_true (tf_window_show_experiment (fixture.window, demo));
  publish (&fixture, "published to the region");
  hits = search (&fixture, "résidences");
  g_assert_cmpuint (hits->len, ==, 1);
  stop (&fixture, &fixture.archive_a);

  /* B, another department, another archive: its demo made another
   * experiment (the demo's identity is the same everywhere). */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(TfStore) store = tf_store_open (fixture.archive_b, TF_STORE_OPEN_CREATE | TF_STORE_OPEN_DEMO, &error);

    g_assert_no_error (error);
    tf_test_sql_exec (tf_store_get_db (store),
                      "UPDATE experiments SET uuid = '7d1c0a52-6f3e-4d57-9a3b-2c8f00e1b0c4',"
                      " title = 'Résidence culture : les élus au musée', department = 'Direction de la culture'");
  }
  start (&fixture, fixture.archive_b);
  tf_regional_gui_set_connection (GTK_APPLICATION (fixture.app), culture, TRUE);
  gtk_widget_activate_action (GTK_WIDGET (fixture.window), "win.show-place", "s", "region");
  wait_search (&fixture, "the Region's first list");
  g_assert_cmpstr (tf_regional_pane_get_state (fixture.pane), ==, "list");
  /* Alt+2 puts the keyboard in the region's search field, Alt+1 back
   * in this computer's list or search. */
  g_assert_true (focus_within (&fixture, GTK_WIDGET (tf_regional_pane_get_search_entry (fixture.pane))));
  gtk_widget_activate_action (GTK_WIDGET (fixture.window), "win.show-place", "s", "local");
  g_assert_false (focus_within (&fixture, GTK_WIDGET (fixture.pane)));
  {
    GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (fixture.window));

    g_assert_nonnull (focus);
    g_assert_true (GTK_IS_LIST_BOX_ROW (focus) || gtk_widget_get_ancestor (focus, GTK_TYPE_SEARCH_ENTRY) != NULL);
    g_assert_true (gtk_widget_get_mapped (focus));
  }
  gtk_widget_activate_action (GTK_WIDGET (fixture.window), "win.show-place", "s", "region");
  g_assert_true (focus_within (&fixture, GTK_WIDGET (tf_regional_pane_get_search_entry (fixture.pane))));

  /* A French word of the demo, its accent left out, finds A's. */
  hits = search (&fixture, "eLUS residence");
  g_assert_cmpuint (hits->len, ==, 1);
  {
    TfRegionalHit *hit = g_ptr_array_index (hits, 0);

    g_assert_cmpstr (hit->title, ==, demo_title);
    g_assert_cmpstr (hit->department, ==, "lycees");
    g_assert_nonnull (hit->excerpt);
    g_assert_nonnull (strstr (hit->excerpt, TF_REGIONAL_MARK_START));
    /* The row says who published it, and where. */
    g_assert_nonnull (tf_gui_test_find_label (GTK_WIDGET (fixture.pane),
                                              hit->department_name[0] != '\0' ? hit->department_name : hit->department));
    g_assert_nonnull (tf_gui_test_find_label (GTK_WIDGET (fixture.pane), hit->place));
  }
  shoot (&fixture, "region-search.png");
  hits = search (&fixture, "xylophones");
  g_assert_cmpuint (hits->len, ==, 0);
  g_assert_cmpstr (tf_regional_pane_get_state (fixture.pane), ==, "no-results");
  hits = search (&fixture, "élus");
  g_assert_cmpuint (hits->len, ==, 1);

  /* Preview: read-only, in a folder of its own, gone when closed. */
  tf_regional_pane_preview (fixture.pane, 0);
  g_assert_true (tf_regional_pane_get_busy (fixture.pane));
  tf_gui_test_wait_until (preview_shown, &fixture, "the preview");
  preview = tf_regional_pane_get_preview (fixture.pane);
  /* The experiment's page, read-only, beside its boards. */
  {
    TfRegionalHit *hit = g_ptr_array_index (tf_regional_pane_get_hits (fixture.pane), 0);
    GtkWidget *fields = tf_regional_preview_window_get_fields (GTK_WIDGET (preview));
    const char *expected[] = { hit->title, hit->theme, hit->place, hit->territory, hit->department_name };

    g_assert_nonnull (fields);
    for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
      if (expected[i][0] != '\0' && tf_gui_test_find_label (fields, expected[i]) == NULL)
        g_error ("The preview does not show “%s”", expected[i]);
    g_assert_nonnull (tf_gui_test_find_label (fields, tf_phase_get_label (hit->phase)));
    if (english ())
      g_assert_nonnull (tf_gui_test_find_label (fields, "Theme"));
  }
  preview_path = g_strdup (tf_regional_preview_window_get_path (GTK_WIDGET (preview)));
  g_assert_true (g_file_test (preview_path, G_FILE_TEST_EXISTS));
  g_assert_false (g_str_has_prefix (preview_path, fixture.archive_b));
  view = TF_BOARD_VIEW (tf_regional_preview_window_get_view (GTK_WIDGET (preview)));
  g_assert_false (tf_board_view_get_editable (view));
  g_assert_cmpint (tf_board_view_get_board_id (view), >, 0);
  g_assert_nonnull (tf_board_view_get_scene (view));
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (tf_regional_preview_window_get_boards (GTK_WIDGET (preview)))), ==,
                    (guint) tf_gui_test_archive_int (preview_path, "SELECT count(*) FROM boards"));
  g_assert_cmpint (tf_gui_test_archive_int (fixture.archive_b, "SELECT count(*) FROM experiments"), ==, 1);
  /* The boards are drawn: one has items (the wall's insights, without
   * consent, stayed behind). */
  {
    GtkDropDown *boards = tf_regional_preview_window_get_boards (GTK_WIDGET (preview));
    guint n = g_list_model_get_n_items (gtk_drop_down_get_model (boards));
    guint i;

    GtkWidget *empty = tf_regional_preview_window_get_empty (GTK_WIDGET (preview));

    /* The empty wall says why: the bundle's manifest tells. */
    g_assert_true (tf_board_view_get_empty (view));
    g_assert_true (gtk_widget_get_visible (empty));
    if (english ())
      g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (empty)), ==,
                       "Insights without consent were left out when this experiment was published.");
    if (fixture.shots != NULL)
      {
        g_autofree char *path = g_build_filename (fixture.shots, "preview-empty.png", NULL);

        tf_gui_test_settle (200);
        tf_gui_test_shoot_screen (GTK_WIDGET (preview), path);
      }
    for (i = 0; i < n && tf_board_view_get_empty (view); i++)
      {
        gtk_drop_down_set_selected (boards, i);
        tf_gui_test_settle (20);
        g_assert_true (gtk_widget_get_visible (empty) == tf_board_view_get_empty (view));
      }
    g_assert_false (tf_board_view_get_empty (view));
    g_assert_false (gtk_widget_get_visible (empty));
  }
  if (fixture.shots != NULL)
    {
      g_autofree char *path = g_build_filename (fixture.shots, "preview.png", NULL);

      tf_gui_test_settle (200);
      tf_gui_test_shoot_screen (GTK_WIDGET (preview), path);
    }
  gtk_window_destroy (preview);
  tf_gui_test_settle (50);
  g_assert_false (g_file_test (preview_path, G_FILE_TEST_EXISTS));

  /* Fetch: the bundle import's preview, then Import. */
  tf_regional_pane_fetch (fixture.pane, 0);
  tf_gui_test_wait_until (import_dialog_shown, &fixture, "the import preview");
  if (english ())
    g_assert_nonnull (tf_gui_test_find_label (GTK_WIDGET (tf_gui_test_find_toplevel (TF_TYPE_IMPORT_DIALOG)),
                                              "From the regional archive"));
  g_assert_cmpint (tf_gui_test_archive_int (fixture.archive_b, "SELECT count(*) FROM experiments"), ==, 1);
  gtk_widget_activate_action (GTK_WIDGET (tf_gui_test_find_toplevel (TF_TYPE_IMPORT_DIALOG)), "import.import", NULL);
  tf_gui_test_wait_until (import_dialog_gone, &fixture, "the import");
  g_assert_cmpint (tf_gui_test_archive_int (fixture.archive_b, "SELECT count(*) FROM experiments"), ==, 2);
  g_assert_cmpint (tf_window_get_experiment_id (fixture.window), ==,
                   tf_gui_test_archive_int (fixture.archive_b, "SELECT max(id) FROM experiments"));

  /* B publishes its own demo: each department finds the other's. */
  g_assert_true (tf_window_show_experiment (fixture.window,
                                            tf_gui_test_archive_int (fixture.archive_b,
                                                                     "SELECT min(id) FROM experiments")));
  publish (&fixture, "published to the region");
  hits = search (&fixture, "élus");
  g_assert_cmpuint (hits->len, ==, 2);
  g_assert_cmpuint (count_found (lycees, "élus", "culture"), ==, 1);

  /* Withdraw: offered for its own only, chosen with the keyboard, confirmed. */
  {
    guint own = g_strcmp0 (((TfRegionalHit *) g_ptr_array_index (hits, 0))->department, "culture") == 0 ? 0 : 1;
    GtkWidget *withdraw = tf_regional_pane_get_withdraw_button (fixture.pane, own);
    GtkWindow *dialog;

    g_assert_true (((TfRegionalHit *) g_ptr_array_index (hits, own))->may_withdraw);
    g_assert_false (((TfRegionalHit *) g_ptr_array_index (hits, 1 - own))->may_withdraw);
    g_assert_null (tf_regional_pane_get_withdraw_button (fixture.pane, 1 - own));
    g_assert_nonnull (withdraw);
    gtk_widget_grab_focus (tf_regional_pane_get_withdraw_button (fixture.pane, own));
    tf_gui_test_send_key_only (GTK_WINDOW (fixture.window), "Return");
    tf_gui_test_wait_until (message_dialog_shown, &fixture, "the withdraw dialog");
    dialog = tf_gui_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
    if (english ())
      g_assert_nonnull (tf_gui_test_find_label (GTK_WIDGET (dialog), "Withdraw “Résidence culture"));
    shoot (&fixture, "withdraw.png");
    /* Cancel is the default: Tab to Withdraw. */
    tf_gui_test_send_key (dialog, "Tab");
    tf_gui_test_send_key_only (dialog, "Return");
    tf_gui_test_wait_until (withdrawn, &fixture, "the withdraw");
    g_assert_cmpuint (tf_regional_pane_get_hits (fixture.pane)->len, ==, 1);
    g_assert_false (((TfRegionalHit *) g_ptr_array_index (tf_regional_pane_get_hits (fixture.pane), 0))->may_withdraw);
    if (english ())
      tf_gui_test_wait_for_label (GTK_WIDGET (fixture.window), "withdrawn from the region", TF_GUI_TEST_DEADLINE_MS);
    g_assert_cmpuint (count_found (lycees, "élus", "culture"), ==, 0);
  }

  /* More than 50 results: the next ones on demand, in the same order. */
  {
    PGconn *admin = pg_connect ("postgres", "transfo");

    pg_exec (admin, "INSERT INTO transfo.experiments (source_uuid, department, version, source_modified, title, search)"
                    " SELECT 'zeppelin-' || i, 'lycees', 1, '2026-01-01', 'Zeppelin ' || i,"
                    "        transfo.document ('Zeppelin ' || i, 'A')"
                    " FROM generate_series (1, 55) AS i");
    PQfinish (admin);
  }
  hits = search (&fixture, "zeppelin");
  g_assert_cmpuint (hits->len, ==, TF_REGIONAL_SEARCH_LIMIT);
  g_assert_true (tf_regional_pane_get_more (fixture.pane, NULL, NULL));
  gtk_widget_grab_focus (tf_regional_pane_get_more_button (fixture.pane));
  tf_gui_test_send_key_only (GTK_WINDOW (fixture.window), "Return");
  tf_gui_test_wait_until (more_shown, &fixture, "the next results");
  hits = tf_regional_pane_get_hits (fixture.pane);
  g_assert_cmpuint (hits->len, ==, 55);
  g_assert_false (tf_regional_pane_get_more (fixture.pane, NULL, NULL));
  {
    GHashTable *seen = g_hash_table_new (g_int64_hash, g_int64_equal);

    for (guint i = 0; i < hits->len; i++)
      g_hash_table_add (seen, &((TfRegionalHit *) g_ptr_array_index (hits, i))->id);
    g_assert_cmpuint (g_hash_table_size (seen), ==, 55);
    g_hash_table_unref (seen);
  }
  /* The keyboard is on the first new result. */
  {
    GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (fixture.window));

    GtkWidget *row = focus != NULL ? gtk_widget_get_ancestor (focus, GTK_TYPE_LIST_BOX_ROW) : NULL;

    g_assert_nonnull (row);
    g_assert_cmpint (gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row)), ==, TF_REGIONAL_SEARCH_LIMIT);
  }
  stop (&fixture, &fixture.archive_b);

  g_free (fixture.shots);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  if (!tf_gui_test_init (&argc, &argv, FALSE))
    return 77;
  if ((cluster = tf_pg_cluster_start (NULL, FALSE, NULL, &error)) == NULL)
    {
      if (!g_error_matches (error, TF_PG_CLUSTER_ERROR, TF_PG_CLUSTER_ERROR_MISSING))
        g_error ("The test's PostgreSQL did not start: %s", error->message);
      skip_reason = g_strdup (error->message);
    }
  g_test_add_func ("/regional-gui/two-departments", test_two_departments);
  status = g_test_run ();
  g_clear_pointer (&cluster, tf_pg_cluster_stop);
  g_free (skip_reason);
  return status;
}
