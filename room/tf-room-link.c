/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "tf-room-link"

#include <ifaddrs.h>
#include <net/if.h>
#include <netinet/in.h>
#include <signal.h>
#include <string.h>

#include <glib/gi18n.h>

#include "core/tf-helper-program.h"
#include "core/tf-board-type.h"
#include "tf-contribution.h"
#include "tf-room-link.h"

#define SERVER_NAME "transfo-room-server"
/* Never more from the server in one line than a contribution could take. */
#define LINE_MAX_BYTES (16 * 1024)

struct _TfRoomLink
{
  GObject           parent_instance;

  TfStore          *store;
  TfHistory        *history;
  gint64            experiment_id;
  gint64            accept_board;
  GSubprocess      *process;
  GDataInputStream *from_server;
  GOutputStream    *to_server;
  GCancellable     *cancel;
  char             *url;
  TfVoteRound      *round;        /* borrowed */
  GPtrArray        *texts;        /* its notes' */
  GHashTable       *ballots;      /* keys of the ballots in this round */
};

enum {
  RECEIVED,
  VOTED,
  CLOSED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (TfRoomLink, tf_room_link, G_TYPE_OBJECT)

static void
tf_room_link_dispose (GObject *object)
{
  TfRoomLink *self = TF_ROOM_LINK (object);

  tf_room_link_close (self);
  g_clear_object (&self->history);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (tf_room_link_parent_class)->dispose (object);
}

static void
tf_room_link_finalize (GObject *object)
{
  TfRoomLink *self = TF_ROOM_LINK (object);

  g_hash_table_unref (self->ballots);
  g_clear_pointer (&self->texts, g_ptr_array_unref);
  G_OBJECT_CLASS (tf_room_link_parent_class)->finalize (object);
}

static void
tf_room_link_class_init (TfRoomLinkClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = tf_room_link_dispose;
  object_class->finalize = tf_room_link_finalize;
  signals[RECEIVED] = g_signal_new ("received", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                    NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_BOOLEAN);
  signals[VOTED] = g_signal_new ("voted", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                 NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_UINT);
  signals[CLOSED] = g_signal_new ("closed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                  NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
tf_room_link_init (TfRoomLink *self)
{
  self->ballots = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

TfRoomLink *
tf_room_link_new (TfStore   *store,
                  TfHistory *history,
                  gint64     experiment_id)
{
  TfRoomLink *self;

  g_return_val_if_fail (TF_IS_STORE (store), NULL);
  self = g_object_new (TF_TYPE_ROOM_LINK, NULL);
  self->store = g_object_ref (store);
  self->history = history != NULL ? g_object_ref (history) : NULL;
  self->experiment_id = experiment_id;
  return self;
}

char *
tf_room_link_find_server (void)
{
  return tf_helper_program_find ("TRANSFO_ROOM_SERVER", "server", SERVER_NAME);
}

/* @i's address (IPv4 or IPv6), NULL for any other family. */
static GInetAddress *
interface_address (const struct ifaddrs *i)
{
  if (i->ifa_addr->sa_family == AF_INET)
    return g_inet_address_new_from_bytes ((const guint8 *) &((struct sockaddr_in *) i->ifa_addr)->sin_addr,
                                          G_SOCKET_FAMILY_IPV4);
  if (i->ifa_addr->sa_family == AF_INET6)
    return g_inet_address_new_from_bytes ((const guint8 *) &((struct sockaddr_in6 *) i->ifa_addr)->sin6_addr,
                                          G_SOCKET_FAMILY_IPV6);
  return NULL;
}

GStrv
tf_room_link_list_addresses (void)
{
  g_autoptr(GStrvBuilder) v4 = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) v6 = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) loopback = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) all = g_strv_builder_new ();
  g_auto(GStrv) a = NULL, b = NULL, c = NULL;
  struct ifaddrs *list = NULL;

  if (getifaddrs (&list) == 0)
    {
      for (struct ifaddrs *i = list; i != NULL; i = i->ifa_next)
        {
          g_autoptr(GInetAddress) address = NULL;
          g_autofree char *text = NULL;

          if (i->ifa_addr == NULL || !(i->ifa_flags & IFF_UP))
            continue;
          address = interface_address (i);
          /* A link-local IPv6 address needs its interface in the URL: left out. */
          if (address == NULL || g_inet_address_get_is_link_local (address))
            continue;
          text = g_inet_address_to_string (address);
          if (g_inet_address_get_is_loopback (address))
            g_strv_builder_add (loopback, text);
          else if (g_inet_address_get_family (address) == G_SOCKET_FAMILY_IPV4)
            g_strv_builder_add (v4, text);
          else
            g_strv_builder_add (v6, text);
        }
      freeifaddrs (list);
    }
  a = g_strv_builder_end (v4);
  b = g_strv_builder_end (v6);
  c = g_strv_builder_end (loopback);
  g_strv_builder_addv (all, (const char **) a);
  g_strv_builder_addv (all, (const char **) b);
  g_strv_builder_addv (all, (const char **) c);
  return g_strv_builder_end (all);
}

/* The interface holding @address (its name), NULL when none does. */
static char *
interface_of (const char *address)
{
  g_autoptr(GInetAddress) wanted = g_inet_address_new_from_string (address);
  struct ifaddrs *list = NULL;
  char *name = NULL;

  if (wanted == NULL || getifaddrs (&list) != 0)
    return NULL;
  for (struct ifaddrs *i = list; i != NULL && name == NULL; i = i->ifa_next)
    {
      g_autoptr(GInetAddress) here = NULL;

      if (i->ifa_addr == NULL || i->ifa_name == NULL)
        continue;
      here = interface_address (i);
      if (here != NULL && g_inet_address_equal (here, wanted))
        name = g_strdup (i->ifa_name);
    }
  freeifaddrs (list);
  return name;
}

char *
tf_room_link_describe_address (const char *address)
{
  g_autoptr(GInetAddress) inet = g_inet_address_new_from_string (address);
  g_autofree char *name = interface_of (address);
  const char *what;

  if (inet != NULL && g_inet_address_get_is_loopback (inet))
    return g_strdup (_("This computer only (no phone can reach it)"));
  if (name == NULL)
    return g_strdup (_("Network"));
  /* The kernel's usual names: wl… Wi-Fi, en… and eth… a cable, ap… and
   * the hotspot's bridges a hotspot; anything else by its name only. */
  if (g_str_has_prefix (name, "wl") || g_str_has_prefix (name, "wifi"))
    what = _("Wi-Fi");
  else if (g_str_has_prefix (name, "en") || g_str_has_prefix (name, "eth"))
    what = _("Cable");
  else if (g_str_has_prefix (name, "ap") || g_str_has_prefix (name, "hotspot"))
    what = _("Hotspot");
  else
    return g_strdup (name);
  /* TRANSLATORS: a kind of network and the interface's name, "Wi-Fi (wlp2s0)". */
  return g_strdup_printf (_("%s (%s)"), what, name);
}

static void
send_line (TfRoomLink *self,
           const char *line)
{
  g_autofree char *full = g_strconcat (line, "\n", NULL);

  if (self->to_server == NULL)
    return;
  /* Short lines to a process that reads them at once: a pipe's buffer
   * holds them. A server gone leaves an error, seen when it closes. */
  g_output_stream_write_all (self->to_server, full, strlen (full), NULL, NULL, NULL);
}

static char *
escape_text (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    switch (*p)
      {
      case '\\': g_string_append (out, "\\\\"); break;
      case '\n': g_string_append (out, "\\n"); break;
      case '\t': g_string_append (out, "\\t"); break;
      case '\r': break;
      default: g_string_append_c (out, *p);
      }
  return g_string_free (out, FALSE);
}

static char *
unescape_text (const char *text)
{
  GString *out = g_string_new (NULL);

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

static const char * const *
categories (TfRoomLink *self)
{
  GPtrArray *types = tf_board_type_list ();

  for (guint i = 0; i < types->len; i++)
    {
      const TfBoardType *type = g_ptr_array_index (types, i);

      if (type->new_quote != NULL)
        return type->quote_sources;
    }
  return NULL;
}

static void
on_insight (TfRoomLink *self,
            const char *key,
            const char *category,
            const char *escaped)
{
  g_autofree char *text = unescape_text (escaped);
  g_autofree char *answer = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = 0;
  gboolean inserted = FALSE;

  if (g_str_equal (category, "-"))
    category = "";
  if (!tf_contribution_receive (self->store, self->experiment_id, key, text, category, categories (self),
                                &id, &inserted, &error))
    {
      g_debug ("Refused a contribution: %s", error->message);
      answer = g_strdup_printf ("REFUSED %s", key);
      send_line (self, answer);
      return;
    }
  if (inserted && self->accept_board != 0)
    {
      g_autoptr(TfCommand) accept = tf_contribution_command_accept (&id, 1, self->accept_board, 0);
      g_autoptr(GError) accept_error = NULL;
      gboolean done = self->history != NULL ? tf_history_execute (self->history, accept, &accept_error)
                                            : tf_command_execute (accept, self->store, &accept_error);

      /* Stored all the same, in the queue: the facilitator sees why. */
      if (!done)
        g_debug ("Could not accept a contribution: %s", accept_error->message);
    }
  answer = g_strdup_printf ("STORED %s", key);
  send_line (self, answer);
  g_signal_emit (self, signals[RECEIVED], 0, id, inserted);
}

static void
on_vote (TfRoomLink *self,
         const char *key,
         const char *colour_text,
         const char *list)
{
  g_auto(GStrv) ids = g_strsplit (list, ",", TF_CONTRIBUTION_BALLOT_MAX + 1);
  g_autoptr(GArray) dots = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *answer = NULL;
  guint64 colour = 0;
  gboolean ok = self->round != NULL && tf_contribution_check_key (key) &&
                g_ascii_string_to_unsigned (colour_text, 10, 0, 8, &colour, NULL);

  for (guint i = 0; ok && ids[i] != NULL; i++)
    {
      gint64 id = 0;

      ok = g_ascii_string_to_signed (ids[i], 10, 1, G_MAXINT64, &id, NULL);
      g_array_append_val (dots, id);
    }
  if (ok && g_hash_table_contains (self->ballots, key))
    {
      /* A resend of a ballot that is in: nothing more. */
      answer = g_strdup_printf ("STORED %s", key);
      send_line (self, answer);
      return;
    }
  ok = ok && tf_contribution_cast_ballot (self->round, (guint) colour, (const gint64 *) dots->data, dots->len);
  if (ok)
    g_hash_table_add (self->ballots, g_strdup (key));
  answer = g_strdup_printf ("%s %s", ok ? "STORED" : "REFUSED", key);
  send_line (self, answer);
  if (ok)
    g_signal_emit (self, signals[VOTED], 0, (guint) colour, dots->len);
}

static void read_next (TfRoomLink *self);

static void
line_ready (GObject      *source,
            GAsyncResult *result,
            gpointer      data)
{
  g_autoptr(TfRoomLink) self = data;
  g_autoptr(GError) error = NULL;
  gsize length = 0;
  g_autofree char *line = g_data_input_stream_read_line_finish (G_DATA_INPUT_STREAM (source), result,
                                                                &length, &error);
  g_auto(GStrv) words = NULL;

  if (line == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          tf_room_link_close (self);
          g_signal_emit (self, signals[CLOSED], 0);
        }
      return;
    }
  /* The server checked all of it; the app checks again, and drops a line
   * that is too long or not text. */
  if (length <= LINE_MAX_BYTES && g_utf8_validate (line, length, NULL))
    {
      words = g_strsplit (line, " ", 4);
      if (g_strv_length (words) == 4 && g_str_equal (words[0], "INSIGHT"))
        on_insight (self, words[1], words[2], words[3]);
      else if (g_strv_length (words) == 4 && g_str_equal (words[0], "VOTE"))
        on_vote (self, words[1], words[2], words[3]);
    }
  read_next (self);
}

static void
read_next (TfRoomLink *self)
{
  if (self->from_server == NULL)
    return;
  g_data_input_stream_read_line_async (self->from_server, G_PRIORITY_DEFAULT, self->cancel,
                                       line_ready, g_object_ref (self));
}

static void
send_categories (TfRoomLink *self)
{
  const char * const *list = categories (self);
  g_autofree char *joined = list != NULL ? g_strjoinv (" ", (char **) list) : g_strdup ("");
  g_autofree char *line = g_strdup_printf ("CATEGORIES %s", joined);

  send_line (self, line);
}

gboolean
tf_room_link_open (TfRoomLink  *self,
                   const char  *address,
                   guint        port,
                   GError     **error)
{
  g_autofree char *server = tf_room_link_find_server ();
  g_autofree char *port_text = g_strdup_printf ("%u", port);
  g_autofree char *first = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GInetAddress) inet = NULL;
  g_auto(GStrv) words = NULL;

  g_return_val_if_fail (self->process == NULL, FALSE);
  if (address == NULL || (inet = g_inet_address_new_from_string (address)) == NULL ||
      g_inet_address_get_is_any (inet) || port > 65535)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("The room needs one address of this computer (not every interface) and a port"));
      return FALSE;
    }
  if (server == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("The room’s server (%s) is not installed"),
                   SERVER_NAME);
      return FALSE;
    }
  /* A server gone while a line is written to it must not take the app
   * with it: the write fails and the end of its output says it closed. */
  signal (SIGPIPE, SIG_IGN);
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE);
#if TF_SANITIZED
  /* What the server leaks when it exits does not matter, and finding out
   * would take calls its filter refuses. */
  g_subprocess_launcher_setenv (launcher, "ASAN_OPTIONS", "detect_leaks=0", TRUE);
#endif
  self->process = g_subprocess_launcher_spawn (launcher, error, server, "--address", address,
                                               "--port", port_text, NULL);
  if (self->process == NULL)
    return FALSE;
  self->cancel = g_cancellable_new ();
  self->to_server = g_object_ref (g_subprocess_get_stdin_pipe (self->process));
  self->from_server = g_data_input_stream_new (g_subprocess_get_stdout_pipe (self->process));
  g_data_input_stream_set_newline_type (self->from_server, G_DATA_STREAM_NEWLINE_TYPE_LF);

  /* Its first line says where it listens, or it failed and said why on
   * its standard error, which is ours. */
  first = g_data_input_stream_read_line (self->from_server, NULL, NULL, NULL);
  if (first != NULL)
    words = g_strsplit (first, " ", 4);
  if (words == NULL || g_strv_length (words) != 4 || !g_str_equal (words[0], "LISTEN"))
    {
      tf_room_link_close (self);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("The room could not listen on %s, port %u"),
                   address, port);
      return FALSE;
    }
  if (g_inet_address_get_family (inet) == G_SOCKET_FAMILY_IPV6)
    self->url = g_strdup_printf ("http://[%s]:%s/t/%s", words[1], words[2], words[3]);
  else
    self->url = g_strdup_printf ("http://%s:%s/t/%s", words[1], words[2], words[3]);
  send_categories (self);
  tf_room_link_set_round (self, self->round, self->texts);
  read_next (self);
  return TRUE;
}

void
tf_room_link_close (TfRoomLink *self)
{
  if (self->process == NULL)
    return;
  g_cancellable_cancel (self->cancel);
  /* Its input closed, the server stops; the token is gone with it. */
  g_output_stream_close (self->to_server, NULL, NULL);
  g_subprocess_send_signal (self->process, SIGTERM);
  g_subprocess_wait (self->process, NULL, NULL);
  g_clear_object (&self->to_server);
  g_clear_object (&self->from_server);
  g_clear_object (&self->process);
  g_clear_object (&self->cancel);
  g_clear_pointer (&self->url, g_free);
}

gboolean
tf_room_link_get_open (TfRoomLink *self)
{
  return self->process != NULL;
}

const char *
tf_room_link_get_url (TfRoomLink *self)
{
  return self->url;
}

void
tf_room_link_set_accept_all (TfRoomLink *self,
                             gint64      board_id)
{
  self->accept_board = board_id;
}

void
tf_room_link_set_round (TfRoomLink  *self,
                        TfVoteRound *round,
                        GPtrArray   *texts)
{
  g_autofree char *head = NULL;

  if (round != self->round)
    g_hash_table_remove_all (self->ballots);
  self->round = round;
  if (texts != self->texts)
    {
      g_clear_pointer (&self->texts, g_ptr_array_unref);
      self->texts = texts != NULL ? g_ptr_array_ref (texts) : NULL;
    }
  if (round == NULL)
    {
      send_line (self, "NOROUND");
      return;
    }
  head = g_strdup_printf ("ROUND %u %u", tf_vote_round_get_n_colours (round), tf_vote_round_get_dots (round));
  send_line (self, head);
  for (guint i = 0; i < tf_vote_round_get_n_notes (round); i++)
    {
      const char *text = texts != NULL && i < texts->len ? g_ptr_array_index (texts, i) : "";
      g_autofree char *escaped = escape_text (text);
      g_autofree char *line = g_strdup_printf ("NOTE %" G_GINT64_FORMAT " %s", tf_vote_round_get_note (round, i),
                                               escaped);

      send_line (self, line);
    }
}
