#!/usr/bin/python3
"""What the journeys ask of the X server, through python3-xlib. Xvfb runs no
window manager, so this does what one would.

Usage:
  x11.py close TITLE ANCESTOR_PID     ask the window to close (WM_DELETE_WINDOW)
  x11.py minimize TITLE ANCESTOR_PID  iconify it; prints true, or null
  x11.py state TITLE ANCESTOR_PID     prints {"viewable", "focused"}, or null
  x11.py window-of PID                prints whether PID has a window titled Byline
  x11.py choose TITLE ANCESTOR_PID PATH [SHOT]
                                      answer the desktop's file chooser titled
                                      TITLE as a person would: Ctrl+L, type
                                      PATH, Enter (SHOT: a screenshot of the
                                      screen first, with PATH typed)
  x11.py cancel TITLE ANCESTOR_PID    close that chooser with Escape
  x11.py drop TITLE ANCESTOR_PID PATH...
                                      drop files on the middle of that window,
                                      as a file manager does (XDND)

A window is the one titled TITLE whose process (_NET_WM_PID) descends from
ANCESTOR_PID (the journey's tauri-driver): a window of an app from an earlier
journey that is still going away has the same title. `close` exits 1 when
there is no such window; `choose` and `cancel` wait for it, 20 s at most. WebDriver's own "close window" tears the webview down
without asking the app, so `close` is how a journey closes the app as a
person would.
"""

import json
import subprocess
import sys
import time
import urllib.parse

from Xlib import X, XK, display, protocol
from Xlib.ext import xtest


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


def window_title(d, window):
    """_NET_WM_NAME (UTF-8, as GTK sets it), else WM_NAME: a Vietnamese
    title is only right in the first."""
    prop = window.get_full_property(d.intern_atom("_NET_WM_NAME"), d.intern_atom("UTF8_STRING"))
    if prop is not None and prop.value:
        value = prop.value
        return value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)
    return window.get_wm_name()


def find(d, window, title, test, by_window=False):
    """The window titled `title` whose process `test` accepts (or, with
    `by_window`, that `test` accepts itself), or None."""
    try:
        if window_title(d, window) == title and test(window if by_window else window_pid(d, window)):
            return window
        children = window.query_tree().children
    except Exception:  # a window may vanish while we walk the tree
        return None
    for child in children:
        found = find(d, child, title, test, by_window)
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


def wait_for(d, title, ancestor, seconds=20):
    """The window titled `title` of a process under `ancestor`, once shown.
    A chooser closed earlier may linger, unmapped, under the same title."""

    def shown(window):
        return (
            descends_from(window_pid(d, window), ancestor)
            and window.get_attributes().map_state == X.IsViewable
        )

    end = time.monotonic() + seconds
    while time.monotonic() < end:
        window = find(d, d.screen().root, title, shown, by_window=True)
        if window is not None:
            return window
        time.sleep(0.1)
    return None


class Keyboard:
    """Key presses through XTest, as from a real keyboard. A character no key
    of the keymap makes (Vietnamese letters on Xvfb's US keymap) is put on a
    spare keycode first, as xdotool does."""

    def __init__(self, d):
        self.d = d
        first, last = d.display.info.min_keycode, d.display.info.max_keycode
        mapping = d.get_keyboard_mapping(first, last - first + 1)
        self.spare = [first + i for i, syms in enumerate(mapping) if not any(syms)]
        self.borrowed = []

    def key(self, keysym, modifiers=()):
        keycode = self.d.keysym_to_keycode(keysym)
        shift = False
        if keycode:
            shift = self.d.keycode_to_keysym(keycode, 0) != keysym
        else:
            keycode = self.spare[len(self.borrowed) % len(self.spare)]
            self.d.change_keyboard_mapping(keycode, [(keysym, keysym)])
            self.borrowed.append(keycode)
            self.d.sync()
            # The client reads the new mapping (MappingNotify) before the key.
            time.sleep(0.05)
        held = [self.d.keysym_to_keycode(m) for m in modifiers]
        if shift:
            held.append(self.d.keysym_to_keycode(XK.XK_Shift_L))
        for m in held:
            xtest.fake_input(self.d, X.KeyPress, m)
        xtest.fake_input(self.d, X.KeyPress, keycode)
        xtest.fake_input(self.d, X.KeyRelease, keycode)
        for m in reversed(held):
            xtest.fake_input(self.d, X.KeyRelease, m)
        self.d.sync()
        time.sleep(0.01)

    def type(self, text):
        for char in text:
            code = ord(char)
            self.key(code if 0x20 <= code <= 0x7E or 0xA0 <= code <= 0xFF else 0x01000000 | code)

    def restore(self):
        for keycode in set(self.borrowed):
            self.d.change_keyboard_mapping(keycode, [(X.NoSymbol, X.NoSymbol)])
        self.d.sync()


def answer(d, window, path, shot):
    """Focus the chooser, Ctrl+L, type `path`, Enter (or Escape without a path)."""
    d.set_input_focus(window, X.RevertToParent, X.CurrentTime)
    d.sync()
    # GTK takes the focus and draws the chooser's list before keys count.
    time.sleep(0.5)
    keyboard = Keyboard(d)
    try:
        if path is None:
            keyboard.key(XK.XK_Escape)
            return
        keyboard.key(XK.XK_l, modifiers=[XK.XK_Control_L])
        time.sleep(0.3)
        keyboard.type(path)
        time.sleep(0.5)
        if shot:
            subprocess.run(["import", "-window", "root", shot], check=True)
        keyboard.key(XK.XK_Return)
    finally:
        keyboard.restore()


def drop(d, target, paths, seconds=20):
    """Drops `paths` on the middle of `target` as a file manager does: the
    XDND protocol (version 5) from a window of ours, which owns the
    XdndSelection and hands the files over as text/uri-list."""
    atom = d.intern_atom
    root = d.screen().root
    source = root.create_window(0, 0, 1, 1, 0, X.CopyFromParent)
    uri_list = atom("text/uri-list")
    data = "".join(
        "file://" + urllib.parse.quote(path.encode("utf-8")) + "\r\n" for path in paths
    ).encode("ascii")
    source.set_selection_owner(atom("XdndSelection"), X.CurrentTime)
    geometry = target.get_geometry()
    where = root.translate_coords(target, geometry.width // 2, geometry.height // 2)

    def send(kind, values):
        event = protocol.event.ClientMessage(
            window=target, client_type=atom(kind), data=(32, [source.id] + values)
        )
        target.send_event(event, event_mask=X.NoEventMask)
        d.flush()

    send("XdndEnter", [5 << 24, uri_list, 0, 0])
    send("XdndPosition", [0, (where.x << 16) | where.y, X.CurrentTime, atom("XdndActionCopy")])
    dropped = False
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if not d.pending_events():
            time.sleep(0.02)
            continue
        event = d.next_event()
        if event.type == X.SelectionRequest:
            # The target asks for the files: put them on its property.
            event.requestor.change_property(event.property, uri_list, 8, data)
            reply = protocol.event.SelectionNotify(
                time=event.time,
                requestor=event.requestor,
                selection=event.selection,
                target=event.target,
                property=event.property,
            )
            event.requestor.send_event(reply)
            d.flush()
        elif event.type == X.ClientMessage and event.client_type == atom("XdndStatus"):
            if not dropped and event.data[1][1] & 1:
                dropped = True
                send("XdndDrop", [0, X.CurrentTime, 0, 0])
        elif event.type == X.ClientMessage and event.client_type == atom("XdndFinished"):
            source.destroy()
            d.sync()
            return True
    source.destroy()
    d.sync()
    return False


def main():
    d = display.Display()
    command = sys.argv[1]
    root = d.screen().root
    if command == "window-of":
        pid = int(sys.argv[2])
        print(json.dumps(find(d, root, "Byline", lambda p: p == pid) is not None))
        return 0
    title, ancestor = sys.argv[2], int(sys.argv[3])
    if command in ("choose", "cancel"):
        window = wait_for(d, title, ancestor)
        if window is None:
            print(f"no chooser titled {title!r} of a process under {ancestor}", file=sys.stderr)
            return 1
        path = sys.argv[4] if command == "choose" else None
        answer(d, window, path, sys.argv[5] if len(sys.argv) > 5 else None)
        return 0
    window = find(d, root, title, lambda p: descends_from(p, ancestor))
    if command == "drop":
        if window is None or not drop(d, window, sys.argv[4:]):
            print(f"could not drop on a window titled {title!r} of a process under {ancestor}", file=sys.stderr)
            return 1
        return 0
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
