/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* An insight is a post-it note: an anonymous quote, detached from the person
 * who said it. It is stored as an `items` row of kind "note" on an insight
 * wall: the quote in `text`, its colour and size in `style`, and its fields in
 * `payload`. Its cluster is its parent zone (`parent_id`, an item of kind
 * "zone" whose `text` is the cluster's title).
 *
 *   style   {"color": "yellow", "size": "m"}
 *   payload {"source": "staff", "date": "2009-10-05", "tags": ["outils"],
 *            "consent": "anonymised", "retired": false, "votes": 2, "star": true}
 *
 * Missing keys take their defaults, unknown keys are kept as they are. */

#include <glib.h>

G_BEGIN_DECLS

/* Who said it, as a category: never a person's name. */
typedef enum {
  TF_SOURCE_UNKNOWN,
  TF_SOURCE_ELECTED,      /* élu(e) */
  TF_SOURCE_STAFF,        /* collaborateur d'élu */
  TF_SOURCE_CABINET,      /* cabinet du président */
  TF_SOURCE_DEPARTMENT,   /* service / direction */
  TF_SOURCE_AGENT,        /* agent */
  TF_SOURCE_CITIZEN,      /* usager / citoyen */
  TF_SOURCE_PARTNER,      /* partenaire */
  TF_SOURCE_RESIDENT,     /* résident (designer, chercheur) */
  TF_SOURCE_OTHER,
  TF_N_SOURCES
} TfSource;

typedef enum {
  TF_CONSENT_TO_CHECK,    /* not yet reviewed */
  TF_CONSENT_ANONYMISED,  /* rewritten so nobody can be recognised */
  TF_CONSENT_GIVEN,       /* the person agreed to this wording */
  TF_CONSENT_WITHDRAWN,   /* must not be shown or printed */
  TF_N_CONSENTS
} TfConsent;

typedef enum {
  TF_NOTE_SMALL,
  TF_NOTE_MEDIUM,
  TF_NOTE_LARGE,
  TF_N_NOTE_SIZES
} TfNoteSize;

/* Side of a square note in board units, per size. A medium note prints at
 * 76 × 76 mm at "real size". */
#define TF_NOTE_SMALL_SIDE   150.0
#define TF_NOTE_MEDIUM_SIDE  200.0
#define TF_NOTE_LARGE_SIDE   280.0

typedef struct {
  const char *id;       /* "yellow", stored in style */
  const char *label;    /* N_() */
  guint32     rgb;      /* 0xRRGGBB, the paper colour */
} TfNoteColor;

/* The marks drawn on a note, votes (with "+3" past eight dots) and the
 * star: a deep blue that reads at 4.5:1 on every colour of the palette,
 * its shaded bottom too (tests/test-contrast.c). */
#define TF_NOTE_MARK_RGB 0x14354B

/* The palette: eight print-safe colours chosen to stay apart under
 * protanopia, deuteranopia and tritanopia (see tests/test-insight.c). */
const TfNoteColor *tf_note_colors          (guint       *n_colors);
const TfNoteColor *tf_note_color_lookup    (const char  *id_or_label);
const TfNoteColor *tf_note_color_default   (void);

typedef struct {
  TfSource   source;
  char      *date;      /* YYYY-MM-DD or "" */
  GStrv      tags;
  TfConsent  consent;
  gboolean   retired;
  guint      votes;
  gboolean   star;
  char      *extra;     /* unknown payload keys, as a JSON object text, or NULL */
} TfInsightFields;

void        tf_insight_fields_init    (TfInsightFields *fields);
void        tf_insight_fields_clear   (TfInsightFields *fields);
/* Reads a payload (NULL or malformed JSON gives the defaults). */
void        tf_insight_fields_parse   (TfInsightFields *fields,
                                       const char      *payload);
char       *tf_insight_fields_to_json (const TfInsightFields *fields) G_GNUC_WARN_UNUSED_RESULT;

const char *tf_source_to_id           (TfSource    source);
const char *tf_source_get_label       (TfSource    source);
/* Accepts the id, the English or French label, any case or accents
 * ("élu", "Elu", "elected"). */
gboolean    tf_source_from_string     (const char *str,
                                       TfSource   *source);
const char *tf_consent_to_id          (TfConsent   consent);
const char *tf_consent_get_label      (TfConsent   consent);
gboolean    tf_consent_from_string    (const char *str,
                                       TfConsent  *consent);
const char *tf_note_size_to_id        (TfNoteSize  size);
double      tf_note_size_get_side     (TfNoteSize  size);
gboolean    tf_note_size_from_string  (const char *str,
                                       TfNoteSize *size);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (TfInsightFields, tf_insight_fields_clear)

G_END_DECLS
