/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "tf-tool.h"

void
tf_tool_free (TfTool *tool)
{
  if (tool == NULL)
    return;
  if (tool->klass->free != NULL)
    tool->klass->free (tool);
  else
    g_free (tool);
}

const char *
tf_tool_get_id (TfTool *tool)
{
  return tool != NULL ? tool->klass->id : "select";
}
