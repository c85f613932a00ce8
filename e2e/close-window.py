#!/usr/bin/python3
"""Asks a window to close the way a window manager's close button does: a
WM_DELETE_WINDOW message. Xvfb runs no window manager, and WebDriver's own
"close window" tears the webview down without asking the app, so this is how a
journey closes the app as a person would.

Usage: close-window.py TITLE ANCESTOR_PID
Closes the window titled TITLE whose process (_NET_WM_PID) descends from
ANCESTOR_PID (the journey's tauri-driver): a window of an app from an earlier
journey that is still going away has the same title. Exits 1 when there is no
such window.
"""

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


def find(d, window, title, ancestor):
    try:
        if window.get_wm_name() == title and descends_from(window_pid(d, window), ancestor):
            return window
        children = window.query_tree().children
    except Exception:  # a window may vanish while we walk the tree
        return None
    for child in children:
        found = find(d, child, title, ancestor)
        if found is not None:
            return found
    return None


def main():
    title, ancestor = sys.argv[1], int(sys.argv[2])
    d = display.Display()
    window = find(d, d.screen().root, title, ancestor)
    if window is None:
        print(f"no window titled {title!r} of a process under {ancestor}", file=sys.stderr)
        return 1
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
    return 0


if __name__ == "__main__":
    sys.exit(main())
