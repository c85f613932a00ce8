#!/usr/bin/python3
"""Asks a window to close the way a window manager's close button does: a
WM_DELETE_WINDOW message. Xvfb runs no window manager, and WebDriver's own
"close window" tears the webview down without asking the app, so this is how a
journey closes the app as a person would.

Usage: close-window.py TITLE   (exits 1 when no window has that title)
"""

import sys

from Xlib import X, display, protocol


def find(window, title):
    try:
        if window.get_wm_name() == title:
            return window
        children = window.query_tree().children
    except Exception:  # a window may vanish while we walk the tree
        return None
    for child in children:
        found = find(child, title)
        if found is not None:
            return found
    return None


def main():
    title = sys.argv[1]
    d = display.Display()
    window = find(d.screen().root, title)
    if window is None:
        print(f"no window titled {title!r}", file=sys.stderr)
        return 1
    protocols = d.intern_atom("WM_PROTOCOLS")
    delete = d.intern_atom("WM_DELETE_WINDOW")
    event = protocol.event.ClientMessage(
        window=window, client_type=protocols, data=(32, [delete, X.CurrentTime, 0, 0, 0])
    )
    window.send_event(event, event_mask=X.NoEventMask)
    d.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
