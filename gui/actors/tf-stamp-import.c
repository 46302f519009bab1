/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "tf-stamp-import"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "core/tf-input-file.h"
#include "stamps/tf-stamp-commands.h"
#include "stamps/tf-svg-check.h"
#include "stamps/tf-stamp.h"
#include "stamps/tf-svg-check.h"
#include "stamps/tf-svg-sandbox.h"
#include "tf-board-view-private.h"
#include "gui/actors/tf-stamp-import.h"

typedef struct {
  TfBoardView *view;
  GBytes      *svg;
  GtkDropDown *family;
  GtkEntry    *name_fr;
  GtkEntry    *name_en;
  GtkEntry    *keywords;
} Form;

static void
form_free (Form *form)
{
  g_clear_object (&form->view);
  g_clear_pointer (&form->svg, g_bytes_unref);
  g_free (form);
}

gboolean
tf_stamp_import_commit (TfBoardView *view,
                        GBytes      *svg,
                        const char  *family,
                        const char  *name_fr,
                        const char  *name_en,
                        const char  *keywords)
{
  g_autoptr(GError) error = NULL;
  TfCommand *command;

  g_return_val_if_fail (TF_IS_BOARD_VIEW (view), FALSE);

  /* Names and family first: a form with a blank name is not worth a file check. */
  if (!tf_stamp_check_metadata (family, name_fr, name_en, NULL, &error))
    {
      tf_board_view_show_toast (view, error->message, FALSE);
      return FALSE;
    }

  command = tf_command_import_stamp (svg, family, name_fr, name_en, keywords, NULL);
  if (!tf_board_view_execute (view, command))
    return FALSE;

  {
    /* TRANSLATORS: %s is the name of the stamp just imported */
    g_autofree char *message = g_strdup_printf (_("Stamp “%s” added to the palette"), name_fr);
    tf_board_view_show_toast (view, message, FALSE);
  }
  return TRUE;
}

/* What the form said, while the drawing is checked in the helper process. */
typedef struct {
  TfBoardView *view;
  GBytes      *svg;
  char        *family;
  char        *name_fr;
  char        *name_en;
  char        *keywords;
} Pending;

static void
pending_free (Pending *pending)
{
  g_clear_object (&pending->view);
  g_clear_pointer (&pending->svg, g_bytes_unref);
  g_free (pending->family);
  g_free (pending->name_fr);
  g_free (pending->name_en);
  g_free (pending->keywords);
  g_free (pending);
}

static void
pending_commit (Pending *pending)
{
  tf_stamp_import_commit (pending->view, pending->svg, pending->family, pending->name_fr,
                          pending->name_en, pending->keywords);
  pending_free (pending);
}

static void
on_checked (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  /* The verdict is kept: the import checks the drawing again at once. */
  tf_svg_probe_finish (result, NULL);
  pending_commit (user_data);
}

static void
on_form_response (AdwMessageDialog *dialog,
                  const char       *response,
                  Form             *form)
{
  if (g_strcmp0 (response, "import") == 0)
    {
      guint index = gtk_drop_down_get_selected (form->family);
      const TfStampFamily *family = tf_stamp_family_get_nth (MIN (index, tf_stamp_family_get_n () - 1));
      Pending *pending = g_new0 (Pending, 1);

      pending->view = g_object_ref (form->view);
      pending->svg = g_bytes_ref (form->svg);
      pending->family = g_strdup (family->id);
      pending->name_fr = g_strdup (gtk_editable_get_text (GTK_EDITABLE (form->name_fr)));
      pending->name_en = g_strdup (gtk_editable_get_text (GTK_EDITABLE (form->name_en)));
      pending->keywords = g_strdup (gtk_editable_get_text (GTK_EDITABLE (form->keywords)));
      /* The helper may need seconds on a hostile drawing: the window does
       * not wait for it. What the metadata or the markup check refuse is
       * said at once. */
      if (tf_stamp_check_metadata (pending->family, pending->name_fr, pending->name_en, NULL, NULL) &&
          tf_svg_check_markup (pending->svg, NULL))
        tf_svg_probe_async (pending->svg, NULL, on_checked, pending);
      else
        pending_commit (pending);
    }
  form_free (form);
}

static GtkEntry *
form_entry (GtkBox     *box,
            const char *label,
            const char *text,
            const char *placeholder)
{
  GtkWidget *title = gtk_label_new_with_mnemonic (label);
  GtkWidget *entry = gtk_entry_new ();

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_mnemonic_widget (GTK_LABEL (title), entry);
  gtk_widget_add_css_class (title, "caption-heading");
  gtk_editable_set_text (GTK_EDITABLE (entry), text ? text : "");
  if (placeholder)
    gtk_entry_set_placeholder_text (GTK_ENTRY (entry), placeholder);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_box_append (box, title);
  gtk_box_append (box, entry);
  return GTK_ENTRY (entry);
}

static void
show_form (TfBoardView *view,
           GBytes      *svg,
           const char  *basename)
{
  g_autoptr(GtkStringList) families = gtk_string_list_new (NULL);
  g_autofree char *name = NULL;
  GtkWidget *root = GTK_WIDGET (gtk_widget_get_root (GTK_WIDGET (view)));
  GtkWidget *dialog, *box, *title;
  Form *form;

  /* "conseiller-technique.svg" suggests "conseiller technique". */
  name = g_strdup (basename);
  if (g_str_has_suffix (name, ".svg") || g_str_has_suffix (name, ".SVG"))
    name[strlen (name) - 4] = '\0';
  g_strdelimit (name, "-_", ' ');

  for (guint i = 0; i < tf_stamp_family_get_n (); i++)
    gtk_string_list_append (families, tf_stamp_family_get_name (tf_stamp_family_get_nth (i)));

  form = g_new0 (Form, 1);
  form->view = g_object_ref (view);
  form->svg = g_bytes_ref (svg);

  dialog = adw_message_dialog_new (GTK_WINDOW (root), _("Add a Stamp"),
                                   _("Your pictogram joins the palette of every actor map of this archive."));
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  title = gtk_label_new_with_mnemonic (_("_Family"));
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_add_css_class (title, "caption-heading");
  form->family = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&families)), NULL));
  gtk_label_set_mnemonic_widget (GTK_LABEL (title), GTK_WIDGET (form->family));
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (form->family));
  form->name_fr = form_entry (GTK_BOX (box), _("Name in _French"), name, NULL);
  form->name_en = form_entry (GTK_BOX (box), _("Name in _English"), name, NULL);
  form->keywords = form_entry (GTK_BOX (box), _("_Keywords"), NULL, _("Separated by commas, to find it"));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "import", _("_Add Stamp"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "import",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "import");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (on_form_response), form);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_file_chosen (GtkNativeDialog *chooser,
                int              response,
                TfBoardView     *view)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_object_unref (chooser);
  if (file == NULL)
    {
      g_object_unref (view);
      return;
    }

  /* Only a regular file, and no more than the checker takes: a device or a
   * pipe picked by mistake is refused at once instead of read forever. */
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_DISPLAY_NAME,
                            G_FILE_QUERY_INFO_NONE, NULL, &error);
  if (info != NULL)
    bytes = tf_input_file_load (file, TF_SVG_MAX_BYTES, NULL, &error);
  if (bytes == NULL && tf_input_file_is_too_big (error))
    tf_board_view_show_toast (view, _("This file is too big for a pictogram (at most 512 KiB)."), FALSE);
  else if (bytes == NULL)
    tf_board_view_show_toast (view, error->message, FALSE);
  else
    show_form (view, bytes, g_file_info_get_display_name (info));

  g_object_unref (view);
}

void
tf_stamp_import_start (TfBoardView *view)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (view));
  GtkFileChooserNative *chooser;
  GtkFileFilter *filter;

  /* A read-only archive takes no pictogram: say so before any file is chosen. */
  if (!tf_board_view_get_editable (view))
    {
      tf_board_view_show_read_only (view);
      return;
    }

  chooser = gtk_file_chooser_native_new (_("Choose a Pictogram"), GTK_WINDOW (root),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("SVG drawings"));
  gtk_file_filter_add_mime_type (filter, "image/svg+xml");
  gtk_file_filter_add_pattern (filter, "*.svg");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_object_unref (filter);

  g_signal_connect (chooser, "response", G_CALLBACK (on_file_chosen), g_object_ref (view));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}
