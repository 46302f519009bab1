/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "room/tf-contribution-check.h"
#include "tf-phone-page.h"

/* The page's words, in both languages: the server answers each phone in
 * its own, whatever the laptop's locale, so they are a table here rather
 * than gettext's. */
typedef struct {
  const char *en;
  const char *fr;
} Words;

enum {
  W_TITLE, W_INSIGHT, W_HINT, W_SOURCE, W_NONE, W_WHY, W_SEND, W_RECEIVED, W_RETRY, W_INVALID,
  W_VOTE_TITLE, W_COLOUR, W_VOTE, W_VOTED, W_VOTE_REFUSED, W_OTHER_LANG, W_N
};

static const Words words[W_N] = {
  [W_TITLE] = { "Share an insight", "Partager un insight" },
  [W_INSIGHT] = { "What did you hear or see?", "Qu’avez-vous entendu ou vu ?" },
  [W_HINT] = { "One sentence is enough. At most 1,000 characters.",
               "Une phrase suffit. 1 000 caractères au plus." },
  [W_SOURCE] = { "Who said it? (optional)", "Qui l’a dit ? (facultatif)" },
  [W_NONE] = { "Not said", "Non précisé" },
  [W_WHY] = { "Never write a name: an insight is anonymous, detached from the person who said it. "
              "Choose a category of person instead. Nothing identifies your phone.",
              "N’écrivez jamais de nom : un insight est anonyme, détaché de la personne qui l’a dit. "
              "Choisissez plutôt une catégorie de personne. Rien n’identifie votre téléphone." },
  [W_SEND] = { "Send", "Envoyer" },
  [W_RECEIVED] = { "Received, thank you. You can send another one.",
                   "Reçu, merci. Vous pouvez en envoyer un autre." },
  [W_RETRY] = { "Not confirmed yet: send it again (it will not be counted twice).",
                "Pas encore confirmé : envoyez-le de nouveau (il ne sera pas compté deux fois)." },
  [W_INVALID] = { "This could not be sent: write some text (at most 1,000 characters) and choose a category from the list.",
                  "Envoi impossible : écrivez un texte (1 000 caractères au plus) et choisissez une catégorie de la liste." },
  [W_VOTE_TITLE] = { "Vote", "Voter" },
  [W_COLOUR] = { "Your colour (team)", "Votre couleur (équipe)" },
  [W_VOTE] = { "Vote", "Voter" },
  [W_VOTED] = { "Your dots are in, thank you.", "Vos gommettes sont posées, merci." },
  [W_VOTE_REFUSED] = { "These dots could not be put: too many, or the round is over.",
                       "Ces gommettes n’ont pas pu être posées : trop nombreuses, ou le vote est clos." },
  [W_OTHER_LANG] = { "Français", "English" },
};

/* The speakers' categories an insight wall knows (insights/tf-insight.c). */
static const struct {
  const char *id;
  Words       label;
} sources[] = {
  { "elected", { "Elected official", "Élu(e)" } },
  { "staff", { "Official's staff", "Collaborateur d’élu" } },
  { "cabinet", { "President's cabinet", "Cabinet du président" } },
  { "department", { "Department", "Service, direction" } },
  { "agent", { "Agent", "Agent" } },
  { "citizen", { "Citizen or user", "Usager, citoyen" } },
  { "partner", { "Partner", "Partenaire" } },
  { "resident", { "Resident (design team)", "Résident (équipe de design)" } },
  { "other", { "Other", "Autre" } },
};

static const char *colour_names[][2] = {
  { "Yellow", "Jaune" }, { "Blue", "Bleu" }, { "Red", "Rouge" }, { "Green", "Vert" },
  { "Orange", "Orange" }, { "Purple", "Violet" }, { "Pink", "Rose" }, { "Grey", "Gris" },
  { "Brown", "Marron" },
};

static const char style[] =
  "body{margin:0;padding:1rem;font:1.25rem/1.5 sans-serif;background:#fffdf5;color:#1a1a1a}"
  "main{max-width:40rem;margin:0 auto}"
  "h1{font-size:1.75rem;margin:.25rem 0 1rem}"
  "h2{font-size:1.5rem;margin:2rem 0 .5rem}"
  "label{display:block;font-weight:bold;margin:1rem 0 .25rem}"
  "textarea,select,input{font:inherit;width:100%;box-sizing:border-box;padding:.5rem;"
  "border:2px solid #444;border-radius:.4rem;background:#fff;color:inherit}"
  "textarea{min-height:8rem}"
  "input[type=number]{width:5rem}"
  "button{font:inherit;font-weight:bold;width:100%;margin-top:1.25rem;padding:.9rem;border:0;"
  "border-radius:.4rem;background:#1c4f9c;color:#fff}"
  ".why,.hint{font-size:1rem;color:#444}"
  ".notice{padding:.75rem;border-radius:.4rem;background:#e3f2e1;border:2px solid #2e7d32}"
  ".warn{background:#fdecea;border-color:#b3261e}"
  ".note{display:flex;gap:.75rem;align-items:center;border-bottom:1px solid #ccc;padding:.5rem 0}"
  ".note span{flex:1}"
  "nav{margin-top:2rem;text-align:right}"
  "a{color:#1c4f9c}";

const char *
tf_phone_page_style (void)
{
  return style;
}

static const char *
say (TfPhoneLang lang,
     int         word)
{
  return lang == TF_PHONE_FR ? words[word].fr : words[word].en;
}

TfPhoneLang
tf_phone_page_lang (const char *accept_language,
                    const char *query)
{
  if (query != NULL)
    {
      if (strstr (query, "lang=fr") != NULL)
        return TF_PHONE_FR;
      if (strstr (query, "lang=en") != NULL)
        return TF_PHONE_EN;
    }
  /* The first of French or English the browser lists wins; quality
   * values are rarely out of order. */
  if (accept_language != NULL)
    for (const char *p = accept_language; *p != '\0'; p++)
      {
        if (g_ascii_strncasecmp (p, "fr", 2) == 0 && (p == accept_language || p[-1] == ',' || p[-1] == ' '))
          return TF_PHONE_FR;
        if (g_ascii_strncasecmp (p, "en", 2) == 0 && (p == accept_language || p[-1] == ',' || p[-1] == ' '))
          return TF_PHONE_EN;
      }
  return TF_PHONE_FR;
}

static void
append_escaped (GString    *out,
                const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text != NULL ? text : "", -1);

  g_string_append (out, escaped);
}

static void
head (GString     *out,
      TfPhoneLang  lang,
      const char  *title)
{
  g_string_append_printf (out,
                          "<!DOCTYPE html>\n<html lang=\"%s\"><head><meta charset=\"utf-8\">"
                          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                          "<meta name=\"referrer\" content=\"no-referrer\">"
                          "<title>",
                          lang == TF_PHONE_FR ? "fr" : "en");
  append_escaped (out, title);
  g_string_append_printf (out, "</title><style>%s</style></head><body><main>", style);
}

char *
tf_phone_page_render (TfPhoneLang          lang,
                      const char          *base,
                      const char * const  *categories,
                      const TfPhoneRound  *round,
                      TfPhoneNotice        notice,
                      const char          *key,
                      const char          *text,
                      const char          *category)
{
  GString *out = g_string_sized_new (8192);
  gboolean keep = notice == TF_PHONE_RETRY || notice == TF_PHONE_INVALID;

  head (out, lang, say (lang, W_TITLE));
  g_string_append (out, "<h1>");
  append_escaped (out, say (lang, W_TITLE));
  g_string_append (out, "</h1>");
  switch (notice)
    {
    case TF_PHONE_RECEIVED:
    case TF_PHONE_VOTED:
      g_string_append (out, "<p class=\"notice\" role=\"status\">");
      append_escaped (out, say (lang, notice == TF_PHONE_RECEIVED ? W_RECEIVED : W_VOTED));
      g_string_append (out, "</p>");
      break;
    case TF_PHONE_RETRY:
    case TF_PHONE_INVALID:
    case TF_PHONE_VOTE_REFUSED:
      g_string_append (out, "<p class=\"notice warn\" role=\"alert\">");
      append_escaped (out, say (lang, notice == TF_PHONE_RETRY ? W_RETRY
                                      : notice == TF_PHONE_INVALID ? W_INVALID : W_VOTE_REFUSED));
      g_string_append (out, "</p>");
      break;
    case TF_PHONE_FORM:
    default:
      break;
    }

  g_string_append_printf (out, "<form method=\"post\" action=\"%s/insight?lang=%s\" accept-charset=\"utf-8\">",
                          base, lang == TF_PHONE_FR ? "fr" : "en");
  g_string_append (out, "<input type=\"hidden\" name=\"key\" value=\"");
  append_escaped (out, key);
  g_string_append (out, "\"><label for=\"text\">");
  append_escaped (out, say (lang, W_INSIGHT));
  g_string_append_printf (out, "</label><textarea id=\"text\" name=\"text\" maxlength=\"%d\" required>",
                          TF_CONTRIBUTION_TEXT_MAX);
  if (keep)
    append_escaped (out, text);
  g_string_append (out, "</textarea><p class=\"hint\">");
  append_escaped (out, say (lang, W_HINT));
  g_string_append (out, "</p><label for=\"category\">");
  append_escaped (out, say (lang, W_SOURCE));
  g_string_append (out, "</label><select id=\"category\" name=\"category\"><option value=\"\">");
  append_escaped (out, say (lang, W_NONE));
  g_string_append (out, "</option>");
  for (guint i = 0; categories != NULL && categories[i] != NULL; i++)
    {
      const char *label = categories[i];

      for (guint j = 0; j < G_N_ELEMENTS (sources); j++)
        if (g_str_equal (sources[j].id, categories[i]))
          label = lang == TF_PHONE_FR ? sources[j].label.fr : sources[j].label.en;
      g_string_append (out, "<option value=\"");
      append_escaped (out, categories[i]);
      g_string_append_printf (out, "\"%s>", keep && g_strcmp0 (category, categories[i]) == 0 ? " selected" : "");
      append_escaped (out, label);
      g_string_append (out, "</option>");
    }
  g_string_append (out, "</select><p class=\"why\">");
  append_escaped (out, say (lang, W_WHY));
  g_string_append (out, "</p><button type=\"submit\">");
  append_escaped (out, say (lang, W_SEND));
  g_string_append (out, "</button></form>");

  if (round != NULL && round->notes->len > 0)
    {
      g_autofree char *hint = lang == TF_PHONE_FR
        ? g_strdup_printf ("Placez vos gommettes sur les insights de votre choix (%u au plus).", round->dots)
        : g_strdup_printf ("Put your dots on the insights you choose (%u at most).", round->dots);

      g_string_append (out, "<h2>");
      append_escaped (out, say (lang, W_VOTE_TITLE));
      g_string_append_printf (out, "</h2><form method=\"post\" action=\"%s/vote?lang=%s\">"
                              "<input type=\"hidden\" name=\"key\" value=\"",
                              base, lang == TF_PHONE_FR ? "fr" : "en");
      append_escaped (out, key);
      g_string_append (out, "\"><p class=\"hint\">");
      append_escaped (out, hint);
      g_string_append (out, "</p><label for=\"colour\">");
      append_escaped (out, say (lang, W_COLOUR));
      g_string_append (out, "</label><select id=\"colour\" name=\"colour\">");
      for (guint c = 0; c < round->n_colours && c < G_N_ELEMENTS (colour_names); c++)
        g_string_append_printf (out, "<option value=\"%u\">%s</option>", c,
                                colour_names[c][lang == TF_PHONE_FR ? 1 : 0]);
      g_string_append (out, "</select>");
      for (guint i = 0; i < round->notes->len; i++)
        {
          gint64 id = g_array_index (round->notes, gint64, i);

          g_string_append_printf (out, "<div class=\"note\"><span id=\"l%" G_GINT64_FORMAT "\">", id);
          append_escaped (out, g_ptr_array_index (round->texts, i));
          g_string_append_printf (out, "</span><input type=\"number\" name=\"n%" G_GINT64_FORMAT "\" min=\"0\""
                                  " max=\"%u\" value=\"0\" aria-labelledby=\"l%" G_GINT64_FORMAT "\"></div>",
                                  id, round->dots, id);
        }
      g_string_append (out, "<button type=\"submit\">");
      append_escaped (out, say (lang, W_VOTE));
      g_string_append (out, "</button></form>");
    }

  g_string_append_printf (out, "<nav><a href=\"%s?lang=%s\" hreflang=\"%s\">", base,
                          lang == TF_PHONE_FR ? "en" : "fr", lang == TF_PHONE_FR ? "en" : "fr");
  append_escaped (out, say (lang, W_OTHER_LANG));
  g_string_append (out, "</a></nav></main></body></html>\n");
  return g_string_free (out, FALSE);
}

char *
tf_phone_page_error (TfPhoneLang lang,
                     guint       status)
{
  GString *out = g_string_new (NULL);
  g_autofree char *title = g_strdup_printf ("%u", status);

  head (out, lang, title);
  g_string_append_printf (out, "<h1>%u</h1><p>%s</p></main></body></html>\n", status,
                          lang == TF_PHONE_FR ? "Cette requête n’est pas acceptée."
                                              : "This request is not accepted.");
  return g_string_free (out, FALSE);
}
