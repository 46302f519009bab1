/* SPDX-License-Identifier: GPL-3.0-or-later */

/* xdnd-source: a drag source for the tests, another X client that drags
 * files onto a window the way a file manager does, speaking XDND
 * (freedesktop's "Drag-and-Drop Protocol for the X Window System",
 * version 5) with nothing but Xlib:
 *
 *   - it owns the XdndSelection, with a time stamp read from the server;
 *   - it offers text/uri-list, x-special/gnome-copied-files, UTF8_STRING
 *     and text/plain;charset=utf-8 (more than three types: the list is in
 *     its window's XdndTypeList, and XdndEnter says so);
 *   - the pointer put at WINDOW's point (X, Y), it finds the XdndAware
 *     top-level window under it from the root down, as a source does (and
 *     the window an XdndProxy names, if one does);
 *   - XdndEnter, then XdndPosition with XdndActionCopy at three points
 *     ending at (X, Y), each waiting for the target's XdndStatus (as a
 *     hand moving in does: under GDK 4.8 the first position reaches the
 *     widgets as an enter at the window's origin (0, 0), not where it
 *     says, and is answered with a refusal; the next ones are where they
 *     say);
 *   - accepted: XdndDrop, then it answers every SelectionRequest on
 *     XdndSelection (the URIs, TARGETS, TIMESTAMP; anything else refused)
 *     until XdndFinished comes. Refused: XdndLeave.
 *
 * Each step is written on standard output, one line each, so that a test
 * can read what happened on the wire:
 *
 *   xdnd-source [--timeout MS] [--types TYPE,TYPE...] WINDOW X Y URI...
 *
 * WINDOW is an X window id, (X, Y) a point in its pixels; --types replaces
 * the types offered (the data of any type but text/uri-list and
 * x-special/gnome-copied-files is the URIs one a line); --timeout bounds
 * the whole drag (30 s by default).
 *
 * Exit status: 0 the drop was finished (the line "finished accepted=N"
 * says whether the target took it), 2 the target refused the drag (its
 * last status said no), 3 a deadline passed, 4 no XdndAware window under
 * the point, 1 anything else (usage, no display). */

#include <X11/Xatom.h>
#include <X11/Xlib.h>
#include <errno.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define XDND_VERSION 5
#define MAX_TYPES 8

enum {
  EXIT_DONE = 0,
  EXIT_USAGE = 1,
  EXIT_REFUSED = 2,
  EXIT_TIMEOUT = 3,
  EXIT_NO_TARGET = 4,
};

typedef struct {
  Display *display;
  Window   root;
  Window   window;        /* ours: the selection's owner, the messages' source */
  Window   target;        /* the XdndAware top-level window */
  Window   deliver_to;    /* where messages go: the target, or its proxy */
  int      version;       /* the protocol version both speak */
  Time     owned_at;      /* when we took XdndSelection */
  Atom     types[MAX_TYPES];
  int      n_types;
  char   **uris;
  int      n_uris;
  int      n_served;      /* data requests answered */
  long     deadline_ms;   /* on the monotonic clock */
  /* The atoms */
  Atom     xdnd_aware, xdnd_proxy, xdnd_selection, xdnd_type_list;
  Atom     xdnd_enter, xdnd_position, xdnd_status, xdnd_leave, xdnd_drop, xdnd_finished;
  Atom     xdnd_action_copy, targets, timestamp, stamp_property;
  Atom     uri_list, gnome_copied;
} Source;

static int x_errors;

static long
now_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

static void
say (const char *format,
     ...)
{
  va_list args;

  va_start (args, format);
  vprintf (format, args);
  va_end (args);
  putchar ('\n');
  fflush (stdout);
}

/* An X error (a requestor window gone, a target that vanished) is said and
 * counted, not fatal: the protocol goes on or times out. */
static int
on_x_error (Display     *display,
            XErrorEvent *event)
{
  char text[256];

  XGetErrorText (display, event->error_code, text, sizeof text);
  say ("x-error %s (request %d.%d, resource 0x%lx)", text, event->request_code, event->minor_code,
       event->resourceid);
  x_errors++;
  return 0;
}

static char *
atom_name (Source *self,
           Atom    atom)
{
  static char buffer[256];
  char *name;

  if (atom == None)
    return strcpy (buffer, "None");
  name = XGetAtomName (self->display, atom);
  snprintf (buffer, sizeof buffer, "%s", name != NULL ? name : "?");
  if (name != NULL)
    XFree (name);
  return buffer;
}

/* The next event, waiting at most until the deadline: FALSE when it passed. */
static int
next_event (Source *self,
            XEvent *event)
{
  while (!XPending (self->display))
    {
      struct pollfd fd = { ConnectionNumber (self->display), POLLIN, 0 };
      long left = self->deadline_ms - now_ms ();

      if (left <= 0)
        return 0;
      if (poll (&fd, 1, (int) (left > 1000 ? 1000 : left)) < 0 && errno != EINTR)
        return 0;
    }
  XNextEvent (self->display, event);
  return 1;
}

static Bool
is_stamp (Display *display __attribute__ ((unused)),
          XEvent  *event,
          XPointer data)
{
  Source *self = (Source *) data;

  return event->type == PropertyNotify && event->xproperty.window == self->window &&
         event->xproperty.atom == self->stamp_property;
}

/* The server's time now: a property changed on our window, its
 * PropertyNotify's time (ICCCM's way; never CurrentTime). Other events
 * stay queued. */
static Time
server_time (Source *self)
{
  unsigned char nothing = 0;
  XEvent event;

  XChangeProperty (self->display, self->window, self->stamp_property, XA_INTEGER, 8, PropModeReplace,
                   &nothing, 0);
  XIfEvent (self->display, &event, is_stamp, (XPointer) self);
  return event.xproperty.time;
}

/* What we hand over as @type: the URIs as a file manager writes them. */
static char *
build_data (Source *self,
            Atom    type,
            size_t *length)
{
  size_t size = 16;
  char *data;

  for (int i = 0; i < self->n_uris; i++)
    size += strlen (self->uris[i]) + 2;
  data = calloc (1, size);
  if (data == NULL)
    return NULL;
  if (type == self->gnome_copied)
    strcat (data, "copy");
  for (int i = 0; i < self->n_uris; i++)
    {
      if (type == self->uri_list)
        {
          /* RFC 2483: each URI ends with CR LF. */
          strcat (data, self->uris[i]);
          strcat (data, "\r\n");
        }
      else
        {
          if (*data != '\0')
            strcat (data, "\n");
          strcat (data, self->uris[i]);
        }
    }
  *length = strlen (data);
  return data;
}

static int
offers (Source *self,
        Atom    type)
{
  for (int i = 0; i < self->n_types; i++)
    if (self->types[i] == type)
      return 1;
  return 0;
}

/* A SelectionRequest answered (ICCCM 2.2): the data written on the
 * requestor's property, then SelectionNotify; property None for a refusal. */
static void
answer_request (Source                 *self,
                XSelectionRequestEvent *request)
{
  XEvent notify;
  Atom property = request->property != None ? request->property : request->target;
  char target[256];

  snprintf (target, sizeof target, "%s", atom_name (self, request->target));
  memset (&notify, 0, sizeof notify);
  notify.xselection.type = SelectionNotify;
  notify.xselection.display = self->display;
  notify.xselection.requestor = request->requestor;
  notify.xselection.selection = request->selection;
  notify.xselection.target = request->target;
  notify.xselection.property = None;
  notify.xselection.time = request->time;

  if (request->selection != self->xdnd_selection || request->owner != self->window)
    say ("request refused: not our selection (%s)", atom_name (self, request->selection));
  else if (request->time != CurrentTime && request->time < self->owned_at)
    say ("request refused: time %lu before our ownership %lu", request->time, self->owned_at);
  else if (request->target == self->targets)
    {
      Atom list[MAX_TYPES + 2];
      int n = 0;

      list[n++] = self->targets;
      list[n++] = self->timestamp;
      for (int i = 0; i < self->n_types; i++)
        list[n++] = self->types[i];
      XChangeProperty (self->display, request->requestor, property, XA_ATOM, 32, PropModeReplace,
                       (unsigned char *) list, n);
      notify.xselection.property = property;
      say ("request %s from 0x%lx: %d types", target, request->requestor, n);
    }
  else if (request->target == self->timestamp)
    {
      long stamp = (long) self->owned_at;

      XChangeProperty (self->display, request->requestor, property, XA_INTEGER, 32, PropModeReplace,
                       (unsigned char *) &stamp, 1);
      notify.xselection.property = property;
      say ("request %s from 0x%lx", target, request->requestor);
    }
  else if (offers (self, request->target))
    {
      size_t length = 0;
      char *data = build_data (self, request->target, &length);

      if (data != NULL)
        {
          XChangeProperty (self->display, request->requestor, property, request->target, 8, PropModeReplace,
                           (unsigned char *) data, (int) length);
          notify.xselection.property = property;
          self->n_served++;
          say ("request %s from 0x%lx time %lu: %zu bytes", target, request->requestor, request->time, length);
          free (data);
        }
    }
  else
    say ("request refused: %s not offered", target);
  XSendEvent (self->display, request->requestor, False, NoEventMask, &notify);
  XFlush (self->display);
}

/* Handles what may come at any time: a data request, the selection lost.
 * TRUE when @event was one of them. */
static int
handle_background (Source *self,
                   XEvent *event)
{
  if (event->type == SelectionRequest)
    {
      answer_request (self, &event->xselectionrequest);
      return 1;
    }
  if (event->type == SelectionClear && event->xselectionclear.selection == self->xdnd_selection)
    {
      say ("selection lost at time %lu", event->xselectionclear.time);
      return 1;
    }
  return 0;
}

/* Waits for the client message @type from the target to our window,
 * answering requests meanwhile. FALSE when the deadline passed. */
static int
wait_message (Source              *self,
              Atom                 type,
              XClientMessageEvent *message)
{
  XEvent event;

  while (next_event (self, &event))
    {
      if (handle_background (self, &event))
        continue;
      if (event.type == ClientMessage && event.xclient.message_type == type &&
          event.xclient.window == self->window && event.xclient.format == 32)
        {
          if ((Window) event.xclient.data.l[0] != self->target)
            {
              say ("ignored %s from 0x%lx", atom_name (self, type), event.xclient.data.l[0]);
              continue;
            }
          *message = event.xclient;
          return 1;
        }
    }
  return 0;
}

static void
send_message (Source *self,
              Atom    type,
              long    l1,
              long    l2,
              long    l3,
              long    l4)
{
  XEvent event;

  memset (&event, 0, sizeof event);
  event.xclient.type = ClientMessage;
  event.xclient.display = self->display;
  /* The target's id, even when a proxy receives it. */
  event.xclient.window = self->target;
  event.xclient.message_type = type;
  event.xclient.format = 32;
  event.xclient.data.l[0] = (long) self->window;
  event.xclient.data.l[1] = l1;
  event.xclient.data.l[2] = l2;
  event.xclient.data.l[3] = l3;
  event.xclient.data.l[4] = l4;
  XSendEvent (self->display, self->deliver_to, False, NoEventMask, &event);
  XFlush (self->display);
}

/* The XdndAware version of @window, 0 if it has none. */
static int
aware_version (Source *self,
               Window  window)
{
  Atom type = None;
  int format = 0, version = 0;
  unsigned long n = 0, after = 0;
  unsigned char *data = NULL;

  if (XGetWindowProperty (self->display, window, self->xdnd_aware, 0, 1, False, AnyPropertyType, &type, &format,
                          &n, &after, &data) == Success &&
      type == XA_ATOM && format == 32 && n == 1)
    version = (int) ((long *) data)[0];
  if (data != NULL)
    XFree (data);
  return version;
}

/* The window @window's XdndProxy property names, or None. */
static Window
proxy_of (Source *self,
          Window  window)
{
  Atom type = None;
  int format = 0;
  unsigned long n = 0, after = 0;
  unsigned char *data = NULL;
  Window proxy = None;

  if (XGetWindowProperty (self->display, window, self->xdnd_proxy, 0, 1, False, XA_WINDOW, &type, &format, &n,
                          &after, &data) == Success &&
      type == XA_WINDOW && format == 32 && n == 1)
    proxy = (Window) ((long *) data)[0];
  if (data != NULL)
    XFree (data);
  return proxy;
}

/* From the root down through the windows under the root point (@x, @y),
 * the first that is XdndAware (a window manager's frame has none; the
 * client's top-level below it does). */
static int
find_target (Source *self,
             int     x,
             int     y)
{
  Window window = self->root;

  for (int depth = 0; depth < 16; depth++)
    {
      Window child = None;
      int cx, cy;

      if (!XTranslateCoordinates (self->display, self->root, window, x, y, &cx, &cy, &child) || child == None)
        break;
      window = child;
      self->version = aware_version (self, window);
      if (self->version > 0)
        {
          Window proxy = proxy_of (self, window);

          self->target = window;
          self->deliver_to = window;
          /* A proxy counts only if it names itself (the spec's check
           * against a stale property). */
          if (proxy != None && proxy_of (self, proxy) == proxy)
            {
              self->deliver_to = proxy;
              say ("proxy 0x%lx", proxy);
            }
          return 1;
        }
    }
  return 0;
}

static Atom
intern (Source     *self,
        const char *name)
{
  return XInternAtom (self->display, name, False);
}

static void
usage (void)
{
  fprintf (stderr, "usage: xdnd-source [--timeout MS] [--types TYPE,TYPE...] WINDOW X Y URI...\n");
  exit (EXIT_USAGE);
}

static Display *open_display;

static void
close_display (void)
{
  if (open_display != NULL)
    XCloseDisplay (open_display);
  open_display = NULL;
}

int
main (int   argc,
      char *argv[])
{
  Source source, *self = &source;
  const char *types = "text/uri-list,x-special/gnome-copied-files,UTF8_STRING,text/plain;charset=utf-8";
  long timeout = 30000;
  Window window;
  XClientMessageEvent message;
  XSetWindowAttributes attributes;
  int i = 1, wx, wy, rx = 0, ry = 0, accepted = 0;
  Window child;

  memset (self, 0, sizeof *self);
  for (; i < argc && strncmp (argv[i], "--", 2) == 0; i += 2)
    {
      if (i + 1 >= argc)
        usage ();
      if (strcmp (argv[i], "--timeout") == 0)
        timeout = strtol (argv[i + 1], NULL, 10);
      else if (strcmp (argv[i], "--types") == 0)
        types = argv[i + 1];
      else
        usage ();
    }
  if (argc - i < 4)
    usage ();
  window = (Window) strtoul (argv[i], NULL, 0);
  wx = atoi (argv[i + 1]);
  wy = atoi (argv[i + 2]);
  self->uris = argv + i + 3;
  self->n_uris = argc - i - 3;
  self->deadline_ms = now_ms () + timeout;

  self->display = XOpenDisplay (NULL);
  if (self->display == NULL)
    {
      fprintf (stderr, "xdnd-source: cannot open the display\n");
      return EXIT_USAGE;
    }
  /* Every way out closes the display (a sanitized build counts an open
   * one as leaked). */
  open_display = self->display;
  atexit (close_display);
  XSetErrorHandler (on_x_error);
  self->root = DefaultRootWindow (self->display);
  self->xdnd_aware = intern (self, "XdndAware");
  self->xdnd_proxy = intern (self, "XdndProxy");
  self->xdnd_selection = intern (self, "XdndSelection");
  self->xdnd_type_list = intern (self, "XdndTypeList");
  self->xdnd_enter = intern (self, "XdndEnter");
  self->xdnd_position = intern (self, "XdndPosition");
  self->xdnd_status = intern (self, "XdndStatus");
  self->xdnd_leave = intern (self, "XdndLeave");
  self->xdnd_drop = intern (self, "XdndDrop");
  self->xdnd_finished = intern (self, "XdndFinished");
  self->xdnd_action_copy = intern (self, "XdndActionCopy");
  self->targets = intern (self, "TARGETS");
  self->timestamp = intern (self, "TIMESTAMP");
  self->stamp_property = intern (self, "_XDND_SOURCE_TIME");
  self->uri_list = intern (self, "text/uri-list");
  self->gnome_copied = intern (self, "x-special/gnome-copied-files");
  {
    char *list = strdup (types), *saveptr = NULL;

    for (char *type = strtok_r (list, ",", &saveptr); type != NULL && self->n_types < MAX_TYPES;
         type = strtok_r (NULL, ",", &saveptr))
      self->types[self->n_types++] = intern (self, type);
    free (list);
  }

  /* Our window: never mapped; a client message or a selection request
   * sent to it with no event mask reaches this client all the same. */
  attributes.event_mask = PropertyChangeMask;
  self->window = XCreateWindow (self->display, self->root, -10, -10, 1, 1, 0, 0, InputOnly, CopyFromParent,
                                CWEventMask, &attributes);
  XChangeProperty (self->display, self->window, self->xdnd_type_list, XA_ATOM, 32, PropModeReplace,
                   (unsigned char *) self->types, self->n_types);

  self->owned_at = server_time (self);
  XSetSelectionOwner (self->display, self->xdnd_selection, self->window, self->owned_at);
  if (XGetSelectionOwner (self->display, self->xdnd_selection) != self->window)
    {
      say ("could not own XdndSelection");
      return EXIT_USAGE;
    }
  say ("source 0x%lx owns XdndSelection at time %lu, %d types", self->window, self->owned_at, self->n_types);

  /* The pointer where the user's hand drops. */
  if (!XTranslateCoordinates (self->display, window, self->root, wx, wy, &rx, &ry, &child))
    {
      say ("window 0x%lx is not on the root's screen", window);
      return EXIT_USAGE;
    }
  XWarpPointer (self->display, None, self->root, 0, 0, 0, 0, rx, ry);
  XSync (self->display, False);
  if (!find_target (self, rx, ry))
    {
      say ("no XdndAware window at root (%d, %d)", rx, ry);
      return EXIT_NO_TARGET;
    }
  say ("target 0x%lx XdndAware version %d at root (%d, %d)", self->target, self->version, rx, ry);
  if (self->version < 3)
    {
      say ("target's version %d is too old", self->version);
      return EXIT_REFUSED;
    }
  if (self->version > XDND_VERSION)
    self->version = XDND_VERSION;

  /* XdndEnter: our version in the high byte, bit 0 when the types are in
   * XdndTypeList (more than three), else up to three in the message. */
  send_message (self, self->xdnd_enter, ((long) self->version << 24) | (self->n_types > 3 ? 1 : 0),
                self->n_types > 0 ? (long) self->types[0] : 0, self->n_types > 1 ? (long) self->types[1] : 0,
                self->n_types > 2 ? (long) self->types[2] : 0);
  say ("enter version %d%s", self->version, self->n_types > 3 ? " (types in XdndTypeList)" : "");

  /* The hand moving in: three positions, the last at the drop's point,
   * each after the status of the one before (the spec's rule). */
  for (int step = 2; step >= 0; step--)
    {
      int px = rx - 12 * step, py = ry - 8 * step;
      Time now = server_time (self);

      XWarpPointer (self->display, None, self->root, 0, 0, 0, 0, px, py);
      send_message (self, self->xdnd_position, 0, ((long) px << 16) | (py & 0xffff), (long) now,
                    (long) self->xdnd_action_copy);
      say ("position (%d, %d) time %lu action XdndActionCopy", px, py, now);
      if (!wait_message (self, self->xdnd_status, &message))
        {
          say ("timeout waiting for XdndStatus");
          send_message (self, self->xdnd_leave, 0, 0, 0, 0);
          return EXIT_TIMEOUT;
        }
      accepted = (message.data.l[1] & 1) != 0;
      say ("status accept=%d action=%s", accepted, atom_name (self, (Atom) message.data.l[4]));
    }
  if (!accepted)
    {
      send_message (self, self->xdnd_leave, 0, 0, 0, 0);
      say ("leave");
      return EXIT_REFUSED;
    }

  {
    Time now = server_time (self);

    send_message (self, self->xdnd_drop, 0, (long) now, 0, 0);
    say ("drop time %lu", now);
  }
  if (!wait_message (self, self->xdnd_finished, &message))
    {
      say ("timeout waiting for XdndFinished (%d data requests answered)", self->n_served);
      return EXIT_TIMEOUT;
    }
  /* Version 5: bit 0 of l[1] says the target took the drop, l[2] how. */
  say ("finished accepted=%d action=%s data-requests=%d x-errors=%d", (int) (message.data.l[1] & 1),
       atom_name (self, (Atom) message.data.l[2]), self->n_served, x_errors);
  XSetSelectionOwner (self->display, self->xdnd_selection, None, server_time (self));
  XDestroyWindow (self->display, self->window);
  return EXIT_DONE;
}
