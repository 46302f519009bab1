/* SPDX-License-Identifier: GPL-3.0-or-later */
/* transfo-bench: prints one JSON object per line,
 *   {"metric": NAME, "n": NOTES, "value": MEDIAN, "unit": "ms"|"MB"}
 * Each wall size runs in a child process of its own, so peak_rss is the peak
 * of that size alone. `--quick` runs 1k and 10k only. The export metrics
 * (pdf_export*) run for walls of up to 10k notes; pdf_export_100k times the
 * `transfo export` process on 100k. `--archive-open-only` builds the search
 * archive and measures archive_open alone. `--window` runs the real window
 * under Xvfb (gui/tf-bench-tour.c) on walls of 10k and 100k notes.
 * `--blueprint 600` runs the blueprint metrics alone (blueprint_reflow,
 * blueprint_check, blueprint_frame_full). `--mockup-decode` runs the
 * photo decoder's (mockup_decode_12mpx*). `--mockup-place` runs the
 * mockup_place metrics alone; `--mockup-place-out DIR` also writes what they
 * drew into DIR (a PNG of the view, a PDF of the page at 300 dpi).
 * `--board-read-only` runs board_read alone (a wall read as an export
 * reads it, 10k and 100k notes). `--pdf-export-only` runs the PDF
 * export metrics alone (pdf_export, pdf_export_poster, pdf_export_100k).
 * `--mockup` runs the mockup
 * deliverables' metrics alone (pdf_export_mockup, and in a child of its
 * own mockup_peak_rss_10_photos). `--room-step 10000` runs room_step
 * alone (the room's camera between two steps of a session);
 * `--room-edit 10000` runs room_edit_frame alone (the room's audience and
 * presenter windows under Xvfb while a note is edited); `--room-phones 60`
 * runs room_phones_frame alone (the same windows while 60 phones send 10
 * insights each to the room's real server). `--bundle 10000` runs
 * bundle_export, bundle_import and bundle_size(_ratio) alone.
 * `--regional` runs the regional_* metrics alone against a PostgreSQL of
 * the bench's own (`--regional-rebuild`: the simulated region generated
 * again). */
#include "config.h"

#include <glib/gstdio.h>
#include <cairo-pdf.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <errno.h>
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <turbojpeg.h>
#include <unistd.h>

#include "blueprints/tf-blueprint-checks.h"
#include "blueprints/tf-blueprint-commands.h"
#include "blueprints/tf-blueprint-kinds.h"
#include "blueprints/tf-blueprint-layout.h"
#include "blueprints/tf-blueprint.h"
#include "bundles/tf-bundle-share.h"
#include "core/tf-bundle.h"
#include "canvas/tf-renderer.h"
#include "core/tf-board-rows.h"
#include "core/tf-archive.h"
#include "core/tf-experiment-commands.h"
#include "insights/tf-insight-commands.h"
#include "insights/tf-insight-csv.h"
#include "insights/tf-insight-wall.h"
#include "insights/tf-note-kind.h"
#include "mockups/tf-decode.h"
#include "mockups/tf-decode-pages.h"
#include "core/tf-store-private.h"
#include "exports/tf-export.h"
#include "mockups/tf-mockup-commands.h"
#include "mockups/tf-mockup-pixels.h"
#include "room/tf-room.h"
#include "room/tf-session.h"
#include "stamps/tf-actor-items.h"
#include "core/tf-history.h"
#include "wings/tf-wings.h"
#include "tf-bench-mockup.h"
#include "tf-bench-region.h"
#include "regional/tf-regional.h"

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

  /* A new experiment and its wall, unless a wall is given. */
  if (gen->board_id == 0)
    {
      if (sqlite3_exec (db,
                        "INSERT INTO experiments (uuid, title) VALUES ('bench', 'Bench');"
                        "INSERT INTO boards (experiment_id, kind, name) VALUES (last_insert_rowid (), 'insight-wall', 'Wall');",
                        NULL, NULL, NULL) != SQLITE_OK)
        return tf_store_fail (store, error, "generate");
      gen->board_id = sqlite3_last_insert_rowid (db);
    }

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
      g_autofree char *style = tf_note_style_build (colors[g_rand_int_range (rand, 0, G_N_ELEMENTS (colors))],
                                                    tf_note_size_to_id (TF_NOTE_MEDIUM));
      g_auto(TfInsightFields) fields = { 0 };
      g_autofree char *payload = NULL;

      tf_insight_fields_init (&fields);
      fields.source = TF_SOURCE_STAFF;
      fields.votes = (guint) g_rand_int_range (rand, 0, 4);
      fields.star = g_rand_int_range (rand, 0, 20) == 0;
      payload = tf_insight_fields_to_json (&fields);

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

/* Whether the last time_frame() drew everything. */
static gboolean frame_was_complete;

static double
time_frame (TfRenderer       *renderer,
            TfScene          *scene,
            cairo_surface_t  *surface,
            const TfViewport *vp)
{
  cairo_t *cr = cairo_create (surface);
  double start = now_ms ();

  frame_was_complete = tf_renderer_draw (renderer, scene, cr, vp, TF_RENDER_BACKGROUND);
  cairo_surface_flush (surface);
  cairo_destroy (cr);
  return now_ms () - start;
}

/* This thread's CPU time: on a shared machine, what the wall-clock medians
 * would be without the other processes (I/O waits left out). */
static double
cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
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

/* The `transfo` program beside this one in the build tree (or
 * $TRANSFO_BENCH_PROGRAM): the command-line and window metrics run it. */
static char *
find_transfo (void)
{
  const char *env = g_getenv ("TRANSFO_BENCH_PROGRAM");
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *dir = self ? g_path_get_dirname (self) : NULL;
  char *path;

  if (env != NULL && *env != '\0')
    return g_strdup (env);
  if (dir == NULL)
    return NULL;
  path = g_build_filename (dir, "..", "gui", "transfo", NULL);
  if (g_file_test (path, G_FILE_TEST_IS_EXECUTABLE))
    return path;
  g_free (path);
  return NULL;
}

/* The CPU time (user and system) of the last process spawn_measured()
 * waited for, ms: what it cost whatever else the machine ran. */
static double last_child_cpu_ms;

/* Runs @argv, its output to /dev/null and @extra_env added to its
 * environment, and waits for it with wait4(): its wall time in ms and its
 * peak RSS in MB (its CPU time in last_child_cpu_ms). FALSE when it could
 * not run or did not exit with 0. */
static gboolean
spawn_measured (const char * const *argv,
                const char * const *extra_env,
                double             *ms,
                double             *peak_mb)
{
  struct rusage usage;
  double start = now_ms ();
  int status = 0;
  pid_t pid;

  fflush (stdout);
  fflush (stderr);
  pid = fork ();
  if (pid < 0)
    return FALSE;
  if (pid == 0)
    {
      int null = open ("/dev/null", O_WRONLY);

      dup2 (null, STDOUT_FILENO);
      close (null);
      if (extra_env != NULL)
        for (guint i = 0; extra_env[i] != NULL; i++)
          putenv ((char *) extra_env[i]);
      execv (argv[0], (char **) argv);
      _exit (127);
    }
  if (wait4 (pid, &status, 0, &usage) != pid)
    return FALSE;
  if (ms != NULL)
    *ms = now_ms () - start;
  if (peak_mb != NULL)
    *peak_mb = usage.ru_maxrss / 1024.0;
  last_child_cpu_ms = (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000.0 +
                      (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1000.0;
  if (!WIFEXITED (status) || WEXITSTATUS (status) != 0)
    {
      g_printerr ("transfo-bench: %s %s exited with %d\n", argv[0], argv[1] ? argv[1] : "",
                  WIFEXITED (status) ? WEXITSTATUS (status) : 128 + WTERMSIG (status));
      return FALSE;
    }
  return TRUE;
}

/* A wall of @n notes in a new archive at @path; *@board_id is its board. */
static gboolean
make_wall_archive (const char *path,
                   guint       n,
                   gint64     *board_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TfStore) store = NULL;
  Generate gen = { n, 0, TRUE };

  store = tf_store_open (path, TF_STORE_OPEN_CREATE | TF_STORE_OPEN_NO_DEMO, &error);
  if (store == NULL || !tf_store_edit (store, generate, &gen, NULL, &error))
    {
      g_printerr ("transfo-bench: %s\n", error ? error->message : "?");
      return FALSE;
    }
  tf_store_close (store);
  if (board_id != NULL)
    *board_id = gen.board_id;
  return TRUE;
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

/* The wall as a plain SVG kit would write it: a <rect> and a <text> of a
 * few <tspan> lines per note, no embedded fonts, no glyph outlines. Inkscape
 * turning this into a PDF is the comparable workload. */
static gboolean
write_plain_svg (TfScene    *scene,
                 const char *path)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new ();
  g_autoptr(GString) svg = g_string_new (NULL);
  TfRect extents = tf_scene_get_extents (scene);

  tf_scene_query (scene, &extents, items);
  g_string_append_printf (svg,
                          "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                          "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\""
                          " viewBox=\"%.0f %.0f %.0f %.0f\">\n",
                          extents.width, extents.height, extents.x, extents.y, extents.width, extents.height);
  for (guint i = 0; i < items->len; i++)
    {
      const TfItem *item = g_ptr_array_index (items, i);
      gint64 color = item->kind && item->kind->lod_color ? item->kind->lod_color (item) : 0xffee88;
      g_auto(GStrv) split = g_strsplit (item->text ? item->text : "", " ", -1);
      GString *line = g_string_new (NULL);
      guint n_lines = 0;

      g_string_append_printf (svg, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#%06x\"/>\n",
                              item->bounds.x, item->bounds.y, item->bounds.width, item->bounds.height,
                              (guint) (color & 0xffffff));
      g_string_append_printf (svg, "<text font-family=\"sans-serif\" font-size=\"16\" fill=\"#222\">");
      for (guint w = 0; split[w] != NULL; w++)
        {
          g_autofree char *escaped = g_markup_escape_text (split[w], -1);

          if (line->len > 0)
            g_string_append_c (line, ' ');
          g_string_append (line, escaped);
          if (line->len > 22 || split[w + 1] == NULL)
            {
              g_string_append_printf (svg, "<tspan x=\"%.1f\" y=\"%.1f\">%s</tspan>",
                                      item->bounds.x + 12, item->bounds.y + 30 + 20 * n_lines++, line->str);
              g_string_truncate (line, 0);
            }
        }
      g_string_append (svg, "</text>\n");
      g_string_free (line, TRUE);
    }
  g_string_append (svg, "</svg>\n");
  return g_file_set_contents (path, svg->str, svg->len, NULL);
}

/* Inkscape's --export-type=pdf of @svg, median of @runs, or a message. */
static void
bench_inkscape (const char *inkscape,
                const char *dir,
                const char *svg,
                const char *metric,
                guint       n,
                int         runs)
{
  g_autofree char *inkscape_pdf = g_build_filename (dir, "inkscape.pdf", NULL);
  g_autofree char *target = g_strconcat ("--export-filename=", inkscape_pdf, NULL);
  const char *argv[] = { inkscape, "--export-type=pdf", target, svg, NULL };
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GError) error = NULL;
  gboolean ok = TRUE;
  double t = 0;

  for (int run = 0; run < runs && ok; run++)
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
      report (metric, n, median (samples), "ms");
      g_printerr ("# n=%u: %s: inkscape --export-type=pdf of a %.1f MB SVG\n", n, metric, file_mb (svg));
    }
  else
    g_printerr ("# n=%u: %s: inkscape gave up after %.0f ms on a %.1f MB SVG (limits: %llu GiB, %d s of CPU): %s\n",
                n, metric, t, file_mb (svg), INKSCAPE_MAX_BYTES >> 30, INKSCAPE_MAX_CPU_S,
                error ? error->message : "no PDF written");
  g_unlink (inkscape_pdf);
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
  g_autofree char *plain_svg = g_build_filename (dir, "plain.svg", NULL);
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
    g_printerr ("# inkscape not installed (bench/setup.sh installs it): no inkscape_reads_transfo_svg"
                " nor pdf_export_inkscape_comparable\n");
  else if (n > 1000)
    g_printerr ("# n=%u: Inkscape runs on the 1k wall only (it takes minutes on 10k)\n", n);
  else
    {
      /* The same wall written as a plain SVG kit would: the fair peer of
       * pdf_export. */
      if (write_plain_svg (scene, plain_svg))
        bench_inkscape (inkscape, dir, plain_svg, "pdf_export_inkscape_comparable", n, quick ? 1 : 3);
      /* Inkscape reading Transfo's own SVG export (embedded glyph
       * outlines, shadows): what it costs to open our SVG in Inkscape. */
      if (!tf_export_run (TF_EXPORT_SVG, source, &options, svg, NULL, NULL, NULL, NULL, &error))
        g_printerr ("transfo-bench: %s\n", error->message);
      else if (!quick)
        bench_inkscape (inkscape, dir, svg, "inkscape_reads_transfo_svg", n, 3);
      else
        g_printerr ("# --quick leaves out inkscape_reads_transfo_svg (a minute or more)\n");
    }

  g_unlink (pdf);
  g_unlink (poster);
  g_unlink (svg);
  g_unlink (plain_svg);
  g_rmdir (dir);
}

/* The size of the SVG export of a wall of @n notes (--svg-export N):
 * svg_export_2k_bytes for 2,000 notes, with the time it takes. */
static int
bench_svg_export (guint n)
{
  g_autofree char *path = temp_archive ("svg.sqlite");
  g_autofree char *dir = g_dir_make_tmp ("transfo-bench-svg-XXXXXX", NULL);
  g_autofree char *svg = g_build_filename (dir, "wall.svg", NULL);
  g_autofree char *metric = g_strdup_printf ("svg_export_%uk_bytes", n / 1000);
  g_autoptr(GError) error = NULL;
  g_autoptr(TfStore) store = NULL;
  g_autoptr(TfScene) scene = NULL;
  g_autoptr(TfExperiment) experiment = tf_experiment_new ("Bench");
  g_autoptr(TfBoard) board = NULL;
  g_autoptr(TfExportSource) source = NULL;
  TfExportOptions options;
  gint64 board_id = 0;
  GStatBuf st;
  double start;

  if (!make_wall_archive (path, n, &board_id))
    return 1;
  store = tf_store_open (path, TF_STORE_OPEN_READ_ONLY, &error);
  scene = store ? tf_scene_new_for_board (store, board_id, &error) : NULL;
  if (scene == NULL)
    {
      g_printerr ("transfo-bench: %s\n", error->message);
      return 1;
    }
  board = tf_board_new (board_id, 1, TF_INSIGHT_WALL_TYPE_ID, "Wall", 0, n);
  source = tf_export_source_new (experiment);
  tf_export_source_add_board (source, board, scene);
  tf_export_options_init (&options);
  start = now_ms ();
  if (!tf_export_run (TF_EXPORT_SVG, source, &options, svg, NULL, NULL, NULL, NULL, &error) || g_stat (svg, &st) != 0)
    {
      g_printerr ("transfo-bench: %s\n", error ? error->message : g_strerror (errno));
      return 1;
    }
  g_printerr ("# n=%u: the SVG export took %.0f ms\n", n, now_ms () - start);
  report (metric, n, (double) st.st_size, "bytes");
  /* TRANSFO_BENCH_KEEP: the SVG stays, to open in Inkscape. */
  if (g_getenv ("TRANSFO_BENCH_KEEP") != NULL)
    g_printerr ("# kept %s\n", svg);
  else
    {
      g_unlink (svg);
      g_rmdir (dir);
    }
  g_clear_object (&source);
  g_clear_object (&scene);
  g_clear_object (&store);
  remove_archive (path);
  return 0;
}

/* The export metrics alone for a wall of @n notes, in this process
 * (--pdf-export-only). */
static int
bench_pdf_exports (guint n)
{
  g_autofree char *path = temp_archive ("exports.sqlite");
  g_autoptr(GError) error = NULL;
  g_autoptr(TfStore) store = NULL;
  g_autoptr(TfScene) scene = NULL;
  gint64 board_id = 0;

  if (!make_wall_archive (path, n, &board_id))
    return 1;
  store = tf_store_open (path, TF_STORE_OPEN_READ_ONLY, &error);
  scene = store ? tf_scene_new_for_board (store, board_id, &error) : NULL;
  if (scene == NULL)
    {
      g_printerr ("transfo-bench: %s\n", error->message);
      return 1;
    }
  bench_exports (scene, board_id, n, FALSE);
  report ("peak_rss", n, peak_rss_mb (), "MB");
  g_clear_object (&scene);
  g_clear_object (&store);
  remove_archive (path);
  return 0;
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
  TfViewport full, zoomed, detail;
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
  /* What the wall costs to open and browse, before the full-detail metrics
   * below draw every line of text (peak_rss includes them). */
  report ("peak_rss_browse", n, peak_rss_mb (), "MB");

  /* Full detail: notes of 200 units at zoom 0.6 are 120 px on screen, over
   * the 110 px where their whole text is drawn (2 to 4 lines each), some
   * 100 of them in a 1920×1080 view; caches warm. */
  detail = full;
  detail.zoom = 0.6;
  detail.x = extents.x + extents.width / 4;
  detail.y = extents.y + extents.height / 4;
  {
    g_autoptr(GPtrArray) items = g_ptr_array_new ();
    TfRect area = tf_viewport_get_area (&detail);

    tf_scene_query (scene, &area, items);
    visible = items->len;
  }
  g_array_set_size (samples, 0);
  time_frame (renderer, scene, surface, &detail);
  time_frame (renderer, scene, surface, &detail);
  for (int i = 0; i < 21; i++)
    {
      t = time_frame (renderer, scene, surface, &detail);
      g_array_append_val (samples, t);
    }
  report ("wall_frame_detail", n, median (samples), "ms");
  g_printerr ("# n=%u: wall_frame_detail shows %u notes of %.0f px\n", n, visible, 200 * detail.zoom);

  /* The first frame after a zoom jump, caches cold: from the whole wall
   * to a zoom level and a place not drawn before (0.55 to 1.05).
   * As the window draws it: a frame spends its budget on texts, the notes
   * past it show their lines, and the next frames bring the rest
   * (wall_first_frame_after_zoom_complete: the time until every text is). */
  g_array_set_size (samples, 0);
  {
    g_autoptr(GArray) complete = g_array_new (FALSE, FALSE, sizeof (double));

    tf_renderer_set_progressive (renderer, TRUE);
    for (int i = 0; i < 11; i++)
      {
        TfViewport jump = detail;
        double all;
        int frames = 0;

        tf_renderer_invalidate_all (renderer);
        time_frame (renderer, scene, surface, &full);
        jump.zoom = 0.55 + 0.05 * i;
        jump.x = extents.x + extents.width * g_rand_double_range (rand, 0, 0.8);
        jump.y = extents.y + extents.height * g_rand_double_range (rand, 0, 0.8);
        t = time_frame (renderer, scene, surface, &jump);
        g_array_append_val (samples, t);
        all = t;
        while (!frame_was_complete && frames++ < 100)
          all += time_frame (renderer, scene, surface, &jump);
        g_array_append_val (complete, all);
      }
    tf_renderer_set_progressive (renderer, FALSE);
    report ("wall_first_frame_after_zoom", n, median (samples), "ms");
    report ("wall_first_frame_after_zoom_complete", n, median (complete), "ms");
  }

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

/* board_read: a wall of @n notes read the way an export reads it, from
 * the archive on disk to its TfExportSource (every item's row, its style and
 * payload parsed, the scene and its index built), as the export dialog
 * and `transfo export` do before anything is drawn; median of 5, with the
 * thread's CPU time (board_read_cpu) and the process's peak memory. */
static int
bench_board_read (guint n)
{
  g_autofree char *path = temp_archive ("read.sqlite");
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) cpu = g_array_new (FALSE, FALSE, sizeof (double));

  if (!make_wall_archive (path, n, NULL))
    return 1;
  for (int run = 0; run < 5; run++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(TfStore) store = NULL;
      g_autoptr(TfExportSource) source = NULL;
      double start = now_ms (), cpu_start = cpu_ms (), t;

      store = tf_store_open (path, TF_STORE_OPEN_READ_ONLY, &error);
      source = store != NULL ? tf_export_source_new_from_store (store, 1, &error) : NULL;
      if (source == NULL)
        {
          g_printerr ("transfo-bench: %s\n", error->message);
          return 1;
        }
      t = now_ms () - start;
      g_array_append_val (samples, t);
      t = cpu_ms () - cpu_start;
      g_array_append_val (cpu, t);
    }
  report ("board_read", n, median (samples), "ms");
  report ("board_read_cpu", n, median (cpu), "ms");
  report ("board_read_peak_rss", n, peak_rss_mb (), "MB");
  remove_archive (path);
  return 0;
}

/* `transfo export` of a wall of @n notes to an A4 PDF, the process timed
 * end to end, with its peak memory (wait4's ru_maxrss). */
static int
bench_cli_export (guint    n,
                  gboolean quick)
{
  g_autofree char *path = temp_archive ("export.sqlite");
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *pdf = g_build_filename (dir, "wall.pdf", NULL);
  g_autofree char *transfo = find_transfo ();
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) cpu = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *archive_arg = g_strconcat ("--archive=", path, NULL);
  const char *argv[] = { transfo, archive_arg, "export", "1", "--format", "pdf", "-o", pdf, "--force", NULL };
  double peak = 0;
  gboolean ok = TRUE;

  if (transfo == NULL)
    {
      g_printerr ("# no transfo program found: no pdf_export_100k\n");
      return 0;
    }
  if (!make_wall_archive (path, n, NULL))
    return 1;
  for (int run = 0; run < (quick ? 1 : 3) && ok; run++)
    {
      double t = 0, mb = 0;

      ok = spawn_measured (argv, NULL, &t, &mb);
      g_array_append_val (samples, t);
      g_array_append_val (cpu, last_child_cpu_ms);
      peak = MAX (peak, mb);
    }
  if (ok)
    {
      report (n == 100000 ? "pdf_export_100k" : "pdf_export_cli", n, median (samples), "ms");
      report (n == 100000 ? "pdf_export_100k_cpu" : "pdf_export_cli_cpu", n, median (cpu), "ms");
      report (n == 100000 ? "pdf_export_100k_peak_rss" : "pdf_export_cli_peak_rss", n, peak, "MB");
      g_printerr ("# n=%u: transfo export --format pdf, an A4 PDF of %.1f MB\n", n, file_mb (pdf));
    }
  g_unlink (pdf);
  remove_archive (path);
  return ok ? 0 : 1;
}

/* The real window under its own Xvfb, with a wall of @n notes: the app runs
 * its scripted tour (gui/tf-bench-tour.c) and writes what it measured. */
static const struct {
  const char *key;
  const char *metric;
  const char *unit;
} window_figures[] = {
  { "pan_fps", "window_pan_fps", "fps" },
  { "pan_fps_overview", "window_pan_fps_overview", "fps" },
  { "pan_longest_frame_ms", "window_pan_longest_frame", "ms" },
  { "pan_cpu_ms_per_frame", "window_pan_cpu_per_frame", "ms" },
  { "pan_frame_cpu_ms", "window_pan_frame_cpu", "ms" },
  { "pan_overview_frame_cpu_ms", "window_pan_overview_frame_cpu", "ms" },
  { "pan_overview_cpu_ms_per_frame", "window_pan_overview_cpu_per_frame", "ms" },
  { "first_frame_after_zoom_ms", "window_first_frame_after_zoom", "ms" },
  { "first_frame_after_zoom_max_ms", "window_first_frame_after_zoom_max", "ms" },
  { "first_frame_after_zoom_paint_ms", "window_first_frame_after_zoom_paint", "ms" },
  { "first_frame_after_zoom_paint_max_ms", "window_first_frame_after_zoom_paint_max", "ms" },
  { "first_frame_after_zoom_wait_ms", "window_first_frame_after_zoom_wait", "ms" },
  { "first_frame_after_zoom_cpu_ms", "window_first_frame_after_zoom_cpu", "ms" },
  { "zoom_random_phase_ms", "window_first_frame_after_zoom_random_phase", "ms" },
  { "zoom_random_phase_max_ms", "window_first_frame_after_zoom_random_phase_max", "ms" },
  { "zoom_random_phase_paint_ms", "window_first_frame_after_zoom_random_phase_paint", "ms" },
  { "zoom_random_phase_paint_max_ms", "window_first_frame_after_zoom_random_phase_paint_max", "ms" },
  { "zoom_random_phase_wait_ms", "window_first_frame_after_zoom_random_phase_wait", "ms" },
  { "zoom_random_phase_cpu_ms", "window_first_frame_after_zoom_random_phase_cpu", "ms" },
  { "pan_overview_longest_frame_ms", "window_pan_overview_longest_frame", "ms" },
  { "long_frames", "window_frames_over_50ms", "frames" },
  { "dialog_open_ms", "export_dialog_open", "ms" },
  { "preview_first_page_ms", "export_preview_first_page", "ms" },
  { "dialog_longest_frame_ms", "export_dialog_longest_frame", "ms" },
  { "dialog_longest_frame_cpu_ms", "export_dialog_longest_frame_cpu", "ms" },
  { "dialog_frame_cpu_max_ms", "export_dialog_frame_cpu_max", "ms" },
  { "dialog_long_frames", "export_dialog_frames_over_50ms", "frames" },
  { "rss_launch", "window_rss_stage_launch", "MB" },
  { "rss_board", "window_rss_stage_board", "MB" },
  { "rss_pan_overview", "window_rss_stage_pan_overview", "MB" },
  { "rss_pan", "window_rss_stage_pan", "MB" },
  { "rss_tour", "window_rss_stage_tour", "MB" },
  { "rss_dialog", "window_rss_stage_dialog", "MB" },
  { "rss_preview", "window_rss_stage_preview", "MB" },
};

/* Runs the real window under its own 1920×1080 Xvfb on the archive
 * @path, its scripted tour on board @board_id (gui/tf-bench-tour.c; with
 * @extra_env, e.g. the room's), and gives the "key value" lines it wrote.
 * NULL when it could not run (*skipped when xvfb-run or the program is
 * missing). */
static GStrv
run_window_tour (const char         *path,
                 gint64              board_id,
                 const char * const *extra_env,
                 gboolean           *skipped)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *tour = g_build_filename (dir, "tour.txt", NULL);
  g_autofree char *transfo = find_transfo ();
  g_autofree char *xvfb_run = g_find_program_in_path ("xvfb-run");
  g_autofree char *archive_arg = g_strconcat ("--archive=", path, NULL);
  g_autofree char *tour_env = g_strconcat ("TRANSFO_BENCH_TOUR=", tour, NULL);
  g_autofree char *board_env = g_strdup_printf ("TRANSFO_BENCH_BOARD=%" G_GINT64_FORMAT, board_id);
  g_autofree char *contents = NULL;
  g_autofree char *transfo_dir = NULL;
  g_autofree char *schemas = NULL;
  const char *envp[] = { "GDK_BACKEND=x11", "GSETTINGS_BACKEND=memory", "GTK_A11Y=none",
                         "NO_AT_BRIDGE=1", tour_env, board_env, NULL, NULL, NULL, NULL, NULL };
  const char *argv[] = { xvfb_run, "-a", "-s", "-screen 0 1920x1080x24", transfo, archive_arg, NULL };
  guint n_env = 6;
  gboolean ok;

  *skipped = transfo == NULL || xvfb_run == NULL;
  if (*skipped)
    return NULL;
  for (guint i = 0; extra_env != NULL && extra_env[i] != NULL && i < 3; i++)
    envp[n_env++] = extra_env[i];
  /* The build's compiled settings schema, when there is one. */
  transfo_dir = g_path_get_dirname (transfo);
  schemas = g_build_filename (transfo_dir, "..", "data", NULL);
  if (g_file_test (schemas, G_FILE_TEST_IS_DIR))
    {
      g_autofree char *compiled = g_build_filename (schemas, "gschemas.compiled", NULL);

      if (g_file_test (compiled, G_FILE_TEST_EXISTS))
        {
          char *env = g_strconcat ("GSETTINGS_SCHEMA_DIR=", schemas, NULL);

          g_free (schemas);
          schemas = env;
          envp[n_env++] = schemas;
        }
    }

  ok = spawn_measured (argv, envp, NULL, NULL) && g_file_get_contents (tour, &contents, NULL, NULL);
  g_unlink (tour);
  return ok ? g_strsplit (contents, "\n", -1) : NULL;
}

static int
bench_window (guint n)
{
  g_autofree char *path = temp_archive ("window.sqlite");
  g_auto(GStrv) lines = NULL;
  double rss_max = 0;
  gint64 board_id = 0;
  gboolean ok = TRUE, skipped = FALSE;

  if (!make_wall_archive (path, n, &board_id))
    return 1;
  lines = run_window_tour (path, board_id, NULL, &skipped);
  if (skipped)
    {
      g_printerr ("# n=%u: --window needs xvfb-run and the transfo program: skipped\n", n);
      remove_archive (path);
      return 0;
    }
  if (lines == NULL)
    {
      g_printerr ("transfo-bench: the window tour of %u notes wrote nothing\n", n);
      remove_archive (path);
      return 1;
    }
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *space = strchr (lines[i], ' ');
      double value;

      if (space == NULL)
        continue;
      *space = '\0';
      if (g_str_equal (lines[i], "error"))
        {
          g_printerr ("transfo-bench: window tour of %u notes: %s\n", n, space + 1);
          ok = FALSE;
          continue;
        }
      value = g_ascii_strtod (space + 1, NULL);
      if (g_str_has_prefix (lines[i], "rss_"))
        rss_max = MAX (rss_max, value);
      for (guint f = 0; f < G_N_ELEMENTS (window_figures); f++)
        if (g_str_equal (lines[i], window_figures[f].key))
          report (window_figures[f].metric, n, value, window_figures[f].unit);
      if (g_str_equal (lines[i], "view_width") || g_str_equal (lines[i], "fit_zoom") ||
          g_str_equal (lines[i], "view_height"))
        g_printerr ("# n=%u: window tour: %s %s\n", n, lines[i], space + 1);
    }
  report (n == 10000 ? "window_rss_10k" : n == 100000 ? "window_rss_100k" : "window_rss", n, rss_max, "MB");
  remove_archive (path);
  return ok ? 0 : 1;
}

/* room_edit_frame: the room's two windows while the facilitator edits
 * (gui/room/tf-bench-room.c). A wall of @n notes whose experiment's
 * session shows an area of 4 × 3 notes past the middle of the wall, then
 * the whole wall (the presenter's next view); the session runs under
 * Xvfb with the audience full screen and the presenter's controls in a
 * window of their own; a note of the step has 40 characters typed into it
 * one at a time, then is moved 40 times, each edit one command. Reports
 * room_edit_frame: the worst edit, the main thread's CPU time from the
 * command until both windows have drawn it (the archive's write, the
 * scenes following it, the audience's frame and the presenter's: what
 * must fit in a 16 ms frame), its median, its wall time (frame clocks'
 * waits included); and for each window its frames' worst and median,
 * before-paint to after-paint, wall and CPU. */
/* A wall of @n notes (make_wall_archive) whose experiment has a session:
 * an area of 4 × 3 notes past the middle of the wall, then the whole wall
 * (the presenter's next view). */
static gboolean
make_room_archive (const char *path,
                   guint       n,
                   gint64     *board_id,
                   gint64     *experiment_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TfStore) store = NULL;
  g_autoptr(TfScene) scene = NULL;
  g_autoptr(TfHistory) history = NULL;
  g_autoptr(TfCommand) create = NULL;
  g_autoptr(GArray) steps = tf_session_step_array_new ();
  TfSessionStep step = { 0 };
  TfRect extents;

  *experiment_id = 0;
  if (!make_wall_archive (path, n, board_id))
    return FALSE;
  store = tf_store_open (path, TF_STORE_OPEN_NO_DEMO, &error);
  if (store == NULL || (scene = tf_scene_new_for_board (store, *board_id, &error)) == NULL)
    {
      g_printerr ("transfo-bench: %s\n", error->message);
      return FALSE;
    }
  {
    sqlite3_stmt *stmt = tf_store_prepare (store, "SELECT experiment_id FROM boards WHERE id = ?", &error);

    if (stmt != NULL)
      {
        sqlite3_bind_int64 (stmt, 1, *board_id);
        if (sqlite3_step (stmt) == SQLITE_ROW)
          *experiment_id = sqlite3_column_int64 (stmt, 0);
        sqlite3_reset (stmt);
      }
  }
  extents = tf_scene_get_extents (scene);
  /* 4 × 3 notes of the grid (240 units apart), past the middle. */
  step.kind = TF_SESSION_STEP_AREA;
  step.board_id = *board_id;
  step.x = extents.x + floor (extents.width * 0.55 / 240) * 240;
  step.y = extents.y + floor (extents.height * 0.5 / 240) * 240;
  step.width = 240 * 4 - 40;
  step.height = 240 * 3 - 40;
  step.title = g_strdup ("Area");
  step.notes = g_strdup ("");
  g_array_append_val (steps, step);
  memset (&step, 0, sizeof step);
  step.kind = TF_SESSION_STEP_BOARD;
  step.board_id = *board_id;
  step.title = g_strdup ("Wall");
  step.notes = g_strdup ("");
  g_array_append_val (steps, step);
  history = tf_history_new (store);
  create = tf_session_command_create (*experiment_id, steps);
  if (*experiment_id == 0 || !tf_history_execute (history, create, &error))
    {
      g_printerr ("transfo-bench: the session: %s\n", error ? error->message : "no experiment");
      return FALSE;
    }
  g_clear_object (&history);
  g_clear_object (&scene);
  tf_store_close (store);
  return TRUE;
}

/* The room's windows under Xvfb on @path (gui/room/tf-bench-room.c), with
 * @extra_env; reports its "_ms" lines as figures (name_max_ms → name,
 * name_median_ms → name_median) and the others as comments. 0 when done
 * or skipped. */
static int
run_room_windows (const char         *path,
                  const char         *what,
                  guint               n,
                  gint64              board_id,
                  const char * const *extra_env)
{
  g_auto(GStrv) lines = NULL;
  gboolean ok = TRUE, skipped = FALSE;

  lines = run_window_tour (path, board_id, extra_env, &skipped);
  if (skipped)
    {
      g_printerr ("# n=%u: --%s needs xvfb-run and the transfo program: skipped\n", n, what);
      remove_archive (path);
      return 0;
    }
  if (lines == NULL)
    {
      g_printerr ("transfo-bench: the room's windows (%s, %u) wrote nothing\n", what, n);
      remove_archive (path);
      return 1;
    }
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *space = strchr (lines[i], ' ');

      if (space == NULL)
        continue;
      *space = '\0';
      if (g_str_equal (lines[i], "error"))
        {
          g_printerr ("transfo-bench: the room's windows (%s, %u): %s\n", what, n, space + 1);
          ok = FALSE;
        }
      else if (g_str_has_suffix (lines[i], "_ms"))
        {
          /* room_edit_frame_max_ms → room_edit_frame, _median_ms → _median. */
          g_autofree char *metric = g_strndup (lines[i], strlen (lines[i]) - strlen ("_ms"));

          if (g_str_has_suffix (metric, "_max"))
            metric[strlen (metric) - strlen ("_max")] = '\0';
          report (metric, n, g_ascii_strtod (space + 1, NULL), "ms");
        }
      else
        g_printerr ("# %s n=%u: %s %s\n", what, n, lines[i], space + 1);
    }
  remove_archive (path);
  return ok ? 0 : 1;
}

/* room_edit_frame: the room's two windows while the facilitator edits
 * (gui/room/tf-bench-room.c). A wall of @n notes and its session
 * (make_room_archive); the session runs under Xvfb with the audience full
 * screen and the presenter's controls in a window of their own; a note of
 * the step has 40 characters typed into it one at a time, then is moved
 * 40 times, each edit one command. Reports room_edit_frame: the worst
 * edit, the main thread's CPU time from the command until both windows
 * have drawn it (the archive's write, the scenes following it, the
 * audience's frame and the presenter's: what must fit in a 16 ms frame),
 * its median, its wall time (frame clocks' waits included); and for each
 * window its frames' worst and median, before-paint to after-paint, wall
 * and CPU. */
static int
bench_room_edit (guint n)
{
  g_autofree char *path = temp_archive ("room-edit.sqlite");
  g_autofree char *room_env = NULL;
  gint64 board_id = 0, experiment_id = 0;

  if (!make_room_archive (path, n, &board_id, &experiment_id))
    return 1;
  room_env = g_strdup_printf ("TRANSFO_BENCH_ROOM=%" G_GINT64_FORMAT, experiment_id);
  return run_room_windows (path, "room-edit", n, board_id, (const char * const[]) { room_env, NULL });
}

/* room_phones_frame: the same two windows (a wall of 1,000 notes and its
 * session) while @n phones send 10 insights each to the room's real
 * server (its own process) on 127.0.0.1: each phone a thread of the app's
 * process with its own loopback address speaking HTTP over real sockets,
 * one insight every 2 s after a staggered start (60 phones: 600 insights
 * in about 22 s, three times the issue's "within a minute"), until every
 * insight is in the facilitator's queue. Reports room_phones_frame: the
 * presenter's (the facilitator's window, with the queue) worst frame,
 * before-paint to after-paint, wall; its median and CPU; the audience's;
 * and as comments the insights sent, refused and queued. */
static int
bench_room_phones (guint n)
{
  g_autofree char *path = temp_archive ("room-phones.sqlite");
  g_autofree char *room_env = NULL;
  g_autofree char *phones_env = g_strdup_printf ("TRANSFO_BENCH_PHONES=%u", n);
  gint64 board_id = 0, experiment_id = 0;

  if (!make_room_archive (path, 1000, &board_id, &experiment_id))
    return 1;
  room_env = g_strdup_printf ("TRANSFO_BENCH_ROOM=%" G_GINT64_FORMAT, experiment_id);
  return run_room_windows (path, "room-phones", n, board_id,
                           (const char * const[]) { room_env, phones_env, NULL });
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

/* `transfo search` over the archive at @path, the process timed end to end
 * (start, open, query, output) as someone at a terminal meets it: the
 * frequent word, and the prefix being typed. */
static int
bench_cli_search (const char *path,
                  guint       n)
{
  g_autofree char *transfo = find_transfo ();
  g_autofree char *archive_arg = g_strconcat ("--archive=", path, NULL);
  const char *queries[] = { "délibération", "de", "hapax" };
  const char *names[] = { "cli_search", "cli_search_prefix", "cli_search_rare" };

  if (transfo == NULL)
    {
      g_printerr ("# no transfo program found: no cli_search\n");
      return 0;
    }
  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));
      g_autoptr(GArray) cpu = g_array_new (FALSE, FALSE, sizeof (double));
      const char *argv[] = { transfo, archive_arg, "search", queries[q], NULL };
      g_autofree char *name = NULL;
      g_autofree char *cpu_name = NULL;

      for (int run = 0; run < 11; run++)
        {
          double t = 0;

          if (!spawn_measured (argv, NULL, &t, NULL))
            return 1;
          g_array_append_val (samples, t);
          g_array_append_val (cpu, last_child_cpu_ms);
        }
      name = n == 1000000 ? g_strconcat (names[q], "_1m", NULL) : g_strdup (names[q]);
      report (name, n, median (samples), "ms");
      /* The process's CPU time: on a loaded machine most of the wall
       * time is waiting for a CPU. */
      cpu_name = g_strconcat (name, "_cpu", NULL);
      report (cpu_name, n, median (cpu), "ms");
      g_printerr ("# %s: transfo search “%s”, the process end to end\n", name, queries[q]);
    }
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
  if (rc == 0 && !open_only)
    rc = bench_cli_search (path, n);
  if (g_getenv ("TRANSFO_BENCH_KEEP") != NULL)
    {
      g_printerr ("# the archive is kept: %s\n", path);
      return rc;
    }
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

/* Blueprints: 30 steps × 8 lanes (the five of a service blueprint, plus
 * time, pain points and opportunities), 600 cards spread over the cells
 * (0 to 5 a cell, some with marks), ~100 arrows between cards of
 * neighbouring steps. */
#define BP_STEPS  30
#define BP_CARDS  600
#define BP_ARROWS 100

typedef struct {
  gint64 board_id;
  guint  n_arrows;
} BlueprintGen;

static gboolean
generate_blueprint (TfStore   *store,
                    gpointer   user_data,
                    GError   **error)
{
  static const TfBpLaneRole extra[] = { TF_BP_LANE_TIME, TF_BP_LANE_PAIN, TF_BP_LANE_OPPORTUNITY };
  BlueprintGen *gen = user_data;
  g_autoptr(GRand) rand = g_rand_new_with_seed (10);
  g_autoptr(TfBlueprint) bp = tf_blueprint_new ();
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) cells = g_array_new (FALSE, FALSE, sizeof (int));
  g_autofree char *grid = NULL;
  sqlite3 *db = tf_store_get_db (store);
  gint64 experiment_id, id;
  int z = 0;

  if (sqlite3_exec (db, "INSERT INTO experiments (uuid, title) VALUES ('bench-blueprint', 'Bench')",
                    NULL, NULL, NULL) != SQLITE_OK)
    return tf_store_fail (store, error, "generate");
  experiment_id = sqlite3_last_insert_rowid (db);
  if (!tf_board_rows_append (store, experiment_id, TF_BLUEPRINT_TYPE_ID, "Blueprint", &gen->board_id, error))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (extra); i++)
    {
      TfBpLane *lane = g_new0 (TfBpLane, 1);

      lane->id = g_strdup_printf ("l%u", bp->next++);
      lane->role = extra[i];
      lane->title = g_strdup ("");
      g_ptr_array_add (bp->lanes, lane);
    }
  for (guint i = 0; i < BP_STEPS; i++)
    {
      TfBpStep *step = g_new0 (TfBpStep, 1);

      step->id = g_strdup_printf ("s%u", bp->next++);
      step->title = g_strdup_printf ("Étape %u", i + 1);
      step->stage_id = g_strdup ("");
      step->duration = g_strdup (i % 3 == 0 ? "2 jours" : "");
      g_ptr_array_add (bp->steps, step);
    }
  grid = tf_blueprint_grid_to_json (bp);
  if (!tf_item_rows_insert (store, gen->board_id, TF_BP_GRID_KIND, 0, 0, 1, 1, z++, 0, "", "{}", grid, &id, error))
    return FALSE;

  for (guint i = 0; i < BP_CARDS; i++)
    {
      int step = g_rand_int_range (rand, 0, BP_STEPS), lane = g_rand_int_range (rand, 0, (int) bp->lanes->len);
      g_autoptr(GArray) cites = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_autoptr(GHashTable) silenced = g_hash_table_new (g_str_hash, g_str_equal);
      g_autofree char *text = make_quote (rand, i);
      g_autofree char *payload = NULL;
      TfBpCard card = { 0 };
      int cell = step * 16 + lane;

      card.step_id = ((TfBpStep *) g_ptr_array_index (bp->steps, step))->id;
      card.lane_id = ((TfBpLane *) g_ptr_array_index (bp->lanes, lane))->id;
      card.order = -1;
      card.text = text;
      card.actor = (char *) (i % 4 == 0 ? "elu" : i % 4 == 1 ? "collaborateur" : "");
      card.department = (char *) (i % 5 == 0 ? "Direction des assemblées" : "");
      card.evidence_label = (char *) "";
      card.marks = i % 17 == 0 ? TF_BP_MARK_FAIL : i % 13 == 0 ? TF_BP_MARK_WAIT : i % 11 == 0 ? TF_BP_MARK_PAIN : 0;
      card.fail_owner = (char *) (i % 2 ? "Cabinet" : "");
      card.fail_mitigation = (char *) "";
      card.wait_duration = (char *) "3 jours";
      card.cites = cites;
      card.silenced = silenced;
      for (guint c = 0; c < cells->len; c++)
        if (g_array_index (cells, int, c) == cell)
          card.order++;
      card.order++;
      g_array_append_val (cells, cell);
      payload = tf_blueprint_card_to_json (&card, NULL);
      if (!tf_item_rows_insert (store, gen->board_id, TF_BP_CARD_KIND, 0, 0, 232, 96, z++, 0, text, "{}",
                                payload, &id, error))
        return FALSE;
      g_array_append_val (ids, id);
    }

  /* Arrows from a card to one of a later card: mostly forward in time. */
  for (guint i = 0; i < BP_ARROWS; i++)
    {
      guint from = (guint) g_rand_int_range (rand, 0, BP_CARDS - 1);
      guint to = (guint) g_rand_int_range (rand, from + 1, MIN (from + 40, BP_CARDS));
      g_autofree char *payload = g_strdup_printf ("{\"from\": %" G_GINT64_FORMAT ", \"to\": %" G_GINT64_FORMAT
                                                  ", \"two_way\": %s, \"loop\": false, \"label\": \"\"}",
                                                  g_array_index (ids, gint64, from), g_array_index (ids, gint64, to),
                                                  i % 7 == 0 ? "true" : "false");

      if (!tf_item_rows_insert (store, gen->board_id, TF_BP_ARROW_KIND, 0, 0, 1, 1, z++, 0, "", "{}",
                                payload, &id, error))
        return FALSE;
      gen->n_arrows++;
    }
  return tf_blueprint_settle (store, gen->board_id, error);
}

/* blueprint_reflow, blueprint_check, blueprint_frame_full. */
static int
bench_blueprint (void)
{
  g_autofree char *path = temp_archive ("blueprint.sqlite");
  g_autoptr(GError) error = NULL;
  g_autoptr(TfStore) store = NULL;
  g_autoptr(TfScene) scene = NULL;
  g_autoptr(TfRenderer) renderer = NULL;
  g_autoptr(TfBlueprint) bp = NULL;
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) parts = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) cpu_samples = g_array_new (FALSE, FALSE, sizeof (double));
  cairo_surface_t *surface;
  BlueprintGen gen = { 0 };
  TfViewport full;
  TfRect extents;
  double t;

  store = tf_store_open (path, TF_STORE_OPEN_CREATE | TF_STORE_OPEN_NO_DEMO, &error);
  if (store == NULL || !tf_store_edit (store, generate_blueprint, &gen, NULL, &error))
    {
      g_printerr ("transfo-bench: %s\n", error->message);
      return 1;
    }
  /* For the reflow's breakdown: the command alone, no scene following. */
  for (int i = 0; i < 5; i++)
    {
      g_autoptr(TfCommand) command = tf_bp_command_insert_step (gen.board_id, 0, "Nouvelle étape", NULL);
      double start = now_ms ();

      if (!tf_command_execute (command, store, &error))
        {
          g_printerr ("transfo-bench: %s\n", error->message);
          return 1;
        }
      t = now_ms () - start;
      g_array_append_val (samples, t);
      if (!tf_command_undo (command, store, &error))
        {
          g_printerr ("transfo-bench: %s\n", error->message);
          return 1;
        }
    }
  g_printerr ("# blueprint_reflow's command alone (no scene): %.1f ms\n", median (samples));
  g_array_set_size (samples, 0);

  scene = tf_scene_new_for_board (store, gen.board_id, &error);
  if (scene == NULL)
    {
      g_printerr ("transfo-bench: %s\n", error->message);
      return 1;
    }
  renderer = tf_renderer_new ();
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, FRAME_W, FRAME_H);
  extents = tf_scene_get_extents (scene);
  tf_viewport_fit (&full, &extents, FRAME_W, FRAME_H, 40, 0.001, 4);
  bp = tf_blueprint_from_scene (scene);
  g_printerr ("# blueprint: %u steps × %u lanes, %u cards, %u arrows, %.0f × %.0f units\n",
              bp->steps->len, bp->lanes->len, bp->cards->len, bp->arrows->len, extents.width, extents.height);

  /* The full view, caches warm. */
  time_frame (renderer, scene, surface, &full);
  for (int i = 0; i < 21; i++)
    {
      t = time_frame (renderer, scene, surface, &full);
      g_array_append_val (samples, t);
    }
  report ("blueprint_frame_full", BP_CARDS, median (samples), "ms");

  /* Every check over the blueprint, from its data. */
  g_array_set_size (samples, 0);
  for (int i = 0; i < 21; i++)
    {
      double start = now_ms ();
      g_autoptr(GPtrArray) findings = tf_blueprint_check (bp, NULL);

      t = now_ms () - start;
      g_array_append_val (samples, t);
      if (i == 0)
        g_printerr ("# blueprint_check: %u findings\n", findings->len);
    }
  report ("blueprint_check", BP_CARDS, median (samples), "ms");

  /* For the reflow's breakdown: the pure layout alone (no store). */
  g_array_set_size (samples, 0);
  for (int i = 0; i < 11; i++)
    {
      double start = now_ms ();
      g_autoptr(TfBpLayout) layout = tf_blueprint_layout (bp);

      t = now_ms () - start;
      g_array_append_val (samples, t);
    }
  g_printerr ("# blueprint layout alone: %.1f ms\n", median (samples));

  /* A step inserted at the start, to the new frame: the command (its
   * transaction, the reflow of every card and the routing of every arrow),
   * the scene following the store, and the full view drawn again. Undone
   * after each sample, outside the measure. */
  g_array_set_size (samples, 0);
  g_array_set_size (parts, 0);
  for (int i = 0; i < 11; i++)
    {
      g_autoptr(TfCommand) command = tf_bp_command_insert_step (gen.board_id, 0, "Nouvelle étape", NULL);
      double start = now_ms (), cpu_start = cpu_ms (), executed, cpu;

      if (!tf_command_execute (command, store, &error))
        {
          g_printerr ("transfo-bench: %s\n", error->message);
          return 1;
        }
      executed = now_ms () - start;
      time_frame (renderer, scene, surface, &full);
      t = now_ms () - start;
      cpu = cpu_ms () - cpu_start;
      g_array_append_val (samples, t);
      g_array_append_val (parts, executed);
      g_array_append_val (cpu_samples, cpu);
      if (!tf_command_undo (command, store, &error))
        {
          g_printerr ("transfo-bench: %s\n", error->message);
          return 1;
        }
      time_frame (renderer, scene, surface, &full);
    }
  report ("blueprint_reflow", BP_CARDS, median (samples), "ms");
  g_printerr ("# blueprint_reflow: %.1f ms of it in the command and the scene's update, the rest drawing;"
              " %.1f ms of CPU time\n", median (parts), median (cpu_samples));

  cairo_surface_destroy (surface);
  g_clear_object (&renderer);
  g_clear_object (&scene);
  g_clear_object (&store);
  remove_archive (path);
  return 0;
}

/* A 4000 × 3000 JPEG like a photo (smooth light, grain), quality 90, 4:2:0,
 * with an EXIF block saying @orientation. */
static GBytes *
make_photo_jpeg (int orientation)
{
  const int width = 4000, height = 3000;
  g_autofree guint8 *pixels = g_malloc ((gsize) width * height * 3);
  guint32 seed = 12345;
  tjhandle handle = tjInitCompress ();
  unsigned char *jpeg = NULL;
  unsigned long len = 0;
  GByteArray *out = g_byte_array_new ();
  /* IFD0 with the orientation alone, big-endian. */
  const guint8 app1[] = {
    0xff, 0xe1, 0x00, 0x22, 'E', 'x', 'i', 'f', 0, 0, 'M', 'M', 0, '*', 0, 0, 0, 8,
    0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, (guint8) orientation, 0, 0, 0, 0, 0, 0,
  };

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guint8 *p = pixels + ((gsize) y * width + x) * 3;
        int grain;

        seed = seed * 1664525u + 1013904223u;
        grain = (int) (seed >> 28) - 8;
        p[0] = (guint8) CLAMP (60 + x * 150 / width + grain, 0, 255);
        p[1] = (guint8) CLAMP (90 + y * 120 / height + grain, 0, 255);
        p[2] = (guint8) CLAMP (120 + ((x / 200 + y / 150) % 2) * 60 + grain, 0, 255);
      }
  if (tjCompress2 (handle, pixels, width, width * 3, height, TJPF_RGB, &jpeg, &len, TJSAMP_420, 90, 0) != 0)
    g_error ("tjCompress2: %s", tjGetErrorStr2 (handle));
  g_byte_array_append (out, jpeg, 2);
  g_byte_array_append (out, app1, sizeof app1);
  g_byte_array_append (out, jpeg + 2, (guint) len - 2);
  tjFree (jpeg);
  tjDestroy (handle);
  return g_byte_array_free_to_bytes (out);
}

/* CPU time of this process and of its children waited for (the helper),
 * user and system: what a loaded machine does not blur. */
static double
process_cpu_ms (void)
{
  struct rusage self, children;

  getrusage (RUSAGE_SELF, &self);
  getrusage (RUSAGE_CHILDREN, &children);
  return (self.ru_utime.tv_sec + self.ru_stime.tv_sec + children.ru_utime.tv_sec + children.ru_stime.tv_sec) * 1000.0 +
         (self.ru_utime.tv_usec + self.ru_stime.tv_usec + children.ru_utime.tv_usec + children.ru_stime.tv_usec) / 1000.0;
}

static int bench_mockup_pdf_pages (void);

/* mockup_decode_12mpx: a 12-Mpx JPEG through the sandboxed helper, from its
 * start to the pixels (and the cleaned bytes to store) in this process;
 * _turned the same with an EXIF rotation; _view fitted into 1920 × 1080;
 * each also as _cpu, the CPU time of both processes. */
static int
bench_mockup_decode (void)
{
  const struct {
    const char *metric;
    int         orientation;
    int         max_width;
    int         max_height;
  } cases[] = {
    { "mockup_decode_12mpx", 1, 0, 0 },
    { "mockup_decode_12mpx_turned", 6, 0, 0 },
    { "mockup_decode_12mpx_view", 1, FRAME_W, FRAME_H },
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr(GBytes) jpeg = make_photo_jpeg (cases[c].orientation);
      g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));
      g_autoptr(GArray) cpu_samples = g_array_new (FALSE, FALSE, sizeof (double));
      g_autofree char *cpu_metric = g_strconcat (cases[c].metric, "_cpu", NULL);
      TfDecodeOptions options = { TF_DECODE_WANT_PIXELS | TF_DECODE_WANT_STORED, 0,
                                  cases[c].max_width, cases[c].max_height };

      for (int i = 0; i < 7; i++)
        {
          g_autoptr(GError) error = NULL;
          g_autoptr(TfDecoded) decoded = NULL;
          double cpu_start = process_cpu_ms (), start = now_ms (), t, cpu;

          decoded = tf_decode_bytes (jpeg, &options, NULL, &error);
          t = now_ms () - start;
          cpu = process_cpu_ms () - cpu_start;
          g_array_append_val (cpu_samples, cpu);
          if (decoded == NULL)
            {
              g_printerr ("transfo-bench: %s: %s\n", cases[c].metric, error->message);
              return 1;
            }
          g_array_append_val (samples, t);
        }
      report (cases[c].metric, (guint) (g_bytes_get_size (jpeg) / 1024), median (samples), "ms");
      report (cpu_metric, (guint) (g_bytes_get_size (jpeg) / 1024), median (cpu_samples), "ms");
    }
  return bench_mockup_pdf_pages ();
}

/* mockup_pdf_pages_open: what the PDF page dialog waits for with a PDF of
 * 10 000 pages, from the pages helper's start to its page count and the
 * first page drawn small (the dialog's model itself is made at once). */
static cairo_status_t
append_bytes (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static void
pages_event (TfDecodePages *pages,
             int            value,
             gpointer       data)
{
  (*(int *) data)++;
}

static void
pages_drawn (TfDecodePages   *pages,
             int              page,
             cairo_surface_t *surface,
             gpointer         data)
{
  (*(int *) data)++;
}

static int
bench_mockup_pdf_pages (void)
{
  GByteArray *out = g_byte_array_new ();
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));
  cairo_surface_t *surface = cairo_pdf_surface_create_for_stream (append_bytes, out, 300, 200);
  cairo_t *cr = cairo_create (surface);

  for (int i = 0; i < 10000; i++)
    {
      cairo_set_source_rgb (cr, (i % 3) / 3.0, 0.5, 0.8);
      cairo_paint (cr);
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  pdf = g_byte_array_free_to_bytes (out);
  for (int i = 0; i < 3; i++)
    {
      g_autoptr(TfDecodePages) pages = tf_decode_pages_new (pdf, 120, 150);
      int opened = 0, drawn = 0;
      double start = now_ms (), t;

      g_signal_connect (pages, "opened", G_CALLBACK (pages_event), &opened);
      g_signal_connect (pages, "failed", G_CALLBACK (pages_event), &opened);
      g_signal_connect (pages, "page-drawn", G_CALLBACK (pages_drawn), &drawn);
      tf_decode_pages_want (pages, 0);
      while (drawn == 0 && opened < 2)
        g_main_context_iteration (NULL, TRUE);
      t = now_ms () - start;
      tf_decode_pages_close (pages);
      if (drawn == 0)
        {
          g_printerr ("transfo-bench: mockup_pdf_pages_open: the helper failed\n");
          return 1;
        }
      g_array_append_val (samples, t);
    }
  report ("mockup_pdf_pages_open", 10000, median (samples), "ms");
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

/* Mockups: photos of 12 Mpx (4000 × 3000) and a 4-Mpx image placed on
 * one, stored as a user's would be (through the decoder and the commands).
 * The photos are drawn here: gradients and a few hundred soft shapes, each
 * photo its own tint (so that the archive keeps ten assets, not one), and
 * stored as JPEG at quality 90, as a camera's are. */

#define MK_PHOTO_W 4000
#define MK_PHOTO_H 3000
#define MK_N_PHOTOS 10

static cairo_status_t
append_png (void                *closure,
            const unsigned char *data,
            unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static TfDecoded *
mk_image (int      width,
          int      height,
          guint    seed,
          GError **error)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  cairo_t *cr = cairo_create (surface);
  cairo_pattern_t *grad = cairo_pattern_create_linear (0, 0, width, height);
  GRand *rand = g_rand_new_with_seed (seed);
  GByteArray *png = g_byte_array_new ();
  g_autoptr(GBytes) bytes = NULL;
  TfDecodeOptions options = { .wants = TF_DECODE_WANT_STORED };

  cairo_pattern_add_color_stop_rgb (grad, 0, 0.55 + seed % 5 * 0.05, 0.45, 0.35);
  cairo_pattern_add_color_stop_rgb (grad, 1, 0.2, 0.25 + seed % 3 * 0.1, 0.3);
  cairo_set_source (cr, grad);
  cairo_paint (cr);
  cairo_pattern_destroy (grad);
  for (int i = 0; i < 400; i++)
    {
      cairo_arc (cr, g_rand_double (rand) * width, g_rand_double (rand) * height,
                 10 + g_rand_double (rand) * width / 12, 0, 2 * G_PI);
      cairo_set_source_rgba (cr, g_rand_double (rand), g_rand_double (rand), g_rand_double (rand), 0.25);
      cairo_fill (cr);
    }
  cairo_destroy (cr);
  {
    tjhandle tj = tjInitCompress ();
    unsigned char *jpeg = NULL;
    unsigned long size = 0;

    cairo_surface_flush (surface);
    if (tj != NULL &&
        tjCompress2 (tj, cairo_image_surface_get_data (surface), width, cairo_image_surface_get_stride (surface),
                     height, G_BYTE_ORDER == G_LITTLE_ENDIAN ? TJPF_BGRX : TJPF_XRGB, &jpeg, &size,
                     TJSAMP_420, 90, 0) == 0)
      g_byte_array_append (png, jpeg, size);
    else
      cairo_surface_write_to_png_stream (surface, append_png, png);
    tjFree (jpeg);
    if (tj != NULL)
      tjDestroy (tj);
  }
  cairo_surface_destroy (surface);
  g_rand_free (rand);
  bytes = g_byte_array_free_to_bytes (png);
  return tf_decode_bytes (bytes, &options, NULL, error);
}

static gboolean
mk_run (TfStore    *store,
        TfCommand  *command,
        gint64     *result,
        GError    **error)
{
  g_autoptr(TfCommand) owned = command;

  if (!tf_command_execute (owned, store, error))
    return FALSE;
  if (result != NULL)
    *result = tf_command_get_result_id (owned);
  return TRUE;
}

/* An archive with one mockup board of @n_photos photos, a 4-Mpx image
 * placed on the first; the experiment's id. */
static gint64
make_mockup_archive (TfStore  *store,
                     guint     n_photos,
                     GError  **error)
{
  g_autoptr(TfExperiment) draft = tf_experiment_new ("Bench mockup");
  gint64 experiment_id = 0, photo_id = 0, first = 0, place_id = 0;
  g_autoptr(TfDecoded) image = NULL;
  TfMkSource source = { 0 };
  TfQuad quad = { { { 300, 200 }, { 900, 260 }, { 880, 780 }, { 320, 820 } } };

  if (!mk_run (store, tf_command_create_experiment (draft), &experiment_id, error))
    return 0;
  for (guint i = 0; i < n_photos; i++)
    {
      g_autoptr(TfDecoded) photo = mk_image (MK_PHOTO_W, MK_PHOTO_H, i + 1, error);
      g_autoptr(TfCommand) command = NULL;

      if (photo == NULL)
        return 0;
      source.stored = photo->stored;
      source.mime_type = photo->mime_type;
      source.name = "photo.jpg";
      source.width = photo->width;
      source.height = photo->height;
      command = tf_mk_command_add_photo (experiment_id, 0, NULL, &source);
      if (!tf_command_execute (command, store, error))
        return 0;
      photo_id = tf_command_get_result_id (command);
      if (first == 0)
        first = photo_id;
    }
  image = mk_image (2000, 2000, 99, error);
  if (image == NULL)
    return 0;
  source.stored = image->stored;
  source.mime_type = image->mime_type;
  source.name = "poster.png";
  source.width = image->width;
  source.height = image->height;
  if (!mk_run (store, tf_mk_command_add_place (first, &source), &place_id, error) ||
      !mk_run (store, tf_mk_command_set_corners (place_id, &quad), NULL, error))
    return 0;
  return experiment_id;
}

static gboolean
mk_export (TfStore     *store,
           gint64       experiment_id,
           const char  *pdf,
           GError     **error)
{
  g_autoptr(TfExportSource) source = tf_export_source_new_from_store (store, experiment_id, error);
  g_auto(TfExportOptions) options;

  if (source == NULL)
    return FALSE;
  tf_export_options_init (&options);
  options.paper = TF_PAPER_A4;
  return tf_export_run (TF_EXPORT_BOARD, source, &options, pdf, NULL, NULL, NULL, NULL, error);
}

/* pdf_export_mockup: one A4 page of a mockup board with a 12-Mpx photo
 * and a placement (placed images at 300 dpi), the photo decoded from the
 * archive each time (a cold export: the window keeps only screen sizes). */
static int
bench_mockup (void)
{
  g_autofree char *path = temp_archive ("mockup.sqlite");
  g_autofree char *pdf = g_strconcat (path, ".pdf", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TfStore) store = NULL;
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) warm = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) cpu = g_array_new (FALSE, FALSE, sizeof (double));
  gint64 experiment_id;
  GStatBuf st;

  store = tf_store_open (path, TF_STORE_OPEN_CREATE | TF_STORE_OPEN_NO_DEMO, &error);
  if (store == NULL || (experiment_id = make_mockup_archive (store, 1, &error)) == 0)
    {
      g_printerr ("transfo-bench: %s\n", error != NULL ? error->message : "?");
      return 1;
    }
  for (int i = 0; i < 5; i++)
    {
      double start, t, cpu_start;

      tf_mk_pixels_clear (tf_mk_pixels_get_default ());
      cpu_start = process_cpu_ms ();
      start = now_ms ();
      if (!mk_export (store, experiment_id, pdf, &error))
        {
          g_printerr ("transfo-bench: %s\n", error->message);
          return 1;
        }
      t = now_ms () - start;
      g_array_append_val (samples, t);
      t = process_cpu_ms () - cpu_start;
      g_array_append_val (cpu, t);
      start = now_ms ();
      if (!mk_export (store, experiment_id, pdf, &error))
        {
          g_printerr ("transfo-bench: %s\n", error->message);
          return 1;
        }
      t = now_ms () - start;
      g_array_append_val (warm, t);
    }
  report ("pdf_export_mockup", 1, median (samples), "ms");
  g_printerr ("# pdf_export_mockup: A4, a %d × %d photo and a 2000 × 2000 image placed, %.1f MB PDF; "
              "%.0f ms with the photo's pixels already decoded; %.0f ms of CPU (the decoder's included)\n",
              MK_PHOTO_W, MK_PHOTO_H, g_stat (pdf, &st) == 0 ? st.st_size / 1e6 : 0.0, median (warm),
              median (cpu));
  g_unlink (pdf);
  store = NULL;
  remove_archive (path);
  return 0;
}

/* mockup_peak_rss_10_photos: in a process of its own, the board of ten
 * 12-Mpx photos opened, drawn as the window draws it (fitted to a 1920 ×
 * 1080 view, then each photo at 100 %), and exported to an A4 PDF. */
static int
bench_mockup_memory (const char *path,
                     gint64      experiment_id)
{
  g_autofree char *pdf = g_strconcat (path, ".pdf", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TfStore) store = tf_store_open (path, TF_STORE_OPEN_NO_DEMO, &error);
  g_autoptr(TfScene) scene = NULL;
  g_autoptr(TfRenderer) renderer = tf_renderer_new ();
  g_autoptr(TfAssetSource) assets = NULL;
  cairo_surface_t *surface;
  TfViewport vp;
  TfRect extents;
  gint64 board_id;
  GPtrArray *items;

  if (store == NULL)
    {
      g_printerr ("transfo-bench: %s\n", error->message);
      return 1;
    }
  board_id = tf_mk_first_board (store, experiment_id, &error);
  scene = board_id != 0 ? tf_scene_new_for_board (store, board_id, &error) : NULL;
  if (scene == NULL)
    {
      g_printerr ("transfo-bench: %s\n", error != NULL ? error->message : "no mockup board");
      return 1;
    }
  assets = tf_asset_source_new_for_store (store);
  tf_renderer_set_assets (renderer, assets);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, FRAME_W, FRAME_H);
  extents = tf_scene_get_extents (scene);
  tf_viewport_fit (&vp, &extents, FRAME_W, FRAME_H, 40, 0.001, 4);
  time_frame (renderer, scene, surface, &vp);
  items = tf_scene_get_items (scene);
  for (guint i = 0; i < items->len; i++)
    {
      TfItem *item = g_ptr_array_index (items, i);
      TfRect one = item->bounds;

      tf_viewport_fit (&vp, &one, FRAME_W, FRAME_H, 0, 0.001, 8);
      time_frame (renderer, scene, surface, &vp);
    }
  cairo_surface_destroy (surface);
  g_printerr ("# mockup memory: after drawing, %.0f MB peak, %.0f MB of pixels kept\n", peak_rss_mb (),
              tf_mk_pixels_get_size (tf_mk_pixels_get_default ()) / 1e6);
  if (!mk_export (store, experiment_id, pdf, &error))
    {
      g_printerr ("transfo-bench: %s\n", error->message);
      return 1;
    }
  g_unlink (pdf);
  report ("mockup_peak_rss_10_photos", MK_N_PHOTOS, peak_rss_mb (), "MB");
  return 0;
}

/* Bundles: an experiment with a wall of @n notes, an actor map (40 actors,
 * 60 links) and ten 12-Mpx photos on a mockup board, shared as a bundle
 * (bundle_export: tf_bundle_export, the share dialog's and `transfo bundle
 * export`'s call) and imported into another archive (bundle_import: the
 * file read and checked, then the import command). bundle_size_ratio: the
 * bundle's size over what it carries, the payload of its tables' rows
 * (assets included, the search index and the indexes left out, as
 * SQLite's dbstat counts them); bundle_size_ratio_with_search_index counts
 * the search index's tables (which the bundle carries) as rows too; the
 * _cpu figures are the process's CPU time (user + system), which a loaded
 * machine does not blur as it does the wall time. */
typedef struct {
  gint64 experiment_id;
  gint64 actor_map_id;
} BundleGen;

static gboolean
generate_actors (TfStore   *store,
                 gpointer   user_data,
                 GError   **error)
{
  BundleGen *gen = user_data;
  gint64 actors[40];

  for (guint i = 0; i < G_N_ELEMENTS (actors); i++)
    {
      g_autofree char *payload = tf_stamp_payload_build (i % 2 ? "elu" : "agent", "Rôle", "Notes", (int) (i % 3));
      g_autofree char *name = g_strdup_printf ("Acteur %u", i);

      if (!tf_item_rows_insert (store, gen->actor_map_id, "stamp", (i % 8) * 220.0, (i / 8) * 220.0, 96, 96,
                                (int) i, 0, name, "{}", payload, &actors[i], error))
        return FALSE;
    }
  for (guint i = 0; i < 60; i++)
    {
      g_autofree char *payload = tf_link_payload_build (actors[i % 40], actors[(i * 7 + 3) % 40], "money",
                                                        TF_LINK_BOTH, "Subvention");

      if (!tf_item_rows_insert (store, gen->actor_map_id, "link", 0, 0, 1, 1, 100 + (int) i, 0, "", "{}",
                                payload, NULL, error))
        return FALSE;
    }
  return TRUE;
}

/* An experiment with ten 12-Mpx photos (a mockup board), a wall of @n
 * notes and an actor map. */
static gboolean
make_bundle_experiment (TfStore  *store,
                        guint     n,
                        gint64   *experiment_id,
                        GError  **error)
{
  Generate gen = { n, 0, TRUE };
  BundleGen actors = { 0 };

  actors.experiment_id = make_mockup_archive (store, MK_N_PHOTOS, error);
  if (actors.experiment_id == 0 ||
      !mk_run (store, tf_command_add_board (actors.experiment_id, "insight-wall", "Wall"), &gen.board_id, error) ||
      !tf_store_edit (store, generate, &gen, NULL, error) ||
      !mk_run (store, tf_command_add_board (actors.experiment_id, "actor-map", "Actors"), &actors.actor_map_id, error) ||
      !tf_store_edit (store, generate_actors, &actors, NULL, error))
    return FALSE;
  *experiment_id = actors.experiment_id;
  return TRUE;
}

static double
bundle_content_bytes (const char *path,
                      gboolean    with_index)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  double bytes = -1;

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
      sqlite3_prepare_v2 (db,
                          "SELECT sum (payload) FROM dbstat WHERE name IN"
                          " (SELECT name FROM sqlite_schema WHERE type = 'table'"
                          "  AND (?1 OR name NOT LIKE 'items_fts%'))",
                          -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_bind_int (stmt, 1, with_index) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    bytes = sqlite3_column_double (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return bytes;
}

static int
bench_bundle (guint n)
{
  g_autoptr(GArray) exports = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) imports = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) export_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) import_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *path = temp_archive ("source.sqlite");
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *bundle_path = g_build_filename (dir, "bench.transfo", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TfStore) store = tf_store_open (path, TF_STORE_OPEN_CREATE | TF_STORE_OPEN_NO_DEMO, &error);
  gint64 experiment_id = 0;
  double size_mb, content, content_index;

  if (store == NULL || !make_bundle_experiment (store, n, &experiment_id, &error))
    goto fail;

  for (int run = 0; run < 3; run++)
    {
      double start = now_ms (), cpu = process_cpu_ms (), t;

      if (!tf_bundle_export (store, experiment_id, 0, "Bench", TRUE, bundle_path, NULL, NULL, NULL, &error))
        goto fail;
      t = now_ms () - start;
      g_array_append_val (exports, t);
      t = process_cpu_ms () - cpu;
      g_array_append_val (export_cpu, t);
    }
  report ("bundle_export", n, median (exports), "ms");
  report ("bundle_export_cpu", n, median (export_cpu), "ms");

  for (int run = 0; run < 3; run++)
    {
      g_autofree char *target = temp_archive ("target.sqlite");
      g_autoptr(TfStore) other = tf_store_open (target, TF_STORE_OPEN_CREATE | TF_STORE_OPEN_NO_DEMO, &error);
      g_autoptr(TfBundle) bundle = NULL;
      g_autoptr(TfCommand) import = NULL;
      double start, cpu, t;

      if (other == NULL)
        goto fail;
      start = now_ms ();
      cpu = process_cpu_ms ();
      bundle = tf_bundle_open (bundle_path, &error);
      if (bundle == NULL)
        goto fail;
      import = tf_bundle_import_command (bundle, 0);
      if (!tf_command_execute (import, other, &error))
        goto fail;
      t = now_ms () - start;
      g_array_append_val (imports, t);
      t = process_cpu_ms () - cpu;
      g_array_append_val (import_cpu, t);
      tf_store_close (other);
      remove_archive (target);
    }
  report ("bundle_import", n, median (imports), "ms");
  report ("bundle_import_cpu", n, median (import_cpu), "ms");

  size_mb = file_mb (bundle_path);
  content = bundle_content_bytes (bundle_path, FALSE);
  content_index = bundle_content_bytes (bundle_path, TRUE);
  report ("bundle_size", n, size_mb, "MB");
  report ("bundle_size_ratio", n, content > 0 ? size_mb * 1024 * 1024 / content : NAN, "x");
  report ("bundle_size_ratio_with_search_index", n,
          content_index > 0 ? size_mb * 1024 * 1024 / content_index : NAN, "x");
  if (g_getenv ("TRANSFO_BENCH_KEEP") != NULL)
    g_printerr ("# the bundle is kept: %s\n", bundle_path);
  else
    g_unlink (bundle_path);
  tf_store_close (store);
  remove_archive (path);
  return 0;

fail:
  g_printerr ("transfo-bench: %s\n", error != NULL ? error->message : "?");
  g_unlink (bundle_path);
  remove_archive (path);
  return 1;
}

static int
bench_mockup_all (const char *self)
{
  g_autofree char *path = temp_archive ("mockup-10.sqlite");
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  int rc = bench_mockup ();

  {
    gint64 experiment_id;

    g_autoptr(TfStore) store = tf_store_open (path, TF_STORE_OPEN_CREATE | TF_STORE_OPEN_NO_DEMO, &error);

    if (store == NULL || (experiment_id = make_mockup_archive (store, MK_N_PHOTOS, &error)) == 0)
      {
        g_printerr ("transfo-bench: %s\n", error != NULL ? error->message : "?");
        return 1;
      }
    id = g_strdup_printf ("%" G_GINT64_FORMAT, experiment_id);
  }
  {
    const char *argv[] = { self, "--mockup-memory", path, id, NULL };
    int status = 0;

    if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_CHILD_INHERITS_STDIN, NULL, NULL,
                       NULL, NULL, &status, &error) ||
        !g_spawn_check_wait_status (status, &error))
      {
        g_printerr ("transfo-bench: --mockup-memory: %s\n", error->message);
        rc = 1;
      }
  }
  remove_archive (path);
  return rc;
}

/* room_step: the room's camera moving from one step of a session to the
 * next on a wall of @n notes, drawn frame by frame at 1920×1080 as the
 * canvas view animates it (280 ms at 60 frames a second, eased, the zoom
 * on a log scale): from the whole wall to a cluster-sized area (a dozen
 * notes, at the room's legible zoom), then across to another one. Each
 * frame is drawn whole as the window draws without tiles (progressive: a
 * frame spends its budget on texts, the notes past it show their lines;
 * the window's tiles only make frames cheaper). Reports the worst frame of
 * the two moves (median of five runs, each with a new renderer, after the
 * first step's frame was drawn) and its CPU time (room_step_cpu: what a
 * loaded machine does not blur), the median frame, and the time the
 * frames after the move take until every text of the step is drawn.
 * TRANSFO_BENCH_FRAMES prints each frame on stderr. */
static int
bench_room_step (guint n)
{
  g_autofree char *path = temp_archive ("room.sqlite");
  g_autoptr(GError) error = NULL;
  g_autoptr(TfStore) store = NULL;
  g_autoptr(TfScene) scene = NULL;
  g_autoptr(GArray) worst = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) frames = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) complete = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) worst_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  cairo_surface_t *surface;
  Generate gen = { n, 0, FALSE };
  TfRect extents, areas[3];
  double cams[3][3];
  const int n_frames = 17;  /* 280 ms at 60 Hz */

  store = tf_store_open (path, TF_STORE_OPEN_CREATE | TF_STORE_OPEN_NO_DEMO, &error);
  if (store == NULL || !tf_store_edit (store, generate, &gen, NULL, &error) ||
      (scene = tf_scene_new_for_board (store, gen.board_id, &error)) == NULL)
    {
      g_printerr ("transfo-bench: %s\n", error->message);
      return 1;
    }
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, FRAME_W, FRAME_H);
  extents = tf_scene_get_extents (scene);
  /* The agenda: the whole wall, then two areas of 4 × 3 notes (240 units
   * apart), one near the top left, one past the middle. */
  areas[0] = extents;
  areas[1] = TF_RECT_INIT (extents.x + 240 * 5, extents.y + 240 * 4, 240 * 4 - 40, 240 * 3 - 40);
  areas[2] = TF_RECT_INIT (extents.x + extents.width * 0.6, extents.y + extents.height * 0.55,
                           240 * 4 - 40, 240 * 3 - 40);
  for (guint i = 0; i < 3; i++)
    tf_room_camera (&areas[i], FRAME_W, FRAME_H, &cams[i][0], &cams[i][1], &cams[i][2]);

  for (int run = 0; run < 5; run++)
    {
      g_autoptr(TfRenderer) renderer = tf_renderer_new ();
      double run_worst = 0, run_worst_cpu = 0, rest = 0;

      tf_renderer_set_progressive (renderer, TRUE);
      for (guint move = 0; move < 2; move++)
        {
          const double *from = cams[move], *to = cams[move + 1];

          for (int f = 0; f <= n_frames; f++)
            {
              double t = (double) f / n_frames, e = 1.0 - pow (1.0 - t, 3.0);
              double zoom = exp (log (from[2]) + (log (to[2]) - log (from[2])) * e);
              TfViewport vp = { 0, 0, zoom, FRAME_W, FRAME_H };
              double ms, cpu = cpu_ms ();

              vp.x = from[0] + (to[0] - from[0]) * e - FRAME_W / 2.0 / zoom;
              vp.y = from[1] + (to[1] - from[1]) * e - FRAME_H / 2.0 / zoom;
              ms = time_frame (renderer, scene, surface, &vp);
              cpu = cpu_ms () - cpu;
              if (g_getenv ("TRANSFO_BENCH_FRAMES") != NULL)
                g_printerr ("# run %d move %u frame %d zoom %.3f: %.1f ms%s\n", run, move, f, zoom, ms,
                            frame_was_complete ? "" : " (bitmaps of another zoom)");
              /* The first step's own frame is on screen before the move. */
              if (move == 0 && f == 0)
                continue;
              run_worst = MAX (run_worst, ms);
              run_worst_cpu = MAX (run_worst_cpu, cpu);
              g_array_append_val (frames, ms);
            }
        }
      /* The step's view until every text is in. */
      for (int f = 0; !frame_was_complete && f < 100; f++)
        {
          TfViewport vp = { cams[2][0] - FRAME_W / 2.0 / cams[2][2], cams[2][1] - FRAME_H / 2.0 / cams[2][2],
                            cams[2][2], FRAME_W, FRAME_H };

          rest += time_frame (renderer, scene, surface, &vp);
        }
      g_array_append_val (worst, run_worst);
      g_array_append_val (worst_cpu, run_worst_cpu);
      g_array_append_val (complete, rest);
    }
  report ("room_step", n, median (worst), "ms");
  report ("room_step_cpu", n, median (worst_cpu), "ms");
  report ("room_step_frame_median", n, median (frames), "ms");
  report ("room_step_complete", n, median (complete), "ms");
  g_printerr ("# room_step n=%u: zooms %.3f → %.3f → %.3f, %d frames a move\n",
              n, cams[0][2], cams[1][2], cams[2][2], n_frames);
  cairo_surface_destroy (surface);
  g_clear_object (&scene);
  tf_store_close (store);
  g_clear_object (&store);
  remove_archive (path);
  return 0;
}

/* The CPU time of a PostgreSQL server process (user and system), from
 * /proc: with this process's, what a publish or a search costs, which a
 * machine loaded by others does not blur as it does the wall time. */
static double
backend_cpu_ms (int pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/stat", pid);
  g_autofree char *stat = NULL;
  g_auto(GStrv) fields = NULL;
  const char *after;

  if (!g_file_get_contents (path, &stat, NULL, NULL) || (after = strrchr (stat, ')')) == NULL)
    return NAN;
  /* After "pid (name)": state is field 3, utime 14 and stime 15. */
  fields = g_strsplit (after + 2, " ", 0);
  if (g_strv_length (fields) < 13)
    return NAN;
  return (g_ascii_strtod (fields[11], NULL) + g_ascii_strtod (fields[12], NULL)) * 1000.0 / sysconf (_SC_CLK_TCK);
}

typedef struct {
  TfRegional *regional;
  double      wall, cpu;
} RegionalClock;

static void
regional_clock_start (RegionalClock *clock)
{
  clock->wall = now_ms ();
  clock->cpu = process_cpu_ms () + backend_cpu_ms (tf_regional_get_backend_pid (clock->regional));
}

static void
regional_clock_stop (RegionalClock *clock,
                     GArray        *wall,
                     GArray        *cpu)
{
  double w = now_ms () - clock->wall;
  double c = process_cpu_ms () + backend_cpu_ms (tf_regional_get_backend_pid (clock->regional)) - clock->cpu;

  g_array_append_val (wall, w);
  g_array_append_val (cpu, c);
}

/* regional_search, regional_publish, regional_fetch: the regional archive
 * against a real PostgreSQL started here (tf-bench-region.c: 100
 * departments, 5,000 experiments, 5 million insights, kept between runs;
 * --regional-rebuild generates it again), as a department connects
 * (row-level security on). regional_search: a frequent French word
 * ("usagers", in every experiment) with a department filter, the top 50
 * ranked, median of 21 after one to warm; regional_search_unfiltered: the
 * same word over the whole region (every match ranked);
 * regional_search_rare: a word in one experiment only ("hapax", in the
 * published one). regional_publish: an experiment of a 10k-note wall and
 * an actor map (its bundle written, sent, its 10k texts and its document
 * stored, one transaction), median of 3, each a new version;
 * regional_fetch: its bundle downloaded and imported into an empty archive
 * with every check of a bundle from elsewhere, median of 3
 * (regional_fetch_download: the download alone). Publish and fetch also
 * as _cpu: the CPU time of this process and of the server's process for
 * the connection (read from /proc in clock ticks of 10 ms: too coarse for
 * a search). The experiment is withdrawn at the end: the region stays as
 * generated. */
static int
bench_regional (gboolean rebuild)
{
  const guint n_insights = TF_BENCH_REGION_EXPERIMENTS * TF_BENCH_REGION_NOTES;
  g_autoptr(GError) error = NULL;
  g_autoptr(TfPgCluster) cluster = NULL;
  g_autoptr(TfRegional) regional = NULL;
  g_autoptr(TfStore) store = NULL;
  g_autofree char *info = NULL;
  g_autofree char *path = temp_archive ("regional.sqlite");
  GArray *times[12];
  Generate gen = { 10000, 0, TRUE };
  BundleGen actors = { 0 };
  TfRegionalPublished published = { 0 };
  RegionalClock clock = { 0 };
  guint n_hits[3] = { 0 };
  const struct { const char *text, *department; } queries[] = {
    { "usagers", "dep_042" },
    { "usagers", NULL },
    { "hapax", NULL },
  };
  enum { SEARCH, SEARCH_CPU, UNFILTERED, UNFILTERED_CPU, RARE, RARE_CPU, PUBLISH, PUBLISH_CPU, FETCH, FETCH_CPU,
         DOWNLOAD, DOWNLOAD_CPU };
  int rc = 1;

  for (guint i = 0; i < G_N_ELEMENTS (times); i++)
    times[i] = g_array_new (FALSE, FALSE, sizeof (double));
  if ((cluster = tf_bench_region_open (rebuild, &error)) == NULL)
    {
      if (g_error_matches (error, TF_PG_CLUSTER_ERROR, TF_PG_CLUSTER_ERROR_MISSING))
        {
          g_printerr ("# regional_*: skipped, %s\n", error->message);
          rc = 0;
        }
      goto out;
    }
  /* A department of the region, as its laptops connect. */
  info = tf_pg_cluster_conninfo (cluster, "dep_001", TF_BENCH_REGION_DB);
  if ((regional = tf_regional_connect (info, &error)) == NULL)
    goto out;
  clock.regional = regional;

  /* The wall and the actor map to publish (the rare word is in its notes). */
  store = tf_store_open (path, TF_STORE_OPEN_CREATE | TF_STORE_OPEN_NO_DEMO, &error);
  if (store == NULL || !tf_store_edit (store, generate, &gen, NULL, &error))
    goto out;
  {
    sqlite3_stmt *stmt = NULL;

    /* The wall's experiment (made by generate ()). */
    if (sqlite3_prepare_v2 (tf_store_get_db (store), "SELECT experiment_id FROM boards WHERE id = ?1", -1, &stmt,
                            NULL) == SQLITE_OK &&
        sqlite3_bind_int64 (stmt, 1, gen.board_id) == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW)
      actors.experiment_id = sqlite3_column_int64 (stmt, 0);
    sqlite3_finalize (stmt);
  }
  if (!mk_run (store, tf_command_add_board (actors.experiment_id, "actor-map", "Actors"), &actors.actor_map_id, &error) ||
      !tf_store_edit (store, generate_actors, &actors, NULL, &error))
    goto out;
  for (int run = 0; run < 3; run++)
    {
      TfRegionalPublish options = { 0 };

      regional_clock_start (&clock);
      if (!tf_regional_publish (regional, store, actors.experiment_id, &options, &published, &error))
        goto out;
      regional_clock_stop (&clock, times[PUBLISH], times[PUBLISH_CPU]);
    }

  for (int run = 0; run < 22; run++)
    for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
      {
        TfRegionalQuery query = TF_REGIONAL_QUERY_INIT;
        g_autoptr(GPtrArray) hits = NULL;
        GArray *wall = times[SEARCH + 2 * q], *cpu = times[SEARCH_CPU + 2 * q];

        query.text = queries[q].text;
        query.department = queries[q].department;
        regional_clock_start (&clock);
        if ((hits = tf_regional_search (regional, &query, &error)) == NULL)
          goto out;
        /* The first run warms the server's caches. */
        if (run > 0)
          regional_clock_stop (&clock, wall, cpu);
        n_hits[q] = hits->len;
      }

  for (int run = 0; run < 3; run++)
    {
      g_autofree char *target = temp_archive ("fetched.sqlite");
      g_autoptr(TfStore) other = tf_store_open (target, TF_STORE_OPEN_CREATE | TF_STORE_OPEN_NO_DEMO, &error);
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(TfBundle) bundle = NULL;
      g_autoptr(TfCommand) import = NULL;
      RegionalClock download = clock;

      if (other == NULL)
        goto out;
      regional_clock_start (&clock);
      download = clock;
      if ((bytes = tf_regional_fetch (regional, published.id, 0, &error)) == NULL)
        goto out;
      regional_clock_stop (&download, times[DOWNLOAD], times[DOWNLOAD_CPU]);
      if ((bundle = tf_bundle_open_bytes (bytes, "bench", &error)) == NULL)
        goto out;
      import = tf_bundle_import_command (bundle, 0);
      if (!tf_command_execute (import, other, &error))
        goto out;
      regional_clock_stop (&clock, times[FETCH], times[FETCH_CPU]);
      tf_store_close (other);
      remove_archive (target);
    }

  report ("regional_search", n_insights, median (times[SEARCH]), "ms");
  report ("regional_search_unfiltered", n_insights, median (times[UNFILTERED]), "ms");
  report ("regional_search_rare", n_insights, median (times[RARE]), "ms");
  report ("regional_publish", gen.n, median (times[PUBLISH]), "ms");
  report ("regional_publish_cpu", gen.n, median (times[PUBLISH_CPU]), "ms");
  report ("regional_fetch", gen.n, median (times[FETCH]), "ms");
  report ("regional_fetch_cpu", gen.n, median (times[FETCH_CPU]), "ms");
  report ("regional_fetch_download", gen.n, median (times[DOWNLOAD]), "ms");
  report ("regional_fetch_download_cpu", gen.n, median (times[DOWNLOAD_CPU]), "ms");
  g_printerr ("# regional_search: %u hits (department filter), %u (whole region), %u (rare word)\n",
              n_hits[0], n_hits[1], n_hits[2]);
  g_printerr ("# regional_publish: version %d, %u texts, %.1f MB\n", published.version, published.n_texts,
              published.size / 1048576.0);
  rc = 0;

out:
  if (rc != 0)
    g_printerr ("transfo-bench: regional: %s\n", error != NULL ? error->message : "?");
  /* The region as it was generated. */
  if (regional != NULL && published.id > 0)
    tf_regional_withdraw (regional, published.id, NULL);
  if (store != NULL)
    tf_store_close (store);
  remove_archive (path);
  for (guint i = 0; i < G_N_ELEMENTS (times); i++)
    g_array_unref (times[i]);
  return rc;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *self = NULL;
  gboolean quick = FALSE, open_only = FALSE, window = FALSE, pdf_only = FALSE, mockup = FALSE;
  gboolean read_only = FALSE;
  int rc = 0;

  setlocale (LC_ALL, "");
  tf_wings_init ();

  if (argc == 3 && g_str_equal (argv[1], "--wall"))
    return bench_wall ((guint) g_ascii_strtoull (argv[2], NULL, 10), FALSE);
  if (argc == 3 && g_str_equal (argv[1], "--wall-quick"))
    return bench_wall ((guint) g_ascii_strtoull (argv[2], NULL, 10), TRUE);
  /* For profiling by hand: keeps the archive of a wall of N notes. */
  if (argc == 4 && g_str_equal (argv[1], "--make-wall"))
    return make_wall_archive (argv[3], (guint) g_ascii_strtoull (argv[2], NULL, 10), NULL) ? 0 : 1;
  if (argc == 4 && g_str_equal (argv[1], "--cli-search"))
    return bench_cli_search (argv[3], (guint) g_ascii_strtoull (argv[2], NULL, 10));
  if (argc == 3 && g_str_equal (argv[1], "--window-size"))
    return bench_window ((guint) g_ascii_strtoull (argv[2], NULL, 10));
  if (argc == 3 && g_str_equal (argv[1], "--pdf-export"))
    return bench_pdf_exports ((guint) g_ascii_strtoull (argv[2], NULL, 10));
  if (argc == 3 && g_str_equal (argv[1], "--svg-export"))
    return bench_svg_export ((guint) g_ascii_strtoull (argv[2], NULL, 10));
  if (argc == 3 && g_str_equal (argv[1], "--board-read"))
    return bench_board_read ((guint) g_ascii_strtoull (argv[2], NULL, 10));
  if (argc == 3 && g_str_equal (argv[1], "--cli-export"))
    return bench_cli_export ((guint) g_ascii_strtoull (argv[2], NULL, 10), FALSE);
  if (argc == 3 && g_str_equal (argv[1], "--cli-export-quick"))
    return bench_cli_export ((guint) g_ascii_strtoull (argv[2], NULL, 10), TRUE);
  if (argc == 3 && g_str_equal (argv[1], "--import"))
    return bench_import ((guint) g_ascii_strtoull (argv[2], NULL, 10));
  if (argc == 3 && g_str_equal (argv[1], "--search"))
    return bench_search ((guint) g_ascii_strtoull (argv[2], NULL, 10), FALSE);
  if (argc == 3 && g_str_equal (argv[1], "--blueprint"))
    return bench_blueprint ();
  if (argc == 3 && g_str_equal (argv[1], "--mockup-decode"))
    return bench_mockup_decode ();
  if (argc == 4 && g_str_equal (argv[1], "--mockup-memory"))
    return bench_mockup_memory (argv[2], g_ascii_strtoll (argv[3], NULL, 10));
  if (argc == 3 && g_str_equal (argv[1], "--archive-open"))
    return bench_search ((guint) g_ascii_strtoull (argv[2], NULL, 10), TRUE);
  if ((argc == 2 || argc == 3) && g_str_equal (argv[1], "--mockup-place"))
    return tf_bench_mockup_place (NULL);
  if (argc == 3 && g_str_equal (argv[1], "--mockup-place-out"))
    return tf_bench_mockup_place (argv[2]);
  if (argc == 3 && g_str_equal (argv[1], "--room-step"))
    return bench_room_step ((guint) g_ascii_strtoull (argv[2], NULL, 10));
  if (argc == 3 && g_str_equal (argv[1], "--room-edit"))
    return bench_room_edit ((guint) g_ascii_strtoull (argv[2], NULL, 10));
  if (argc == 3 && g_str_equal (argv[1], "--bundle"))
    return bench_bundle ((guint) g_ascii_strtoull (argv[2], NULL, 10));
  if (argc == 2 && g_str_equal (argv[1], "--regional"))
    return bench_regional (FALSE);
  if (argc == 2 && g_str_equal (argv[1], "--regional-rebuild"))
    return bench_regional (TRUE);
  if (argc == 3 && g_str_equal (argv[1], "--regional-region"))
    return bench_regional (FALSE);
  if (argc == 3 && g_str_equal (argv[1], "--room-phones"))
    return bench_room_phones ((guint) g_ascii_strtoull (argv[2], NULL, 10));

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--quick"))
        quick = TRUE;
      else if (g_str_equal (argv[i], "--archive-open-only"))
        open_only = TRUE;
      else if (g_str_equal (argv[i], "--window"))
        window = TRUE;
      else if (g_str_equal (argv[i], "--pdf-export-only"))
        pdf_only = TRUE;
      else if (g_str_equal (argv[i], "--mockup"))
        mockup = TRUE;
      else if (g_str_equal (argv[i], "--board-read-only"))
        read_only = TRUE;
      else
        {
          fprintf (stderr, "Usage: transfo-bench [--quick] [--archive-open-only | --window | --pdf-export-only | --mockup | --board-read-only]\n");
          return 2;
        }
    }

  self = g_file_read_link ("/proc/self/exe", NULL);
  if (self == NULL)
    self = g_strdup (argv[0]);

  /* Only board_read, at 10k and 100k notes (--quick: 10k). */
  if (read_only)
    {
      rc |= run_child (self, "--board-read", 10000);
      if (!quick)
        rc |= run_child (self, "--board-read", 100000);
      return rc;
    }

  /* Only the mockups' deliverables. */
  if (mockup)
    return bench_mockup_all (self);

  /* Only the opening of the biggest archive (--quick: of 10k insights). */
  if (open_only)
    return run_child (self, "--archive-open", quick ? 10000 : 1000000);

  /* The real window under Xvfb, at 10k and 100k notes (--quick: 10k). */
  if (window)
    {
      rc |= run_child (self, "--window-size", 10000);
      if (!quick)
        rc |= run_child (self, "--window-size", 100000);
      return rc;
    }

  /* The PDF exports alone: pdf_export and pdf_export_poster at 1k and 10k
   * in process, then pdf_export_100k (--quick leaves it out). */
  if (pdf_only)
    {
      rc |= run_child (self, "--pdf-export", 1000);
      rc |= run_child (self, "--pdf-export", 10000);
      rc |= run_child (self, "--svg-export", 2000);
      if (!quick)
        rc |= run_child (self, "--cli-export", 100000);
      return rc;
    }

  rc |= run_child (self, quick ? "--wall-quick" : "--wall", 1000);
  rc |= run_child (self, quick ? "--wall-quick" : "--wall", 10000);
  if (!quick)
    rc |= run_child (self, "--wall", 100000);
  rc |= run_child (self, "--board-read", 10000);
  if (!quick)
    rc |= run_child (self, "--board-read", 100000);
  /* The SVG of a 2,000-note wall: svg_export_2k_bytes. */
  rc |= run_child (self, "--svg-export", 2000);
  /* Search is measured over a million insights; --quick keeps it to 10k. */
  rc |= run_child (self, "--search", quick ? 10000 : 1000000);
  rc |= run_child (self, "--import", 100000);
  /* A blueprint of 30 steps × 8 lanes and 600 cards: reflow, checks, frame. */
  rc |= run_child (self, "--blueprint", BP_CARDS);
  /* A 12-Mpx JPEG through the sandboxed photo decoder. */
  rc |= run_child (self, "--mockup-decode", 1);
  /* A 12-Mpx photo with a 4-Mpx image placed in perspective, in a 1920×1080 view. */
  rc |= run_child (self, "--mockup-place", 1);
  /* The room's camera from one step of a session to the next, 10k notes. */
  rc |= run_child (self, "--room-step", 10000);
  /* The room's audience and presenter windows while a note is edited. */
  rc |= run_child (self, "--room-edit", 10000);
  /* The same windows while 60 phones send 10 insights each. */
  rc |= run_child (self, "--room-phones", 60);
  /* A mockup's A4 PDF at 300 dpi, and the memory of ten 12-Mpx photos. */
  rc |= bench_mockup_all (self);
  /* An experiment of 10k notes, an actor map and ten 12-Mpx photos shared
   * as a bundle and imported: bundle_export, bundle_import, bundle_size. */
  rc |= run_child (self, "--bundle", 10000);
  /* The regional archive on PostgreSQL: a region of 5 million insights. */
  rc |= run_child (self, "--regional-region", 1);
  /* `transfo export` of 100k notes to an A4 PDF: time and peak memory. */
  if (!quick)
    rc |= run_child (self, "--cli-export", 100000);
  return rc;
}
