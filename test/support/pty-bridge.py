#!/usr/bin/env python3
"""Runs a command in a real pseudo-terminal and bridges it to pipes.

usage: pty-bridge.py COLS ROWS COMMAND [ARG...]

Bytes read on this process's stdin are written to the terminal (keystrokes); everything the
command writes to the terminal is copied to this process's stdout. When the command ends, the
remaining output is drained and this process exits with the command's exit code (128 + N when
signal N ended it). Closing stdin stops the keystrokes but not the command.

node-pty needs a native addon (npm here runs no install scripts); Python's pty module is in
every python3, so the tests drive the real CLI through this bridge instead.
"""

import errno
import fcntl
import os
import pty
import select
import signal
import struct
import sys
import termios


def write_all(fd, data):
    while data:
        written = os.write(fd, data)
        data = data[written:]


def main():
    cols, rows = int(sys.argv[1]), int(sys.argv[2])
    command = sys.argv[3:]
    if not command:
        sys.stderr.write("pty-bridge: no command\n")
        return 2

    pid, master = pty.fork()
    if pid == 0:
        # Child: its stdin/stdout/stderr are the terminal, which is also its controlling tty.
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        try:
            os.execvp(command[0], command)
        except OSError as error:
            os.write(2, ("pty-bridge: cannot run %s: %s\n" % (command[0], error)).encode())
            os._exit(127)

    # A test runner that stops the bridge stops the command too.
    def forward(signum, _frame):
        try:
            os.kill(pid, signum)
        except ProcessLookupError:
            pass

    signal.signal(signal.SIGTERM, forward)
    signal.signal(signal.SIGHUP, forward)

    stdin_open = True
    while True:
        watched = [master] + ([0] if stdin_open else [])
        try:
            readable, _, _ = select.select(watched, [], [])
        except InterruptedError:
            continue
        if master in readable:
            try:
                data = os.read(master, 65536)
            except OSError as error:
                if error.errno == errno.EIO:  # every slave end closed: the command is done
                    break
                raise
            if not data:
                break
            write_all(1, data)
        if 0 in readable:
            data = os.read(0, 65536)
            if data:
                write_all(master, data)
            else:
                stdin_open = False

    _, status = os.waitpid(pid, 0)
    if os.WIFSIGNALED(status):
        return 128 + os.WTERMSIG(status)
    return os.WEXITSTATUS(status)


if __name__ == "__main__":
    sys.exit(main())
