/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The room's rule read back from the audience view's pixels, on a
 * 1920 × 1080 screen (meson runs this test in an Xvfb of that size): the
 * demo's session, every step with Page Down (a reveal step with all its
 * cards shown; the camera cuts, animations off), the audience view
 * captured once its camera has come and the view says its frame drew the
 * scene whole (tf_canvas_view_get_drawn_whole(): every tile there, every
 * text laid out, as the renderer draws progressively). On the cards the step shows (the items whose
 * kind draws text, tf_room_step_texts()), the ink is found: dark grey
 * pixels (the boards' ink, TF_INK_RGB), in connected runs grouped into
 * lines (the runs whose middle lies within the span of the line's tallest
 * letter). A line is measured by its x-height: the median height of its
 * letters sitting on its baseline (the bottom most of its runs share), so
 * that capitals, ascenders, accents, descenders, commas and dots do not
 * count and a line without any ascender measures as the others. The
 * room's rule is a font size (the em, as the kinds' text_size hook and
 * room/tf-room-check.c measure it): depth ÷ 200, 32 pixels for the
 * default room (8 m, a 2.4 m image 1920 pixels wide); text of that size
 * has the font's x-height of it (measured here with Pango, the ink of
 * "x": about 0.55 em for DejaVu Sans, 17–18 pixels), so a line whose
 * x-height is lower than that, less 2 pixels for anti-aliasing,
 * is too small. The steps where the readback finds such a line must be exactly those where the room check finds a card too small
 * for the way the view draws (with "room" rendering, as the session
 * does), in the experiment's room (8 m: the actor map, the blueprint and
 * the mockups whole are too small, the wall's steps legible) and in a
 * room 12 m deep (48 pixels: every step too small, which shows that the
 * readback can fail). The callouts'
 * numbers (white on the accent colour) are not ink: the check alone
 * measures them. With TRANSFO_ROOM_SCREENSHOTS set to a folder, the
 * captures are saved there. */
#include "config.h"

#include <math.h>
#include <string.h>

#include "canvas/tf-text-fit.h"
#include "core/tf-store-private.h"
#include "mockups/tf-mockup-kinds.h"
#include "room/tf-room-check.h"
#include "room/tf-room-session.h"
#include "room/tf-session.h"
#include "tf-board-page.h"
#include "tf-gui-test-util.h"
#include "tf-gui-wings.h"
#include "tf-test-util.h"

#define WIDTH  1920
#define HEIGHT 1080

typedef struct {
  TfRoomSession *session;
  guint          step;
} StepWait;

/* The audience view has its full size and has come to the step's camera. */
static gboolean
on_step (gpointer data)
{
  StepWait *wait = data;
  TfCanvasView *view = tf_room_session_get_audience_view (wait->session);
  double cx, cy, zoom, x, y;
  int width = gtk_widget_get_width (GTK_WIDGET (view));
  int height = gtk_widget_get_height (GTK_WIDGET (view));

  if (tf_room_get_current (tf_room_session_get_room (wait->session)) != wait->step ||
      width != WIDTH || height != HEIGHT)
    return FALSE;
  tf_room_session_get_camera (wait->session, &cx, &cy, &zoom);
  tf_canvas_view_get_origin (view, &x, &y);
  return fabs (tf_canvas_view_get_zoom (view) - zoom) < 1e-3 &&
         fabs (x + width / 2.0 / zoom - cx) < 0.5 && fabs (y + height / 2.0 / zoom - cy) < 0.5;
}

static gboolean
all_revealed (gpointer data)
{
  TfRoom *room = data;

  return tf_room_get_revealed (room) >= tf_room_get_n_cards (room);
}

/* The view's pixels as drawn now (BGRA bytes, WIDTH × HEIGHT), or NULL
 * when no frame could be made yet. */
static guchar *
capture (GtkWidget *widget)
{
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  guchar *pixels;

  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), WIDTH, HEIGHT);
  node = gtk_snapshot_to_node (snapshot);
  if (node == NULL)
    return NULL;
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, WIDTH, HEIGHT));
  g_assert_cmpint (gdk_texture_get_width (texture), ==, WIDTH);
  pixels = g_malloc (4 * WIDTH * HEIGHT);
  gdk_texture_download (texture, pixels, 4 * WIDTH);
  return pixels;
}

/* The view drawn whole: a frame, then a capture, until the capture's own
 * snapshot of the view drew everything (every tile of the zoom there,
 * every text laid out: tf_canvas_view_get_drawn_whole()). */
static guchar *
drawn_pixels (TfCanvasView *view)
{
  /* A view of 1920 × 1080 comes a tile or two a frame while an older zoom
   * stands in: under the sanitizers on a busy machine a step's photo
   * takes over a minute. */
  gint64 deadline = g_get_monotonic_time () + 4 * TF_GUI_TEST_DEADLINE_MS * G_TIME_SPAN_MILLISECOND;

  for (;;)
    {
      guchar *now;

      gtk_test_widget_wait_for_draw (GTK_WIDGET (view));
      if (g_get_monotonic_time () > deadline)
        g_error ("Timed out waiting for the audience view to be drawn whole");
      /* Frames until one drew everything, then the capture (whose own
       * snapshot must draw everything too). */
      if (!tf_canvas_view_get_drawn_whole (view))
        continue;
      now = capture (GTK_WIDGET (view));
      if (now != NULL && tf_canvas_view_get_drawn_whole (view))
        return now;
      g_free (now);
      if (g_get_monotonic_time () > deadline)
        g_error ("Timed out waiting for the audience view to be drawn whole");
    }
}

typedef struct {
  int x0, y0, x1, y1;   /* inclusive */
} Run;

/* The item's rectangle on the view, @inset pixels in; FALSE when the view
 * does not show it whole. */
static gboolean
on_view (const TfItem *item,
         double        ox,
         double        oy,
         double        zoom,
         int           inset,
         Run          *clip)
{
  clip->x0 = (int) floor ((item->bounds.x - ox) * zoom) + inset;
  clip->y0 = (int) floor ((item->bounds.y - oy) * zoom) + inset;
  clip->x1 = (int) ceil ((item->bounds.x + item->bounds.width - ox) * zoom) - inset;
  clip->y1 = (int) ceil ((item->bounds.y + item->bounds.height - oy) * zoom) - inset;
  return clip->x0 > 0 && clip->y0 > 0 && clip->x1 < WIDTH - 1 && clip->y1 < HEIGHT - 1 &&
         clip->x0 < clip->x1 && clip->y0 < clip->y1;
}

/* Whether the photos the view shows whole are drawn, not their
 * placeholder (mockups/tf-mockup-kinds.c: paper 0xE4E0D6, with a cross
 * when the photo cannot be drawn) over most of their rectangle: the view
 * reads the archive's assets. Counts the photos checked in @n_photos. */
static gboolean
photos_drawn (const guchar *pixels,
              TfScene      *scene,
              double        ox,
              double        oy,
              double        zoom,
              guint        *n_photos)
{
  GPtrArray *items = tf_scene_get_items (scene);

  *n_photos = 0;
  for (guint i = 0; i < items->len; i++)
    {
      const TfItem *item = g_ptr_array_index (items, i);
      guint64 paper = 0, all = 0;
      Run clip;

      if (tf_mk_photo_item_get (item) == NULL || !on_view (item, ox, oy, zoom, 4, &clip))
        continue;
      (*n_photos)++;
      for (int y = clip.y0; y <= clip.y1; y += 2)
        for (int x = clip.x0; x <= clip.x1; x += 2)
          {
            const guchar *p = pixels + 4 * (y * WIDTH + x);

            all++;
            paper += abs (p[2] - 0xE4) <= 3 && abs (p[1] - 0xE0) <= 3 && abs (p[0] - 0xD6) <= 3;
          }
      if (paper * 2 > all)
        return FALSE;
    }
  return TRUE;
}

static void
save_pixels (const guchar *pixels,
             const char   *path)
{
  cairo_surface_t *surface = cairo_image_surface_create_for_data ((guchar *) pixels, CAIRO_FORMAT_ARGB32,
                                                                  WIDTH, HEIGHT, 4 * WIDTH);

  g_assert_cmpint (cairo_surface_write_to_png (surface, path), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  g_test_message ("Screenshot: %s", path);
}

/* The boards' ink (TF_INK_RGB, 0x262522) and its anti-aliased edges: dark
 * and grey. Paper, photos' colours, the accent and white are not. One
 * byte a pixel: 1 for ink, 0 otherwise. */
static guint8 *
ink_mask (const guchar *pixels)
{
  guint8 *ink = g_malloc (WIDTH * HEIGHT);

  for (int i = 0; i < WIDTH * HEIGHT; i++)
    {
      const guchar *p = pixels + 4 * i;
      int hi = MAX (p[0], MAX (p[1], p[2])), lo = MIN (p[0], MIN (p[1], p[2]));

      ink[i] = hi < 120 && hi - lo < 40;
    }
  return ink;
}

/* The connected runs of ink (8-neighbours) inside @clip, each pixel once
 * over the whole view: @ink (ink_mask()) is cleared as it is read. */
static void
find_runs (guint8    *ink,
           const Run *clip,
           GArray    *runs)
{
  g_autoptr(GArray) stack = g_array_new (FALSE, FALSE, sizeof (int));

  for (int y = clip->y0; y <= clip->y1; y++)
    for (int x = clip->x0; x <= clip->x1; x++)
      {
        Run run = { x, y, x, y };

        if (!ink[y * WIDTH + x])
          continue;
        ink[y * WIDTH + x] = 0;
        g_array_set_size (stack, 0);
        g_array_append_val (stack, (int) { y * WIDTH + x });
        while (stack->len > 0)
          {
            int at = g_array_index (stack, int, stack->len - 1);
            int px = at % WIDTH, py = at / WIDTH;

            g_array_set_size (stack, stack->len - 1);
            run.x0 = MIN (run.x0, px);
            run.x1 = MAX (run.x1, px);
            run.y0 = MIN (run.y0, py);
            run.y1 = MAX (run.y1, py);
            for (int dy = -1; dy <= 1; dy++)
              for (int dx = -1; dx <= 1; dx++)
                {
                  int nx = px + dx, ny = py + dy;

                  if (nx < clip->x0 || nx > clip->x1 || ny < clip->y0 || ny > clip->y1 ||
                      !ink[ny * WIDTH + nx])
                    continue;
                  ink[ny * WIDTH + nx] = 0;
                  g_array_append_val (stack, (int) { ny * WIDTH + nx });
                }
          }
        g_array_append_val (runs, run);
      }
}

static int
compare_heights (gconstpointer a,
                 gconstpointer b)
{
  const Run *ra = a, *rb = b;
  int ha = ra->y1 - ra->y0, hb = rb->y1 - rb->y0;

  return (ha < hb) - (ha > hb);
}

static int
compare_ints (gconstpointer a,
              gconstpointer b)
{
  return *(const int *) a - *(const int *) b;
}

/* The x-height of the lowest line among @runs (one card's), G_MAXINT when
 * there is no line. A line is the runs whose middle lies within the span
 * of its tallest (a capital, an ascender, a descender: accents, dots and
 * commas join it) or a little above; its baseline is the bottom most of its runs share; its
 * x-height, the median height of the letters sitting on that baseline
 * (periods and the dots of "…" left out). Lines of lower-case letters
 * without any ascender measure as tall as the others, which a line's top
 * would not. */
static int
lowest_line (GArray *runs,
             double  em_hint)
{
  int lowest = G_MAXINT;
  g_autofree gboolean *used = g_new0 (gboolean, runs->len);

  /* Rules, frames and pictograms are not letters: nothing taller than two
   * lines or wider than a word of them; nor specks and hairlines. */
  g_array_sort (runs, compare_heights);
  for (guint i = 0; i < runs->len; i++)
    {
      const Run *r = &g_array_index (runs, Run, i);
      int h = r->y1 - r->y0 + 1, w = r->x1 - r->x0 + 1;

      if (h > 2.5 * em_hint || w > 6 * em_hint || h < 3)
        used[i] = TRUE;
    }
  for (guint i = 0; i < runs->len; i++)
    {
      const Run *seed = &g_array_index (runs, Run, i);
      g_autoptr(GArray) line = g_array_new (FALSE, FALSE, sizeof (Run));
      g_autoptr(GArray) heights = g_array_new (FALSE, FALSE, sizeof (int));
      g_autoptr(GHashTable) bottoms = g_hash_table_new (NULL, NULL);
      GHashTableIter iter;
      gpointer key, value;
      int baseline = 0, best = 0, tallest = 0;

      if (used[i])
        continue;
      for (guint j = i; j < runs->len; j++)
        {
          const Run *r = &g_array_index (runs, Run, j);
          double middle = (r->y0 + r->y1) / 2.0;

          /* Accents and the dots of i may stand above a line whose
           * tallest letter is a descender ("réunion, qu"). */
          if (used[j] || middle < seed->y0 - 0.5 * (seed->y1 - seed->y0) || middle > seed->y1)
            continue;
          used[j] = TRUE;
          g_array_append_val (line, *r);
        }
      if (line->len < 3)
        continue;
      for (guint j = 0; j < line->len; j++)
        {
          int y1 = g_array_index (line, Run, j).y1;
          int n = GPOINTER_TO_INT (g_hash_table_lookup (bottoms, GINT_TO_POINTER (y1))) + 1;

          g_hash_table_insert (bottoms, GINT_TO_POINTER (y1), GINT_TO_POINTER (n));
        }
      /* The baseline: the bottom most runs share, give or take a pixel. */
      g_hash_table_iter_init (&iter, bottoms);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          int y1 = GPOINTER_TO_INT (key);
          int n = GPOINTER_TO_INT (value) + GPOINTER_TO_INT (g_hash_table_lookup (bottoms, GINT_TO_POINTER (y1 - 1))) +
                  GPOINTER_TO_INT (g_hash_table_lookup (bottoms, GINT_TO_POINTER (y1 + 1)));

          if (n > best || (n == best && y1 > baseline))
            {
              best = n;
              baseline = y1;
            }
        }
      for (guint j = 0; j < line->len; j++)
        {
          const Run *r = &g_array_index (line, Run, j);

          if (abs (r->y1 - baseline) <= 1)
            tallest = MAX (tallest, r->y1 - r->y0 + 1);
        }
      for (guint j = 0; j < line->len; j++)
        {
          const Run *r = &g_array_index (line, Run, j);
          int h = r->y1 - r->y0 + 1;

          if (abs (r->y1 - baseline) <= 1 && h >= 0.4 * tallest)
            g_array_append_val (heights, h);
        }
      if (heights->len < 2)
        continue;
      g_array_sort (heights, compare_ints);
      if (g_getenv ("TF_READBACK_DEBUG") != NULL)
        g_printerr ("line at %d,%d–%d: %u runs, x-height %d\n", seed->x0, seed->y0, seed->y1, line->len,
                    g_array_index (heights, int, heights->len / 2));
      lowest = MIN (lowest, g_array_index (heights, int, heights->len / 2));
    }
  return lowest;
}

/* The font's x-height, as a share of its size: the ink of "x". */
static double
x_ratio (void)
{
  PangoContext *context = tf_text_context_new ();
  PangoLayout *layout = pango_layout_new (context);
  PangoFontDescription *font = pango_font_description_from_string (TF_BOARD_FONT_FAMILY);
  PangoRectangle ink;

  pango_font_description_set_absolute_size (font, 1000 * PANGO_SCALE);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, "x", -1);
  pango_layout_get_extents (layout, &ink, NULL);
  pango_font_description_free (font);
  g_object_unref (layout);
  g_object_unref (context);
  return ink.height / (double) PANGO_SCALE / 1000;
}

typedef struct {
  TfStore        *store;
  gint64          experiment;
  TfSessionRoom   room;         /* the experiment's: the view draws for it */
  TfSessionRoom   deeper;       /* the same, 12 m deep */
  PangoContext   *context;
  double          x_height;     /* the font's, per unit of size */
  const char     *folder;
  guint           checked;      /* steps with text on them */
  guint           too_small;    /* of which the check says too small */
  guint           too_small_deeper;
  guint           photos;       /* the mockups' photos seen drawn */
} Readback;

/* One step's verdicts for @room: the check's, from the cards' smallest
 * text (@smallest, as tf_room_check() rounds), and the pixels', from the
 * lowest line's x-height (@lowest); they must agree. */
static gboolean
verdict (Readback            *rb,
         const TfSessionRoom *room,
         const char          *name,
         guint                index,
         double               smallest,
         int                  lowest)
{
  double needed = tf_room_needed_px (room);
  gboolean check_small = smallest < needed - 0.25;
  gboolean read_small = lowest < rb->x_height * needed - 2;

  g_test_message ("%s, step %u: smallest text %.1f px (check), lowest line's x-height %d px (read); "
                  "needed %.1f px, an x-height of %.1f px: %s", name, index + 1, smallest,
                  lowest == G_MAXINT ? -1 : lowest, needed, rb->x_height * needed,
                  check_small ? "too small" : "legible");
  g_assert_cmpint (check_small, ==, read_small);
  return check_small;
}

/* One step, drawn whole: the smallest line's x-height read back against what
 * the room check says of the cards there, in the experiment's room and in
 * a deeper one. */
static void
read_step (Readback      *rb,
           TfRoomSession *session,
           guint          index)
{
  TfRoom *room = tf_room_session_get_room (session);
  const TfSessionStep *step = tf_room_get_step (room, index);
  TfCanvasView *view = tf_room_session_get_audience_view (session);
  TfScene *scene = tf_canvas_view_get_scene (view);
  double min_text = tf_canvas_view_get_min_text (view);
  double zoom = tf_canvas_view_get_zoom (view), ox, oy;
  double smallest = G_MAXDOUBLE;
  int lowest = G_MAXINT;
  g_autofree guchar *pixels = NULL;
  g_autofree guint8 *ink = NULL;
  gint64 start = g_get_monotonic_time ();
  gint64 deadline = start + 4 * TF_GUI_TEST_DEADLINE_MS * G_TIME_SPAN_MILLISECOND;
  guint n_photos = 0;
  g_autoptr(GArray) texts = NULL;
  g_autofree char *board_kind = NULL;

  g_assert_cmpfloat_with_epsilon (zoom, tf_room_step_zoom (step, scene, &rb->room), 1e-3);
  tf_canvas_view_get_origin (view, &ox, &oy);
  /* The photos the step shows are drawn (decoded from the archive as the
   * board page draws them), not left as placeholders. */
  for (pixels = drawn_pixels (view);
       !photos_drawn (pixels, scene, ox, oy, zoom, &n_photos);
       pixels = drawn_pixels (view))
    {
      g_clear_pointer (&pixels, g_free);
      if (g_get_monotonic_time () > deadline)
        g_error ("Step %u: the photos are still placeholders on the audience view", index + 1);
    }
  rb->photos += n_photos;
  g_test_message ("Step %u: drawn whole and captured in %.2f s", index + 1,
                  (g_get_monotonic_time () - start) / 1e6);
  ink = ink_mask (pixels);
  {
    g_autofree char *sql = g_strdup_printf ("SELECT kind FROM boards WHERE id = %" G_GINT64_FORMAT, step->board_id);

    board_kind = tf_test_sql_text (tf_store_get_db (rb->store), sql);
  }
  /* The cards as the view draws them (its text minimum: the room's). */
  texts = tf_room_step_texts (step, board_kind, scene, &rb->room, rb->context, min_text);
  for (guint i = 0; i < texts->len; i++)
    {
      const TfRoomCardText *text = &g_array_index (texts, TfRoomCardText, i);
      const TfItem *item = tf_scene_lookup (scene, text->item_id);
      g_autoptr(GArray) runs = g_array_new (FALSE, FALSE, sizeof (Run));
      Run clip;
      int line;

      clip.x0 = MAX (0, (int) floor ((item->bounds.x - ox) * zoom) - 8);
      clip.y0 = MAX (0, (int) floor ((item->bounds.y - oy) * zoom) - 8);
      clip.x1 = MIN (WIDTH - 1, (int) ceil ((item->bounds.x + item->bounds.width - ox) * zoom) + 8);
      clip.y1 = MIN (HEIGHT - 1, (int) ceil ((item->bounds.y + item->bounds.height - oy) * zoom) + 8);
      /* Only the cards the view shows whole are read. */
      if (clip.x0 == 0 || clip.y0 == 0 || clip.x1 == WIDTH - 1 || clip.y1 == HEIGHT - 1)
        continue;
      smallest = MIN (smallest, text->text_px);
      find_runs (ink, &clip, runs);
      line = lowest_line (runs, MAX (text->text_px, 4.0));
      lowest = MIN (lowest, line);
    }
  if (smallest == G_MAXDOUBLE)
    return;

  {
    g_autofree char *title = tf_session_step_describe (step);

    g_test_message ("Step %u: %s", index + 1, title);
  }
  if (rb->folder != NULL)
    {
      g_autofree char *name = g_strdup_printf ("%s/readback-%02u.png", rb->folder, index + 1);

      save_pixels (pixels, name);
    }
  rb->checked++;
  rb->too_small += verdict (rb, &rb->room, "8 m", index, smallest, lowest);
  rb->too_small_deeper += verdict (rb, &rb->deeper, "12 m", index, smallest, lowest);
  /* The pixels agree with the check's size, where letters are large
   * enough to measure (a pictogram's details look like tiny letters). */
  if (lowest != G_MAXINT && smallest >= 16)
    g_assert_cmpfloat (lowest, >=, rb->x_height * smallest - 3);
}

/* Every step of the session, from the first, with Page Down. */
static void
read_session (Readback      *rb,
              TfRoomSession *session)
{
  TfRoom *room = tf_room_session_get_room (session);
  GtkWindow *audience = tf_room_session_get_audience (session);
  StepWait wait = { session, 0 };
  gint64 came = g_get_monotonic_time (), started;

  gint64 keyed;

  tf_gui_test_send_key_only (audience, "Home");
  keyed = g_get_monotonic_time ();
  for (guint i = 0; i < tf_room_get_n_steps (room); i++)
    {
      wait.step = i;
      tf_gui_test_wait_until (on_step, &wait, "the step's camera");
      g_test_message ("Step %u: the key sent in %.2f s, the camera there %.2f s after", i + 1,
                      (keyed - came) / 1e6, (g_get_monotonic_time () - keyed) / 1e6);
      /* A reveal step: each Page Down shows one more card. */
      while (!all_revealed (room))
        {
          guint revealed = tf_room_get_revealed (room);

          tf_gui_test_send_key (audience, "Next");
          g_assert_cmpuint (tf_room_get_current (room), ==, i);
          g_assert_cmpuint (tf_room_get_revealed (room), >, revealed);
        }
      tf_gui_test_wait_until (on_step, &wait, "the step's camera with its cards");
      started = g_get_monotonic_time ();
      read_step (rb, session, i);
      g_test_message ("Step %u: came in %.2f s, read in %.2f s", i + 1, (started - came) / 1e6,
                      (g_get_monotonic_time () - started) / 1e6);
      came = g_get_monotonic_time ();
      if (i + 1 < tf_room_get_n_steps (room))
        tf_gui_test_send_key_only (audience, "Next");
      keyed = g_get_monotonic_time ();
    }
}

static void
test_readback (void)
{
  TfApplication *app = NULL;
  g_autofree char *path = tf_gui_test_archive_path ();
  g_autoptr(GError) error = NULL;
  TfWindow *window;
  TfRoomSession *session;
  GtkWindow *audience;
  GdkRectangle geometry;
  Readback rb = { 0 };

  window = tf_gui_test_start (path, &app);
  /* The test's screen is a projector's. */
  {
    g_autoptr(GdkMonitor) monitor = g_list_model_get_item (gdk_display_get_monitors (gdk_display_get_default ()), 0);

    gdk_monitor_get_geometry (monitor, &geometry);
  }
  g_assert_cmpint (geometry.width, ==, WIDTH);
  g_assert_cmpint (geometry.height, ==, HEIGHT);

  g_assert_cmpint (tf_gui_test_find_demo_board (path, "insight-wall", &rb.experiment), >, 0);
  g_assert_true (tf_window_show_experiment (window, rb.experiment));
  rb.store = tf_store_open (path, TF_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_true (tf_session_rows_room (rb.store, rb.experiment, &rb.room, &error));
  g_assert_cmpfloat_with_epsilon (tf_room_needed_px (&rb.room), 32.0, 1e-9);
  rb.deeper = rb.room;
  rb.deeper.depth_mm = 12000;
  rb.context = tf_text_context_new ();
  rb.x_height = x_ratio ();
  g_assert_cmpfloat (rb.x_height, >, 0.45);
  g_assert_cmpfloat (rb.x_height, <, 0.65);
  rb.folder = g_getenv ("TRANSFO_ROOM_SCREENSHOTS");

  /* The camera cuts to each step instead of gliding there: the glide's
   * frames at 1920 × 1080 are not what is read, and cost most of the
   * time under the sanitizers. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  tf_gui_test_send_key (GTK_WINDOW (window), "F5");
  tf_gui_test_wait_until (tf_gui_test_session_running, NULL, "the audience window");
  session = tf_room_session_get_running ();
  audience = tf_room_session_get_audience (session);

  /* As the session draws: room rendering. In the experiment's room (8 m)
   * some steps are legible and some are not (the actor map, the
   * blueprint, the mockups whole); 12 m deep (48 pixels), none is. */
  g_assert_cmpfloat_with_epsilon (tf_canvas_view_get_min_text (tf_room_session_get_audience_view (session)),
                                  32.0, 1e-9);
  read_session (&rb, session);
  g_assert_cmpuint (rb.checked, >=, 8);
  g_assert_cmpuint (rb.too_small, >, 0);
  g_assert_cmpuint (rb.too_small, <, rb.checked);
  g_assert_cmpuint (rb.too_small_deeper, ==, rb.checked);
  /* The demo's mockup steps: its two photos at least. */
  g_assert_cmpuint (rb.photos, >=, 2);

  tf_gui_test_send_key (audience, "Escape");
  tf_gui_test_wait_until (tf_gui_test_session_ended, NULL, "the end of the session");
  g_object_unref (rb.context);
  tf_store_close (rb.store);
  g_object_unref (rb.store);
  tf_gui_test_stop (window, &app, &path, 100);
}

int
main (int   argc,
      char *argv[])
{
  if (!tf_gui_test_init (&argc, &argv, TRUE))
    return 77;
  tf_gui_wings_init ();
  g_test_add_func ("/room/readback", test_readback);
  return g_test_run ();
}
