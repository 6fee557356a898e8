#!/usr/bin/env python3
"""Minimal QMP client for the capture lab.

    qmp.py SOCKET COMMAND [JSON_ARGUMENTS]     run one command, print its "return" as JSON
    qmp.py SOCKET wait-migration [TIMEOUT_S]   poll query-migrate until "completed" (exit 1 on
                                               "failed", "cancelled" or timeout)
    qmp.py SOCKET wait-incoming [TIMEOUT_S]    poll query-status until an incoming migration
                                               has ended; print the run state (a guest
                                               snapshotted while stopped arrives "paused")

Events QEMU sends in between are skipped. Exit status 1 when QEMU answers with an error.
"""
import json
import socket
import sys
import time


class Qmp:
    def __init__(self, path):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        # QEMU creates the socket early in its start, which can take long on a loaded machine.
        for _ in range(1200):
            try:
                self.sock.connect(path)
                break
            except (FileNotFoundError, ConnectionRefusedError):
                time.sleep(0.1)
        else:
            sys.exit(f"qmp.py: cannot connect to {path}")
        self.reader = self.sock.makefile("r")
        self.reader.readline()                      # greeting
        self.run("qmp_capabilities")

    def run(self, command, arguments=None):
        message = {"execute": command}
        if arguments:
            message["arguments"] = arguments
        self.sock.sendall(json.dumps(message).encode() + b"\n")
        while True:
            line = self.reader.readline()
            if not line:
                sys.exit(f"qmp.py: QEMU closed the connection during {command}")
            reply = json.loads(line)
            if "return" in reply:
                return reply["return"]
            if "error" in reply:
                sys.exit(f"qmp.py: {command}: {reply['error'].get('desc', reply['error'])}")


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    qmp = Qmp(sys.argv[1])
    if sys.argv[2] == "wait-incoming":
        deadline = time.time() + float(sys.argv[3] if len(sys.argv) > 3 else 600)
        while time.time() < deadline:
            status = qmp.run("query-status").get("status")
            if status != "inmigrate":
                print(status)
                return
            time.sleep(0.01)
        sys.exit("qmp.py: the incoming migration did not end in time")
    if sys.argv[2] == "wait-migration":
        deadline = time.time() + float(sys.argv[3] if len(sys.argv) > 3 else 600)
        while time.time() < deadline:
            status = qmp.run("query-migrate").get("status", "none")
            if status == "completed":
                return
            if status in ("failed", "cancelled"):
                sys.exit(f"qmp.py: migration {status}")
            time.sleep(0.05)
        sys.exit("qmp.py: migration did not complete in time")
    arguments = json.loads(sys.argv[3]) if len(sys.argv) > 3 else None
    print(json.dumps(qmp.run(sys.argv[2], arguments)))


if __name__ == "__main__":
    main()
