/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "tf-svg-check"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "tf-svg-check.h"
#include "tf-svg-sandbox.h"

#define XINCLUDE_NS "http://www.w3.org/2001/XInclude"

typedef struct {
  int     parent;
  GArray *edges;   /* int: children, then the elements it refers to */
  char   *id;
} Node;

typedef struct {
  GMarkupParseContext *context;
  GArray              *nodes;      /* Node */
  GArray              *open;       /* int: the open elements, innermost last */
  GPtrArray           *refs;       /* per node: GPtrArray of referenced ids (char *), or NULL */
  GPtrArray           *css_refs;   /* ids referenced from <style> */
  guint                n_uses;
  int                  style_depth; /* > 0 inside <style> */
  int                  text_depth;  /* > 0 inside <text> */
  guint64              n_vertices;
  guint64              text_bytes;
  guint                n_marker_decls;
  guint                n_markers;   /* <marker> elements */
  guint                n_patterns;
} Check;

static void
node_clear (gpointer data)
{
  Node *node = data;

  g_clear_pointer (&node->edges, g_array_unref);
  g_clear_pointer (&node->id, g_free);
}

static int
current_line (Check *check)
{
  int line = 0, column = 0;

  g_markup_parse_context_get_position (check->context, &line, &column);
  return line;
}

static const char *
local_name (const char *name)
{
  const char *colon = strrchr (name, ':');

  return colon ? colon + 1 : name;
}

/* Whether @haystack contains @needle, ignoring ASCII case. */
static const char *
find_nocase (const char *haystack,
             const char *needle)
{
  gsize n = strlen (needle);

  for (const char *p = haystack; *p; p++)
    if (g_ascii_strncasecmp (p, needle, n) == 0)
      return p;
  return NULL;
}

static void
add_ref (GPtrArray  *refs,
         const char *start,
         gsize       len)
{
  g_ptr_array_add (refs, g_strndup (start, len));
}

/* Every url(…) in a value must be url(#id): a fragment of this file. The ids
 * are collected, for the expansion count. */
static gboolean
check_urls (Check       *check,
            const char  *value,
            GPtrArray   *refs,
            GError     **error)
{
  const char *p = value;

  while ((p = find_nocase (p, "url(")) != NULL)
    {
      const char *start;

      p += 4;
      while (g_ascii_isspace (*p))
        p++;
      if (*p == '"' || *p == '\'')
        p++;
      if (*p != '#')
        {
          g_set_error (error, TF_STAMP_ERROR, TF_STAMP_ERROR_EXTERNAL,
                       _("The SVG refers to an external file or address (line %d)"), current_line (check));
          return FALSE;
        }
      start = ++p;
      while (*p && *p != ')' && *p != '"' && *p != '\'' && !g_ascii_isspace (*p))
        p++;
      if (refs != NULL && p > start)
        add_ref (refs, start, p - start);
    }
  return TRUE;
}

static gboolean check_css_costs (Check       *check,
                                 const char  *css,
                                 GError     **error);

/* CSS, in a <style> element or a style attribute: no @import, no escapes
 * (which could spell "url" or "@import" in disguise), local url() only. */
static gboolean
check_css (Check       *check,
           const char  *css,
           GPtrArray   *refs,
           GError     **error)
{
  if (find_nocase (css, "@import") != NULL)
    {
      g_set_error (error, TF_STAMP_ERROR, TF_STAMP_ERROR_EXTERNAL,
                   _("The SVG imports an external style sheet (line %d)"), current_line (check));
      return FALSE;
    }
  if (strchr (css, '\\') != NULL)
    {
      g_set_error (error, TF_STAMP_ERROR, TF_STAMP_ERROR_FORBIDDEN,
                   _("The SVG uses escaped characters in its styles, which could hide an external reference (line %d)"),
                   current_line (check));
      return FALSE;
    }
  if (!check_css_costs (check, css, error))
    return FALSE;
  return check_urls (check, css, refs, error);
}

static gboolean
parse_length (const char *text,
              double     *value)
{
  char *end = NULL;

  *value = g_ascii_strtod (text, &end);
  return end != text && isfinite (*value);
}

/* Numbers in @text, as a path's "d" or a list of points holds them: "1.5.5"
 * is two, "1e3" one. */
static guint64
count_numbers (const char *text,
               guint64    *letters)
{
  guint64 n = 0;
  const char *p = text;

  while (*p)
    {
      if (g_ascii_isdigit (*p) || (*p == '.' && g_ascii_isdigit (p[1])))
        {
          gboolean dot = FALSE;

          n++;
          while (g_ascii_isdigit (*p) || (*p == '.' && !dot))
            {
              if (*p == '.')
                dot = TRUE;
              p++;
            }
          if (*p == 'e' || *p == 'E')
            {
              const char *q = p + 1;

              if (*q == '+' || *q == '-')
                q++;
              if (g_ascii_isdigit (*q))
                {
                  p = q;
                  while (g_ascii_isdigit (*p))
                    p++;
                }
            }
          continue;
        }
      if (letters != NULL && g_ascii_isalpha (*p))
        (*letters)++;
      p++;
    }
  return n;
}

/* Vertices of a path's "d" or of "points": a command or a pair of numbers
 * each, which is never less than librsvg draws. */
static guint64
count_vertices (const char *value)
{
  guint64 letters = 0;
  guint64 numbers = count_numbers (value, &letters);

  return (numbers + 1) / 2 + letters;
}

static gboolean
is_name_char (char c)
{
  return g_ascii_isalnum (c) || c == '-' || c == '_';
}

/* The next declaration in @css of a property whose name is @name (or starts
 * with it, when @prefix is set): returns its value, which runs to the next
 * ';', '}' or the end, or NULL when there is none left. @css is updated past
 * the name. */
static const char *
css_next_declaration (const char **css,
                      const char  *name,
                      gboolean     prefix)
{
  gsize n = strlen (name);
  const char *p = *css;

  while ((p = find_nocase (p, name)) != NULL)
    {
      const char *start = p;
      const char *q = p + n;

      p = q;
      if (start > *css && is_name_char (start[-1]))
        continue;
      if (prefix)
        while (is_name_char (*q))
          q++;
      else if (is_name_char (*q))
        continue;
      while (g_ascii_isspace (*q))
        q++;
      if (*q != ':')
        continue;
      *css = q + 1;
      return q + 1;
    }
  *css = NULL;
  return NULL;
}

static gboolean
is_none (const char *value)
{
  while (g_ascii_isspace (*value))
    value++;
  return g_ascii_strncasecmp (value, "none", 4) == 0 && !is_name_char (value[4]);
}

/* The numbers of one dash array, up to ';' or '}' for a declaration. */
static gboolean
check_dasharray (Check       *check,
                 const char  *value,
                 gsize        len,
                 GError     **error)
{
  g_autofree char *copy = g_strndup (value, len);

  if (count_numbers (copy, NULL) > TF_SVG_MAX_DASHES)
    {
      g_set_error (error, TF_STAMP_ERROR, TF_STAMP_ERROR_TOO_COMPLEX,
                   _("The SVG has a dash pattern of more than %d lengths (line %d)"),
                   TF_SVG_MAX_DASHES, current_line (check));
      return FALSE;
    }
  return TRUE;
}

static gsize
declaration_length (const char *value)
{
  return strcspn (value, ";}");
}

static gboolean
refuse_filter (Check   *check,
               GError **error)
{
  g_set_error (error, TF_STAMP_ERROR, TF_STAMP_ERROR_FORBIDDEN,
               _("The SVG uses a filter effect, which is not allowed in a pictogram (line %d)"),
               current_line (check));
  return FALSE;
}

/* The costly properties of a style sheet or a style attribute: filters are
 * refused, dash arrays bounded, marker declarations counted. */
static gboolean
check_css_costs (Check       *check,
                 const char  *css,
                 GError     **error)
{
  const char *p = css;
  const char *value;

  while ((value = css_next_declaration (&p, "filter", FALSE)) != NULL)
    if (!is_none (value))
      return refuse_filter (check, error);
  p = css;
  while ((value = css_next_declaration (&p, "stroke-dasharray", FALSE)) != NULL)
    if (!check_dasharray (check, value, declaration_length (value), error))
      return FALSE;
  p = css;
  while ((value = css_next_declaration (&p, "marker", TRUE)) != NULL)
    if (!is_none (value))
      check->n_marker_decls++;
  return TRUE;
}

static gboolean
check_vertices (Check   *check,
                GError **error)
{
  if (check->n_vertices > TF_SVG_MAX_VERTICES)
    {
      g_set_error (error, TF_STAMP_ERROR, TF_STAMP_ERROR_TOO_COMPLEX,
                   _("The SVG has too many points in its paths (more than %d); a pictogram needs far fewer"),
                   TF_SVG_MAX_VERTICES);
      return FALSE;
    }
  return TRUE;
}

static gboolean
too_large (Check       *check,
           const char  *what,
           GError     **error)
{
  g_set_error (error, TF_STAMP_ERROR, TF_STAMP_ERROR_TOO_COMPLEX,
               _("The SVG is too large: its %s is over %g units (line %d)"),
               what, TF_SVG_MAX_SIZE, current_line (check));
  return FALSE;
}

static gboolean
check_size_attribute (Check       *check,
                      const char  *name,
                      const char  *value,
                      GError     **error)
{
  double number;

  if (g_str_equal (name, "width") || g_str_equal (name, "height"))
    {
      if (parse_length (value, &number) && fabs (number) > TF_SVG_MAX_SIZE)
        return too_large (check, g_str_equal (name, "width") ? _("width") : _("height"), error);
    }
  else if (g_str_equal (name, "viewBox"))
    {
      g_auto(GStrv) parts = g_strsplit_set (value, " ,\t\n\r", -1);
      guint n = 0;
      double numbers[4] = { 0 };

      for (guint i = 0; parts[i]; i++)
        {
          if (parts[i][0] == '\0')
            continue;
          if (n == 4 || !parse_length (parts[i], &numbers[n]))
            {
              n = 5;
              break;
            }
          n++;
        }
      if (n != 4)
        {
          g_set_error (error, TF_STAMP_ERROR, TF_STAMP_ERROR_NOT_SVG,
                       _("The SVG has an invalid viewBox (line %d)"), current_line (check));
          return FALSE;
        }
      for (guint i = 0; i < 4; i++)
        if (fabs (numbers[i]) > TF_SVG_MAX_SIZE)
          return too_large (check, "viewBox", error);
    }
  return TRUE;
}

static void
on_start_element (GMarkupParseContext  *context,
                  const char           *element_name,
                  const char          **attribute_names,
                  const char          **attribute_values,
                  gpointer              user_data,
                  GError              **error)
{
  static const char * const forbidden[] = {
    "script", "foreignObject", "include", "iframe", "embed", "object", "handler", "listener",
  };
  Check *check = user_data;
  const char *name = local_name (element_name);
  GPtrArray *refs = g_ptr_array_new_with_free_func (g_free);
  Node node = { 0 };
  int index;

  if (check->nodes->len == 0 && !g_str_equal (name, "svg"))
    {
      g_set_error (error, TF_STAMP_ERROR, TF_STAMP_ERROR_NOT_SVG,
                   _("The file is XML but not an SVG drawing: it starts with <%s>"), element_name);
      goto out;
    }
  for (guint i = 0; i < G_N_ELEMENTS (forbidden); i++)
    if (g_ascii_strcasecmp (name, forbidden[i]) == 0)
      {
        if (g_ascii_strcasecmp (name, "include") == 0)
          g_set_error (error, TF_STAMP_ERROR, TF_STAMP_ERROR_FORBIDDEN,
                       _("The SVG includes another file with XInclude (line %d)"), current_line (check));
        else
          g_set_error (error, TF_STAMP_ERROR, TF_STAMP_ERROR_FORBIDDEN,
                       _("The SVG contains a <%s> element, which is not allowed in a pictogram (line %d)"),
                       name, current_line (check));
        goto out;
      }

  if (check->nodes->len >= TF_SVG_MAX_ELEMENTS)
    {
      g_set_error (error, TF_STAMP_ERROR, TF_STAMP_ERROR_TOO_COMPLEX,
                   _("The SVG has more than %d elements"), TF_SVG_MAX_ELEMENTS);
      goto out;
    }
  if (check->open->len >= TF_SVG_MAX_DEPTH)
    {
      g_set_error (error, TF_STAMP_ERROR, TF_STAMP_ERROR_TOO_COMPLEX,
                   _("The SVG nests its elements more than %d deep (line %d)"),
                   TF_SVG_MAX_DEPTH, current_line (check));
      goto out;
    }
  if (g_str_equal (name, "use") && ++check->n_uses > TF_SVG_MAX_USES)
    {
      g_set_error (error, TF_STAMP_ERROR, TF_STAMP_ERROR_TOO_COMPLEX,
                   _("The SVG has too many <use> elements (a “billion laughs” pattern)"));
      goto out;
    }
  /* <filter> and every filter primitive (<feBlend>, <feConvolveMatrix>…). */
  if (g_str_equal (name, "filter") ||
      (name[0] == 'f' && name[1] == 'e' && g_ascii_isupper (name[2])))
    {
      refuse_filter (check, error);
      goto out;
    }
  if (g_str_equal (name, "pattern") && ++check->n_patterns > TF_SVG_MAX_PATTERNS)
    {
      g_set_error (error, TF_STAMP_ERROR, TF_STAMP_ERROR_TOO_COMPLEX,
                   _("The SVG has more than %d patterns"), TF_SVG_MAX_PATTERNS);
      goto out;
    }
  if (g_str_equal (name, "marker"))
    check->n_markers++;

  for (guint i = 0; attribute_names[i]; i++)
    {
      const char *attr = attribute_names[i];
      const char *attr_local = local_name (attr);
      const char *value = attribute_values[i];

      if (g_str_equal (attr_local, "href") || g_str_equal (attr_local, "src"))
        {
          const char *v = value;

          while (g_ascii_isspace (*v))
            v++;
          if (g_ascii_strncasecmp (v, "data:", 5) == 0)
            {
              g_set_error (error, TF_STAMP_ERROR, TF_STAMP_ERROR_EXTERNAL,
                           _("The SVG embeds data in a data: address, which is not allowed in a pictogram (line %d)"),
                           current_line (check));
              goto out;
            }
          if (*v != '\0' && *v != '#')
            {
              g_set_error (error, TF_STAMP_ERROR, TF_STAMP_ERROR_EXTERNAL,
                           _("The SVG refers to an external file (line %d)"), current_line (check));
              goto out;
            }
          if (v[0] == '#' && v[1] != '\0')
            g_ptr_array_add (refs, g_strdup (v + 1));
          continue;
        }
      if (g_str_equal (attr, "xml:base"))
        {
          g_set_error (error, TF_STAMP_ERROR, TF_STAMP_ERROR_EXTERNAL,
                       _("The SVG refers to an external file (line %d)"), current_line (check));
          goto out;
        }
      if (strstr (value, XINCLUDE_NS) != NULL)
        {
          g_set_error (error, TF_STAMP_ERROR, TF_STAMP_ERROR_FORBIDDEN,
                       _("The SVG includes another file with XInclude (line %d)"), current_line (check));
          goto out;
        }
      if (g_str_equal (attr, "style"))
        {
          if (!check_css (check, value, refs, error))
            goto out;
        }
      else if (!check_urls (check, value, refs, error))
        goto out;
      if (!check_size_attribute (check, attr, value, error))
        goto out;
      if (g_str_equal (attr, "d") || g_str_equal (attr, "points"))
        {
          check->n_vertices += count_vertices (value);
          if (!check_vertices (check, error))
            goto out;
        }
      else if (g_str_equal (attr, "filter") && !is_none (value))
        {
          refuse_filter (check, error);
          goto out;
        }
      else if (g_str_equal (attr, "stroke-dasharray") &&
               !check_dasharray (check, value, strlen (value), error))
        goto out;
      else if (g_str_has_prefix (attr, "marker") && !is_none (value))
        check->n_marker_decls++;
      if ((g_str_equal (attr, "id") || g_str_equal (attr, "xml:id")) && node.id == NULL)
        node.id = g_strdup (value);
    }

  node.parent = check->open->len > 0 ? g_array_index (check->open, int, check->open->len - 1) : -1;
  node.edges = g_array_new (FALSE, FALSE, sizeof (int));
  index = (int) check->nodes->len;
  g_array_append_val (check->nodes, node);
  g_ptr_array_add (check->refs, g_steal_pointer (&refs));
  g_array_append_val (check->open, index);
  if (node.parent >= 0)
    g_array_append_val (g_array_index (check->nodes, Node, node.parent).edges, index);
  if (g_str_equal (name, "style"))
    check->style_depth++;
  if (g_str_equal (name, "text"))
    check->text_depth++;
  return;

out:
  g_free (node.id);
  g_ptr_array_unref (refs);
}

static void
on_end_element (GMarkupParseContext  *context,
                const char           *element_name,
                gpointer              user_data,
                GError              **error)
{
  Check *check = user_data;

  if (check->open->len > 0)
    g_array_set_size (check->open, check->open->len - 1);
  if (g_str_equal (local_name (element_name), "style") && check->style_depth > 0)
    check->style_depth--;
  if (g_str_equal (local_name (element_name), "text") && check->text_depth > 0)
    check->text_depth--;
}

static void
on_text (GMarkupParseContext  *context,
         const char           *text,
         gsize                 text_len,
         gpointer              user_data,
         GError              **error)
{
  Check *check = user_data;
  g_autofree char *copy = NULL;

  if (check->text_depth > 0)
    {
      check->text_bytes += text_len;
      if (check->text_bytes > TF_SVG_MAX_TEXT)
        {
          g_set_error (error, TF_STAMP_ERROR, TF_STAMP_ERROR_TOO_COMPLEX,
                       _("The SVG holds more than %d bytes of text; a pictogram needs only a few words"),
                       TF_SVG_MAX_TEXT);
          return;
        }
    }
  if (check->style_depth == 0)
    return;
  copy = g_strndup (text, text_len);
  check_css (check, copy, check->css_refs, error);
}

/* Comments, CDATA sections, processing instructions and declarations. */
static void
on_passthrough (GMarkupParseContext  *context,
                const char           *text,
                gsize                 text_len,
                gpointer              user_data,
                GError              **error)
{
  Check *check = user_data;
  g_autofree char *copy = g_strndup (text, text_len);

  if (g_str_has_prefix (copy, "<!--"))
    return;
  if (g_str_has_prefix (copy, "<![CDATA["))
    {
      /* Text to draw or a style sheet, like any other text. */
      on_text (context, copy, text_len, user_data, error);
      return;
    }
  if (g_str_has_prefix (copy, "<?xml") && g_ascii_isspace (copy[5]))
    {
      /* librsvg's parser would honour another encoding than the UTF-8 this
       * pass read: both must see the same text. */
      const char *encoding = strstr (copy, "encoding");

      if (encoding != NULL)
        {
          encoding += strlen ("encoding");
          while (*encoding == ' ' || *encoding == '=' || *encoding == '"' || *encoding == '\'')
            encoding++;
          if (g_ascii_strncasecmp (encoding, "utf-8", 5) != 0 &&
              g_ascii_strncasecmp (encoding, "utf8", 4) != 0 &&
              g_ascii_strncasecmp (encoding, "us-ascii", 8) != 0)
            {
              g_set_error (error, TF_STAMP_ERROR, TF_STAMP_ERROR_NOT_SVG,
                           _("The SVG is not encoded in UTF-8"));
              return;
            }
        }
      return;
    }
  if (g_str_has_prefix (copy, "<?"))
    {
      /* <?xml-stylesheet href="…"?> loads a style sheet from elsewhere. */
      g_set_error (error, TF_STAMP_ERROR, TF_STAMP_ERROR_EXTERNAL,
                   _("The SVG has a processing instruction, which could load an external style sheet (line %d)"),
                   current_line (check));
      return;
    }
  g_set_error (error, TF_STAMP_ERROR, TF_STAMP_ERROR_DOCTYPE,
               _("The SVG has a DOCTYPE or ENTITY declaration, which is not allowed (line %d)"),
               current_line (check));
}

static const GMarkupParser parser = {
  on_start_element,
  on_end_element,
  on_text,
  on_passthrough,
  NULL,
};

static int
find_id (GHashTable *ids,
         const char *id)
{
  gpointer value;

  if (g_hash_table_lookup_extended (ids, id, NULL, &value))
    return GPOINTER_TO_INT (value);
  return -1;
}

/* Shapes drawn once every reference is expanded: each element counts once
 * plus what it contains plus what it refers to (a <use>, a pattern fill, a
 * marker…). A reference cycle is refused. Iterative, so a long chain of
 * references cannot exhaust the stack. */
static gboolean
count_expanded (Check    *check,
                guint64  *total,
                GError  **error)
{
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree guint8 *state = NULL;
  g_autofree guint64 *cost = NULL;
  g_autoptr(GArray) stack = g_array_new (FALSE, FALSE, sizeof (int) * 2);
  guint n = check->nodes->len;
  guint64 css = 0;

  *total = 0;
  if (n == 0)
    return TRUE;

  for (guint i = 0; i < n; i++)
    {
      Node *node = &g_array_index (check->nodes, Node, i);

      if (node->id != NULL && !g_hash_table_contains (ids, node->id))
        g_hash_table_insert (ids, node->id, GINT_TO_POINTER (i));
    }
  /* References become edges after the children. */
  for (guint i = 0; i < n; i++)
    {
      GPtrArray *refs = g_ptr_array_index (check->refs, i);
      Node *node = &g_array_index (check->nodes, Node, i);

      for (guint r = 0; refs != NULL && r < refs->len; r++)
        {
          int target = find_id (ids, g_ptr_array_index (refs, r));

          if (target >= 0)
            g_array_append_val (node->edges, target);
        }
    }

  state = g_new0 (guint8, n);   /* 0 new, 1 in progress, 2 done */
  cost = g_new0 (guint64, n);

  for (guint root = 0; root < n; root++)
    {
      int frame[2] = { (int) root, 0 };

      if (state[root] != 0)
        continue;
      state[root] = 1;
      cost[root] = 1;
      g_array_append_val (stack, frame);
      while (stack->len > 0)
        {
          int *top = &g_array_index (stack, int, 2 * (stack->len - 1));
          Node *node = &g_array_index (check->nodes, Node, top[0]);

          if ((guint) top[1] < node->edges->len)
            {
              int next = g_array_index (node->edges, int, top[1]++);

              if (state[next] == 1)
                {
                  g_set_error (error, TF_STAMP_ERROR, TF_STAMP_ERROR_TOO_COMPLEX,
                               _("The SVG has an element that refers to itself"));
                  return FALSE;
                }
              if (state[next] == 2)
                cost[top[0]] = MIN (cost[top[0]] + cost[next], TF_SVG_MAX_EXPANDED + 1);
              else
                {
                  int child[2] = { next, 0 };

                  state[next] = 1;
                  cost[next] = 1;
                  g_array_append_val (stack, child);
                }
              continue;
            }

          state[top[0]] = 2;
          {
            int done = top[0];

            g_array_set_size (stack, stack->len - 1);
            if (stack->len > 0)
              {
                int parent = g_array_index (stack, int, 2 * (stack->len - 1));
                cost[parent] = MIN (cost[parent] + cost[done], TF_SVG_MAX_EXPANDED + 1);
              }
          }
        }
    }

  /* A rule of a style sheet may apply to every element. */
  for (guint r = 0; r < check->css_refs->len; r++)
    {
      int target = find_id (ids, g_ptr_array_index (check->css_refs, r));

      if (target >= 0)
        css = MIN (css + (guint64) n * cost[target], TF_SVG_MAX_EXPANDED + 1);
    }

  *total = MIN (cost[0] + css, TF_SVG_MAX_EXPANDED + 1);
  return TRUE;
}

static gboolean
looks_binary (const char *data,
              gsize       len)
{
  return memchr (data, '\0', len) != NULL || !g_utf8_validate (data, len, NULL);
}

/* Declarations are refused before parsing, wherever they are: GMarkup would
 * not expand their entities, but librsvg's parser would. */
static gboolean
check_declarations (const char  *data,
                    gsize        len,
                    GError     **error)
{
  static const char * const markers[] = { "<!DOCTYPE", "<!ENTITY", "<!ELEMENT", "<!ATTLIST" };

  for (gsize i = 0; i + 2 < len; i++)
    {
      if (data[i] != '<' || data[i + 1] != '!')
        continue;
      for (guint m = 0; m < G_N_ELEMENTS (markers); m++)
        {
          gsize n = strlen (markers[m]);

          if (i + n <= len && g_ascii_strncasecmp (data + i, markers[m], n) == 0)
            {
              int line = 1;

              for (gsize j = 0; j < i; j++)
                line += data[j] == '\n';
              g_set_error (error, TF_STAMP_ERROR, TF_STAMP_ERROR_DOCTYPE,
                           _("The SVG has a DOCTYPE or ENTITY declaration, which is not allowed (line %d)"),
                           line);
              return FALSE;
            }
        }
    }
  return TRUE;
}

gboolean
tf_svg_check_markup (GBytes  *svg,
                     GError **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GArray) nodes = NULL;
  g_autoptr(GArray) open = NULL;
  g_autoptr(GPtrArray) refs = NULL;
  g_autoptr(GPtrArray) css_refs = NULL;
  Check check = { 0 };
  const char *data;
  gsize len;
  guint64 expanded = 0;
  gboolean ok;

  g_return_val_if_fail (svg != NULL, FALSE);

  data = g_bytes_get_data (svg, &len);
  if (len == 0)
    {
      g_set_error (error, TF_STAMP_ERROR, TF_STAMP_ERROR_EMPTY, _("The file is empty"));
      return FALSE;
    }
  if (len > TF_SVG_MAX_BYTES)
    {
      g_set_error (error, TF_STAMP_ERROR, TF_STAMP_ERROR_TOO_BIG,
                   _("The SVG is too big (%zu KiB); a pictogram may take up to %d KiB"),
                   len / 1024, TF_SVG_MAX_BYTES / 1024);
      return FALSE;
    }
  if (looks_binary (data, len))
    {
      g_set_error (error, TF_STAMP_ERROR, TF_STAMP_ERROR_NOT_SVG,
                   _("The file is not an SVG drawing: it holds binary data"));
      return FALSE;
    }
  if (!check_declarations (data, len, error))
    return FALSE;
  /* A byte order mark is text to GMarkup. */
  if (len >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      data += 3;
      len -= 3;
    }

  nodes = g_array_new (FALSE, TRUE, sizeof (Node));
  g_array_set_clear_func (nodes, node_clear);
  open = g_array_new (FALSE, FALSE, sizeof (int));
  refs = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  css_refs = g_ptr_array_new_with_free_func (g_free);
  check.nodes = nodes;
  check.open = open;
  check.refs = refs;
  check.css_refs = css_refs;
  check.context = g_markup_parse_context_new (&parser, 0, &check, NULL);

  ok = g_markup_parse_context_parse (check.context, data, (gssize) len, &local_error) &&
       g_markup_parse_context_end_parse (check.context, &local_error);
  g_markup_parse_context_free (check.context);

  if (!ok)
    {
      if (local_error->domain == TF_STAMP_ERROR)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, TF_STAMP_ERROR, TF_STAMP_ERROR_NOT_SVG,
                     _("The file is not a well-formed SVG drawing: %s"), local_error->message);
      return FALSE;
    }
  if (nodes->len == 0)
    {
      g_set_error (error, TF_STAMP_ERROR, TF_STAMP_ERROR_NOT_SVG,
                   _("The file is not an SVG drawing: it has no <svg> element"));
      return FALSE;
    }

  if (check.n_markers > 0 && check.n_marker_decls > 0 &&
      check.n_vertices * check.n_marker_decls > TF_SVG_MAX_MARKERS)
    {
      g_set_error (error, TF_STAMP_ERROR, TF_STAMP_ERROR_TOO_COMPLEX,
                   _("The SVG would draw too many markers (more than %d) along its paths"),
                   TF_SVG_MAX_MARKERS);
      return FALSE;
    }
  if (!count_expanded (&check, &expanded, error))
    return FALSE;
  if (expanded > TF_SVG_MAX_EXPANDED)
    {
      g_set_error (error, TF_STAMP_ERROR, TF_STAMP_ERROR_TOO_COMPLEX,
                   _("The SVG repeats its shapes too many times through references (a “billion laughs” pattern)"));
      return FALSE;
    }
  return TRUE;
}

gboolean
tf_svg_check (GBytes  *svg,
              GError **error)
{
  if (!tf_svg_check_markup (svg, error))
    return FALSE;
  /* librsvg never runs in this process on a file from elsewhere. */
  return tf_svg_probe (svg, error);
}
