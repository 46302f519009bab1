/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define TF_STAMP_ERROR (tf_stamp_error_quark ())

/* Why a pictogram or its metadata was refused. Every error carries a
 * translated sentence for the user. */
typedef enum {
  TF_STAMP_ERROR_EMPTY,          /* an empty file */
  TF_STAMP_ERROR_TOO_BIG,        /* larger than TF_SVG_MAX_BYTES */
  TF_STAMP_ERROR_NOT_SVG,        /* binary data, not XML, or not an <svg> document */
  TF_STAMP_ERROR_DOCTYPE,        /* a DOCTYPE or ENTITY declaration */
  TF_STAMP_ERROR_EXTERNAL,       /* a reference to anything outside the file */
  TF_STAMP_ERROR_FORBIDDEN,      /* <script>, <foreignObject>, XInclude… */
  TF_STAMP_ERROR_TOO_COMPLEX,    /* too many elements, too deep, too large, <use> bombs */
  TF_STAMP_ERROR_UNRENDERABLE,   /* librsvg could not draw it, or it draws nothing */
  TF_STAMP_ERROR_INVALID,        /* bad metadata: family, names, colour */
  TF_STAMP_ERROR_DUPLICATE,      /* the same drawing is already in the library */
  TF_STAMP_ERROR_NOT_FOUND,      /* no stamp with that id */
} TfStampError;

GQuark tf_stamp_error_quark (void);

/* A family of actors (élus, administration…) or of objects: one accent
 * colour, shared by its pictograms. Families are fixed by the built-in
 * metadata. */
typedef struct {
  const char *id;
  const char *name_fr;
  const char *name_en;
  guint32     color;     /* 0xRRGGBB */
} TfStampFamily;

guint                tf_stamp_family_get_n      (void);
const TfStampFamily *tf_stamp_family_get_nth    (guint                 index);
/* By id, or by its French or English name (case and accents folded). */
const TfStampFamily *tf_stamp_family_lookup     (const char           *name);
/* The name in the user's language. */
const char          *tf_stamp_family_get_name   (const TfStampFamily  *family);

#define TF_TYPE_STAMP (tf_stamp_get_type ())
G_DECLARE_FINAL_TYPE (TfStamp, tf_stamp, TF, STAMP, GObject)

/* One pictogram and its metadata; immutable once made. */
TfStamp     *tf_stamp_new              (const char          *id,
                                        const char          *family,
                                        const char          *name_fr,
                                        const char          *name_en,
                                        const char * const  *keywords,
                                        guint32              color,
                                        gboolean             builtin,
                                        GBytes              *svg) G_GNUC_WARN_UNUSED_RESULT;

const char          *tf_stamp_get_id           (TfStamp *self);
const char          *tf_stamp_get_family_id    (TfStamp *self);
/* NULL for a user stamp whose family this version does not know. */
const TfStampFamily *tf_stamp_get_family       (TfStamp *self);
const char          *tf_stamp_get_name_fr      (TfStamp *self);
const char          *tf_stamp_get_name_en      (TfStamp *self);
/* The name in the user's language: French when the first language of the
 * locale is French, English otherwise. */
const char          *tf_stamp_get_name         (TfStamp *self);
const char * const  *tf_stamp_get_keywords     (TfStamp *self);
guint32              tf_stamp_get_color        (TfStamp *self);
gboolean             tf_stamp_get_builtin      (TfStamp *self);
GBytes              *tf_stamp_get_svg          (TfStamp *self);

/* Whether every word of @query is found in the stamp's names, keywords or
 * family names, with case and accents folded. An empty query matches. */
gboolean             tf_stamp_matches          (TfStamp    *self,
                                                const char *query);

/* Lower case, accents removed, typographic apostrophes made straight:
 * "Élu(e)" and "elu(E)" fold alike. */
char                *tf_stamp_fold             (const char *text) G_GNUC_WARN_UNUSED_RESULT;
/* "#rrggbb" (or "rrggbb", "#rgb") to 0xRRGGBB. */
gboolean             tf_stamp_parse_color      (const char *text,
                                                guint32    *rgb);
/* Whether French is the first language of the user's locale. */
gboolean             tf_stamp_prefer_french    (void);

G_END_DECLS
