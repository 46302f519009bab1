/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "tf-a11y"

#include <string.h>
#include <glib/gi18n.h>

#include <adwaita.h>

#include "tf-a11y.h"

/* A name given with tf_a11y_set_label(): the hook leaves it. */
#define OWN_NAME_KEY "tf-a11y-own-name"
/* A widget the hook has seen (the handlers below are connected once). */
#define SEEN_KEY "tf-a11y-seen"

char *
tf_a11y_name_from_tooltip (const char *tooltip)
{
  const char *open;
  g_autofree char *name = NULL;

  if (tooltip == NULL || *tooltip == '\0')
    return NULL;
  name = g_strstrip (g_strdup (tooltip));
  /* "Zoom In (Ctrl++)": a shortcut hint, one word in parentheses at the end,
   * belongs to the description (the tooltip stays that), not to the name. */
  open = strrchr (name, '(');
  if (open != NULL && open > name && open[-1] == ' ' && g_str_has_suffix (open, ")") &&
      strpbrk (open, " \t\n") == NULL)
    {
      name[open - name - 1] = '\0';
      g_strchomp (name);
    }
  if (*name == '\0')
    return NULL;
  return g_steal_pointer (&name);
}

void
tf_a11y_keep_label (GtkWidget *widget)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  g_object_set_data (G_OBJECT (widget), OWN_NAME_KEY, GINT_TO_POINTER (TRUE));
}

void
tf_a11y_set_label (GtkWidget  *widget,
                   const char *label)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (label != NULL);

  g_object_set_data (G_OBJECT (widget), OWN_NAME_KEY, GINT_TO_POINTER (TRUE));
  /* The whole name: a mnemonic label's relation would be read with it. */
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

static gboolean
has_own_name (GtkWidget *widget)
{
  return g_object_get_data (G_OBJECT (widget), OWN_NAME_KEY) != NULL;
}

/* Whether @widget shows some text (a label) that GTK names it by. */
static gboolean
shows_text (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget))
    {
      const char *text = gtk_label_get_text (GTK_LABEL (widget));

      return text != NULL && *text != '\0';
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (gtk_widget_get_visible (child) && shows_text (child))
      return TRUE;
  return FALSE;
}

static void collect_labels (GtkWidget *widget,
                            GList    **labels);

static void
set_labelled_by (GtkWidget *widget,
                 GList     *labels)
{
  GValue value = G_VALUE_INIT;

  gtk_accessible_relation_init_value (GTK_ACCESSIBLE_RELATION_LABELLED_BY, &value);
  g_value_set_pointer (&value, labels);
  gtk_accessible_update_relation_value (GTK_ACCESSIBLE (widget), 1,
                                        (GtkAccessibleRelation[]) { GTK_ACCESSIBLE_RELATION_LABELLED_BY },
                                        &value);
  g_value_unset (&value);
}

/* "Chec_k the Room" → "Check the Room". */
static char *
strip_mnemonic (const char *label)
{
  GString *text = g_string_new (NULL);

  for (const char *p = label; *p != '\0'; p++)
    {
      if (*p == '_')
        {
          if (p[1] != '_')
            continue;
          p++;
        }
      g_string_append_c (text, *p);
    }
  return g_string_free (text, FALSE);
}

/* GTK's own icon buttons with no tooltip (a search bar's close button):
 * named by what their icon means. */
static char *
name_from_icon (GtkWidget *widget)
{
  GtkWidget *child = gtk_widget_get_first_child (widget);
  const char *icon;

  if (!GTK_IS_IMAGE (child) || (icon = gtk_image_get_icon_name (GTK_IMAGE (child))) == NULL)
    return NULL;
  if (g_str_equal (icon, "window-close-symbolic"))
    return g_strdup (_("Close"));
  if (g_str_equal (icon, "edit-clear-symbolic"))
    return g_strdup (_("Clear"));
  return NULL;
}

/* A button GTK 4.8 does not name (no gtk_button_set_label() and no
 * gtk_menu_button_set_label()): by the text it shows, else its tooltip. */
static void
name_from_content (GtkWidget *widget)
{
  g_autofree char *name = NULL;
  GList *labels = NULL;

  if (has_own_name (widget))
    return;
  if (GTK_IS_MENU_BUTTON (widget) && gtk_menu_button_get_label (GTK_MENU_BUTTON (widget)) != NULL)
    {
      const char *label = gtk_menu_button_get_label (GTK_MENU_BUTTON (widget));

      name = gtk_menu_button_get_use_underline (GTK_MENU_BUTTON (widget))
               ? strip_mnemonic (label) : g_strdup (label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
      return;
    }
  if (GTK_IS_BUTTON (widget) && gtk_button_get_label (GTK_BUTTON (widget)) != NULL)
    return;
  if (shows_text (widget))
    {
      collect_labels (widget, &labels);
      set_labelled_by (widget, g_list_reverse (labels));
      return;
    }
  name = tf_a11y_name_from_tooltip (gtk_widget_get_tooltip_text (widget));
  if (name == NULL)
    name = name_from_icon (widget);
  if (name != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
}

static void
content_changed (GtkWidget  *widget,
                 GParamSpec *pspec G_GNUC_UNUSED,
                 gpointer    user_data G_GNUC_UNUSED)
{
  name_from_content (widget);
}

/* GTK 4.8 names a button with a mnemonic twice: gtk_button_set_label()
 * (or a stack switcher) gives it its text as a name ("_Export…"), and its
 * label, made its mnemonic label, adds itself ("Export…"). The label alone
 * names it. */
static void
name_once (GtkWidget *widget)
{
  GtkWidget *child = gtk_widget_get_first_child (widget);

  if (has_own_name (widget) || !GTK_IS_LABEL (child) ||
      gtk_label_get_mnemonic_widget (GTK_LABEL (child)) != widget)
    return;
  gtk_accessible_reset_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL);
}

static void
label_changed (GtkWidget  *widget,
               GParamSpec *pspec G_GNUC_UNUSED,
               gpointer    user_data G_GNUC_UNUSED)
{
  if (GTK_IS_BUTTON (widget))
    name_once (widget);
  name_from_content (widget);
}

static void
name_from_placeholder (GtkWidget *widget)
{
  g_autofree char *placeholder = NULL;

  if (has_own_name (widget))
    return;
  g_object_get (widget, "placeholder-text", &placeholder, NULL);
  if (placeholder != NULL && *placeholder != '\0')
    gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    placeholder, -1);
}

/* The labels under @widget (prepended): the shown ones, or all. */
static void
collect_labels_of (GtkWidget *widget,
                   gboolean   shown_only,
                   GList    **labels)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (shown_only && !gtk_widget_get_visible (child))
        continue;
      if (GTK_IS_LABEL (child))
        *labels = g_list_prepend (*labels, child);
      else
        collect_labels_of (child, shown_only, labels);
    }
}

static void
collect_labels (GtkWidget *widget,
                GList    **labels)
{
  collect_labels_of (widget, TRUE, labels);
}

/* The labels @widget shows and the icons that say something (named by
 * tf_a11y_set_label: a star, a severity), in their order: an icon that
 * carries meaning is read with the row, shown or not when the row is
 * first mapped (its owner gives it a name only while it is shown). */
static void
collect_labels_and_named_icons (GtkWidget *widget,
                                GList    **labels)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_IMAGE (child) && has_own_name (child))
        *labels = g_list_prepend (*labels, child);
      else if (!gtk_widget_get_visible (child))
        continue;
      else if (GTK_IS_LABEL (child))
        *labels = g_list_prepend (*labels, child);
      else
        collect_labels_and_named_icons (child, labels);
    }
}

/* A row of a list (not libadwaita's, which its title names): GTK 4.8
 * names it by nothing;
 * the texts it shows name it (and follow them as they change). */
static void
name_from_labels (GtkWidget *widget)
{
  GList *labels = NULL;

  if (has_own_name (widget))
    return;
  collect_labels_and_named_icons (widget, &labels);
  if (labels != NULL)
    set_labelled_by (widget, g_list_reverse (labels));
}

/* A spin button, a switch… at the end of a libadwaita row: the row's title
 * ("Margins") names it; GTK 4.8 gives it no name. */
static void
name_from_row (GtkWidget *widget)
{
  GtkWidget *row = gtk_widget_get_ancestor (widget, ADW_TYPE_ACTION_ROW);
  const char *title;
  g_autofree char *name = NULL;

  /* The row's activatable widget (a check box, a switch) is named by it. */
  if (row == NULL || has_own_name (widget) ||
      adw_action_row_get_activatable_widget (ADW_ACTION_ROW (row)) == widget ||
      (title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row))) == NULL || *title == '\0')
    return;
  name = adw_preferences_row_get_use_underline (ADW_PREFERENCES_ROW (row))
           ? strip_mnemonic (title) : g_strdup (title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
}

static void
name_widget (GtkWidget *widget)
{
  GtkWidget *parent = gtk_widget_get_parent (widget);

  if (GTK_IS_TOGGLE_BUTTON (widget) && (GTK_IS_STACK_SWITCHER (parent) || ADW_IS_VIEW_SWITCHER (parent)))
    {
      /* A stack switcher names its buttons by their page's title and by
       * their label too ("Note Note"): the title alone. libadwaita's has
       * two labels (wide and narrow) and no title: the first one. */
      GList *labels = NULL;

      gtk_accessible_reset_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
      if (ADW_IS_VIEW_SWITCHER (parent) && !has_own_name (widget))
        {
          collect_labels_of (widget, FALSE, &labels);
          labels = g_list_reverse (labels);
          for (GList *l = labels; l != NULL; l = l->next)
            {
              const char *text = gtk_label_get_text (l->data);

              if (text != NULL && *text != '\0')
                {
                  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                                  text, -1);
                  break;
                }
            }
          g_list_free (labels);
        }
    }
  else if (GTK_IS_IMAGE (widget))
    {
      /* An icon beside a label, in a row or a button that its text
       * names: decorative, out of the screen readers' tree (GTK 4.8 would
       * read it as "GtkImage"). An image that says something has a name
       * of its own (tf_a11y_set_label) or a tooltip. */
      if (!has_own_name (widget) && gtk_widget_get_tooltip_text (widget) == NULL)
        gtk_accessible_update_state (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
    }
  else if (GTK_IS_MENU_BUTTON (widget) ||
           (GTK_IS_BUTTON (widget) && !GTK_IS_MENU_BUTTON (parent)))
    {
      if (g_object_get_data (G_OBJECT (widget), SEEN_KEY) == NULL)
        {
          g_object_set_data (G_OBJECT (widget), SEEN_KEY, GINT_TO_POINTER (TRUE));
          g_signal_connect (widget, "notify::tooltip-text", G_CALLBACK (content_changed), NULL);
          g_signal_connect (widget, "notify::label", G_CALLBACK (label_changed), NULL);
          g_signal_connect (widget, "notify::use-underline", G_CALLBACK (label_changed), NULL);
        }
      if (GTK_IS_BUTTON (widget))
        name_once (widget);
      name_from_content (widget);
    }
  else if (GTK_IS_SEARCH_ENTRY (widget))
    {
      name_from_placeholder (widget);
    }
  else if (GTK_IS_DROP_DOWN (widget) && gtk_widget_get_ancestor (widget, ADW_TYPE_ACTION_ROW) == NULL)
    {
      g_autofree char *name = tf_a11y_name_from_tooltip (gtk_widget_get_tooltip_text (widget));

      if (name != NULL && !has_own_name (widget))
        gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
    }
  else if (GTK_IS_SPIN_BUTTON (widget) || GTK_IS_SWITCH (widget) || GTK_IS_DROP_DOWN (widget) ||
           GTK_IS_SCALE (widget) ||
           (GTK_IS_CHECK_BUTTON (widget) && gtk_check_button_get_label (GTK_CHECK_BUTTON (widget)) == NULL))
    {
      name_from_row (widget);
    }
  else if (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (widget)) ==
             GTK_ACCESSIBLE_ROLE_LIST_ITEM &&
           !ADW_IS_PREFERENCES_ROW (widget) &&
           g_object_get_data (G_OBJECT (widget), SEEN_KEY) == NULL)
    {
      g_object_set_data (G_OBJECT (widget), SEEN_KEY, GINT_TO_POINTER (TRUE));
      name_from_labels (widget);
    }
}

static void
name_tree (GtkWidget *widget)
{
  name_widget (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    name_tree (child);
}

static gboolean
on_map (GSignalInvocationHint *hint G_GNUC_UNUSED,
        guint                  n_values,
        const GValue          *values,
        gpointer               user_data G_GNUC_UNUSED)
{
  GtkWidget *widget;

  if (n_values < 1 || !G_VALUE_HOLDS (&values[0], GTK_TYPE_WIDGET))
    return TRUE;
  widget = g_value_get_object (&values[0]);
  /* A widget shown names all it holds, what it does not show too (a stack's
   * other pages, a panel not revealed yet): screen readers list them. */
  name_tree (widget);
  return TRUE;
}

void
tf_a11y_install (void)
{
  static gsize installed;

  if (g_once_init_enter (&installed))
    {
      /* The class, and its signals, exist once a widget was made. */
      gpointer widget_class = g_type_class_ref (GTK_TYPE_WIDGET);
      guint map_id = g_signal_lookup ("map", GTK_TYPE_WIDGET);

      g_type_class_unref (widget_class);

      g_signal_add_emission_hook (map_id, 0, on_map, NULL, NULL);
      g_once_init_leave (&installed, 1);
    }
}
