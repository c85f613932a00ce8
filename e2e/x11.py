#!/usr/bin/python3
"""What the journeys ask of the X server, through python3-xlib. Xvfb runs no
window manager, so this does what one would.

Usage:
  x11.py close TITLE ANCESTOR_PID     ask the window to close (WM_DELETE_WINDOW)
  x11.py minimize TITLE ANCESTOR_PID  iconify it; prints true, or null
  x11.py state TITLE ANCESTOR_PID     prints {"viewable", "focused"}, or null
  x11.py window-of PID                prints whether PID has a window titled Byline

A window is the one titled TITLE whose process (_NET_WM_PID) descends from
ANCESTOR_PID (the journey's tauri-driver): a window of an app from an earlier
journey that is still going away has the same title. `close` exits 1 when
there is no such window. WebDriver's own "close window" tears the webview down
without asking the app, so `close` is how a journey closes the app as a
person would.
"""

import json
import sys

from Xlib import X, display, protocol


def parent_of(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            # The command name (field 2) may hold spaces; it ends at the last ')'.
            return int(f.read().rsplit(")", 1)[1].split()[1])
    except (OSError, IndexError, ValueError):
        return 0


def descends_from(pid, ancestor):
    while pid > 1:
        if pid == ancestor:
            return True
        pid = parent_of(pid)
    return False


def window_pid(d, window):
    prop = window.get_full_property(d.intern_atom("_NET_WM_PID"), X.AnyPropertyType)
    return prop.value[0] if prop is not None and len(prop.value) else 0


def find(d, window, title, test):
    """The window titled `title` whose process `test` accepts, or None."""
    try:
        if window.get_wm_name() == title and test(window_pid(d, window)):
            return window
        children = window.query_tree().children
    except Exception:  # a window may vanish while we walk the tree
        return None
    for child in children:
        found = find(d, child, title, test)
        if found is not None:
            return found
    return None


def focused_within(d, window):
    focus = d.get_input_focus().focus
    if not hasattr(focus, "id"):  # None or PointerRoot: nobody's window
        return False
    root = d.screen().root.id
    while focus.id != root:
        if focus.id == window.id:
            return True
        focus = focus.query_tree().parent
    return False


def close(d, window):
    protocols = d.intern_atom("WM_PROTOCOLS")
    delete = d.intern_atom("WM_DELETE_WINDOW")
    event = protocol.event.ClientMessage(
        window=window, client_type=protocols, data=(32, [delete, X.CurrentTime, 0, 0, 0])
    )
    window.send_event(event, event_mask=X.NoEventMask)
    # A round trip, not just a flush: the X server drops the requests of a
    # client that has gone before it read them (it sees the hang-up and
    # closes the client without reading on), so a message flushed just
    # before this process exits is lost now and then, and the window never
    # hears of the close. Once the server has answered, it has delivered it.
    d.sync()


def minimize(d, window):
    # What a window manager does when asked to iconify (ICCCM): unmap the
    # window and mark it iconic; the focus then goes to nobody.
    window.unmap()
    wm_state = d.intern_atom("WM_STATE")
    window.change_property(wm_state, wm_state, 32, [3, X.NONE])
    d.set_input_focus(X.NONE, X.RevertToNone, X.CurrentTime)
    d.sync()


def main():
    d = display.Display()
    command = sys.argv[1]
    root = d.screen().root
    if command == "window-of":
        pid = int(sys.argv[2])
        print(json.dumps(find(d, root, "Byline", lambda p: p == pid) is not None))
        return 0
    title, ancestor = sys.argv[2], int(sys.argv[3])
    window = find(d, root, title, lambda p: descends_from(p, ancestor))
    if command == "close":
        if window is None:
            print(f"no window titled {title!r} of a process under {ancestor}", file=sys.stderr)
            return 1
        close(d, window)
    elif window is None:
        print(json.dumps(None))
    elif command == "minimize":
        minimize(d, window)
        print(json.dumps(True))
    elif command == "state":
        viewable = window.get_attributes().map_state == X.IsViewable
        print(json.dumps({"viewable": viewable, "focused": focused_within(d, window)}))
    else:
        print(f"unknown command {command!r}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
