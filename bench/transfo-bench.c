/* SPDX-License-Identifier: GPL-3.0-or-later */
/* transfo-bench: prints one JSON object per line,
 *   {"metric": NAME, "n": NOTES, "value": MEDIAN, "unit": "ms"|"MB"}
 * Each wall size runs in a child process of its own, so peak_rss is the peak
 * of that size alone. `--quick` runs 1k and 10k only. The export metrics
 * (pdf_export*) run for walls of up to 10k notes. `--archive-open-only`
 * builds the search archive and measures archive_open alone. */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>

#include "canvas/tf-renderer.h"
#include "core/tf-archive.h"
#include "core/tf-experiment-commands.h"
#include "insights/tf-insight-commands.h"
#include "insights/tf-insight-csv.h"
#include "insights/tf-insight-wall.h"
#include "wings/tf-wings.h"
#include "core/tf-store-private.h"
#include "exports/tf-export.h"

#define FRAME_W 1920
#define FRAME_H 1080

/* Words from the booklet's world, to make quotes of realistic length and
 * vocabulary; a few words are rare on purpose. */
static const char * const words[] = {
  "les", "élus", "collaborateurs", "service", "réunion", "agenda", "parapheur", "note",
  "délibération", "téléphone", "mails", "dossier", "projet", "commission", "cabinet",
  "on", "a", "du", "mal", "à", "savoir", "qui", "fait", "quoi", "dans", "la", "région",
  "quand", "je", "reçois", "un", "document", "il", "faut", "le", "lire", "avant", "demain",
  "personne", "ne", "sait", "où", "trouver", "information", "nous", "avons", "besoin", "de",
  "temps", "pour", "échanger", "entre", "services", "direction", "lycée", "gare", "usagers",
  "les", "de", "la", "et", "des", "est", "pas", "en", "que", "une", "pour", "sur", "avec",
};

static char *
make_quote (GRand *rand,
            guint  index)
{
  GString *quote = g_string_new (NULL);
  guint n = g_rand_int_range (rand, 6, 24);

  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append_c (quote, ' ');
      g_string_append (quote, words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))]);
    }
  /* One quote in ten thousand carries a rare word. */
  if (index % 10000 == 7)
    g_string_append (quote, " hapax");
  g_string_append_c (quote, '.');
  quote->str[0] = g_ascii_toupper (quote->str[0]);
  return g_string_free (quote, FALSE);
}

typedef struct {
  guint   n;
  gint64  board_id;
  gboolean with_fts;
} Generate;

static const char * const colors[] = { "yellow", "orange", "coral", "pink", "lilac", "sky", "green", "white" };

/* A wall laid out in a square-ish grid of clusters of notes. */
static gboolean
generate (TfStore   *store,
          gpointer   user_data,
          GError   **error)
{
  Generate *gen = user_data;
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  sqlite3 *db = tf_store_get_db (store);
  guint columns = (guint) ceil (sqrt (gen->n));
  sqlite3_stmt *stmt;

  if (sqlite3_exec (db,
                    "INSERT INTO experiments (uuid, title) VALUES ('bench', 'Bench');"
                    "INSERT INTO boards (experiment_id, kind, name) VALUES (last_insert_rowid (), 'insight-wall', 'Wall');",
                    NULL, NULL, NULL) != SQLITE_OK)
    return tf_store_fail (store, error, "generate");
  gen->board_id = sqlite3_last_insert_rowid (db);

  if (!gen->with_fts)
    sqlite3_exec (db, "DROP TRIGGER items_fts_ai", NULL, NULL, NULL);

  stmt = tf_store_prepare (store,
                           "INSERT INTO items (board_id, kind, x, y, width, height, z, style, text, payload)"
                           " VALUES (?, 'note', ?, ?, 200, 200, ?, ?, ?, ?)",
                           error);
  if (stmt == NULL)
    return FALSE;

  for (guint i = 0; i < gen->n; i++)
    {
      g_autofree char *quote = make_quote (rand, i);
      g_autofree char *style = g_strdup_printf ("{\"color\":\"%s\",\"size\":\"m\"}",
                                                colors[g_rand_int_range (rand, 0, G_N_ELEMENTS (colors))]);
      g_autofree char *payload = g_strdup_printf ("{\"source\":\"staff\",\"votes\":%d,\"star\":%s}",
                                                  g_rand_int_range (rand, 0, 4),
                                                  g_rand_int_range (rand, 0, 20) == 0 ? "true" : "false");

      sqlite3_bind_int64 (stmt, 1, gen->board_id);
      sqlite3_bind_double (stmt, 2, (i % columns) * 240.0);
      sqlite3_bind_double (stmt, 3, (i / columns) * 240.0);
      sqlite3_bind_int (stmt, 4, (int) i);
      tf_bind_text (stmt, 5, style);
      tf_bind_text (stmt, 6, quote);
      tf_bind_text (stmt, 7, payload);
      if (!tf_store_step_done (store, stmt, error))
        return FALSE;
    }

  /* The trigger comes back, from the schema's own text: an archive is
   * opened only if its schema is exactly the program's. */
  if (!gen->with_fts)
    {
      const char *start = strstr (tf_schema_migrations[0], "CREATE TRIGGER items_fts_ai");
      const char *end = start ? strstr (start, "END;") : NULL;
      g_autofree char *sql = end ? g_strndup (start, end + strlen ("END;") - start) : NULL;

      if (sql == NULL || sqlite3_exec (db, sql, NULL, NULL, NULL) != SQLITE_OK)
        return tf_store_fail (store, error, "generate");
    }
  return TRUE;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

static double
median (GArray *samples)
{
  g_array_sort (samples, compare_doubles);
  if (samples->len == 0)
    return NAN;
  if (samples->len % 2)
    return g_array_index (samples, double, samples->len / 2);
  return (g_array_index (samples, double, samples->len / 2 - 1) +
          g_array_index (samples, double, samples->len / 2)) / 2;
}

static void
report (const char *metric,
        guint       n,
        double      value,
        const char *unit)
{
  printf ("{\"metric\": \"%s\", \"n\": %u, \"value\": %.*f, \"unit\": \"%s\"}\n",
          metric, n, value < 0.1 ? 6 : 3, value, unit);
  fflush (stdout);
}

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

static double
time_frame (TfRenderer       *renderer,
            TfScene          *scene,
            cairo_surface_t  *surface,
            const TfViewport *vp)
{
  cairo_t *cr = cairo_create (surface);
  double start = now_ms ();

  tf_renderer_draw (renderer, scene, cr, vp, TF_RENDER_BACKGROUND);
  cairo_surface_flush (surface);
  cairo_destroy (cr);
  return now_ms () - start;
}

static double
peak_rss_mb (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024.0;
}

static char *
temp_archive (const char *name)
{
  g_autofree char *dir = g_dir_make_tmp ("transfo-bench-XXXXXX", NULL);
  return g_build_filename (dir, name, NULL);
}

static void
remove_archive (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  const char *suffixes[] = { "", "-wal", "-shm", ".lock" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
      g_unlink (file);
    }
  g_rmdir (dir);
}

/* Inkscape needs some 16 GB for the SVG of a 10k-note wall: keep it from
 * taking a shared machine down. Past these limits the metric is skipped. */
#define INKSCAPE_MAX_BYTES (6ULL << 30)
#define INKSCAPE_MAX_CPU_S 300

static void
limit_inkscape (gpointer user_data)
{
  struct rlimit memory = { INKSCAPE_MAX_BYTES, INKSCAPE_MAX_BYTES };
  struct rlimit cpu = { INKSCAPE_MAX_CPU_S, INKSCAPE_MAX_CPU_S };

  setrlimit (RLIMIT_AS, &memory);
  setrlimit (RLIMIT_CPU, &cpu);
}

static double
file_mb (const char *path)
{
  GStatBuf st;

  return g_stat (path, &st) == 0 ? st.st_size / (1024.0 * 1024.0) : 0;
}

/* Exports of the wall: PDF fitted to A4, a 4×4 A4 poster (at real size the
 * 10k wall would take over a thousand sheets), and, for comparison,
 * Inkscape turning our own SVG export of the same wall into a PDF. */
static void
bench_exports (TfScene  *scene,
               gint64    board_id,
               guint     n,
               gboolean  quick)
{
  g_autofree char *dir = g_dir_make_tmp ("transfo-bench-export-XXXXXX", NULL);
  g_autofree char *pdf = g_build_filename (dir, "wall.pdf", NULL);
  g_autofree char *poster = g_build_filename (dir, "poster.pdf", NULL);
  g_autofree char *svg = g_build_filename (dir, "wall.svg", NULL);
  g_autofree char *inkscape_pdf = g_build_filename (dir, "inkscape.pdf", NULL);
  g_autofree char *inkscape = g_find_program_in_path ("inkscape");
  g_autoptr(TfExperiment) experiment = tf_experiment_new ("Bench");
  g_autoptr(TfBoard) board = tf_board_new (board_id, 1, TF_INSIGHT_WALL_TYPE_ID, "Wall", 0, n);
  g_autoptr(TfExportSource) source = tf_export_source_new (experiment);
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GError) error = NULL;
  TfExportOptions options;
  double t;

  tf_export_source_add_board (source, board, scene);
  tf_export_options_init (&options);

  for (int run = 0; run < (quick ? 3 : 5); run++)
    {
      double start = now_ms ();

      if (!tf_export_run (TF_EXPORT_BOARD, source, &options, pdf, NULL, NULL, NULL, NULL, &error))
        {
          g_printerr ("transfo-bench: %s\n", error->message);
          return;
        }
      t = now_ms () - start;
      g_array_append_val (samples, t);
    }
  report ("pdf_export", n, median (samples), "ms");
  g_printerr ("# n=%u: the A4 PDF is %.1f MB\n", n, file_mb (pdf));

  options.columns = 4;
  options.rows = 4;
  g_array_set_size (samples, 0);
  for (int run = 0; run < (quick ? 3 : 5); run++)
    {
      double start = now_ms ();

      if (!tf_export_run (TF_EXPORT_POSTER, source, &options, poster, NULL, NULL, NULL, NULL, &error))
        {
          g_printerr ("transfo-bench: %s\n", error->message);
          return;
        }
      t = now_ms () - start;
      g_array_append_val (samples, t);
    }
  report ("pdf_export_poster", n, median (samples), "ms");
  g_printerr ("# n=%u: pdf_export_poster is a 4x4 A4 poster (16 sheets), %.1f MB\n", n, file_mb (poster));

  if (inkscape == NULL)
    g_printerr ("# inkscape not installed (bench/setup.sh installs it): no pdf_export_inkscape\n");
  else if (quick && n > 1000)
    g_printerr ("# n=%u: --quick runs Inkscape on the 1k wall only (it takes minutes on 10k)\n", n);
  else if (!tf_export_run (TF_EXPORT_SVG, source, &options, svg, NULL, NULL, NULL, NULL, &error))
    g_printerr ("transfo-bench: %s\n", error->message);
  else
    {
      const char *argv[] = { inkscape, "--export-type=pdf", NULL, svg, NULL };
      g_autofree char *target = g_strconcat ("--export-filename=", inkscape_pdf, NULL);
      gboolean ok = TRUE;

      argv[2] = target;
      g_array_set_size (samples, 0);
      for (int run = 0; run < (quick ? 1 : 3) && ok; run++)
        {
          double start = now_ms ();
          int status = 0;

          g_unlink (inkscape_pdf);
          ok = g_spawn_sync (dir, (char **) argv, NULL,
                             G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL, limit_inkscape, NULL,
                             NULL, NULL, &status, &error) &&
               g_spawn_check_wait_status (status, &error) &&
               g_file_test (inkscape_pdf, G_FILE_TEST_IS_REGULAR);
          t = now_ms () - start;
          g_array_append_val (samples, t);
        }
      if (ok)
        {
          report ("pdf_export_inkscape", n, median (samples), "ms");
          g_printerr ("# n=%u: inkscape --export-type=pdf of our %.1f MB SVG\n", n, file_mb (svg));
        }
      else
        g_printerr ("# n=%u: inkscape gave up after %.0f ms on our %.1f MB SVG (limits: %llu GiB, %d s of CPU): %s\n",
                    n, t, file_mb (svg), INKSCAPE_MAX_BYTES >> 30, INKSCAPE_MAX_CPU_S,
                    error ? error->message : "no PDF written");
    }

  g_unlink (pdf);
  g_unlink (poster);
  g_unlink (svg);
  g_unlink (inkscape_pdf);
  g_rmdir (dir);
}

/* The wall metrics for one size, in this process. */
static int
bench_wall (guint    n,
            gboolean quick)
{
  g_autofree char *path = temp_archive ("wall.sqlite");
  g_autoptr(GError) error = NULL;
  g_autoptr(TfStore) store = NULL;
  g_autoptr(TfScene) scene = NULL;
  g_autoptr(TfRenderer) renderer = NULL;
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  cairo_surface_t *surface;
  Generate gen = { n, 0, TRUE };
  TfViewport full, zoomed;
  TfRect extents;
  guint visible;
  double t;

  store = tf_store_open (path, TF_STORE_OPEN_CREATE | TF_STORE_OPEN_NO_DEMO, &error);
  if (store == NULL || !tf_store_edit (store, generate, &gen, NULL, &error))
    {
      g_printerr ("transfo-bench: %s\n", error->message);
      return 1;
    }
  g_clear_object (&store);

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, FRAME_W, FRAME_H);

  /* board_open: from the archive on disk to the first frame of the whole wall. */
  for (int run = 0; run < 5; run++)
    {
      double start = now_ms ();

      store = tf_store_open (path, TF_STORE_OPEN_READ_ONLY, &error);
      scene = tf_scene_new_for_board (store, gen.board_id, &error);
      renderer = tf_renderer_new ();
      extents = tf_scene_get_extents (scene);
      tf_viewport_fit (&full, &extents, FRAME_W, FRAME_H, 40, 0.001, 4);
      time_frame (renderer, scene, surface, &full);
      t = now_ms () - start;
      g_array_append_val (samples, t);
      if (run < 4)
        {
          g_clear_object (&renderer);
          g_clear_object (&scene);
          g_clear_object (&store);
        }
    }
  report ("board_open", n, median (samples), "ms");

  g_array_set_size (samples, 0);
  for (int i = 0; i < 21; i++)
    {
      t = time_frame (renderer, scene, surface, &full);
      g_array_append_val (samples, t);
    }
  report ("wall_frame_full", n, median (samples), "ms");

  /* About 200 notes in view: 240 units a note, 1920×1080 shows 17×10 notes
   * at zoom 0.47, an arbitrary zoom where notes are drawn in full detail. */
  zoomed = full;
  zoomed.zoom = 0.47;
  zoomed.x = extents.x + extents.width / 3;
  zoomed.y = extents.y + extents.height / 3;
  {
    g_autoptr(GPtrArray) items = g_ptr_array_new ();
    TfRect area = tf_viewport_get_area (&zoomed);

    tf_scene_query (scene, &area, items);
    visible = items->len;
  }
  g_array_set_size (samples, 0);
  time_frame (renderer, scene, surface, &zoomed);
  for (int i = 0; i < 21; i++)
    {
      t = time_frame (renderer, scene, surface, &zoomed);
      g_array_append_val (samples, t);
    }
  report ("wall_frame_zoomed", n, median (samples), "ms");
  g_printerr ("# n=%u: %u notes visible in the zoomed frame\n", n, visible);

  /* Panning with warm caches: 40-pixel steps to the right and back. */
  g_array_set_size (samples, 0);
  for (int i = 0; i < 40; i++)
    {
      zoomed.x += (i < 20 ? 40 : -40) / zoomed.zoom;
      t = time_frame (renderer, scene, surface, &zoomed);
      g_array_append_val (samples, t);
    }
  report ("wall_pan_step", n, median (samples), "ms");

  /* Hit-testing random points of the wall: a batch of 1000 per sample. */
  g_array_set_size (samples, 0);
  for (int run = 0; run < 11; run++)
    {
      double start = now_ms ();

      for (int i = 0; i < 1000; i++)
        tf_scene_hit_test (scene,
                           g_rand_double_range (rand, extents.x, extents.x + extents.width),
                           g_rand_double_range (rand, extents.y, extents.y + extents.height), 0);
      t = (now_ms () - start) / 1000.0;
      g_array_append_val (samples, t);
    }
  report ("hit_test", n, median (samples), "ms");

  /* The wall's memory, before exports add theirs. */
  report ("peak_rss", n, peak_rss_mb (), "MB");

  if (n <= 10000)
    bench_exports (scene, gen.board_id, n, quick);

  cairo_surface_destroy (surface);
  g_clear_object (&renderer);
  g_clear_object (&scene);
  g_clear_object (&store);
  remove_archive (path);
  return 0;
}

/* Opening an archive that was closed cleanly, as `transfo list` does:
 * tf_store_open() read-only and the first list of experiments. It must not
 * grow with the archive's size. */
static int
bench_archive_open (const char *path,
                    guint       n)
{
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));
  struct stat st;

  for (int run = 0; run < 21; run++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(TfStore) store = NULL;
      g_autoptr(GListStore) list = NULL;
      double start = now_ms (), t;

      store = tf_store_open (path, TF_STORE_OPEN_READ_ONLY, &error);
      if (store != NULL)
        list = tf_archive_list_experiments (store, NULL, &error);
      t = now_ms () - start;
      if (list == NULL)
        {
          g_printerr ("transfo-bench: %s\n", error->message);
          return 1;
        }
      g_array_append_val (samples, t);
    }
  report ("archive_open", n, median (samples), "ms");
  if (g_stat (path, &st) == 0)
    g_printerr ("# archive_open: an archive of %.0f MB\n", st.st_size / 1e6);
  return 0;
}

/* Search over an archive of @n insights: a frequent word and a rare one;
 * then the opening of that archive. With @open_only, the opening alone. */
static int
bench_search (guint    n,
              gboolean open_only)
{
  g_autofree char *path = temp_archive ("search.sqlite");
  g_autoptr(GError) error = NULL;
  g_autoptr(TfStore) store = NULL;
  Generate gen = { n, 0, FALSE };
  const char *queries[3] = { "délibération", "hapax", "de" };
  const char *names[3] = { "search_frequent", "search_rare", "search_prefix" };
  int rc;

  store = tf_store_open (path, TF_STORE_OPEN_CREATE | TF_STORE_OPEN_NO_DEMO, &error);
  if (store == NULL || !tf_store_edit (store, generate, &gen, NULL, &error))
    {
      g_printerr ("transfo-bench: %s\n", error ? error->message : "?");
      return 1;
    }
  /* The generator skipped the per-row index: build it in one pass. */
  sqlite3_exec (tf_store_get_db (store), "INSERT INTO items_fts (items_fts) VALUES ('rebuild')", NULL, NULL, NULL);

  for (guint q = 0; q < 3 && !open_only; q++)
    {
      g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));
      guint hits = 0;

      for (int run = 0; run < 21; run++)
        {
          double start = now_ms (), t;
          g_autoptr(GPtrArray) found = tf_archive_search (store, queries[q], 200, &error);

          t = now_ms () - start;
          if (found == NULL)
            {
              g_printerr ("transfo-bench: %s\n", error->message);
              return 1;
            }
          hits = found->len;
          g_array_append_val (samples, t);
        }
      report (names[q], n, median (samples), "ms");
      g_printerr ("# %s “%s”: %u hits shown (limit 200)\n", names[q], queries[q], hits);
    }

  tf_store_close (store);
  g_clear_object (&store);
  rc = bench_archive_open (path, n);
  remove_archive (path);
  return rc;
}

/* Importing @n insights into a wall of a fresh archive, as
 * `transfo import-insights` does: one undoable command, clusters included. */
static int
bench_import (guint n)
{
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) tf_insight_row_free);
  g_autoptr(GRand) rand = g_rand_new_with_seed (3);

  for (guint i = 0; i < n; i++)
    {
      TfInsightRow *row = tf_insight_row_new ();

      g_free (row->quote);
      row->quote = make_quote (rand, i);
      row->source = TF_SOURCE_STAFF;
      g_free (row->cluster);
      row->cluster = i % 5 == 0 ? g_strdup ("") : g_strdup_printf ("Cluster %u", i % 12);
      g_ptr_array_add (rows, row);
    }

  for (int run = 0; run < 5; run++)
    {
      g_autofree char *path = temp_archive ("import.sqlite");
      g_autoptr(GError) error = NULL;
      g_autoptr(TfStore) store = tf_store_open (path, TF_STORE_OPEN_CREATE | TF_STORE_OPEN_NO_DEMO, &error);
      g_autoptr(TfExperiment) draft = tf_experiment_new ("Bench");
      g_autoptr(TfCommand) create = tf_command_create_experiment (draft);
      g_autoptr(TfCommand) import = NULL;
      double start, t;

      if (store == NULL || !tf_command_execute (create, store, &error))
        {
          g_printerr ("transfo-bench: %s\n", error->message);
          return 1;
        }
      import = tf_command_import_insights_to_experiment (tf_command_get_result_id (create), NULL, rows);
      start = now_ms ();
      if (!tf_command_execute (import, store, &error))
        {
          g_printerr ("transfo-bench: %s\n", error->message);
          return 1;
        }
      t = now_ms () - start;
      g_array_append_val (samples, t);
      g_clear_object (&store);
      remove_archive (path);
    }
  report (n == 100000 ? "import_100k" : "import", n, median (samples), "ms");
  return 0;
}

static int
run_child (const char *self,
           const char *what,
           guint       n)
{
  g_autofree char *count = g_strdup_printf ("%u", n);
  const char *argv[] = { self, what, count, NULL };
  g_autoptr(GError) error = NULL;
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_CHILD_INHERITS_STDIN, NULL, NULL,
                     NULL, NULL, &status, &error) ||
      !g_spawn_check_wait_status (status, &error))
    {
      g_printerr ("transfo-bench: %s %s: %s\n", what, count, error->message);
      return 1;
    }
  return 0;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *self = NULL;
  gboolean quick = FALSE, open_only = FALSE;
  int rc = 0;

  setlocale (LC_ALL, "");
  tf_wings_init ();

  if (argc == 3 && g_str_equal (argv[1], "--wall"))
    return bench_wall ((guint) g_ascii_strtoull (argv[2], NULL, 10), FALSE);
  if (argc == 3 && g_str_equal (argv[1], "--wall-quick"))
    return bench_wall ((guint) g_ascii_strtoull (argv[2], NULL, 10), TRUE);
  if (argc == 3 && g_str_equal (argv[1], "--import"))
    return bench_import ((guint) g_ascii_strtoull (argv[2], NULL, 10));
  if (argc == 3 && g_str_equal (argv[1], "--search"))
    return bench_search ((guint) g_ascii_strtoull (argv[2], NULL, 10), FALSE);
  if (argc == 3 && g_str_equal (argv[1], "--archive-open"))
    return bench_search ((guint) g_ascii_strtoull (argv[2], NULL, 10), TRUE);

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--quick"))
        quick = TRUE;
      else if (g_str_equal (argv[i], "--archive-open-only"))
        open_only = TRUE;
      else
        {
          fprintf (stderr, "Usage: transfo-bench [--quick] [--archive-open-only]\n");
          return 2;
        }
    }

  self = g_file_read_link ("/proc/self/exe", NULL);
  if (self == NULL)
    self = g_strdup (argv[0]);

  /* Only the opening of the biggest archive (--quick: of 10k insights). */
  if (open_only)
    return run_child (self, "--archive-open", quick ? 10000 : 1000000);

  rc |= run_child (self, quick ? "--wall-quick" : "--wall", 1000);
  rc |= run_child (self, quick ? "--wall-quick" : "--wall", 10000);
  if (!quick)
    rc |= run_child (self, "--wall", 100000);
  /* Search is measured over a million insights; --quick keeps it to 10k. */
  rc |= run_child (self, "--search", quick ? 10000 : 1000000);
  rc |= run_child (self, "--import", 100000);
  return rc;
}
