/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "tf-cli-stamps"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

#include "core/tf-input-file.h"
#include "exports/tf-stamp-sheet.h"
#include "stamps/tf-stamp-commands.h"
#include "stamps/tf-stamp-library.h"
#include "stamps/tf-svg-check.h"
#include "tf-cli-json.h"
#include "tf-cli-private.h"
#include "tf-cli-stamps.h"

/* Options of the stamps subcommands; each takes a value but --json. */
typedef struct {
  gboolean    json;
  gboolean    force;
  const char *family;
  const char *name_fr;
  const char *name_en;
  const char *keywords;
  const char *color;
  const char *output;
  const char *size;
  const char *stamps;
  GPtrArray  *positionals;
} Options;

static void
options_clear (Options *options)
{
  g_clear_pointer (&options->positionals, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Options, options_clear)

typedef struct {
  const char  *name;
  const char  *alias;
  gsize        offset;
} ValueOption;

static const ValueOption import_options[] = {
  { "--family", NULL, G_STRUCT_OFFSET (Options, family) },
  { "--name-fr", NULL, G_STRUCT_OFFSET (Options, name_fr) },
  { "--name-en", NULL, G_STRUCT_OFFSET (Options, name_en) },
  { "--keywords", NULL, G_STRUCT_OFFSET (Options, keywords) },
  { "--color", "--colour", G_STRUCT_OFFSET (Options, color) },
  { NULL, NULL, 0 },
};

static const ValueOption sheet_options[] = {
  { "--output", "-o", G_STRUCT_OFFSET (Options, output) },
  { "--size", NULL, G_STRUCT_OFFSET (Options, size) },
  { "--stamps", NULL, G_STRUCT_OFFSET (Options, stamps) },
  { NULL, NULL, 0 },
};

static const ValueOption no_options[] = {
  { NULL, NULL, 0 },
};

static gboolean
matches (const char *arg,
         const char *name,
         const char **value)
{
  gsize len;

  if (name == NULL)
    return FALSE;
  len = strlen (name);
  if (strncmp (arg, name, len) != 0)
    return FALSE;
  if (arg[len] == '\0')
    {
      *value = NULL;
      return TRUE;
    }
  if (arg[len] == '=' && name[1] == '-')
    {
      *value = arg + len + 1;
      return TRUE;
    }
  return FALSE;
}

static gboolean
parse (const char         *command,
       int                 argc,
       char              **argv,
       const ValueOption  *allowed,
       gboolean            allow_json,
       Options            *options,
       int                *status)
{
  options->positionals = g_ptr_array_new ();

  for (int i = 0; i < argc; i++)
    {
      const char *arg = argv[i];
      const ValueOption *found = NULL;
      const char *value = NULL;

      if (arg[0] != '-' || g_str_equal (arg, "-"))
        {
          g_ptr_array_add (options->positionals, (gpointer) arg);
          continue;
        }
      if (allow_json && g_str_equal (arg, "--json"))
        {
          options->json = TRUE;
          continue;
        }
      /* Only the command that writes a file can force it. */
      if (allowed == sheet_options && g_str_equal (arg, "--force"))
        {
          options->force = TRUE;
          continue;
        }
      for (guint o = 0; allowed[o].name != NULL && found == NULL; o++)
        if (matches (arg, allowed[o].name, &value) || matches (arg, allowed[o].alias, &value))
          found = &allowed[o];
      if (found == NULL)
        {
          g_autofree char *full = g_strdup_printf ("stamps %s", command);

          *status = tf_cli_fail_unknown_option (full, arg);
          return FALSE;
        }
      if (value == NULL)
        {
          if (i + 1 >= argc)
            {
              *status = tf_cli_fail (TF_CLI_EXIT_USAGE, _("%s needs a value"), found->name);
              return FALSE;
            }
          value = argv[++i];
        }
      if (!g_utf8_validate (value, -1, NULL))
        {
          *status = tf_cli_fail (TF_CLI_EXIT_USAGE, _("The value of %s is not valid UTF-8"),
                                 found->name);
          return FALSE;
        }
      G_STRUCT_MEMBER (const char *, options, found->offset) = value;
    }
  return TRUE;
}

static void
print_help (void)
{
  printf ("%s\n", _("Usage: transfo [--archive PATH] stamps COMMAND [ARGUMENTS…]"));
  printf ("\n%s\n", _("Commands:"));
  printf ("  ");
  tf_cli_print_padded (stdout, "list [--json]", 50);
  printf (" %s\n  ", _("List the built-in stamps and the archive's own"));
  tf_cli_print_padded (stdout, "import FILE.svg --family F --name-fr N --name-en N", 50);
  printf (" %s\n", _("Check an SVG and add it to the archive's stamps; prints its id"));
  printf ("      %s\n  ", "[--keywords K,K…] [--color #rrggbb]");
  tf_cli_print_padded (stdout, "sheet -o FILE.pdf [--size CM] [--stamps ID,ID…]", 50);
  printf (" %s\n", _("Print stamps on A4 pages, to cut out (default: all, 3 cm)"));
  printf ("      %s\n", "[--force]");
  printf ("\n%s", _("Families:"));
  for (guint i = 0; i < tf_stamp_family_get_n (); i++)
    printf ("%s %s", i ? "," : "", tf_stamp_family_get_nth (i)->id);
  printf ("\n");
}

void
tf_cli_stamps_report (TfStampLibrary *library)
{
  g_auto(GStrv) refusals = tf_stamp_library_dup_refusals (library);

  /* The names come from the archive: tf_cli_fail() shows their control
   * characters instead of sending them to the terminal. */
  for (guint i = 0; refusals[i]; i++)
    tf_cli_fail (TF_CLI_EXIT_OK, "%s", refusals[i]);
}

/* The library with the archive's user stamps. A missing archive is no error
 * for reading: the built-in stamps are there anyway. */
static TfStampLibrary *
open_library (const char *archive,
              int        *status)
{
  g_autoptr(TfStampLibrary) library = tf_stamp_library_new ();
  g_autoptr(TfStore) store = NULL;
  g_autoptr(GError) error = NULL;

  if (!g_file_test (archive, G_FILE_TEST_EXISTS))
    return g_steal_pointer (&library);
  if (!(store = tf_cli_open_store (archive, FALSE, status)))
    return NULL;
  if (!tf_stamp_library_set_store (library, store, &error))
    {
      *status = tf_cli_fail (TF_CLI_EXIT_REFUSED, "%s", error->message);
      return NULL;
    }
  return g_steal_pointer (&library);
}

static int
cmd_list (const char  *archive,
          int          argc,
          char       **argv)
{
  g_auto(Options) options = { 0 };
  g_autoptr(TfStampLibrary) library = NULL;
  int status = TF_CLI_EXIT_OK;
  guint n;

  if (!parse ("list", argc, argv, no_options, TRUE, &options, &status))
    return status;
  if (options.positionals->len > 0)
    return tf_cli_fail (TF_CLI_EXIT_USAGE, _("“stamps list” takes no argument, not “%s”"),
                        (const char *) g_ptr_array_index (options.positionals, 0));
  if (!(library = open_library (archive, &status)))
    return status;

  n = g_list_model_get_n_items (G_LIST_MODEL (library));
  if (options.json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "stamps");
      json_builder_begin_array (builder);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(TfStamp) stamp = g_list_model_get_item (G_LIST_MODEL (library), i);
          g_autofree char *color = g_strdup_printf ("#%06x", tf_stamp_get_color (stamp));
          const char * const *keywords = tf_stamp_get_keywords (stamp);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "id");
          json_builder_add_string_value (builder, tf_stamp_get_id (stamp));
          json_builder_set_member_name (builder, "family");
          json_builder_add_string_value (builder, tf_stamp_get_family_id (stamp));
          json_builder_set_member_name (builder, "name_fr");
          json_builder_add_string_value (builder, tf_stamp_get_name_fr (stamp));
          json_builder_set_member_name (builder, "name_en");
          json_builder_add_string_value (builder, tf_stamp_get_name_en (stamp));
          json_builder_set_member_name (builder, "keywords");
          json_builder_begin_array (builder);
          for (guint k = 0; keywords[k]; k++)
            json_builder_add_string_value (builder, keywords[k]);
          json_builder_end_array (builder);
          json_builder_set_member_name (builder, "color");
          json_builder_add_string_value (builder, color);
          json_builder_set_member_name (builder, "builtin");
          json_builder_add_boolean_value (builder, tf_stamp_get_builtin (stamp));
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      tf_cli_json_print (json_builder_get_root (builder));
      return TF_CLI_EXIT_OK;
    }

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TfStamp) stamp = g_list_model_get_item (G_LIST_MODEL (library), i);
      g_autofree char *id = tf_cli_escape (tf_stamp_get_id (stamp), TF_CLI_TEXT_LINE);
      g_autofree char *family = tf_cli_escape (tf_stamp_get_family_id (stamp), TF_CLI_TEXT_LINE);
      g_autofree char *name = tf_cli_escape (tf_stamp_get_name (stamp), TF_CLI_TEXT_LINE);

      printf ("%-24s %-15s %s%s\n", id, family, name, tf_stamp_get_builtin (stamp) ? "" : _(" (imported)"));
    }
  return TF_CLI_EXIT_OK;
}

static int
cmd_import (const char  *archive,
            int          argc,
            char       **argv)
{
  g_auto(Options) options = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(TfStore) store = NULL;
  g_autoptr(TfCommand) command = NULL;
  g_autoptr(GBytes) svg = NULL;
  g_autofree char *display = NULL;
  const char *file;
  GStatBuf info;
  int status = TF_CLI_EXIT_OK;

  if (!parse ("import", argc, argv, import_options, FALSE, &options, &status))
    return status;
  if (options.positionals->len != 1)
    return tf_cli_fail (TF_CLI_EXIT_USAGE, options.positionals->len == 0
                        ? _("“stamps import” needs an SVG file; see “transfo stamps --help”")
                        : _("“stamps import” takes one SVG file at a time"));
  if (options.family == NULL || options.name_fr == NULL || options.name_en == NULL)
    return tf_cli_fail (TF_CLI_EXIT_USAGE,
                        _("“stamps import” needs --family, --name-fr and --name-en"));
  if (!tf_stamp_check_metadata (options.family, options.name_fr, options.name_en, options.color, &error))
    return tf_cli_fail (TF_CLI_EXIT_USAGE, "%s", error->message);

  file = g_ptr_array_index (options.positionals, 0);
  display = g_filename_display_name (file);
  /* Never read a huge file whole only to refuse it, nor a device or a pipe
   * (which could be read forever): only a regular file, and no more than
   * the checker accepts. */
  svg = tf_input_file_read (file, TF_SVG_MAX_BYTES, TF_INPUT_FILE_NONE, &error);
  if (svg == NULL && tf_input_file_is_too_big (error) && g_stat (file, &info) == 0)
    return tf_cli_fail (TF_CLI_EXIT_REFUSED, _("%s: the SVG is too big (%lld KiB); a pictogram may take up to %d KiB"),
                        display, (long long) info.st_size / 1024, TF_SVG_MAX_BYTES / 1024);
  if (svg == NULL)
    return tf_cli_fail (TF_CLI_EXIT_REFUSED, "%s", error->message);

  /* Checked before the archive is even opened: a refused file writes nothing. */
  if (!tf_svg_check (svg, &error))
    /* TRANSLATORS: a file name, then why it was refused; French puts a space before the colon */
    return tf_cli_fail (TF_CLI_EXIT_REFUSED, _("%s: %s"), display, error->message);

  if (!(store = tf_cli_open_store (archive, TRUE, &status)))
    return status;
  command = tf_command_import_stamp (svg, options.family, options.name_fr, options.name_en,
                                     options.keywords, options.color);
  if (!tf_command_execute (command, store, &error))
    return tf_cli_fail (TF_CLI_EXIT_REFUSED, "%s", error->message);

  printf ("%s\n", tf_stamp_command_get_key (command));
  return TF_CLI_EXIT_OK;
}

static int
cmd_sheet (const char  *archive,
           int          argc,
           char       **argv)
{
  g_auto(Options) options = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(TfStampLibrary) library = NULL;
  g_auto(GStrv) ids = NULL;
  double size = TF_STAMP_SHEET_DEFAULT_CM;
  int status = TF_CLI_EXIT_OK;
  gboolean ok;

  if (!parse ("sheet", argc, argv, sheet_options, FALSE, &options, &status))
    return status;
  if (options.positionals->len > 0)
    return tf_cli_fail (TF_CLI_EXIT_USAGE, _("“stamps sheet” takes no argument, not “%s”"),
                        (const char *) g_ptr_array_index (options.positionals, 0));
  if (options.output == NULL)
    return tf_cli_fail (TF_CLI_EXIT_USAGE, _("“stamps sheet” needs -o FILE.pdf"));
  if (options.size != NULL)
    {
      char *end = NULL;

      size = g_ascii_strtod (options.size, &end);
      if (end == options.size || *end != '\0' ||
          !(size >= TF_STAMP_SHEET_MIN_CM && size <= TF_STAMP_SHEET_MAX_CM))
        return tf_cli_fail (TF_CLI_EXIT_USAGE, _("--size is in centimetres, from %g to %g, not “%s”"),
                            TF_STAMP_SHEET_MIN_CM, TF_STAMP_SHEET_MAX_CM, options.size);
    }
  if (options.stamps != NULL)
    {
      g_autoptr(GPtrArray) clean = g_ptr_array_new_with_free_func (g_free);
      g_auto(GStrv) parts = g_strsplit (options.stamps, ",", -1);

      for (guint i = 0; parts[i]; i++)
        if (g_strstrip (parts[i])[0] != '\0')
          g_ptr_array_add (clean, g_strdup (parts[i]));
      if (clean->len == 0)
        return tf_cli_fail (TF_CLI_EXIT_USAGE, _("--stamps needs stamp ids, separated by commas"));
      g_ptr_array_add (clean, NULL);
      ids = (GStrv) g_ptr_array_free (g_steal_pointer (&clean), FALSE);
    }

  /* Never over the archive, nor over another database unless forced. */
  if (!tf_cli_check_output (options.output, archive, options.force, &status))
    return status;

  if (!(library = open_library (archive, &status)))
    return status;
  /* A signal removes the temporary file before it ends the command. */
  tf_cli_catch_signals (TRUE);
  ok = tf_stamp_sheet_write (library, (const char * const *) ids, size, options.output, &error);
  tf_cli_release_signals ();
  if (!ok)
    return tf_cli_fail (TF_CLI_EXIT_REFUSED, "%s", error->message);
  tf_cli_stamps_report (library);
  return TF_CLI_EXIT_OK;
}

int
tf_cli_stamps (const char  *archive,
               int          argc,
               char       **argv)
{
  const char *name;

  g_return_val_if_fail (archive != NULL, TF_CLI_EXIT_USAGE);

  if (argc < 1)
    return tf_cli_fail (TF_CLI_EXIT_USAGE, _("“stamps” needs a command: list, import or sheet; see “transfo stamps --help”"));
  name = argv[0];
  if (g_str_equal (name, "--help") || g_str_equal (name, "-h") || g_str_equal (name, "help"))
    {
      print_help ();
      return TF_CLI_EXIT_OK;
    }
  if (g_str_equal (name, "list"))
    return cmd_list (archive, argc - 1, argv + 1);
  if (g_str_equal (name, "import"))
    return cmd_import (archive, argc - 1, argv + 1);
  if (g_str_equal (name, "sheet"))
    return cmd_sheet (archive, argc - 1, argv + 1);
  return tf_cli_fail (TF_CLI_EXIT_USAGE, _("Unknown command “stamps %s”; the commands are list, import and sheet"), name);
}
