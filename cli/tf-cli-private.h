/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <signal.h>
#include <stdio.h>

#include "core/tf-board.h"
#include "core/tf-store.h"

G_BEGIN_DECLS

/* Exit statuses of every subcommand, documented in --help and the README. */
enum {
  TF_CLI_EXIT_OK = 0,
  TF_CLI_EXIT_REFUSED = 1,  /* the archive refused, an id is missing… */
  TF_CLI_EXIT_USAGE = 2,    /* bad arguments: nothing was opened */
};

/* Prints one clear line "transfo: …" on stderr, as every error of the
 * command line (newlines folded into spaces), and returns @status. */
int          tf_cli_fail                 (int           status,
                                          const char   *format,
                                          ...) G_GNUC_PRINTF (2, 3);

/* TRUE when @arg is the option @name, alone or as "NAME=VALUE". */
gboolean     tf_cli_is_option            (const char   *arg,
                                          const char   *name);
/* Which of the @n_names options @arg is (see tf_cli_is_option()), or NULL. */
const char  *tf_cli_match_option         (const char   *arg,
                                          const char   * const *names,
                                          gsize         n_names);
/* The value of the option @name that @arg is: after its "=", or else the
 * next argument, @i then moving past it. NULL when there is none. */
const char  *tf_cli_option_value         (const char   *arg,
                                          const char   *name,
                                          int           argc,
                                          char        **argv,
                                          int          *i);
/* The usage of @command ("list", "stamps import"; "" for transfo itself)
 * on @out, with the command's synopsis. */
void         tf_cli_print_usage          (FILE         *out,
                                          const char   *command);
/* Refuses an option @command does not take: a usage error and the
 * command's usage on stderr, with a word of its own for a dangling
 * --archive. Returns TF_CLI_EXIT_USAGE. */
int          tf_cli_fail_unknown_option  (const char   *command,
                                          const char   *arg);

/* The board @query names among the @n boards (@names and @ids): a name as
 * typed or with case and accents folded, an id, else a unique prefix or
 * part of a name (tf_text_match_names()). -1 when none matches; -2 when
 * several do: then they are listed on stderr, one a line, and @status is a
 * usage error. */
int          tf_cli_pick_board           (const char * const *names,
                                          const gint64 *ids,
                                          guint         n,
                                          const char   *query,
                                          int          *status);

/* Like tf_cli_pick_board(), among the boards of @boards (TfBoard) that
 * @keep accepts (all when NULL), @query trimmed: the board, NULL when none
 * matches (@status untouched) or several do (listed; @status a usage error). */
TfBoard     *tf_cli_pick_board_of        (GListModel   *boards,
                                          gboolean    (*keep) (TfBoard *board),
                                          const char   *query,
                                          int          *status);

/* Parses an experiment id as `transfo list` shows it; a usage error on
 * stderr, in @status, otherwise. */
gboolean     tf_cli_parse_experiment_id  (const char   *text,
                                          gint64       *id,
                                          int          *status);
/* Takes option @name and its value out of @argv wherever it stands before
 * "--" (the last one wins), else the environment's @variable: NULL when
 * neither. Used for --archive and --regional. */
char        *tf_cli_take_global_option   (int          *argc,
                                          char        **argv,
                                          const char   *name,
                                          const char   *variable) G_GNUC_WARN_UNUSED_RESULT;
/* Adds the anonymisation option @arg (--drop-unconsented, --drop-dates,
 * --drop-people-photos, --drop-notes) to @drop; FALSE for another. */
gboolean     tf_cli_take_drop_option     (const char   *arg,
                                          guint        *drop);
/* Opens the archive for writing (created if missing) or read-only; when it
 * cannot be, prints why and sets @status. */
TfStore     *tf_cli_open_store           (const char   *archive,
                                          gboolean      write,
                                          int          *status) G_GNUC_WARN_UNUSED_RESULT;

/* Checks the file a command is about to write (see
 * tf_atomic_file_check_target()): never @archive nor one of its companions,
 * an SQLite database only with --force (@force). Says why on stderr, in
 * @status, otherwise. */
gboolean     tf_cli_check_output         (const char   *output,
                                          const char   *archive,
                                          gboolean      force,
                                          int          *status);

/* While a command writes a file: SIGINT, SIGTERM and SIGHUP set
 * tf_cli_interrupted, for a command that cancels cleanly; or, with @die,
 * remove the temporary files being written and end the process as the
 * signal would. tf_cli_release_signals() restores what was there. */
extern volatile sig_atomic_t tf_cli_interrupted;
void         tf_cli_catch_signals        (gboolean      die);
void         tf_cli_release_signals      (void);

/* How tf_cli_escape() treats line breaks and tabs. */
typedef enum {
  TF_CLI_TEXT_LINE,   /* one line (a title, a name): line breaks and tabs shown as \n, \t */
  TF_CLI_TEXT_BLOCK,  /* free text over several lines: line breaks and tabs kept */
} TfCliText;

/* Text read from an archive (or a file), made safe for a terminal: control
 * characters (C0 but the line breaks and tabs a block keeps, DEL, C1),
 * bidirectional overrides and isolates, and bytes that are not UTF-8 are
 * shown as \x1b, \u009b, \u202e… instead of being sent to the terminal.
 * Everything the command line prints from an archive goes through it. */
char     *tf_cli_escape              (const char *text,
                                      TfCliText   kind) G_GNUC_WARN_UNUSED_RESULT;
/* TRUE for the characters tf_cli_escape() shows as \uXXXX: C1 controls
 * and bidirectional overrides and isolates. */
gboolean  tf_cli_is_hidden_char      (gunichar    c);

/* Writes @text then spaces up to @width characters (UTF-8 aware). */
void      tf_cli_print_padded        (FILE       *out,
                                      const char *text,
                                      glong       width);

G_END_DECLS
