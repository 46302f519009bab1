/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define TF_TYPE_TEXT_FIELD (tf_text_field_get_type ())
G_DECLARE_FINAL_TYPE (TfTextField, tf_text_field, TF, TEXT_FIELD, GtkWidget)

const char *tf_text_field_get_title    (TfTextField *self);
const char *tf_text_field_get_subtitle (TfTextField *self);
/* The committed text, not what is being typed. */
const char *tf_text_field_get_text     (TfTextField *self);

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

G_END_DECLS
