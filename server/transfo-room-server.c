/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

/* transfo-room-server: the room's web page for phones (#13), a process of
 * its own that holds no archive. It binds one address, answers only its
 * own paths under a random token, checks what phones send and passes only
 * valid contributions to the app over its standard output; the app says
 * on its standard input what was stored, what the source categories are
 * and which voting round is open (docs/architecture.md, "The room's
 * server"). Every request is bounded: size, headers, time, rate; the
 * server keeps no address once a request is answered, and never passes
 * one on.
 *
 * Usage: transfo-room-server --address ADDR [--port PORT] */

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <gio/gio.h>
#include <gio/gunixinputstream.h>
#include <glib-unix.h>
#include <libsoup/soup.h>

#include "core/tf-seccomp.h"
#include "room/tf-contribution-check.h"
#include "tf-phone-page.h"
#include "tf-room-server-limits.h"

typedef struct _Client Client;

typedef struct {
  GMainLoop       *loop;
  GSocketService  *service;
  char            *token;
  char            *base;         /* "/t/TOKEN" */
  char            *csp;
  GStrv            categories;
  TfPhoneRound    *round;
  guint            n_clients;
  GHashTable      *rates;        /* address text → Rate; forgotten after a while */
  GHashTable      *open;         /* address text → its connections open now */
  GHashTable      *pending;      /* key → GPtrArray of Client waiting for the app */
  GString         *to_app;       /* lines not yet written */
  guint            out_watch;
  GDataInputStream *from_app;
  GCancellable    *cancel;
  gboolean         closing;
} Server;

struct _Client {
  Server            *server;
  GSocketConnection *connection;
  char              *address;     /* for the rate limit only, dropped with the client */
  guint8             buffer[TF_ROOM_REQUEST_MAX + 1];
  gsize              length;
  gsize              header_end;  /* bytes of request line and headers, 0: not yet */
  gsize              body_length;
  guint              deadline;
  guint              refs;        /* the connection's, and a read's under way */
  gboolean           answered;
  gboolean           closed;
  /* A submission waiting for the app. */
  char              *key;
  char              *text;
  char              *category;
  gboolean           vote;
  TfPhoneLang        lang;
};

typedef struct {
  double  tokens;
  gint64  time;
} Rate;

static Server server_data;

static void client_close (Client *client);

/* The app */

static gboolean
flush_to_app (gint         fd,
              GIOCondition condition,
              gpointer     data)
{
  Server *server = data;

  while (server->to_app->len > 0)
    {
      ssize_t n = write (STDOUT_FILENO, server->to_app->str, server->to_app->len);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0 && errno == EAGAIN)
        return G_SOURCE_CONTINUE;
      if (n <= 0)
        {
          /* The app is gone: nothing can be stored any more. */
          g_main_loop_quit (server->loop);
          server->out_watch = 0;
          return G_SOURCE_REMOVE;
        }
      g_string_erase (server->to_app, 0, n);
    }
  server->out_watch = 0;
  return G_SOURCE_REMOVE;
}

static void
send_to_app (Server     *server,
             const char *line)
{
  g_string_append (server->to_app, line);
  g_string_append_c (server->to_app, '\n');
  if (server->out_watch == 0)
    server->out_watch = g_unix_fd_add (STDOUT_FILENO, G_IO_OUT | G_IO_ERR | G_IO_HUP, flush_to_app, server);
}

/* One line: backslash, newline and tab escaped. */
static char *
escape_line (const char *text)
{
  GString *out = g_string_sized_new (strlen (text) + 8);

  for (const char *p = text; *p != '\0'; p++)
    switch (*p)
      {
      case '\\': g_string_append (out, "\\\\"); break;
      case '\n': g_string_append (out, "\\n"); break;
      case '\t': g_string_append (out, "\\t"); break;
      default: g_string_append_c (out, *p);
      }
  return g_string_free (out, FALSE);
}

static char *
unescape_line (const char *text)
{
  GString *out = g_string_sized_new (strlen (text));

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '\\' && p[1] != '\0')
        {
          p++;
          g_string_append_c (out, *p == 'n' ? '\n' : *p == 't' ? '\t' : *p);
        }
      else
        g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

static void round_free (TfPhoneRound *round)
{
  if (round == NULL)
    return;
  g_array_unref (round->notes);
  g_ptr_array_unref (round->texts);
  g_free (round);
}

static void answer_submission (Client *client, gboolean stored);

static void
settle_pending (Server     *server,
                const char *key,
                gboolean    stored)
{
  g_autofree char *stored_key = NULL;
  GPtrArray *waiting = NULL;

  if (!g_hash_table_steal_extended (server->pending, key, (gpointer *) &stored_key, (gpointer *) &waiting))
    return;
  for (guint i = 0; i < waiting->len; i++)
    answer_submission (g_ptr_array_index (waiting, i), stored);
  g_ptr_array_unref (waiting);
}

/* What the app says, one line at a time (trusted, but bounded all the same). */
static void
from_app_line (Server     *server,
               const char *line)
{
  g_auto(GStrv) words = g_strsplit (line, " ", 3);
  guint n = g_strv_length (words);

  if (n >= 2 && (g_str_equal (words[0], "STORED") || g_str_equal (words[0], "REFUSED")))
    settle_pending (server, words[1], g_str_equal (words[0], "STORED"));
  else if (n >= 1 && g_str_equal (words[0], "CATEGORIES"))
    {
      g_strfreev (server->categories);
      server->categories = n >= 2 ? g_strsplit (line + strlen ("CATEGORIES "), " ", 32) : g_new0 (char *, 1);
    }
  else if (n == 3 && g_str_equal (words[0], "ROUND"))
    {
      guint64 colours = 0, dots = 0;

      round_free (server->round);
      server->round = NULL;
      if (g_ascii_string_to_unsigned (words[1], 10, 1, 9, &colours, NULL) &&
          g_ascii_string_to_unsigned (words[2], 10, 1, 99, &dots, NULL))
        {
          server->round = g_new0 (TfPhoneRound, 1);
          server->round->n_colours = colours;
          server->round->dots = dots;
          server->round->notes = g_array_new (FALSE, FALSE, sizeof (gint64));
          server->round->texts = g_ptr_array_new_with_free_func (g_free);
        }
    }
  else if (n == 3 && g_str_equal (words[0], "NOTE") && server->round != NULL &&
           server->round->notes->len < TF_ROOM_ROUND_NOTES_MAX)
    {
      gint64 id = 0;

      if (g_ascii_string_to_signed (words[1], 10, 1, G_MAXINT64, &id, NULL))
        {
          g_array_append_val (server->round->notes, id);
          g_ptr_array_add (server->round->texts, unescape_line (words[2]));
        }
    }
  else if (n >= 1 && g_str_equal (words[0], "NOROUND"))
    {
      round_free (server->round);
      server->round = NULL;
    }
}

static void read_from_app (Server *server);

static gboolean
whole_line_buffered (GBufferedInputStream *stream)
{
  gsize n = 0;
  const void *buffer = g_buffered_input_stream_peek_buffer (stream, &n);

  return n > 0 && memchr (buffer, '\n', n) != NULL;
}

static void
from_app_ready (GObject      *source,
                GAsyncResult *result,
                gpointer      data)
{
  Server *server = data;
  g_autoptr(GError) error = NULL;
  gsize length = 0;
  g_autofree char *line = g_data_input_stream_read_line_finish_utf8 (G_DATA_INPUT_STREAM (source),
                                                                      result, &length, &error);

  if (line == NULL)
    {
      /* End of input, or an error: the app closed the room or is gone. */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_main_loop_quit (server->loop);
      return;
    }
  from_app_line (server, line);
  /* The whole lines already read are taken at once, before another phone
   * is answered: what the app said before it showed the URL (the
   * categories, the round and its notes) holds for the first phone. */
  while (whole_line_buffered (G_BUFFERED_INPUT_STREAM (source)))
    {
      g_autofree char *next = g_data_input_stream_read_line_utf8 (G_DATA_INPUT_STREAM (source), &length,
                                                                  NULL, NULL);

      if (next == NULL)
        break;
      from_app_line (server, next);
    }
  read_from_app (server);
}

/* The app's lines come before the phones' requests when both are waiting. */
static void
read_from_app (Server *server)
{
  g_data_input_stream_read_line_async (server->from_app, G_PRIORITY_HIGH, server->cancel,
                                       from_app_ready, server);
}

/* Answering */

static void
written (GObject      *source,
         GAsyncResult *result,
         gpointer      data)
{
  Client *client = data;

  g_output_stream_write_all_finish (G_OUTPUT_STREAM (source), result, NULL, NULL);
  client_close (client);
}

static const char *
reason (guint status)
{
  const char *phrase = soup_status_get_phrase (status);

  return phrase != NULL ? phrase : "Error";
}

static void
respond (Client     *client,
         guint       status,
         const char *body)
{
  Server *server = client->server;
  g_autofree char *fallback = NULL;
  GString *out;
  GBytes *bytes;

  if (client->answered)
    return;
  client->answered = TRUE;
  g_clear_handle_id (&client->deadline, g_source_remove);
  if (body == NULL)
    body = fallback = tf_phone_page_error (client->lang, status);
  out = g_string_new (NULL);
  g_string_append_printf (out,
                          "HTTP/1.1 %u %s\r\n"
                          "Content-Type: text/html; charset=utf-8\r\n"
                          "Content-Length: %zu\r\n"
                          "Content-Security-Policy: %s\r\n"
                          "X-Content-Type-Options: nosniff\r\n"
                          "X-Frame-Options: DENY\r\n"
                          "Referrer-Policy: no-referrer\r\n"
                          "Cache-Control: no-store\r\n"
                          "Connection: close\r\n\r\n%s",
                          status, reason (status), strlen (body), server->csp, body);
  bytes = g_string_free_to_bytes (out);
  g_output_stream_write_all_async (g_io_stream_get_output_stream (G_IO_STREAM (client->connection)),
                                   g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                   G_PRIORITY_DEFAULT, NULL, written, client);
  /* The stream keeps no copy: the bytes live as long as the client. */
  g_object_set_data_full (G_OBJECT (client->connection), "tf-response", bytes, (GDestroyNotify) g_bytes_unref);
}

static void
respond_page (Client        *client,
              TfPhoneNotice  notice)
{
  Server *server = client->server;
  g_autofree char *key = NULL;
  g_autofree char *page = NULL;
  gboolean keep = notice == TF_PHONE_RETRY || notice == TF_PHONE_INVALID;

  key = keep && client->key != NULL ? g_strdup (client->key) : tf_contribution_new_key ();
  if (key == NULL)
    {
      respond (client, 503, NULL);
      return;
    }
  page = tf_phone_page_render (client->lang, server->base, (const char * const *) server->categories,
                               server->round, notice, key, client->text, client->category);
  respond (client, notice == TF_PHONE_INVALID || notice == TF_PHONE_VOTE_REFUSED ? 422
                   : notice == TF_PHONE_RETRY ? 503 : 200,
           page);
}

static void
answer_submission (Client  *client,
                   gboolean stored)
{
  if (client->vote)
    respond_page (client, stored ? TF_PHONE_VOTED : TF_PHONE_VOTE_REFUSED);
  else
    respond_page (client, stored ? TF_PHONE_RECEIVED : TF_PHONE_INVALID);
}

static gboolean
pending_timeout (gpointer data)
{
  Client *client = data;

  client->deadline = 0;
  /* Still in the pending list: taken out when it closes. */
  respond_page (client, TF_PHONE_RETRY);
  return G_SOURCE_REMOVE;
}

static void
wait_for_app (Client     *client,
              const char *line)
{
  Server *server = client->server;
  GPtrArray *waiting = g_hash_table_lookup (server->pending, client->key);

  if (waiting == NULL)
    {
      waiting = g_ptr_array_new ();
      g_hash_table_insert (server->pending, g_strdup (client->key), waiting);
    }
  if (waiting->len >= TF_ROOM_SAME_KEY_MAX)
    {
      respond (client, 429, NULL);
      return;
    }
  g_ptr_array_add (waiting, client);
  if (server->to_app->len > TF_ROOM_BACKLOG_MAX)
    {
      respond_page (client, TF_PHONE_RETRY);
      return;
    }
  send_to_app (server, line);
  g_clear_handle_id (&client->deadline, g_source_remove);
  client->deadline = g_timeout_add (TF_ROOM_APP_TIMEOUT_MS, pending_timeout, client);
}

/* Requests */

static void
handle_insight (Client     *client,
                GHashTable *form)
{
  Server *server = client->server;
  const char *key = g_hash_table_lookup (form, "key");
  const char *text = g_hash_table_lookup (form, "text");
  const char *category = g_hash_table_lookup (form, "category");
  g_autofree char *clean = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *line = NULL;

  if (g_hash_table_size (form) > 3 || !tf_contribution_check_key (key))
    {
      respond (client, 400, NULL);
      return;
    }
  client->key = g_strdup (key);
  /* Kept to fill the form again only when it is valid UTF-8. */
  if (text != NULL && g_utf8_validate (text, -1, NULL))
    client->text = g_strdup (text);
  if (category != NULL && g_utf8_validate (category, -1, NULL))
    client->category = g_strdup (category);
  clean = tf_contribution_clean_text (text, -1, NULL);
  if (category == NULL)
    category = "";
  if (clean == NULL || !tf_contribution_check_category (category, (const char * const *) server->categories))
    {
      respond_page (client, TF_PHONE_INVALID);
      return;
    }
  escaped = escape_line (clean);
  line = g_strdup_printf ("INSIGHT %s %s %s", key, category[0] != '\0' ? category : "-", escaped);
  wait_for_app (client, line);
}

static void
handle_vote (Client     *client,
             GHashTable *form)
{
  Server *server = client->server;
  const char *key = g_hash_table_lookup (form, "key");
  const char *colour_text = g_hash_table_lookup (form, "colour");
  g_autoptr(GArray) dots = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GString) line = NULL;
  GHashTableIter iter;
  gpointer name, value;
  guint64 colour = 0;

  client->vote = TRUE;
  if (!tf_contribution_check_key (key) || colour_text == NULL ||
      !g_ascii_string_to_unsigned (colour_text, 10, 0, 8, &colour, NULL))
    {
      respond (client, 400, NULL);
      return;
    }
  client->key = g_strdup (key);
  if (server->round == NULL)
    {
      respond_page (client, TF_PHONE_VOTE_REFUSED);
      return;
    }
  g_hash_table_iter_init (&iter, form);
  while (g_hash_table_iter_next (&iter, &name, &value))
    {
      gint64 id = 0;
      guint64 count = 0;

      if (g_str_equal (name, "key") || g_str_equal (name, "colour"))
        continue;
      if (((const char *) name)[0] != 'n' ||
          !g_ascii_string_to_signed ((const char *) name + 1, 10, 1, G_MAXINT64, &id, NULL) ||
          !g_ascii_string_to_unsigned (value, 10, 0, TF_CONTRIBUTION_BALLOT_MAX, &count, NULL) ||
          dots->len + count > TF_CONTRIBUTION_BALLOT_MAX)
        {
          respond_page (client, TF_PHONE_VOTE_REFUSED);
          return;
        }
      for (guint64 i = 0; i < count; i++)
        g_array_append_val (dots, id);
    }
  if (!tf_contribution_check_ballot ((const gint64 *) dots->data, dots->len, colour,
                                     (const gint64 *) server->round->notes->data, server->round->notes->len,
                                     server->round->n_colours, server->round->dots))
    {
      respond_page (client, TF_PHONE_VOTE_REFUSED);
      return;
    }
  line = g_string_new (NULL);
  g_string_append_printf (line, "VOTE %s %u ", key, (guint) colour);
  for (guint i = 0; i < dots->len; i++)
    g_string_append_printf (line, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "", g_array_index (dots, gint64, i));
  wait_for_app (client, line->str);
}

typedef struct {
  guint    count;
  guint    hosts;
  gboolean bad;
} HeaderCount;

static void
count_header (const char *name,
              const char *value,
              gpointer    data)
{
  HeaderCount *count = data;

  count->count++;
  if (g_ascii_strcasecmp (name, "Host") == 0)
    count->hosts++;
  if (!g_utf8_validate (value, -1, NULL))
    count->bad = TRUE;
}

static gboolean
rate_allows (Server     *server,
             const char *address)
{
  gint64 now = g_get_monotonic_time ();
  Rate *rate = g_hash_table_lookup (server->rates, address);

  if (rate == NULL)
    {
      if (g_hash_table_size (server->rates) >= TF_ROOM_CLIENTS_REMEMBERED)
        g_hash_table_remove_all (server->rates);
      rate = g_new0 (Rate, 1);
      rate->tokens = TF_ROOM_RATE_BURST;
      rate->time = now;
      g_hash_table_insert (server->rates, g_strdup (address), rate);
    }
  rate->tokens = MIN (TF_ROOM_RATE_BURST, rate->tokens + (now - rate->time) / 1e6 * TF_ROOM_RATE_PER_SECOND);
  rate->time = now;
  if (rate->tokens < 1)
    return FALSE;
  rate->tokens -= 1;
  return TRUE;
}

static void
handle_request (Client *client)
{
  Server *server = client->server;
  g_autoptr(SoupMessageHeaders) headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_REQUEST);
  g_autofree char *method = NULL;
  g_autofree char *target = NULL;
  g_autofree char *body = NULL;
  g_autoptr(GHashTable) form = NULL;
  HeaderCount count = { 0 };
  SoupHTTPVersion version;
  const char *query, *path;
  guint status;

  status = soup_headers_parse_request ((const char *) client->buffer, client->header_end, headers,
                                       &method, &target, &version);
  if (status != SOUP_STATUS_OK)
    {
      respond (client, status >= 400 && status < 600 ? status : 400, NULL);
      return;
    }
  soup_message_headers_foreach (headers, count_header, &count);
  client->lang = tf_phone_page_lang (soup_message_headers_get_one (headers, "Accept-Language"),
                                     strchr (target, '?'));
  if (count.count > TF_ROOM_HEADERS_MAX)
    {
      respond (client, 431, NULL);
      return;
    }
  if (count.hosts != 1 || count.bad || !g_utf8_validate (target, -1, NULL))
    {
      respond (client, 400, NULL);
      return;
    }
  if (!rate_allows (server, client->address))
    {
      respond (client, 429, NULL);
      return;
    }

  /* Only the token's own paths: anything else is not found, and the
   * answer says nothing of what is there. */
  query = strchr (target, '?');
  if (query != NULL)
    *(char *) query = '\0';
  path = target;
  if (!g_str_has_prefix (path, server->base) ||
      (path[strlen (server->base)] != '\0' && path[strlen (server->base)] != '/'))
    {
      respond (client, 404, NULL);
      return;
    }
  path += strlen (server->base);

  if (g_str_equal (method, "GET") && (path[0] == '\0' || g_str_equal (path, "/")))
    {
      if (client->body_length > 0)
        respond (client, 400, NULL);
      else
        respond_page (client, TF_PHONE_FORM);
      return;
    }
  if (!g_str_equal (path, "/insight") && !g_str_equal (path, "/vote"))
    {
      respond (client, 404, NULL);
      return;
    }
  if (!g_str_equal (method, "POST"))
    {
      respond (client, 405, NULL);
      return;
    }
  {
    const char *type = soup_message_headers_get_one (headers, "Content-Type");

    if (type == NULL || g_ascii_strncasecmp (type, "application/x-www-form-urlencoded", 33) != 0)
      {
        respond (client, 415, NULL);
        return;
      }
  }
  body = g_strndup ((const char *) client->buffer + client->header_end, client->body_length);
  if (strlen (body) != client->body_length)
    {
      respond (client, 400, NULL);
      return;
    }
  form = soup_form_decode (body);
  if (form == NULL || g_hash_table_size (form) > TF_ROOM_FIELDS_MAX)
    {
      respond (client, 400, NULL);
      return;
    }
  if (g_str_equal (path, "/insight"))
    handle_insight (client, form);
  else
    handle_vote (client, form);
}

/* Reading a request: whole within its deadline, within its sizes. */

static void read_more (Client *client);

static gboolean
parse_framing (Client *client)
{
  g_autoptr(SoupMessageHeaders) headers = NULL;
  const char *end = memmem (client->buffer, client->length, "\r\n\r\n", 4);
  const char *length_text;
  guint64 length = 0;
  g_autofree char *method = NULL;
  g_autofree char *target = NULL;

  if (end == NULL)
    {
      if (client->length > TF_ROOM_HEADER_BYTES_MAX)
        respond (client, 431, NULL);
      return FALSE;
    }
  client->header_end = (gsize) (end - (const char *) client->buffer) + 4;
  if (client->header_end > TF_ROOM_HEADER_BYTES_MAX)
    {
      respond (client, 431, NULL);
      return FALSE;
    }
  headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_REQUEST);
  if (soup_headers_parse_request ((const char *) client->buffer, client->header_end, headers,
                                  &method, &target, NULL) != SOUP_STATUS_OK)
    {
      respond (client, 400, NULL);
      return FALSE;
    }
  /* No chunked bodies, no duplicate or odd lengths. */
  if (soup_message_headers_get_one (headers, "Transfer-Encoding") != NULL)
    {
      respond (client, 501, NULL);
      return FALSE;
    }
  length_text = soup_message_headers_get_list (headers, "Content-Length");
  if (length_text != NULL &&
      !g_ascii_string_to_unsigned (length_text, 10, 0, G_MAXUINT32, &length, NULL))
    {
      respond (client, 400, NULL);
      return FALSE;
    }
  if (client->header_end + length > TF_ROOM_REQUEST_MAX)
    {
      respond (client, 413, NULL);
      return FALSE;
    }
  client->body_length = length;
  return TRUE;
}

static void client_unref (Client *client);

static void
read_done (Client *client,
           gssize  n)
{
  if (n <= 0)
    {
      client_close (client);
      return;
    }
  client->length += (gsize) n;
  if (client->header_end == 0 && !parse_framing (client))
    {
      if (!client->answered)
        read_more (client);
      return;
    }
  if (client->length < client->header_end + client->body_length)
    {
      read_more (client);
      return;
    }
  if (client->length > client->header_end + client->body_length)
    {
      /* Pipelined or smuggled bytes after the body. */
      respond (client, 400, NULL);
      return;
    }
  handle_request (client);
}

static void
read_ready (GObject      *source,
            GAsyncResult *result,
            gpointer      data)
{
  Client *client = data;
  gssize n = g_input_stream_read_finish (G_INPUT_STREAM (source), result, NULL);

  /* The client may have been answered (too slow, too big) and closed
   * while this read was under way: it lives until the read is back. */
  if (!client->answered && !client->closed)
    read_done (client, n);
  client_unref (client);
}

static void
read_more (Client *client)
{
  gsize room = TF_ROOM_REQUEST_MAX - client->length;

  if (room == 0)
    {
      respond (client, 413, NULL);
      return;
    }
  client->refs++;
  g_input_stream_read_async (g_io_stream_get_input_stream (G_IO_STREAM (client->connection)),
                             client->buffer + client->length, room, G_PRIORITY_DEFAULT,
                             client->server->cancel, read_ready, client);
}

static gboolean
client_too_slow (gpointer data)
{
  Client *client = data;

  client->deadline = 0;
  respond (client, 408, NULL);
  return G_SOURCE_REMOVE;
}

static void
client_close (Client *client)
{
  Server *server = client->server;

  if (client->closed)
    return;
  if (client->key != NULL)
    {
      GPtrArray *waiting = g_hash_table_lookup (server->pending, client->key);

      if (waiting != NULL)
        {
          g_ptr_array_remove (waiting, client);
          if (waiting->len == 0)
            g_hash_table_remove (server->pending, client->key);
        }
    }
  g_clear_handle_id (&client->deadline, g_source_remove);
  g_io_stream_close (G_IO_STREAM (client->connection), NULL, NULL);
  {
    guint n = GPOINTER_TO_UINT (g_hash_table_lookup (server->open, client->address));

    if (n <= 1)
      g_hash_table_remove (server->open, client->address);
    else
      g_hash_table_insert (server->open, g_strdup (client->address), GUINT_TO_POINTER (n - 1));
  }
  client->closed = TRUE;
  server->n_clients--;
  client_unref (client);
}

static void
client_unref (Client *client)
{
  if (--client->refs > 0)
    return;
  g_object_unref (client->connection);
  g_free (client->address);
  g_free (client->key);
  g_free (client->text);
  g_free (client->category);
  g_free (client);
}

static gboolean
incoming (GSocketService    *service,
          GSocketConnection *connection,
          GObject           *source,
          gpointer           data)
{
  Server *server = data;
  g_autoptr(GSocketAddress) remote = g_socket_connection_get_remote_address (connection, NULL);
  g_autofree char *address = NULL;
  Client *client;
  guint n_open;

  if (G_IS_INET_SOCKET_ADDRESS (remote))
    address = g_inet_address_to_string (g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (remote)));
  else
    address = g_strdup ("");
  /* A phone needs one connection at a time; a few more for a page's
   * resend. Whoever opens many holds no more than its share. */
  n_open = GPOINTER_TO_UINT (g_hash_table_lookup (server->open, address));
  if (server->n_clients >= TF_ROOM_CONNECTIONS_MAX || n_open >= TF_ROOM_CONNECTIONS_PER_CLIENT ||
      server->closing)
    {
      g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
      return TRUE;
    }
  g_hash_table_insert (server->open, g_strdup (address), GUINT_TO_POINTER (n_open + 1));
  client = g_new0 (Client, 1);
  client->server = server;
  client->connection = g_object_ref (connection);
  client->refs = 1;
  client->lang = TF_PHONE_FR;
  client->address = g_steal_pointer (&address);
  server->n_clients++;
  client->deadline = g_timeout_add (TF_ROOM_REQUEST_TIMEOUT_MS, client_too_slow, client);
  read_more (client);
  return TRUE;
}

static gboolean
on_signal (gpointer data)
{
  Server *server = data;

  g_main_loop_quit (server->loop);
  return G_SOURCE_CONTINUE;
}

static char *
content_security_policy (void)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  guint8 digest[32];
  gsize length = sizeof digest;
  g_autofree char *hash = NULL;

  g_checksum_update (sum, (const guchar *) tf_phone_page_style (), -1);
  g_checksum_get_digest (sum, digest, &length);
  hash = g_base64_encode (digest, length);
  return g_strdup_printf ("default-src 'none'; style-src 'sha256-%s'; form-action 'self'; "
                          "base-uri 'none'; frame-ancestors 'none'", hash);
}

/* The seccomp filter (core/tf-seccomp.h); TRANSFO_ROOM_SERVER_TEST_ESCAPE
 * makes it try, once the filter is in force, what a server taken over
 * would: "open" a file (refused), make a "socket" (killed). */
static gboolean
shut_in (void)
{
  const TfSeccompPolicy policy = { .serve = TRUE, .write_any = TRUE };
  const char *escape = g_getenv ("TRANSFO_ROOM_SERVER_TEST_ESCAPE");

  if (!tf_seccomp_shut_in (&policy))
    return FALSE;
  if (g_strcmp0 (escape, "open") == 0)
    {
      int fd = open ("/etc/hostname", O_RDONLY);

      g_printerr ("transfo-room-server: open: %s\n", fd >= 0 ? "opened" : g_strerror (errno));
    }
  else if (g_strcmp0 (escape, "socket") == 0)
    g_printerr ("transfo-room-server: socket: %d\n", socket (AF_INET, SOCK_STREAM, 0));
  return TRUE;
}

int
main (int    argc,
      char **argv)
{
  Server *server = &server_data;
  g_autofree char *address_text = NULL;
  g_autoptr(GInetAddress) address = NULL;
  g_autoptr(GSocketAddress) bind_address = NULL;
  g_autoptr(GSocketAddress) effective = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GInputStream) in = NULL;
  int port = 0;
  GOptionEntry entries[] = {
    { "address", 0, 0, G_OPTION_ARG_STRING, &address_text, "The one address to listen on", "ADDR" },
    { "port", 0, 0, G_OPTION_ARG_INT, &port, "The port (0: any free one)", "PORT" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);

  signal (SIGPIPE, SIG_IGN);
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("transfo-room-server: %s\n", error->message);
      return 2;
    }
  if (address_text == NULL || (address = g_inet_address_new_from_string (address_text)) == NULL ||
      port < 0 || port > 65535)
    {
      g_printerr ("transfo-room-server: --address must be one IP address, --port 0 to 65535\n");
      return 2;
    }
  /* One interface, always: the any-address would put the room on every
   * network the laptop is on. */
  if (g_inet_address_get_is_any (address))
    {
      g_printerr ("transfo-room-server: listening on every interface is refused; name one address\n");
      return 2;
    }

  server->token = tf_contribution_new_key ();
  if (server->token == NULL)
    {
      g_printerr ("transfo-room-server: no random source\n");
      return 1;
    }
  server->base = g_strdup_printf ("/t/%s", server->token);
  server->csp = content_security_policy ();
  server->categories = g_new0 (char *, 1);
  server->rates = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  server->open = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  server->pending = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
  server->to_app = g_string_new (NULL);
  server->cancel = g_cancellable_new ();
  server->loop = g_main_loop_new (NULL, FALSE);
  server->service = g_socket_service_new ();
  g_socket_listener_set_backlog (G_SOCKET_LISTENER (server->service), TF_ROOM_CONNECTIONS_MAX);
  bind_address = g_inet_socket_address_new (address, (guint16) port);
  if (!g_socket_listener_add_address (G_SOCKET_LISTENER (server->service), bind_address, G_SOCKET_TYPE_STREAM,
                                      G_SOCKET_PROTOCOL_TCP, NULL, &effective, &error))
    {
      g_printerr ("transfo-room-server: %s\n", error->message);
      return 1;
    }
  g_signal_connect (server->service, "incoming", G_CALLBACK (incoming), server);
  fcntl (STDOUT_FILENO, F_SETFL, fcntl (STDOUT_FILENO, F_GETFL) | O_NONBLOCK);
  in = g_unix_input_stream_new (STDIN_FILENO, FALSE);
  server->from_app = g_data_input_stream_new (in);
  read_from_app (server);
  g_unix_signal_add (SIGINT, on_signal, server);
  g_unix_signal_add (SIGTERM, on_signal, server);

  {
    g_autofree char *line = g_strdup_printf ("LISTEN %s %u %s", address_text,
                                             g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (effective)),
                                             server->token);

    send_to_app (server, line);
  }
  g_socket_service_start (server->service);
  /* Bound and listening: from here on it accepts, reads, writes and waits,
   * and nothing else (no file opened, no new socket, no program run). */
  if (!shut_in ())
    {
      g_printerr ("transfo-room-server: cannot install the seccomp filter\n");
      return 3;
    }
  g_main_loop_run (server->loop);

  /* Closing: the token dies with the process. */
  server->closing = TRUE;
  g_socket_service_stop (server->service);
  g_socket_listener_close (G_SOCKET_LISTENER (server->service));
  g_cancellable_cancel (server->cancel);
  g_clear_handle_id (&server->out_watch, g_source_remove);
  g_clear_object (&server->from_app);
  g_clear_object (&server->service);
  g_clear_object (&server->cancel);
  g_clear_pointer (&server->loop, g_main_loop_unref);
  g_clear_pointer (&server->round, round_free);
  g_clear_pointer (&server->categories, g_strfreev);
  g_clear_pointer (&server->rates, g_hash_table_unref);
  g_clear_pointer (&server->open, g_hash_table_unref);
  g_clear_pointer (&server->pending, g_hash_table_unref);
  g_string_free (server->to_app, TRUE);
  g_free (server->token);
  g_free (server->base);
  g_free (server->csp);
  return 0;
}
