/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Phones in the room (gui/room/tf-room-phones.c, #13): in a session, O
 * offers the machine's addresses (the chooser takes the keyboard, Escape
 * leaves it); the room opens on 127.0.0.1, its QR code shows over the
 * audience view (zbarimg reads the address back from the window's pixels
 * when it is installed, in high contrast too); two insights posted over the loopback by curl,
 * as a phone's page does, wait in the queue; A accepts the first onto
 * the wall, X rejects the second; the archive holds one new note with the
 * text and one rejected contribution; Ctrl+Z puts the rejected one back
 * in the queue; G accepts it into one of the wall's clusters, chosen with
 * the arrows (Escape first leaves the list as it was), M
 * merges it into a note found by typing, each undone by one Ctrl+Z; O
 * closes the room. Keys through the X server (xdotool).
 * With TRANSFO_ROOM_SCREENSHOTS set to a folder, saves the audience and
 * the queue there.
 * /room/phones-queue, on the screen it is given (meson runs it at 800 × 600
 * and 1920 × 1080): twelve insights from twelve phones; over the audience
 * view the queue lists several at once, its count in sight; J and K
 * choose, the last row scrolled into sight; A accepts the one chosen, the
 * panel says so and D takes the audience view to the note; the audience's
 * code sits in the bottom-right corner, small, read back by zbarimg, its
 * module at least 4 pixels at 1920 × 1080 and 1280 × 720; Q hides it,
 * Shift+Q makes it large. TF_SHOTS (a folder) keeps screenshots. */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "room/tf-qr.h"

#include "canvas/tf-item-commands.h"
#include "room/tf-contribution.h"
#include "room/tf-room-phones.h"
#include "room/tf-room-session.h"
#include "tf-experiment-view.h"
#include "tf-gui-test-util.h"
#include "tf-gui-wings.h"
#include "tf-test-util.h"

static gboolean
window_mapped (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

static gboolean
chooser_up (gpointer data)
{
  return tf_room_phones_get_busy (data);
}

static gboolean
chooser_down (gpointer data)
{
  return !tf_room_phones_get_busy (data);
}

typedef struct {
  TfRoomPhones *phones;
  guint         n;
} WaitingWait;

static gboolean
n_waiting (gpointer data)
{
  WaitingWait *wait = data;

  return tf_room_phones_get_n_waiting (wait->phones) == wait->n;
}

/* What a phone's page posts, from another process (the server answers it
 * only once the app has stored it, so the test's main loop must run). */
/* Each phone its own loopback address (127.0.0.@phone), as phones on a
 * room's network each have theirs: the server counts a client's share by
 * its address. */
static GSubprocess *
post_insight_from (const char *url,
                   const char *key,
                   const char *text,
                   guint       phone)
{
  g_autofree char *target = g_strdup_printf ("%s/insight", url);
  g_autofree char *key_field = g_strdup_printf ("key=%s", key);
  g_autofree char *text_field = g_strdup_printf ("text=%s", text);
  g_autofree char *source = g_strdup_printf ("127.0.0.%u", phone);
  g_autoptr(GError) error = NULL;
  GSubprocess *curl = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error,
                                        "curl", "-s", "--max-time", "60", "--interface", source,
                                        "--data-urlencode", key_field, "--data-urlencode", text_field, target, NULL);

  g_assert_no_error (error);
  return curl;
}

static GSubprocess *
post_insight (const char *url,
              const char *key,
              const char *text)
{
  return post_insight_from (url, key, text, 1);
}

static void
posted (GObject      *source,
        GAsyncResult *result,
        gpointer      data)
{
  gboolean *done = data;

  g_assert_true (g_subprocess_wait_finish (G_SUBPROCESS (source), result, NULL));
  *done = TRUE;
}

static gboolean
flag_set (gpointer data)
{
  return *(gboolean *) data;
}

static void
wait_posted (GSubprocess *curl)
{
  gboolean done = FALSE;

  g_subprocess_wait_async (curl, NULL, posted, &done);
  tf_gui_test_wait_until (flag_set, &done, "curl");
  g_assert_true (g_subprocess_get_successful (curl));
}

/* The window's pixels, read by zbarimg: the QR code says the address. */
static void
assert_code_reads (GtkWidget  *audience,
                   const char *url)
{
  g_autofree char *zbarimg = g_find_program_in_path ("zbarimg");
  g_autofree char *dir = g_dir_make_tmp ("transfo-phones-XXXXXX", NULL);
  g_autofree char *png = NULL;
  g_autofree char *out = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  if (zbarimg == NULL)
    {
      g_test_message ("zbarimg not installed: the QR code is not read back");
      return;
    }
  png = g_build_filename (dir, "audience.png", NULL);
  tf_gui_test_save_screenshot (audience, png);
  {
    const char *argv[] = { zbarimg, "--quiet", "--raw", png, NULL };

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                                 &out, NULL, &status, &error));
  }
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  expected = g_strdup_printf ("%s\n", url);
  g_assert_cmpstr (out, ==, expected);
  tf_gui_test_remove_dir (dir);
}

static void
test_phones (void)
{
  TfApplication *app = NULL;
  g_autofree char *path = tf_gui_test_archive_path ();
  g_autofree char *url = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) first = NULL;
  g_autoptr(GSubprocess) second = NULL;
  TfWindow *window;
  TfRoomSession *session;
  TfRoomPhones *phones;
  GtkWindow *audience;
  gint64 demo_id = 0, wall, notes_before, horaires, guichet;
  WaitingWait wait;
  const char *folder = g_getenv ("TRANSFO_ROOM_SCREENSHOTS");

  window = tf_gui_test_start (path, &app);
  wall = tf_gui_test_find_demo_board (path, "insight-wall", &demo_id);
  g_assert_cmpint (wall, >, 0);
  g_assert_true (tf_window_show_experiment (window, demo_id));
  tf_gui_test_open_board_view (window, wall);
  /* Two clusters on the wall, for G: "Accueil" above "Horaires". */
  {
    const TfNewItem zones[] = {
      { "zone", TF_RECT_INIT (4000, 0, 400, 300), "Accueil", NULL, NULL, 0 },
      { "zone", TF_RECT_INIT (4000, 600, 400, 300), "Horaires", NULL, NULL, 0 },
    };

    g_assert_true (tf_history_execute (tf_window_get_history (window),
                                       tf_command_add_items (wall, zones, G_N_ELEMENTS (zones), "Add"), &error));
    g_assert_no_error (error);
    horaires = tf_gui_test_archive_int (path, "SELECT id FROM items WHERE kind = 'zone' AND text = 'Horaires'");
  }
  notes_before = tf_gui_test_archive_int (path, "SELECT count(*) FROM items");

  tf_gui_test_send_key (GTK_WINDOW (window), "F5");
  tf_gui_test_wait_until (tf_gui_test_session_running, NULL, "the audience window");
  session = tf_room_session_get_running ();
  audience = tf_room_session_get_audience (session);
  phones = tf_room_session_get_phones (session);
  g_assert_null (tf_room_phones_get_url (phones));
  g_assert_cmpuint (tf_room_phones_get_n_waiting (phones), ==, 0);

  /* O offers the addresses; Escape leaves the chooser, not the session. */
  tf_gui_test_send_key (audience, "o");
  tf_gui_test_wait_until (chooser_up, phones, "the address chooser");
  g_assert_true (tf_room_session_get_overlay_visible (session));
  tf_gui_test_send_key (audience, "Escape");
  tf_gui_test_wait_until (chooser_down, phones, "the address chooser closed");
  g_assert_true (tf_room_session_get_running () == session);
  g_assert_null (tf_room_phones_get_url (phones));

  /* The room on the loopback only (all test traffic stays there). */
  g_assert_true (tf_room_phones_open (phones, "127.0.0.1", &error));
  g_assert_no_error (error);
  url = g_strdup (tf_room_phones_get_url (phones));
  g_assert_true (g_str_has_prefix (url, "http://127.0.0.1:"));
  g_assert_true (tf_room_phones_get_qr_shown (phones));
  tf_gui_test_send_key (audience, "p");
  g_assert_false (tf_room_session_get_overlay_visible (session));
  /* The queue goes with the presenter's controls: private. */
  g_assert_false (gtk_widget_get_mapped (tf_room_phones_get_panel (phones)));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (audience));
  assert_code_reads (GTK_WIDGET (audience), url);
  /* Black on white in high contrast too. */
  tf_gui_test_send_key (audience, "h");
  gtk_test_widget_wait_for_draw (GTK_WIDGET (audience));
  assert_code_reads (GTK_WIDGET (audience), url);
  tf_gui_test_send_key (audience, "h");
  /* Q hides the code and shows it again. */
  tf_gui_test_send_key (audience, "q");
  g_assert_false (tf_room_phones_get_qr_shown (phones));
  tf_gui_test_send_key (audience, "q");
  g_assert_true (tf_room_phones_get_qr_shown (phones));

  /* Two insights from two phones, one after the other. */
  wait.phones = phones;
  first = post_insight (url, "0123456789abcdef0123456789abcdef", "Le guichet ferme à midi");
  wait.n = 1;
  tf_gui_test_wait_until (n_waiting, &wait, "the first insight in the queue");
  wait_posted (first);
  second = post_insight (url, "fedcba9876543210fedcba9876543210", "Rien à voir");
  wait.n = 2;
  tf_gui_test_wait_until (n_waiting, &wait, "the second insight in the queue");
  wait_posted (second);
  g_assert_cmpint (tf_gui_test_archive_int (path, "SELECT count(*) FROM contributions WHERE state = 0"), ==, 2);
  g_assert_cmpint (tf_gui_test_archive_int (path, "SELECT count(*) FROM items"), ==, notes_before);
  if (folder != NULL)
    {
      g_autofree char *shot = g_build_filename (folder, "room-phones-audience.png", NULL);

      tf_gui_test_save_screenshot (GTK_WIDGET (audience), shot);
      tf_gui_test_send_key (audience, "p");
      g_free (shot);
      shot = g_build_filename (folder, "room-phones-overlay.png", NULL);
      gtk_test_widget_wait_for_draw (GTK_WIDGET (audience));
      tf_gui_test_save_screenshot (GTK_WIDGET (audience), shot);
      tf_gui_test_send_key (audience, "p");
      /* The presenter's own window, as on a second monitor. */
      tf_room_session_set_presenter_window (session, TRUE);
      tf_gui_test_wait_until (window_mapped, tf_room_session_get_presenter (session), "the presenter's window");
      gtk_test_widget_wait_for_draw (GTK_WIDGET (tf_room_session_get_presenter (session)));
      g_free (shot);
      shot = g_build_filename (folder, "room-phones-presenter.png", NULL);
      tf_gui_test_save_screenshot (GTK_WIDGET (tf_room_session_get_presenter (session)), shot);
      tf_room_session_set_presenter_window (session, FALSE);
    }

  /* A accepts the oldest onto the wall; X rejects the other. */
  tf_gui_test_send_key (audience, "a");
  wait.n = 1;
  tf_gui_test_wait_until (n_waiting, &wait, "one insight accepted");
  g_assert_cmpint (tf_gui_test_archive_int (path, "SELECT count(*) FROM items"), ==, notes_before + 1);
  g_assert_cmpint (tf_gui_test_archive_int (path, "SELECT count(*) FROM items WHERE text = 'Le guichet ferme à midi'"), ==, 1);
  tf_gui_test_send_key (audience, "x");
  wait.n = 0;
  tf_gui_test_wait_until (n_waiting, &wait, "the other one rejected");
  g_assert_cmpint (tf_gui_test_archive_int (path, "SELECT count(*) FROM contributions WHERE state = 1"), ==, 1);
  g_assert_cmpint (tf_gui_test_archive_int (path, "SELECT count(*) FROM contributions WHERE state = 2 AND text = 'Rien à voir'"),
                   ==, 1);
  g_assert_cmpint (tf_gui_test_archive_int (path, "SELECT count(*) FROM items WHERE text = 'Rien à voir'"), ==, 0);

  /* Ctrl+Z takes the rejection back: the insight waits again. */
  tf_gui_test_send_key (audience, "ctrl+z");
  wait.n = 1;
  tf_gui_test_wait_until (n_waiting, &wait, "the rejection undone");
  g_assert_cmpint (tf_gui_test_archive_int (path, "SELECT count(*) FROM contributions WHERE state = 2"), ==, 0);
  g_assert_cmpint (tf_gui_test_archive_int (path, "SELECT count(*) FROM contributions WHERE state = 0"), ==, 1);
  g_assert_cmpint (tf_gui_test_archive_int (path, "SELECT count(*) FROM items"), ==, notes_before + 1);

  /* G: the wall's clusters, chosen with the arrows; Escape leaves it. */
  tf_gui_test_send_key (audience, "g");
  tf_gui_test_wait_until (chooser_up, phones, "the cluster chooser");
  tf_gui_test_send_key (audience, "Escape");
  tf_gui_test_wait_until (chooser_down, phones, "the cluster chooser left");
  g_assert_cmpuint (tf_room_phones_get_n_waiting (phones), ==, 1);
  tf_gui_test_send_key (audience, "g");
  tf_gui_test_wait_until (chooser_up, phones, "the cluster chooser");
  {
    g_autoptr(GPtrArray) clusters = tf_contribution_list_targets (tf_history_get_store (tf_window_get_history (window)),
                                                                  wall, TRUE, &error);
    guint downs = 0;

    g_assert_no_error (error);
    while (downs < clusters->len &&
           ((const TfContributionTarget *) g_ptr_array_index (clusters, downs))->id != horaires)
      downs++;
    g_assert_cmpuint (downs, <, clusters->len);
    g_assert_cmpuint (downs, >, 0);
    for (guint i = 0; i < downs; i++)
      tf_gui_test_send_key (audience, "Down");
  }
  tf_gui_test_send_key (audience, "Return");
  wait.n = 0;
  tf_gui_test_wait_until (n_waiting, &wait, "accepted into a cluster");
  g_assert_false (tf_room_phones_get_busy (phones));
  g_assert_cmpint (tf_gui_test_archive_int (path, "SELECT count(*) FROM items WHERE text = 'Rien à voir'"), ==, 1);
  g_assert_cmpint (tf_gui_test_archive_int (path, "SELECT parent_id FROM items WHERE text = 'Rien à voir'"), ==, horaires);
  /* One undo step takes it back to the queue. */
  tf_gui_test_send_key (audience, "ctrl+z");
  wait.n = 1;
  tf_gui_test_wait_until (n_waiting, &wait, "the cluster's accept undone");
  g_assert_cmpint (tf_gui_test_archive_int (path, "SELECT count(*) FROM items WHERE text = 'Rien à voir'"), ==, 0);

  /* M: the wall's notes, searched as one types; Enter merges. */
  guichet = tf_gui_test_archive_int (path, "SELECT id FROM items WHERE text = 'Le guichet ferme à midi'");
  tf_gui_test_send_key (audience, "m");
  tf_gui_test_wait_until (chooser_up, phones, "the note chooser");
  for (const char *letter = "ferme"; *letter != '\0'; letter++)
    {
      char key[2] = { *letter, '\0' };

      tf_gui_test_send_key (audience, key);
    }
  tf_gui_test_send_key (audience, "Return");
  wait.n = 0;
  tf_gui_test_wait_until (n_waiting, &wait, "merged into a note");
  g_assert_cmpint (tf_gui_test_archive_int (path, "SELECT count(*) FROM contributions WHERE state = 3 AND text = 'Rien à voir'"),
                   ==, 1);
  g_assert_cmpint (tf_gui_test_archive_int (path, "SELECT item_id FROM contributions WHERE text = 'Rien à voir'"), ==, guichet);
  tf_gui_test_send_key (audience, "ctrl+z");
  wait.n = 1;
  tf_gui_test_wait_until (n_waiting, &wait, "the merge undone");
  g_assert_cmpint (tf_gui_test_archive_int (path, "SELECT count(*) FROM contributions WHERE state = 0"), ==, 1);

  /* O again closes the room: its address is gone. */
  tf_gui_test_send_key (audience, "o");
  g_assert_null (tf_room_phones_get_url (phones));
  g_assert_false (tf_room_phones_get_qr_shown (phones));

  tf_gui_test_send_key (audience, "Escape");
  tf_gui_test_wait_until (tf_gui_test_session_ended, NULL, "the session's end");
  g_assert_cmpint (tf_gui_test_archive_int (path, "SELECT count(*) FROM contributions"), ==, 2);
  tf_gui_test_stop (window, &app, &path, 100);
}

static gboolean
round_has_ballot (gpointer data)
{
  TfVoteRound *round = tf_room_session_get_vote_round (data);

  return round != NULL && tf_vote_round_get_n_cast (round) == 1;
}

/* The phone page, as a phone gets it (the server answers a page itself). */
static char *
get_page (const char *url)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) curl = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                                                  "curl", "-s", "--max-time", "60", url, NULL);
  char *page = NULL;

  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate_utf8 (curl, NULL, NULL, &page, NULL, &error));
  g_assert_no_error (error);
  return page;
}

typedef struct {
  const char *url;
  gboolean    want;
  char       *page;
} PageWait;

/* The page offers the round's dots (or not): the server learns of the
 * round over its pipe, a moment after the app. */
static gboolean
page_offers_vote (gpointer data)
{
  PageWait *wait = data;

  g_free (wait->page);
  wait->page = get_page (wait->url);
  return (strstr (wait->page, "name=\"colour\"") != NULL) == wait->want;
}

/* A round opened during the session, after the room: its phones vote.
 * V, Enter; the page shows the round; a phone's ballot (one dot of the
 * first colour on the first note) shows in the session's round; R closes
 * it (revealed first if hidden) and the archive counts the phone's dot;
 * the page then offers no round. */
static void
test_phone_votes (void)
{
  TfApplication *app = NULL;
  g_autofree char *path = tf_gui_test_archive_path ();
  g_autofree char *url = NULL;
  g_autofree char *field = NULL;
  g_autofree char *target = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) phone = NULL;
  TfWindow *window;
  TfRoomSession *session;
  TfRoomPhones *phones;
  GtkWindow *audience;
  gint64 demo_id = 0, wall, note;
  PageWait wait = { NULL, TRUE, NULL };
  const char *name;

  window = tf_gui_test_start (path, &app);
  wall = tf_gui_test_find_demo_board (path, "insight-wall", &demo_id);
  g_assert_true (tf_window_show_experiment (window, demo_id));
  tf_gui_test_open_board_view (window, wall);
  tf_gui_test_send_key (GTK_WINDOW (window), "F5");
  tf_gui_test_wait_until (tf_gui_test_session_running, NULL, "the audience window");
  session = tf_room_session_get_running ();
  audience = tf_room_session_get_audience (session);
  phones = tf_room_session_get_phones (session);
  g_assert_true (tf_room_phones_open (phones, "127.0.0.1", &error));
  g_assert_no_error (error);
  url = g_strdup (tf_room_phones_get_url (phones));

  /* No round yet: the page offers none. */
  wait.url = url;
  wait.want = FALSE;
  tf_gui_test_wait_until (page_offers_vote, &wait, "a page without a round");

  tf_gui_test_send_key (audience, "v");
  tf_gui_test_send_key (audience, "Return");
  tf_gui_test_wait_until (tf_gui_test_round_open, session, "the round");
  wait.want = TRUE;
  tf_gui_test_wait_until (page_offers_vote, &wait, "the round on the phone page");
  /* The first note's dots field, named after the note. */
  name = strstr (wait.page, "name=\"n");
  g_assert_nonnull (name);
  note = g_ascii_strtoll (name + strlen ("name=\"n"), NULL, 10);
  g_assert_cmpint (note, ==, tf_vote_round_get_note (tf_room_session_get_vote_round (session), 0));

  field = g_strdup_printf ("n%" G_GINT64_FORMAT "=1", note);
  target = g_strdup_printf ("%s/vote", url);
  phone = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error,
                            "curl", "-s", "--max-time", "60", "--data-urlencode",
                            "key=00112233445566778899aabbccddeeff", "--data-urlencode", "colour=0",
                            "--data-urlencode", field, target, NULL);
  g_assert_no_error (error);
  tf_gui_test_wait_until (round_has_ballot, session, "the phone's ballot in the round");
  wait_posted (phone);
  g_assert_cmpuint (tf_vote_round_get_count (tf_room_session_get_vote_round (session), note, 0), ==, 1);

  /* R reveals a hidden round, then closes it. */
  if (!tf_vote_round_get_shown (tf_room_session_get_vote_round (session)))
    tf_gui_test_send_key (audience, "r");
  tf_gui_test_send_key (audience, "r");
  tf_gui_test_wait_until (tf_gui_test_round_closed, session, "the round closed");
  g_assert_cmpint (tf_gui_test_archive_int (path, "SELECT count(*) FROM vote_rounds"), ==, 1);
  g_assert_cmpint (tf_gui_test_archive_int (path, "SELECT sum(count) FROM vote_counts"), ==, 1);
  wait.want = FALSE;
  tf_gui_test_wait_until (page_offers_vote, &wait, "the round gone from the phone page");
  g_free (wait.page);

  tf_gui_test_send_key (audience, "Escape");
  tf_gui_test_wait_until (tf_gui_test_session_ended, NULL, "the session's end");
  tf_gui_test_stop (window, &app, &path, 100);
}

typedef struct {
  TfRoomPhones *phones;
  gint64        id;
} SelectedWait;

static gboolean
selected_is (gpointer data)
{
  SelectedWait *wait = data;

  return tf_room_phones_get_selected (wait->phones) == wait->id;
}

/* The queue's rows wholly in sight in its scrolled window. */
static guint
rows_in_sight (TfRoomPhones *phones)
{
  GtkWidget *queue = tf_room_phones_get_queue (phones);
  GtkWidget *scrolled = gtk_widget_get_ancestor (queue, GTK_TYPE_SCROLLED_WINDOW);
  int height = gtk_widget_get_height (scrolled);
  guint n = 0;

  for (GtkWidget *row = gtk_widget_get_first_child (queue); row != NULL; row = gtk_widget_get_next_sibling (row))
    {
      graphene_rect_t bounds;

      if (gtk_widget_compute_bounds (row, scrolled, &bounds) && bounds.origin.y >= -0.5 &&
          bounds.origin.y + bounds.size.height <= height + 0.5)
        n++;
    }
  return n;
}

/* @widget wholly inside its window. */
static gboolean
in_window (GtkWidget *widget)
{
  GtkWidget *window = GTK_WIDGET (gtk_widget_get_root (widget));
  graphene_rect_t bounds;

  return gtk_widget_get_mapped (widget) && gtk_widget_compute_bounds (widget, window, &bounds) &&
         bounds.origin.x >= 0 && bounds.origin.y >= 0 && bounds.size.width > 0 &&
         bounds.origin.x + bounds.size.width <= gtk_widget_get_width (window) + 0.5 &&
         bounds.origin.y + bounds.size.height <= gtk_widget_get_height (window) + 0.5;
}

static gboolean
selected_in_sight (gpointer data)
{
  TfRoomPhones *phones = data;
  GtkWidget *queue = tf_room_phones_get_queue (phones);
  GtkListBoxRow *row = gtk_list_box_get_selected_row (GTK_LIST_BOX (queue));
  GtkWidget *scrolled = gtk_widget_get_ancestor (queue, GTK_TYPE_SCROLLED_WINDOW);
  graphene_rect_t bounds;

  return row != NULL && gtk_widget_compute_bounds (GTK_WIDGET (row), scrolled, &bounds) &&
         bounds.origin.y >= -0.5 && bounds.origin.y + bounds.size.height <= gtk_widget_get_height (scrolled) + 0.5;
}

typedef struct {
  TfRoomSession *session;
  gint64         item;
} ItemWait;

/* The note wholly within the audience view, zoomed (D's camera). */
static gboolean
item_on_audience (gpointer data)
{
  ItemWait *wait = data;
  TfCanvasView *view = tf_room_session_get_audience_view (wait->session);
  TfScene *scene = tf_canvas_view_get_scene (view);
  const TfItem *item = scene != NULL ? tf_scene_lookup (scene, wait->item) : NULL;
  double x0, y0, x1, y1;

  if (item == NULL)
    return FALSE;
  tf_canvas_view_to_widget (view, item->bounds.x, item->bounds.y, &x0, &y0);
  tf_canvas_view_to_widget (view, item->bounds.x + item->bounds.width, item->bounds.y + item->bounds.height, &x1, &y1);
  return (tf_room_session_get_modes (wait->session) & TF_ROOM_SESSION_ZOOMED) != 0 &&
         x0 >= 0 && y0 >= 0 && x1 <= gtk_widget_get_width (GTK_WIDGET (view)) &&
         y1 <= gtk_widget_get_height (GTK_WIDGET (view)) && x1 - x0 > 60;
}

/* The box around the runs of pure white pixels at least 16 wide in @png
 * (the code's card, whose margins are white; thin white strokes such as
 * the cards' "Enter to read" marks do not count), or FALSE when there is
 * none. */
static gboolean
white_box (const char *png,
           int        *width,
           int        *height,
           int         box[4])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = gdk_texture_new_from_filename (png, &error);
  g_autofree guchar *pixels = NULL;
  int w, h;

  g_assert_no_error (error);
  w = gdk_texture_get_width (texture);
  h = gdk_texture_get_height (texture);
  pixels = g_malloc ((gsize) w * h * 4);
  gdk_texture_download (texture, pixels, (gsize) w * 4);
  box[0] = w;
  box[1] = h;
  box[2] = -1;
  box[3] = -1;
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w;)
      {
        int end = x;

        while (end < w)
          {
            const guchar *p = pixels + ((gsize) y * w + end) * 4;

            if (p[0] != 255 || p[1] != 255 || p[2] != 255)
              break;
            end++;
          }
        if (end - x >= 16)
          {
            box[0] = MIN (box[0], x);
            box[1] = MIN (box[1], y);
            box[2] = MAX (box[2], end - 1);
            box[3] = MAX (box[3], y);
          }
        x = end > x ? end : x + 1;
      }
  *width = w;
  *height = h;
  return box[2] >= 0;
}

static void
test_queue (void)
{
  TfApplication *app = NULL;
  g_autofree char *path = tf_gui_test_archive_path ();
  g_autofree char *url = NULL;
  g_autofree char *dir = g_dir_make_tmp ("transfo-phones-queue-XXXXXX", NULL);
  g_autofree char *png = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) phones_posting = g_ptr_array_new_with_free_func (g_object_unref);
  const char *shots = g_getenv ("TF_SHOTS");
  TfWindow *window;
  TfRoomSession *session;
  TfRoomPhones *phones;
  GtkWindow *audience;
  gint64 demo_id = 0, wall, first, last, note;
  WaitingWait wait;
  SelectedWait selected;
  ItemWait shown;
  TfQr *qr;
  int width, height, box[4];
  guint n = 12;
  const char *lang = g_getenv ("LANGUAGE") != NULL && g_str_has_prefix (g_getenv ("LANGUAGE"), "fr") ? "fr" : "en";
  g_autofree char *tag = NULL;

  window = tf_gui_test_start (path, &app);
  wall = tf_gui_test_find_demo_board (path, "insight-wall", &demo_id);
  g_assert_true (tf_window_show_experiment (window, demo_id));
  tf_gui_test_open_board_view (window, wall);
  tf_gui_test_send_key (GTK_WINDOW (window), "F5");
  tf_gui_test_wait_until (tf_gui_test_session_running, NULL, "the audience window");
  session = tf_room_session_get_running ();
  audience = tf_room_session_get_audience (session);
  phones = tf_room_session_get_phones (session);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (audience));
  tag = g_strdup_printf ("%dx%d-%s", gtk_widget_get_width (GTK_WIDGET (audience)),
                         gtk_widget_get_height (GTK_WIDGET (audience)), lang);
  g_assert_true (tf_room_phones_open (phones, "127.0.0.1", &error));
  g_assert_no_error (error);
  url = g_strdup (tf_room_phones_get_url (phones));

  /* Twelve phones at once. */
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *key = g_strdup_printf ("%032x", 0xabc000 + i);
      g_autofree char *text = g_strdup_printf ("Idée %02u : le formulaire en ligne demande trois fois "
                                               "la même pièce justificative", i + 1);

      g_ptr_array_add (phones_posting, post_insight_from (url, key, text, 10 + i));
    }
  wait.phones = phones;
  wait.n = n;
  tf_gui_test_wait_until (n_waiting, &wait, "twelve insights in the queue");
  for (guint i = 0; i < n; i++)
    wait_posted (g_ptr_array_index (phones_posting, i));

  /* 1. Over the audience view the queue lists several at once; the count
   * stays in sight; the rest scrolls. */
  if (!tf_room_session_get_overlay_visible (session))
    tf_gui_test_send_key (audience, "p");
  g_assert_true (tf_room_session_get_overlay_visible (session));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (audience));
  tf_gui_test_settle (200);
  g_assert_true (in_window (tf_room_phones_get_count (phones)));
  g_test_message ("%s: %u rows of %u in sight", tag, rows_in_sight (phones), n);
  g_assert_cmpuint (rows_in_sight (phones), >=, 5);
  if (shots != NULL)
    {
      g_autofree char *name = g_strdup_printf ("phones-queue-%s.png", tag);
      g_autofree char *shot = g_build_filename (shots, name, NULL);

      tf_gui_test_shoot_screen (GTK_WIDGET (audience), shot);
    }

  /* 2. J and K choose; the oldest first; the last one in sight once chosen. */
  first = tf_room_phones_get_selected (phones);
  g_assert_cmpint (first, ==, tf_gui_test_archive_int (path, "SELECT min(id) FROM contributions WHERE state = 0"));
  last = tf_gui_test_archive_int (path, "SELECT max(id) FROM contributions WHERE state = 0");
  selected.phones = phones;
  tf_gui_test_send_key (audience, "j");
  selected.id = tf_gui_test_archive_int (path, "SELECT id FROM contributions WHERE state = 0 ORDER BY id LIMIT 1 OFFSET 1");
  tf_gui_test_wait_until (selected_is, &selected, "J chose the second");
  tf_gui_test_send_key (audience, "k");
  selected.id = first;
  tf_gui_test_wait_until (selected_is, &selected, "K chose the first again");
  tf_gui_test_send_key (audience, "k");
  g_assert_cmpint (tf_room_phones_get_selected (phones), ==, first);
  for (guint i = 0; i < n; i++)
    tf_gui_test_send_key_only (audience, "j");
  selected.id = last;
  tf_gui_test_wait_until (selected_is, &selected, "J chose the last");
  tf_gui_test_wait_until (selected_in_sight, phones, "the last row scrolled into sight");
  g_assert_true (in_window (tf_room_phones_get_count (phones)));

  /* 3. A accepts the one chosen: the panel says it, the note is outlined,
   * D takes the audience to it. */
  tf_gui_test_send_key (audience, "a");
  wait.n = n - 1;
  tf_gui_test_wait_until (n_waiting, &wait, "the last one accepted");
  note = tf_gui_test_archive_int (path, "SELECT item_id FROM contributions WHERE state = 1");
  g_assert_cmpint (tf_gui_test_archive_int (path, "SELECT id FROM contributions WHERE state = 1"), ==, last);
  g_assert_cmpint (note, >, 0);
  g_assert_cmpint (tf_room_phones_get_last_accepted (phones), ==, note);
  g_assert_nonnull (tf_room_phones_get_notice (phones));
  {
    /* The phones sent at once: which came last is the archive's word. */
    g_autofree char *sql = g_strdup_printf ("SELECT text FROM contributions WHERE id = %" G_GINT64_FORMAT, last);
    g_autofree char *text = tf_gui_test_archive_text (path, sql);

    g_assert_nonnull (strstr (tf_room_phones_get_notice (phones), text));
  }
  /* The one before it is chosen now, so that A goes on down the queue. */
  g_assert_cmpint (tf_room_phones_get_selected (phones), ==,
                   tf_gui_test_archive_int (path, "SELECT max(id) FROM contributions WHERE state = 0"));
  if (shots != NULL)
    {
      g_autofree char *name = g_strdup_printf ("phones-accepted-%s.png", tag);
      g_autofree char *shot = g_build_filename (shots, name, NULL);

      tf_gui_test_shoot_screen (GTK_WIDGET (audience), shot);
    }
  tf_gui_test_send_key (audience, "p");
  g_assert_false (tf_room_session_get_overlay_visible (session));
  tf_gui_test_send_key (audience, "d");
  shown.session = session;
  shown.item = note;
  tf_gui_test_wait_until (item_on_audience, &shown, "D took the audience view to the note");
  if (shots != NULL)
    {
      g_autofree char *name = g_strdup_printf ("phones-shown-%s.png", tag);
      g_autofree char *shot = g_build_filename (shots, name, NULL);

      tf_gui_test_shoot_screen (GTK_WIDGET (audience), shot);
    }
  /* Z comes back to the step's view. */
  tf_gui_test_send_key (audience, "z");
  g_assert_false ((tf_room_session_get_modes (session) & TF_ROOM_SESSION_ZOOMED) != 0);

  /* 4. The code in the bottom-right corner, small, read back. */
  g_assert_true (tf_room_phones_get_qr_shown (phones));
  g_assert_false (tf_room_phones_get_qr_large (phones));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (audience));
  tf_gui_test_settle (200);
  png = g_build_filename (dir, "audience.png", NULL);
  tf_gui_test_save_screenshot (GTK_WIDGET (audience), png);
  g_assert_true (white_box (png, &width, &height, box));
  g_test_message ("%s: the code's card %d,%d–%d,%d", tag, box[0], box[1], box[2], box[3]);
  g_assert_cmpint (box[0], >, width / 2);
  g_assert_cmpint (box[1], >, height / 3);
  /* At most a ninth of the view (it was a third). */
  g_assert_cmpint ((gint64) (box[2] - box[0]) * (box[3] - box[1]), <, (gint64) width * height / 9);
  if (shots != NULL)
    {
      g_autofree char *name = g_strdup_printf ("phones-code-%s.png", tag);
      g_autofree char *shot = g_build_filename (shots, name, NULL);

      tf_gui_test_shoot_screen (GTK_WIDGET (audience), shot);
    }
  assert_code_reads (GTK_WIDGET (audience), url);
  /* Its module on a projector: at least 4 pixels in the corner. */
  qr = tf_qr_new (url);
  g_assert_nonnull (qr);
  g_test_message ("%u modules: corner %d px at 1920×1080, %d px at 1280×720; large %d, %d", qr->width,
                  tf_room_phones_module_for (qr->width, 1920, 1080, FALSE),
                  tf_room_phones_module_for (qr->width, 1280, 720, FALSE),
                  tf_room_phones_module_for (qr->width, 1920, 1080, TRUE),
                  tf_room_phones_module_for (qr->width, 1280, 720, TRUE));
  g_assert_cmpint (tf_room_phones_module_for (qr->width, 1920, 1080, FALSE), >=, 6);
  g_assert_cmpint (tf_room_phones_module_for (qr->width, 1280, 720, FALSE), >=, 4);
  g_assert_cmpint (tf_room_phones_module_for (qr->width, 1920, 1080, TRUE), >=, 12);
  g_assert_cmpint (tf_room_phones_module_for (qr->width, 1280, 720, TRUE), >=, 8);
  tf_qr_free (qr);
  /* Q hides it and brings it back; Shift+Q makes it large, and back. */
  tf_gui_test_send_key (audience, "q");
  g_assert_false (tf_room_phones_get_qr_shown (phones));
  g_assert_false (gtk_widget_get_visible (tf_room_phones_get_audience (phones)));
  tf_gui_test_send_key (audience, "q");
  g_assert_true (tf_room_phones_get_qr_shown (phones));
  tf_gui_test_send_key (audience, "shift+q");
  g_assert_true (tf_room_phones_get_qr_large (phones));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (audience));
  tf_gui_test_settle (200);
  assert_code_reads (GTK_WIDGET (audience), url);
  tf_gui_test_send_key (audience, "shift+q");
  g_assert_false (tf_room_phones_get_qr_large (phones));

  tf_gui_test_send_key (audience, "Escape");
  tf_gui_test_wait_until (tf_gui_test_session_ended, NULL, "the session's end");
  g_assert_cmpint (tf_gui_test_archive_int (path, "SELECT count(*) FROM contributions"), ==, n);
  tf_gui_test_remove_dir (dir);
  tf_gui_test_stop (window, &app, &path, 100);
}

/* /room/phones-quiet: insights arriving read nothing again but the queue.
 * The main window and its experiment view do not reload (they show no
 * contribution), and the code over the audience view (the presenter in a
 * window of its own, as on a second monitor) is not drawn again: drawing
 * over the audience view without GL repaints the whole projector's window
 * (what room_phones_frame measured, 56 frames of 90-128 ms). An accepted insight,
 * a note on the wall, does reload the window (the count is live). */

typedef struct {
  guint frames;
} Frames;

static gboolean
count_frame (GtkWidget     *widget,
             GdkFrameClock *clock,
             gpointer       data)
{
  (void) widget;
  (void) clock;
  ((Frames *) data)->frames++;
  return G_SOURCE_CONTINUE;
}

static gboolean
frames_past (gpointer data)
{
  return ((Frames *) data)->frames >= 3;
}

static gboolean
drawn_whole (gpointer data)
{
  return tf_canvas_view_get_drawn_whole (data);
}

static gboolean
window_reloaded (gpointer data)
{
  TfWindow *window = data;

  return tf_window_get_n_reloads (window) > GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (window), "reloads"));
}

static void
test_quiet (void)
{
  TfApplication *app = NULL;
  g_autofree char *path = tf_gui_test_archive_path ();
  g_autofree char *url = NULL;
  g_autoptr(GError) error = NULL;
  TfWindow *window;
  TfExperimentView *experiment_view;
  TfRoomSession *session;
  TfRoomPhones *phones;
  GtkWindow *audience;
  GtkWidget *presenter;
  gint64 demo_id = 0;
  guint window_reloads, view_reloads, code_draws, tick;
  Frames frames = { 0 };
  WaitingWait wait;
  static const char * const keys[] = {
    "00000000000000000000000000000001", "00000000000000000000000000000002", "00000000000000000000000000000003",
  };

  window = tf_gui_test_start (path, &app);
  g_assert_cmpint (tf_gui_test_find_demo_board (path, "insight-wall", &demo_id), >, 0);
  g_assert_true (tf_window_show_experiment (window, demo_id));
  experiment_view = TF_EXPERIMENT_VIEW (tf_gui_test_find_widget (GTK_WIDGET (window), TF_TYPE_EXPERIMENT_VIEW));
  g_assert_nonnull (experiment_view);

  tf_gui_test_send_key (GTK_WINDOW (window), "F5");
  tf_gui_test_wait_until (tf_gui_test_session_running, NULL, "the audience window");
  session = tf_room_session_get_running ();
  audience = tf_room_session_get_audience (session);
  phones = tf_room_session_get_phones (session);
  tf_room_session_set_presenter_window (session, TRUE);
  presenter = GTK_WIDGET (tf_room_session_get_presenter (session));
  tf_gui_test_wait_until (window_mapped, presenter, "the presenter's window");
  g_assert_true (tf_room_phones_open (phones, "127.0.0.1", &error));
  g_assert_no_error (error);
  url = g_strdup (tf_room_phones_get_url (phones));
  g_assert_true (gtk_widget_get_mapped (tf_room_phones_get_panel (phones)));

  /* The audience at rest: its step drawn whole, the code in its corner. */
  tf_gui_test_wait_until (drawn_whole, tf_room_session_get_audience_view (session), "the step drawn whole");
  gtk_test_widget_wait_for_draw (GTK_WIDGET (audience));

  code_draws = tf_room_phones_get_n_code_draws (phones);
  g_assert_cmpuint (code_draws, >, 0);
  window_reloads = tf_window_get_n_reloads (window);
  view_reloads = tf_experiment_view_get_n_reloads (experiment_view);

  /* Three phones, each an insight. */
  wait.phones = phones;
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      g_autofree char *text = g_strdup_printf ("Insight number %u from a phone", i + 1);
      g_autoptr(GSubprocess) curl = post_insight_from (url, keys[i], text, i + 1);

      wait.n = i + 1;
      tf_gui_test_wait_until (n_waiting, &wait, "an insight in the queue");
      wait_posted (curl);
    }
  /* Whatever the insights asked for is done: the window's reload and the
   * queue's listing are idles, the drawing comes on the next frame. */
  tick = gtk_widget_add_tick_callback (GTK_WIDGET (audience), count_frame, &frames, NULL);
  tf_gui_test_wait_until (frames_past, &frames, "three frames of the audience");
  gtk_widget_remove_tick_callback (GTK_WIDGET (audience), tick);

  g_assert_cmpuint (tf_room_phones_get_n_waiting (phones), ==, 3);
  g_assert_cmpint (tf_gui_test_archive_int (path, "SELECT count(*) FROM contributions WHERE state = 0"), ==, 3);
  g_assert_cmpuint (tf_window_get_n_reloads (window), ==, window_reloads);
  g_assert_cmpuint (tf_experiment_view_get_n_reloads (experiment_view), ==, view_reloads);
  g_assert_cmpuint (tf_room_phones_get_n_code_draws (phones), ==, code_draws);

  /* Accepted, an insight is a note of the wall: the window follows it. */
  g_object_set_data (G_OBJECT (window), "reloads", GUINT_TO_POINTER (window_reloads));
  tf_gui_test_send_key (GTK_WINDOW (presenter), "a");
  wait.n = 2;
  tf_gui_test_wait_until (n_waiting, &wait, "one insight accepted");
  tf_gui_test_wait_until (window_reloaded, window, "the window reloaded for the new note");

  tf_gui_test_send_key (audience, "Escape");
  tf_gui_test_wait_until (tf_gui_test_session_ended, NULL, "the session's end");
  tf_gui_test_stop (window, &app, &path, 100);
}

int
main (int   argc,
      char *argv[])
{
  if (!tf_gui_test_init (&argc, &argv, TRUE))
    return 77;
  tf_gui_wings_init ();
  g_test_add_func ("/room/phones", test_phones);
  g_test_add_func ("/room/phone-votes", test_phone_votes);
  g_test_add_func ("/room/phones-queue", test_queue);
  g_test_add_func ("/room/phones-quiet", test_quiet);
  return g_test_run ();
}
