/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "tf-enums"

#include <glib/gi18n.h>
#include <string.h>

#include "tf-enums.h"

typedef struct {
  const char *id;       /* stable, English, used in JSON */
  const char *alias;    /* French form accepted on the command line */
  const char *label;    /* N_() for display */
} EnumInfo;

static const EnumInfo phases[TF_N_PHASES] = {
  { "immersion",    "immersion",     N_("Immersion") },
  { "storytelling", "raconter",      N_("Tell and invite") },
  { "codesign",     "co-conception", N_("Co-design") },
  { "prototyping",  "prototypage",   N_("Prototyping") },
  { "review",       "bilan",         N_("Review") },
};

static const EnumInfo statuses[TF_N_STATUSES] = {
  { "draft",     "preparation", N_("In preparation") },
  { "active",    "en-cours",    N_("Under way") },
  { "done",      "terminee",    N_("Finished") },
  { "abandoned", "abandonnee",  N_("Abandoned") },
};

/* Lower-cases, strips accents and maps spaces and underscores to dashes, so
 * "Co-Conception", "co_conception" and "coconception" compare alike. */
static char *
fold_id (const char *str)
{
  g_autofree char *ascii = g_str_to_ascii (str, "C");
  g_autofree char *lower = g_ascii_strdown (ascii, -1);
  GString *out = g_string_new (NULL);

  for (const char *p = lower; *p; p++)
    {
      if (*p == ' ' || *p == '_' || *p == '-' || *p == '/')
        continue;
      g_string_append_c (out, *p);
    }

  return g_string_free (out, FALSE);
}

static gboolean
lookup (const EnumInfo *infos,
        guint           n_infos,
        const char     *str,
        int            *value)
{
  g_autofree char *folded = NULL;

  if (str == NULL)
    return FALSE;

  folded = fold_id (str);
  for (guint i = 0; i < n_infos; i++)
    {
      g_autofree char *id = fold_id (infos[i].id);
      g_autofree char *alias = fold_id (infos[i].alias);
      g_autofree char *label = fold_id (infos[i].label);

      if (g_str_equal (folded, id) || g_str_equal (folded, alias) || g_str_equal (folded, label))
        {
          *value = (int) i;
          return TRUE;
        }
    }

  return FALSE;
}

const char *
tf_phase_to_id (TfPhase phase)
{
  g_return_val_if_fail (phase < TF_N_PHASES, NULL);
  return phases[phase].id;
}

const char *
tf_status_to_id (TfStatus status)
{
  g_return_val_if_fail (status < TF_N_STATUSES, NULL);
  return statuses[status].id;
}

gboolean
tf_phase_from_string (const char *str,
                      TfPhase    *phase)
{
  int value;

  if (!lookup (phases, TF_N_PHASES, str, &value))
    return FALSE;
  *phase = (TfPhase) value;
  return TRUE;
}

gboolean
tf_status_from_string (const char *str,
                       TfStatus   *status)
{
  int value;

  if (!lookup (statuses, TF_N_STATUSES, str, &value))
    return FALSE;
  *status = (TfStatus) value;
  return TRUE;
}

const char *
tf_phase_get_label (TfPhase phase)
{
  g_return_val_if_fail (phase < TF_N_PHASES, NULL);
  return _(phases[phase].label);
}

const char *
tf_status_get_label (TfStatus status)
{
  g_return_val_if_fail (status < TF_N_STATUSES, NULL);
  return _(statuses[status].label);
}
