/* SPDX-License-Identifier: GPL-3.0-or-later */

/* transfo-decode: reads a photo or a PDF on its standard input, then shuts
 * itself in (a seccomp filter: no file opened for writing, no network, no
 * program run, no process made) before it parses a byte of it, and answers
 * on its standard output (tf-decode-protocol.h). Run by tf-decode.c under
 * a deadline and resource limits.
 *
 * Usage: transfo-decode WANTS PAGE MAX_WIDTH MAX_HEIGHT
 *        transfo-decode pages   (a PDF's pages drawn on request, descriptor 3)
 * Exit status: 0 answered (decoded or refused), 2 bad usage or input,
 * 3 the seccomp filter could not be installed.
 *
 * The filter (install_filter): allowed are reading, writing to the standard
 * output and error only, memory (mmap/mprotect never executable, munmap,
 * mremap, brk, madvise), futex, clocks, getrandom, signals to itself and
 * leaving; for a PDF, opening files read-only and looking at folders (its
 * fonts, found by fontconfig). Killed on the spot: sockets, exec, fork and
 * clone, ptrace, kill, changing files or mounts, seccomp, bpf, memfd,
 * io_uring, keys, modules. Anything else fails with EPERM. */

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <unistd.h>

#include "tf-decode.h"
#include "tf-decode-core.h"
#include "tf-seccomp.h"

static gboolean
read_all (GByteArray *data,
          gboolean   *too_large)
{
  guint8 buffer[65536];

  for (;;)
    {
      ssize_t n = read (STDIN_FILENO, buffer, sizeof buffer);

      if (n == 0)
        return TRUE;
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        return FALSE;
      if (data->len + (gsize) n > TF_DECODE_MAX_FILE)
        {
          *too_large = TRUE;
          return TRUE;
        }
      g_byte_array_append (data, buffer, (guint) n);
    }
}

static gboolean
write_all (const void *data,
           gsize       len)
{
  const guint8 *p = data;

  while (len > 0)
    {
      ssize_t n = write (STDOUT_FILENO, p, MIN (len, 1 << 20));

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return FALSE;
      p += n;
      len -= (gsize) n;
    }
  return TRUE;
}

/* The filter (core/tf-seccomp.h): writing to the standard output and
 * error only; files read-only and for a PDF's fonts only. */
static gboolean
install_filter (gboolean fonts)
{
  const TfSeccompPolicy policy = { .read_files = fonts };

  return tf_seccomp_shut_in (&policy);
}

/* For the test of the filter: what a hostile decoder would try. */
static int
try_escape (const char *what)
{
  if (g_strcmp0 (what, "open") == 0)
    {
      int fd = open ("/etc/hostname", O_RDONLY);

      fprintf (stderr, "open: %s\n", fd >= 0 ? "opened" : g_strerror (errno));
      return fd >= 0 ? 0 : 4;
    }
  if (g_strcmp0 (what, "write") == 0)
    {
      int fd = open ("/tmp/transfo-decode-escape", O_WRONLY | O_CREAT, 0600);

      return fd >= 0 ? 0 : 4;
    }
  if (g_strcmp0 (what, "exec-memory") == 0)
    return mmap (NULL, 4096, PROT_READ | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) != MAP_FAILED ? 0 : 4;
  if (g_strcmp0 (what, "socket") == 0)
    return socket (AF_INET, SOCK_STREAM, 0) >= 0 ? 0 : 4;
  if (g_strcmp0 (what, "exec") == 0)
    {
      char *args[] = { (char *) "/bin/true", NULL };

      execv (args[0], args);
      return 4;
    }
  return 2;
}

static gboolean
write_result (const TfDecodeResult *result)
{
  return write_all (&result->answer, sizeof result->answer) &&
         write_all (result->message, result->answer.message_len) &&
         write_all (result->pixels, result->answer.pixels_len) &&
         write_all (result->stored ? g_bytes_get_data (result->stored, NULL) : NULL, result->answer.stored_len);
}

/* Reads one request whole from TF_DECODE_PAGES_FD: FALSE at its end or on
 * an error. */
static gboolean
read_request (TfDecodePageRequest *request)
{
  gsize got = 0;

  while (got < sizeof *request)
    {
      ssize_t n = read (TF_DECODE_PAGES_FD, (guint8 *) request + got, sizeof *request - got);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return FALSE;
      got += (gsize) n;
    }
  return TRUE;
}

/* transfo-decode pages: the PDF opened once, its pages drawn on request. */
static int
serve_pages (GByteArray *data,
             gboolean    too_large)
{
  TfDecodeResult result;
  TfDecodePageRequest request;
  TfDecodePdf *pdf;

  if (tf_decode_sniff (data->data, data->len) == TF_DECODE_KIND_PDF)
    tf_decode_core_load_pdf ();
  if (!install_filter (TRUE))
    {
      fprintf (stderr, "cannot install the seccomp filter\n");
      return 3;
    }
  pdf = tf_decode_core_pdf_open (data->data, too_large ? (gsize) TF_DECODE_MAX_FILE + 1 : data->len, &result);
  if (result.message != NULL)
    fprintf (stderr, "%s\n", result.message);
  if (!write_result (&result))
    return 2;
  tf_decode_result_clear (&result);
  if (pdf == NULL)
    return 0;
  while (read_request (&request))
    {
      if (memcmp (request.magic, TF_DECODE_PAGES_MAGIC, sizeof request.magic) != 0 ||
          request.max_width < 1 || request.max_width > TF_DECODE_PAGES_MAX_SIDE ||
          request.max_height < 1 || request.max_height > TF_DECODE_PAGES_MAX_SIDE || request.reserved != 0)
        {
          fprintf (stderr, "a request that makes no sense\n");
          return 2;
        }
      tf_decode_core_pdf_page (pdf, request.page, request.max_width, request.max_height, &result);
      if (!write_result (&result))
        return 2;
      tf_decode_result_clear (&result);
    }
  return 0;
}

int
main (int   argc,
      char *argv[])
{
  GByteArray *data;
  gboolean too_large = FALSE;
  TfDecodeResult result;
  int kind;
  const char *escape;

  if (argc == 2 && g_str_equal (argv[1], "pages"))
    {
      data = g_byte_array_new ();
      if (!read_all (data, &too_large))
        return 2;
      close (STDIN_FILENO);
      if (too_large)
        g_byte_array_set_size (data, 0);
      return serve_pages (data, too_large);
    }
  if (argc != 5)
    {
      fprintf (stderr, "usage: %s WANTS PAGE MAX_WIDTH MAX_HEIGHT < FILE\n", argv[0]);
      return 2;
    }
  data = g_byte_array_new ();
  if (!read_all (data, &too_large))
    {
      fprintf (stderr, "cannot read the file: %s\n", g_strerror (errno));
      return 2;
    }
  close (STDIN_FILENO);

  /* The only decision taken before the filter: whether fonts may be read. */
  kind = tf_decode_sniff (data->data, data->len);
  escape = g_getenv ("TRANSFO_DECODE_TEST_ESCAPE");
  if (kind == TF_DECODE_KIND_PDF)
    tf_decode_core_load_pdf ();
  if (!install_filter (kind == TF_DECODE_KIND_PDF))
    {
      fprintf (stderr, "cannot install the seccomp filter\n");
      return 3;
    }
  if (escape != NULL)
    return try_escape (escape);

  if (too_large)
    {
      g_byte_array_set_size (data, 0);
      tf_decode_core_run (NULL, (gsize) TF_DECODE_MAX_FILE + 1, 0, 0, 0, 0, &result);
    }
  else
    tf_decode_core_run (data->data, data->len, (int) g_ascii_strtoll (argv[1], NULL, 10),
                        (int) g_ascii_strtoll (argv[2], NULL, 10),
                        (int) g_ascii_strtoll (argv[3], NULL, 10),
                        (int) g_ascii_strtoll (argv[4], NULL, 10), &result);
  if (result.message != NULL)
    fprintf (stderr, "%s\n", result.message);

  if (!write_result (&result))
    return 2;
  /* The process ends here: freeing would only cost time. */
  return 0;
}
