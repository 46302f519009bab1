/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Drawing an SVG from elsewhere in a separate process. librsvg can abort
 * (a Rust panic) or spend minutes on a small hostile file; the helper
 * transfo-svg-probe loads and renders it instead, under a deadline, a CPU
 * and a memory limit, and a crash, a timeout or a failure there is only a
 * verdict here: "this pictogram cannot be drawn safely". Verdicts are kept
 * for the process, by the SHA-256 of the drawing. */

#include <gio/gio.h>

G_BEGIN_DECLS

/* Wall-clock time the helper has, in milliseconds. */
#define TF_SVG_PROBE_DEADLINE_MS 5000
/* For tests only: $TRANSFO_TEST_SVG_PROBE_DEADLINE (whole seconds, 1 to 5)
 * shortens the deadline, never lengthens it, for tests about what is said
 * of a drawing too slow to draw rather than about the time it is given
 * (tests/test-cli-stamps-hostile.sh, which meets the deadline five times). */
#define TF_SVG_PROBE_TEST_DEADLINE_ENV "TRANSFO_TEST_SVG_PROBE_DEADLINE"
/* Its CPU time (seconds) and address space (bytes). */
#define TF_SVG_PROBE_CPU_SECONDS 10
#define TF_SVG_PROBE_MEMORY      (1024 * 1024 * 1024)
/* The helper's name; TRANSFO_SVG_PROBE names another path. */
#define TF_SVG_PROBE_NAME        "transfo-svg-probe"

typedef enum {
  TF_SVG_VERDICT_UNKNOWN,
  TF_SVG_VERDICT_SAFE,
  TF_SVG_VERDICT_UNSAFE,
} TfSvgVerdict;

/* The verdict already given for @sha256 in this process; for an unsafe one,
 * @reason (nullable) receives why, a sentence. */
TfSvgVerdict tf_svg_probe_lookup  (const char           *sha256,
                                   char                **reason);

/* Runs the helper on @svg and waits for its verdict (at most the deadline),
 * on any thread; a verdict already known is given at once. FALSE with a
 * TF_STAMP_ERROR_UNRENDERABLE error that says why when the drawing cannot be
 * drawn safely (or the helper cannot be found). */
gboolean     tf_svg_probe         (GBytes               *svg,
                                   GError              **error);
/* The same without blocking: @callback runs in the thread-default main
 * context of the caller. */
void         tf_svg_probe_async   (GBytes               *svg,
                                   GCancellable         *cancellable,
                                   GAsyncReadyCallback   callback,
                                   gpointer              user_data);
gboolean     tf_svg_probe_finish  (GAsyncResult         *result,
                                   GError              **error);

/* The helper to run: $TRANSFO_SVG_PROBE, else beside the running program
 * (or in the build tree's stamps/ beside its gui/), else in the installed
 * libexec folder; NULL when none exists. */
char        *tf_svg_probe_find    (void) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
