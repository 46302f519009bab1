/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "tf-gui-test"

#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <glib/gstdio.h>
#include <gdk/x11/gdkx.h>
#if defined(__SANITIZE_ADDRESS__)
#include <link.h>
#include <sanitizer/lsan_interface.h>
/* From the sanitizers' allocator interface (GCC 12 ships no header for it). */
extern int __sanitizer_get_ownership (const volatile void *p);
extern size_t __sanitizer_get_allocated_size (const volatile void *p);
#endif

#include "canvas/tf-scene.h"
#include "core/tf-archive.h"
#include "core/tf-demo.h"
#include "core/tf-experiment-commands.h"
#include "core/tf-history.h"
#include "room/tf-room-session.h"
#include "tf-board-page.h"
#include "core/tf-last-place.h"
#include "tf-gui-test-util.h"
#include "tf-test-util.h"
#include "wings/tf-wings.h"

#if defined(__SANITIZE_ADDRESS__)
/* GLib's first quark array is allocated by its constructor before main() and
 * dropped on purpose once a process passes 2048 quarks (glib/gquark.c, "This
 * leaks the old quarks array"): every window with a file dialog or xdotool's
 * keys gets there. With the fast unwinder (the default, and many times faster
 * than the slow one on every allocation) its stack is only malloc and
 * g_malloc, which no suppression can name without hiding every leak made
 * through g_malloc. So the tests tell LeakSanitizer about that one object:
 * the pointer in GLib's writable data that owns a heap block of 2048
 * pointers holding the first quarks. */
static int
keep_first_quark_array (struct dl_phdr_info *info,
                        size_t               size,
                        void                *data)
{
  const size_t block = 2048 * sizeof (char *);

  (void) size;
  if (info->dlpi_name == NULL || strstr (info->dlpi_name, "libglib-2.0.so") == NULL)
    return 0;
  for (int i = 0; i < info->dlpi_phnum; i++)
    {
      const ElfW (Phdr) *ph = &info->dlpi_phdr[i];
      uintptr_t start, end;

      if (ph->p_type != PT_LOAD || (ph->p_flags & PF_W) == 0)
        continue;
      start = (info->dlpi_addr + ph->p_vaddr + sizeof (void *) - 1) & ~(uintptr_t) (sizeof (void *) - 1);
      end = info->dlpi_addr + ph->p_vaddr + ph->p_memsz;
      for (uintptr_t at = start; at + sizeof (void *) <= end; at += sizeof (void *))
        {
          const char **candidate = *(const char ***) at;

          if (candidate == NULL || !__sanitizer_get_ownership (candidate) ||
              __sanitizer_get_allocated_size (candidate) != block ||
              candidate[1] != g_quark_to_string (1) ||
              candidate[2] != g_quark_to_string (2))
            continue;
          __lsan_ignore_object (candidate);
          *(gboolean *) data = TRUE;
          return 1;
        }
    }
  return 0;
}
#endif

gboolean
tf_gui_test_init (int      *argc,
                  char   ***argv,
                  gboolean  animations)
{
  const char *localedir = g_getenv ("TRANSFO_LOCALEDIR");

#if defined(__SANITIZE_ADDRESS__)
  gboolean kept = FALSE;

  dl_iterate_phdr (keep_first_quark_array, &kept);
  if (!kept)
    g_printerr ("tf-gui-test: GLib's first quark array not found (a leak report may follow)\n");
#endif
  setlocale (LC_ALL, "");
  /* The build's translations (LANGUAGE=fr TRANSFO_LOCALEDIR=build/po), for
   * tests and screenshots in French. */
  if (localedir != NULL && *localedir != '\0')
    {
      bindtextdomain (GETTEXT_PACKAGE, localedir);
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
      textdomain (GETTEXT_PACKAGE);
    }
  g_test_init (argc, argv, NULL);
  tf_wings_init ();
  g_test_log_set_fatal_handler (tf_test_fatal_log_handler, NULL);

  if (!gtk_init_check ())
    {
      g_printerr ("Cannot open a display: run the GUI tests under Xvfb (xvfb-run).\n");
      return FALSE;
    }
  if (!animations)
    g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  return TRUE;
}

void
tf_gui_test_settle (guint iterations)
{
  for (guint i = 0; i < iterations && g_main_context_pending (NULL); i++)
    g_main_context_iteration (NULL, FALSE);
}

/* The application and its window */

GtkWindow *
tf_gui_test_find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_mapped (GTK_WIDGET (window)))
        return window;
    }
  return NULL;
}

char *
tf_gui_test_archive_path (void)
{
  const char *archive = g_getenv ("TRANSFO_ARCHIVE");

  g_assert_nonnull (archive);
  tf_test_remove_archive_files (archive);
  /* A new archive: its next launch is a first one. */
  tf_last_place_forget (archive);
  return g_strdup (archive);
}

TfApplication *
tf_gui_test_new_application (const char *archive_path)
{
  static guint instance;
  g_autofree char *app_id = NULL;
  TfApplication *app = tf_application_new (archive_path);

  /* One test may run while a real Transfo is open: never hand over to it. */
  g_application_set_flags (G_APPLICATION (app),
                           G_APPLICATION_HANDLES_COMMAND_LINE | G_APPLICATION_NON_UNIQUE);
  /* With a session bus, even a non-unique application exports its actions
   * under its id: each test case gets an id of its own, so that the next
   * one does not collide with what the last one left exported. The
   * resources stay where the real application finds them. */
  app_id = g_strdup_printf ("%s.Test%u_%u", APP_ID, (guint) getpid (), ++instance);
  g_application_set_application_id (G_APPLICATION (app), app_id);
  g_application_set_resource_base_path (G_APPLICATION (app), "/fr/transfo/Transfo");
  return app;
}

void
tf_gui_test_wait_ready (TfWindow *window)
{
  gboolean expired = FALSE;
  guint timeout;

  /* Ready: mapped (viewable) and drawn once, however loaded the machine. */
  timeout = g_timeout_add (TF_GUI_TEST_DEADLINE_MS, tf_test_timed_out, &expired);
  while (!gtk_widget_get_mapped (GTK_WIDGET (window)) && !expired)
    g_main_context_iteration (NULL, TRUE);
  if (expired)
    g_error ("Timed out waiting for the window to be mapped");
  g_source_remove (timeout);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
}

/* The first experiment of an archive that has no example, or 0 (also
 * when the archive cannot be read from here: a read-only folder). */
static gint64
first_experiment_without_example (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 id = 0;

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
      sqlite3_prepare_v2 (db,
                          "SELECT coalesce(min(id), 0) FROM experiments"
                          " WHERE NOT EXISTS (SELECT 1 FROM experiments WHERE uuid = '" TF_DEMO_UUID "')",
                          -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return id;
}

TfWindow *
tf_gui_test_launch (const char     *archive_path,
                    TfApplication **app)
{
  g_autoptr(GError) error = NULL;
  TfWindow *window;

  *app = tf_gui_test_new_application (archive_path);
  g_application_register (G_APPLICATION (*app), NULL, &error);
  g_assert_no_error (error);

  /* Opens the archive (created with the demo) and the window, as a launch does. */
  g_application_activate (G_APPLICATION (*app));
  window = TF_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (*app)));
  g_assert_true (TF_IS_WINDOW (window));
  tf_gui_test_wait_ready (window);
  return window;
}

TfWindow *
tf_gui_test_start (const char     *archive_path,
                   TfApplication **app)
{
  TfWindow *window = tf_gui_test_launch (archive_path, app);

  /* A first launch welcomes: the tests start on the example, as a person
   * who chose "Explore the Example" would. */
  if (g_strcmp0 (tf_window_get_page (window), "welcome") == 0)
    {
      /* An archive a test made beforehand with no example in it (the
       * demo under another identity, say): its first experiment, not a
       * second example. */
      gint64 first = first_experiment_without_example (archive_path);

      if (first > 0)
        g_assert_true (tf_window_show_experiment (window, first));
      else
        g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.explore-example", NULL));
      tf_gui_test_settle (10);
    }
  return window;
}

void
tf_gui_test_stop (TfWindow       *window,
                  TfApplication **app,
                  char          **archive_path,
                  guint           iterations)
{
  gtk_window_close (GTK_WINDOW (window));
  tf_gui_test_settle (iterations);
  g_application_quit (G_APPLICATION (*app));
  g_clear_object (app);
  tf_test_remove_archive_files (*archive_path);
  g_clear_pointer (archive_path, g_free);
}

/* Boards */

GtkWidget *
tf_gui_test_find_widget (GtkWidget *root,
                         GType      type)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type))
        return child;
      if ((found = tf_gui_test_find_widget (child, type)) != NULL)
        return found;
    }
  return NULL;
}

GtkWidget *
tf_gui_test_find_label (GtkWidget  *root,
                        const char *text)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_LABEL (child) && strstr (gtk_label_get_text (GTK_LABEL (child)), text) != NULL)
        return child;
      if ((found = tf_gui_test_find_label (child, text)) != NULL)
        return found;
    }
  return NULL;
}

void
tf_gui_test_wait_for_label (GtkWidget  *root,
                            const char *text,
                            guint       timeout_ms)
{
  gboolean expired = FALSE;
  guint timeout = g_timeout_add (timeout_ms, tf_test_timed_out, &expired);

  while (tf_gui_test_find_label (root, text) == NULL && !expired)
    g_main_context_iteration (NULL, TRUE);
  if (expired)
    g_error ("no label holding “%s” within %u ms", text, timeout_ms);
  g_source_remove (timeout);
}

gint64
tf_gui_test_find_demo_board (const char  *archive_path,
                             const char  *kind_id,
                             gint64      *demo_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TfStore) store = NULL;
  g_autoptr(GListStore) boards = NULL;
  gint64 demo, board_id = 0;

  store = tf_store_open (archive_path, TF_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  demo = tf_archive_find_demo (store);
  g_assert_cmpint (demo, !=, 0);
  boards = tf_archive_list_boards (store, demo, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (boards)) && board_id == 0; i++)
    {
      g_autoptr(TfBoard) board = g_list_model_get_item (G_LIST_MODEL (boards), i);

      if (g_strcmp0 (tf_board_get_kind_id (board), kind_id) == 0)
        board_id = tf_board_get_id (board);
    }
  g_assert_cmpint (board_id, !=, 0);

  if (demo_id != NULL)
    *demo_id = demo;
  return board_id;
}

GtkWidget *
tf_gui_test_open_board (TfWindow *window,
                        gint64    board_id)
{
  GtkWidget *page;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.open-board", "x", board_id));
  tf_gui_test_settle (100);
  page = tf_gui_test_find_widget (GTK_WIDGET (window), TF_TYPE_BOARD_PAGE);
  g_assert_nonnull (page);
  return page;
}

TfBoardView *
tf_gui_test_open_board_view (TfWindow *window,
                             gint64    board_id)
{
  GtkWidget *page = tf_gui_test_open_board (window, board_id);
  TfBoardView *view = tf_board_page_get_view (TF_BOARD_PAGE (page));

  g_assert_cmpint (tf_board_view_get_board_id (view), ==, board_id);
  gtk_widget_grab_focus (GTK_WIDGET (view));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  tf_gui_test_settle (100);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (view)), >, 200);
  return view;
}

/* Screenshots */

void
tf_gui_test_save_screenshot (GtkWidget  *widget,
                             const char *path)
{
  gint64 deadline = g_get_monotonic_time () + TF_GUI_TEST_DEADLINE_MS * G_TIME_SPAN_MILLISECOND;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  int width, height;

  /* A widget whose layout a change just queued draws nothing until it is
   * laid out: wait for a frame then. */
  for (;;)
    {
      g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
      g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();

      width = gtk_widget_get_width (widget);
      height = gtk_widget_get_height (widget);
      gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
      node = gtk_snapshot_to_node (snapshot);
      if (node != NULL)
        break;
      if (g_get_monotonic_time () > deadline)
        g_error ("Timed out waiting for a frame of %s", G_OBJECT_TYPE_NAME (widget));
      gtk_test_widget_wait_for_draw (widget);
    }
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("Screenshot: %s", path);
}

/* Waiting, commands, screenshots */

void
tf_gui_test_wait_until (TfGuiTestCondition  condition,
                        gpointer            fixture,
                        const char         *what)
{
  gboolean expired = FALSE;
  guint timeout = g_timeout_add (TF_GUI_TEST_DEADLINE_MS, tf_test_timed_out, &expired);

  while (!condition (fixture) && !expired)
    g_main_context_iteration (NULL, TRUE);
  if (expired)
    g_error ("waited in vain for %s", what);
  g_source_remove (timeout);
}

gint64
tf_gui_test_execute (TfBoardView *view,
                     TfCommand   *command)
{
  g_autoptr(TfCommand) owned = command;

  g_assert_true (tf_board_view_execute (view, owned));
  return tf_command_get_result_id (owned);
}

void
tf_gui_test_shoot (GtkWidget  *window,
                   const char *dir,
                   const char *name)
{
  g_autofree char *path = NULL;

  if (dir == NULL)
    return;
  path = g_build_filename (dir, name, NULL);
  tf_gui_test_settle (200);
  gtk_test_widget_wait_for_draw (window);
  tf_gui_test_save_screenshot (window, path);
}

void
tf_gui_test_shoot_screen (GtkWidget  *window,
                          const char *path)
{
  g_autofree char *import = g_find_program_in_path ("import");
  g_autofree char *command = NULL;
  g_autoptr(GError) error = NULL;

  tf_test_run_for (300);
  if (import == NULL)
    {
      tf_gui_test_save_screenshot (window, path);
      return;
    }
  command = g_strdup_printf ("%s -window root %s", import, path);
  g_spawn_command_line_sync (command, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
}

char *
tf_gui_test_write_png (const char *dir,
                       const char *name,
                       int         width,
                       int         height,
                       double      r,
                       double      g,
                       double      b)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  cairo_t *cr = cairo_create (surface);
  char *path = g_build_filename (dir, name, NULL);

  cairo_set_source_rgb (cr, r, g, b);
  cairo_paint (cr);
  cairo_destroy (cr);
  g_assert_cmpint (cairo_surface_write_to_png (surface, path), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  return path;
}

void
tf_gui_test_remove_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (dir);
}

void
tf_gui_test_apply_size (TfWindow *window)
{
  const char *size = g_getenv ("TRANSFO_TEST_SIZE");
  int w = 0, h = 0;

  if (size != NULL && sscanf (size, "%dx%d", &w, &h) == 2)
    gtk_window_set_default_size (GTK_WINDOW (window), w, h);
}

TfBoardView *
tf_gui_test_new_board (TfWindow   *window,
                       const char *archive_path,
                       const char *kind,
                       const char *name,
                       gint64     *experiment_id,
                       gint64     *board_id)
{
  g_autoptr(TfCommand) command = NULL;
  g_autoptr(GError) error = NULL;
  TfBoardView *view;

  tf_gui_test_find_demo_board (archive_path, "insight-wall", experiment_id);
  command = tf_command_add_board (*experiment_id, kind, name);
  g_assert_true (tf_history_execute (tf_window_get_history (window), command, &error));
  g_assert_no_error (error);
  *board_id = tf_command_get_result_id (command);
  g_assert_cmpint (*board_id, !=, 0);
  view = tf_gui_test_open_board_view (window, *board_id);
  return view;
}

TfItem *
tf_gui_test_find_kind (TfBoardView *view,
                       const char  *kind)
{
  TfScene *scene = tf_board_view_get_scene (view);

  for (guint i = 0; scene != NULL && i < tf_scene_get_items (scene)->len; i++)
    {
      TfItem *item = g_ptr_array_index (tf_scene_get_items (scene), i);

      if (g_strcmp0 (item->kind_id, kind) == 0)
        return item;
    }
  return NULL;
}

/* Focuses @window in the X server, then sends @key as a keyboard would. */
void
tf_gui_test_send_key_only (GtkWindow  *window,
                           const char *key)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));
  g_autofree char *xid = g_strdup_printf ("%lu", (unsigned long) gdk_x11_surface_get_xid (surface));
  const char *argv[] = { "timeout", "30", "xdotool", "windowfocus", "--sync", xid,
                         "key", "--clearmodifiers", key, NULL };
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

void
tf_gui_test_send_key (GtkWindow  *window,
                      const char *key)
{
  tf_gui_test_send_key_only (window, key);
  /* Let GDK read what the server sent. */
  tf_gui_test_settle (20);
}


gint64
tf_gui_test_archive_int (const char *path,
                         const char *sql)
{
  sqlite3 *db = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  value = tf_test_sql_int (db, sql);
  sqlite3_close (db);
  return value;
}

char *
tf_gui_test_archive_text (const char *path,
                          const char *sql)
{
  sqlite3 *db = NULL;
  char *value;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  value = tf_test_sql_text (db, sql);
  sqlite3_close (db);
  return value;
}

gboolean
tf_gui_test_session_running (gpointer fixture)
{
  TfRoomSession *session = tf_room_session_get_running ();

  (void) fixture;
  return session != NULL && gtk_widget_get_mapped (GTK_WIDGET (tf_room_session_get_audience (session)));
}

gboolean
tf_gui_test_session_ended (gpointer fixture)
{
  (void) fixture;
  return tf_room_session_get_running () == NULL;
}

gboolean
tf_gui_test_round_open (gpointer session)
{
  return tf_room_session_get_vote_round (session) != NULL;
}

gboolean
tf_gui_test_round_closed (gpointer session)
{
  return tf_room_session_get_vote_round (session) == NULL;
}
