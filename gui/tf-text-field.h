/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define TF_TYPE_TEXT_FIELD (tf_text_field_get_type ())
G_DECLARE_FINAL_TYPE (TfTextField, tf_text_field, TF, TEXT_FIELD, GtkWidget)

const char  *tf_text_field_get_title         (TfTextField *self);
const char  *tf_text_field_get_subtitle      (TfTextField *self);
/* The committed text, not what is being typed. */
const char  *tf_text_field_get_text          (TfTextField *self);
/* What is being typed. */
char        *tf_text_field_dup_typed_text    (TfTextField *self) G_GNUC_WARN_UNUSED_RESULT;
gboolean     tf_text_field_get_one_paragraph (TfTextField *self);
int          tf_text_field_get_max_lines     (TfTextField *self);
/* The cursor, in characters from the start. */
int          tf_text_field_get_cursor        (TfTextField *self);
GtkTextView *tf_text_field_get_text_view     (TfTextField *self);

void        tf_text_field_set_title    (TfTextField *self,
                                        const char  *title);
void        tf_text_field_set_subtitle (TfTextField *self,
                                        const char  *subtitle);
/* Replaces the text shown and committed, without emitting ::commit. */
void        tf_text_field_set_text     (TfTextField *self,
                                        const char  *text);

/* Emits ::commit if what was typed differs from the committed text. */
void        tf_text_field_commit       (TfTextField *self);
void        tf_text_field_set_editable (TfTextField *self,
                                        gboolean     editable);
/* Enter commits and line breaks become spaces: a legend, a caption. */
void        tf_text_field_set_one_paragraph (TfTextField *self,
                                             gboolean     one_paragraph);
/* Grows with its text up to @max_lines lines, then scrolls (0: no limit). */
void        tf_text_field_set_max_lines     (TfTextField *self,
                                             int          max_lines);
/* Replaces what is being typed, not the committed text. */
void        tf_text_field_set_typed_text    (TfTextField *self,
                                             const char  *typed);
void        tf_text_field_set_cursor        (TfTextField *self,
                                             int          offset);

G_END_DECLS
