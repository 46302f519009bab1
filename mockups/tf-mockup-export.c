/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "tf-mockup-export"

#include <glib/gi18n-lib.h>

#include "exports/tf-export.h"
#include "exports/tf-export-report.h"
#include "tf-mockup-follow.h"
#include "tf-mockup-kinds.h"
#include "tf-mockup-outputs.h"

/* Mockups in the deliverables: the check that keeps a photo of people in
 * the archive until it is blurred or their consent is recorded, and the
 * report's section (each photo, its "before" beside it, its legend). The
 * pixels themselves are the kinds' business: a photo is drawn with its
 * blur regions already applied to its pixels in every export
 * (tf-mockup-kinds.c). */

static gboolean
is_callout (const TfItem *item)
{
  return item->kind != NULL && g_str_equal (item->kind->id, TF_MK_CALLOUT_KIND) && item->data != NULL;
}

static int
compare_reading (gconstpointer a,
                 gconstpointer b)
{
  const TfItem *x = *(const TfItem * const *) a;
  const TfItem *y = *(const TfItem * const *) b;

  /* Side by side first (photos are added in a row), then down. */
  if (x->bounds.y + x->bounds.height <= y->bounds.y)
    return -1;
  if (y->bounds.y + y->bounds.height <= x->bounds.y)
    return 1;
  if (x->bounds.x != y->bounds.x)
    return x->bounds.x < y->bounds.x ? -1 : 1;
  return x->id < y->id ? -1 : x->id > y->id;
}

GPtrArray *
tf_mockup_photos (TfScene *scene)
{
  GPtrArray *photos = g_ptr_array_new ();
  GPtrArray *items = tf_scene_get_items (scene);

  for (guint i = 0; i < items->len; i++)
    {
      TfItem *item = g_ptr_array_index (items, i);

      if (!item->hidden && tf_mk_photo_item_get (item) != NULL)
        g_ptr_array_add (photos, item);
    }
  g_ptr_array_sort (photos, compare_reading);
  return photos;
}

static int
compare_number (gconstpointer a,
                gconstpointer b,
                gpointer      scene)
{
  const TfItem *x = *(const TfItem * const *) a;
  const TfItem *y = *(const TfItem * const *) b;

  return tf_mk_callout_number (scene, x) - tf_mk_callout_number (scene, y);
}

GPtrArray *
tf_mockup_callouts (TfScene *scene,
                    gint64   photo_id)
{
  GPtrArray *callouts = g_ptr_array_new ();
  GPtrArray *items = tf_scene_get_items (scene);

  for (guint i = 0; i < items->len && callouts->len < TF_MK_MAX_ANNOTATIONS; i++)
    {
      TfItem *item = g_ptr_array_index (items, i);

      if (!item->hidden && is_callout (item) && ((const TfMkCallout *) item->data)->photo == photo_id)
        g_ptr_array_add (callouts, item);
    }
  g_ptr_array_sort_with_data (callouts, compare_number, scene);
  return callouts;
}

/* --- Blur that cannot be forgotten --- */

static char *photo_heading (TfScene       *scene,
                            TfAssetSource *assets,
                            const TfItem  *item);

gboolean
tf_mockup_export_check (TfBoard       *board,
                        TfScene       *scene,
                        TfAssetSource *assets,
                        gint64        *item_id,
                        GError       **error)
{
  g_autoptr(GPtrArray) photos = NULL;

  if (item_id != NULL)
    *item_id = 0;
  if (scene == NULL)
    return TRUE;
  photos = tf_mockup_photos (scene);
  for (guint i = 0; i < photos->len; i++)
    {
      const TfItem *item = g_ptr_array_index (photos, i);
      const TfMkPhoto *photo = tf_mk_photo_item_get (item);
      g_autoptr(GPtrArray) regions = g_ptr_array_new ();

      if (!photo->people_visible || photo->consent_given)
        continue;
      tf_mk_blur_regions (scene, item->id, regions);
      if (regions->len > 0)
        continue;
      {
        /* Named as its side panel and its caption name it. */
        g_autofree char *name = photo_heading (scene, assets, item);

        g_set_error (error, TF_EXPORT_ERROR, TF_EXPORT_ERROR_BLOCKED,
                     /* TRANSLATORS: an export refused; the first %s is the photo as its side panel names it
                      * ("Photo 2 · Le bureau, après"), the second the board's name */
                     _("%s, on “%s”, shows people and nothing hides them: draw a blur region over "
                       "their faces, or record that they consented to appear, then export again"),
                     name, board != NULL ? tf_board_get_name (board) : "");
      }
      if (item_id != NULL)
        *item_id = item->id;
      return FALSE;
    }
  return TRUE;
}

/* --- The report --- */

/* The photo of @photos that is the "before" of @montage_id, not @montage_id
 * itself and not yet @shown. */
static const TfItem *
before_of (GPtrArray  *photos,
           gint64      montage_id,
           GHashTable *shown)
{
  for (guint i = 0; i < photos->len; i++)
    {
      const TfItem *item = g_ptr_array_index (photos, i);

      if (item->id != montage_id && tf_mk_photo_item_get (item)->before_of == montage_id &&
          !g_hash_table_contains (shown, &item->id))
        return item;
    }
  return NULL;
}

/* The photo of @photos whose "before" @item is, when not yet @shown. */
static const TfItem *
montage_of (GPtrArray    *photos,
            const TfItem *item,
            GHashTable   *shown)
{
  gint64 of = tf_mk_photo_item_get (item)->before_of;

  if (of <= 0 || of == item->id)
    return NULL;
  for (guint i = 0; i < photos->len; i++)
    {
      const TfItem *other = g_ptr_array_index (photos, i);

      if (other->id == of && !g_hash_table_contains (shown, &other->id))
        return other;
    }
  return NULL;
}

/* The photo @item is on: the one its payload names (a placed image, a
 * callout, a bubble) or, for the others (a label, a post-it, a
 * pictogram, an arrow), the one the board's settle hook found it on
 * (tf-mockup-follow.c); 0 for none. */
static gint64
photo_of (const TfItem *item)
{
  const TfMkPlace *place = tf_mk_place_item_get (item);
  g_autoptr(JsonNode) root = NULL;
  JsonNode *on;
  JsonArray *array;

  if (place != NULL)
    return place->photo;
  if (item->kind == NULL || tf_mk_photo_item_get (item) != NULL)
    return 0;
  if (item->data != NULL &&
      (g_str_equal (item->kind->id, TF_MK_CALLOUT_KIND) || g_str_equal (item->kind->id, TF_MK_BUBBLE_KIND)))
    return *(const gint64 *) item->data;   /* TfMkCallout, TfMkBubble: their photo first */
  root = tf_item_parse_json (item->payload);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return 0;
  on = json_object_get_member (json_node_get_object (root), TF_MK_ON_KEY);
  if (on == NULL || !JSON_NODE_HOLDS_ARRAY (on))
    return 0;
  array = json_node_get_array (on);
  if (json_array_get_length (array) == 0 || !JSON_NODE_HOLDS_VALUE (json_array_get_element (array, 0)))
    return 0;
  return (gint64) json_array_get_double_element (array, 0);
}

/* The photo with what is drawn on it: a bubble, a callout, a text label
 * or a post-it may stick out, and is printed whole. */
static TfRect
photo_area (TfScene      *scene,
            const TfItem *photo)
{
  GPtrArray *items = tf_scene_get_items (scene);
  TfRect area = photo->bounds;

  for (guint i = 0; i < items->len; i++)
    {
      const TfItem *item = g_ptr_array_index (items, i);

      if (item->hidden || item == photo || photo_of (item) != photo->id)
        continue;
      area = tf_rect_union (&area, &item->bounds);
    }
  return area;
}

/* --- The key printed beside the board --- */

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  const TfItem *x = *(const TfItem * const *) a;
  const TfItem *y = *(const TfItem * const *) b;

  return x->id < y->id ? -1 : x->id > y->id;
}

guint
tf_mockup_photo_number (TfScene *scene,
                        gint64   photo_id)
{
  GPtrArray *items = tf_scene_get_items (scene);
  g_autoptr(GPtrArray) photos = g_ptr_array_new ();

  for (guint i = 0; i < items->len; i++)
    if (tf_mk_photo_item_get (g_ptr_array_index (items, i)) != NULL)
      g_ptr_array_add (photos, g_ptr_array_index (items, i));
  g_ptr_array_sort (photos, compare_ids);
  for (guint i = 0; i < photos->len; i++)
    if (((const TfItem *) g_ptr_array_index (photos, i))->id == photo_id)
      return i + 1;
  return 0;
}

/* "Photo 2 · bureau.jpg", as the side panel names a photo: its number on
 * the board (tf_mockup_photo_number()) and its own name, else the file it
 * came from, when it had a name and @assets can say it. */
static char *
photo_heading (TfScene       *scene,
               TfAssetSource *assets,
               const TfItem  *item)
{
  g_autofree char *file = NULL;

  if (assets != NULL && (item->text == NULL || item->text[0] == '\0'))
    file = tf_asset_source_name (assets, tf_mk_photo_item_get (item)->asset);
  return tf_mockup_photo_heading (scene, item, file);
}

char *
tf_mockup_photo_heading (TfScene      *scene,
                         const TfItem *photo,
                         const char   *file)
{
  guint number = tf_mockup_photo_number (scene, photo->id);
  const char *name = photo->text != NULL && photo->text[0] != '\0' ? photo->text : file;

  if (name != NULL && name[0] != '\0')
    /* TRANSLATORS: a mockup's photo in the side panel: its number on the board, its name or the file it came from */
    return g_strdup_printf (_("Photo %u · %s"), number, name);
  /* TRANSLATORS: a heading of the report: a mockup's photo */
  return g_strdup_printf (_("Photo %u"), number);
}

/* Appends @photo's callouts to @rows (TfBoardKeyRow: number, text), under
 * @heading when not NULL and it has some; how many callouts it has. */
static guint
photo_key_rows (TfScene      *scene,
                const TfItem *photo,
                char         *heading,
                GArray       *rows)
{
  g_autoptr(GPtrArray) callouts = tf_mockup_callouts (scene, photo->id);

  if (callouts->len > 0 && heading != NULL)
    {
      TfBoardKeyRow row = { NULL, heading };

      g_array_append_val (rows, row);
    }
  else
    g_free (heading);
  for (guint c = 0; c < callouts->len; c++)
    {
      const TfItem *callout = g_ptr_array_index (callouts, c);
      TfBoardKeyRow row = {
        g_strdup_printf ("%d", tf_mk_callout_number (scene, callout)),
        g_strdup (callout->text != NULL ? callout->text : ""),
      };

      g_array_append_val (rows, row);
    }
  return callouts->len;
}

void
tf_mockup_key_rows (TfScene       *scene,
                    TfAssetSource *assets,
                    GArray        *rows)
{
  g_autoptr(GPtrArray) photos = NULL;
  g_autoptr(GPtrArray) numbered = g_ptr_array_new ();

  if (scene == NULL)
    return;
  /* The photos with callouts, in reading order. */
  photos = tf_mockup_photos (scene);
  for (guint i = 0; i < photos->len; i++)
    {
      const TfItem *item = g_ptr_array_index (photos, i);
      g_autoptr(GPtrArray) callouts = NULL;

      /* Paired or not: its numbers are on it. */
      callouts = tf_mockup_callouts (scene, item->id);
      if (callouts->len > 0)
        g_ptr_array_add (numbered, (gpointer) item);
    }
  /* One photo's numbers need no heading: they are on it. Several are
   * named as the side panel names them, so that the printed key and the
   * screen name the same photo the same way. */
  for (guint i = 0; i < numbered->len; i++)
    {
      const TfItem *item = g_ptr_array_index (numbered, i);

      photo_key_rows (scene, item, numbered->len > 1 ? photo_heading (scene, assets, item) : NULL, rows);
    }
}

static void
append_figure (TfScene       *scene,
               TfAssetSource *assets,
               const TfItem  *photo,
               gboolean       with_previous,
               GArray        *figures)
{
  TfRect area = photo_area (scene, photo);
  TfBoardFigure figure = {
    area.x, area.y, area.width, area.height, photo_heading (scene, assets, photo), with_previous,
  };

  g_array_append_val (figures, figure);
}

void
tf_mockup_print_figures (TfScene       *scene,
                         TfAssetSource *assets,
                         GArray        *figures)
{
  g_autoptr(GPtrArray) photos = NULL;
  g_autoptr(GHashTable) shown = g_hash_table_new (g_int64_hash, g_int64_equal);

  if (scene == NULL)
    return;
  photos = tf_mockup_photos (scene);
  /* One photo: the board as it is laid out. */
  if (photos->len < 2)
    return;
  for (guint i = 0; i < photos->len; i++)
    {
      const TfItem *item = g_ptr_array_index (photos, i);
      const TfItem *before, *after;

      if (g_hash_table_contains (shown, &item->id))
        continue;
      /* A pair: the "before" at the left, the montage beside it. */
      before = before_of (photos, item->id, shown);
      after = before == NULL ? montage_of (photos, item, shown) : NULL;
      g_hash_table_add (shown, (gpointer) &item->id);
      if (before != NULL)
        {
          g_hash_table_add (shown, (gpointer) &before->id);
          append_figure (scene, assets, before, FALSE, figures);
          append_figure (scene, assets, item, TRUE, figures);
        }
      else if (after != NULL)
        {
          g_hash_table_add (shown, (gpointer) &after->id);
          append_figure (scene, assets, item, FALSE, figures);
          append_figure (scene, assets, after, TRUE, figures);
        }
      else
        append_figure (scene, assets, item, FALSE, figures);
    }
}

/* What the report says of people on @photo, NULL when none are. */
static char *
people_status (TfScene      *scene,
               const TfItem *item)
{
  const TfMkPhoto *photo = tf_mk_photo_item_get (item);
  g_autoptr(GPtrArray) regions = g_ptr_array_new ();

  if (!photo->people_visible)
    return NULL;
  if (photo->consent_given)
    /* TRANSLATORS: under a mockup's photo in the report */
    return g_strdup (_("People can be recognised on this photo; their consent is recorded in the archive."));
  tf_mk_blur_regions (scene, item->id, regions);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "People appear on this photo; %u blur region hides them.",
                                       "People appear on this photo; %u blur regions hide them.",
                                       regions->len),
                          regions->len);
}

gboolean
tf_mockup_report_section (TfReportFlow  *flow,
                          guint          board_index,
                          GError       **error)
{
  TfExportSource *source = tf_report_flow_get_source (flow);
  TfScene *scene = tf_export_source_get_scene (source, board_index);
  TfBoard *board = tf_export_source_get_board (source, board_index);
  TfAssetSource *assets = tf_export_source_get_assets (source);
  g_autoptr(GPtrArray) photos = NULL;
  g_autoptr(GHashTable) shown = NULL;
  g_autofree char *title = NULL;

  if (scene == NULL)
    return TRUE;
  photos = tf_mockup_photos (scene);
  if (photos->len == 0)
    return TRUE;
  shown = g_hash_table_new (g_int64_hash, g_int64_equal);

  /* TRANSLATORS: a section of the report: the mockup board's name */
  title = g_strdup_printf (_("Mockup: %s"), tf_board_get_name (board));
  for (guint i = 0; i < photos->len; i++)
    {
      const TfItem *item = g_ptr_array_index (photos, i);
      const TfItem *before;
      g_autofree char *heading = NULL;
      g_autofree char *name = NULL;
      g_autofree char *before_name = NULL;
      g_autofree char *status = NULL;
      g_autofree char *before_status = NULL;
      g_autofree char *notes = NULL;
      const char *caption = NULL;
      g_autoptr(GArray) rows = tf_board_key_row_array_new ();
      gboolean both_keyed;
      TfRect areas[2];
      guint n_areas = 0;

      if (g_hash_table_contains (shown, &item->id))
        continue;
      /* A pair is shown where the first of its two photos comes. */
      before = before_of (photos, item->id, shown);
      if (before == NULL)
        {
          const TfItem *montage = montage_of (photos, item, shown);

          if (montage != NULL)
            {
              before = item;
              item = montage;
            }
        }
      g_hash_table_add (shown, (gpointer) &item->id);
      if (before != NULL)
        g_hash_table_add (shown, (gpointer) &before->id);

      /* Numbered and named as the side panel and the key do. */
      name = photo_heading (scene, assets, item);
      if (before != NULL)
        {
          g_autoptr(GPtrArray) before_callouts = tf_mockup_callouts (scene, before->id);
          g_autoptr(GPtrArray) callouts = tf_mockup_callouts (scene, item->id);

          /* Before at the left, the montage at the right, whatever their
           * places on the board. */
          areas[n_areas++] = photo_area (scene, before);
          areas[n_areas++] = photo_area (scene, item);
          /* TRANSLATORS: a heading of the report: a mockup's photo ("Photo 2 · bureau.jpg") and its original */
          heading = g_strdup_printf (_("%s, before and after"), name);
          caption = _("Left, the place as it is; right, the mockup.");
          /* Each photo's numbers under its name when both have some. */
          both_keyed = before_callouts->len > 0 && callouts->len > 0;
          if (both_keyed)
            before_name = photo_heading (scene, assets, before);
          before_status = people_status (scene, before);
        }
      else
        {
          areas[n_areas++] = photo_area (scene, item);
          heading = g_strdup (name);
          both_keyed = FALSE;
        }
      status = people_status (scene, item);

      /* The heading, the figures, their caption and their key, as big as
       * a page prints them. */
      photo_key_rows (scene, item, both_keyed ? g_strdup (name) : NULL, rows);
      if (before != NULL)
        photo_key_rows (scene, before, g_steal_pointer (&before_name), rows);
      /* Who is visible and whether consent is recorded stays on the
       * photo's page, under it. */
      if (before_status != NULL && g_strcmp0 (before_status, status) != 0)
        notes = status != NULL ? g_strconcat (before_status, "\n\n", status, NULL) : g_strdup (before_status);
      else
        notes = g_strdup (status);
      /* The section starts on the first one's page. */
      if (!tf_report_flow_figure_page (flow, board_index, title, heading, areas, n_areas, caption, rows, notes))
        return FALSE;
      g_clear_pointer (&title, g_free);
    }
  (void) error;
  return TRUE;
}
