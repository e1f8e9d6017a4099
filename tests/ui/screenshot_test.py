#!/usr/bin/env python3
"""Screenshots of kafkasim-ui under Xvfb (issues 28 and 31): for each case, the PNG has the
asked size, is not blank, and the crashed broker's box shows the crashed colour where the
cluster panel says it drew it (kafkasim-ui prints each box as "box NAME X Y W H" after saving).
The cases: the full window with its timeline and event log (and with the charts), the scenario
picker (no scenario), and presenter mode at 1920x1080 and 1280x720.
   screenshot_test.py KAFKASIM_UI OUT_DIR
Exit 77 (CTest: skipped) when xvfb-run is missing."""
import os
import shutil
import struct
import subprocess
import sys
import zlib

CASES = [
    # scenario (None: the picker), at_ms, size, theme, the broker expected crashed (or None), more flags
    ("leader-failover", 12000, (1600, 900), "dark", "broker-2", []),
    ("unclean-election", 40000, (1280, 720), "light", "broker-1", []),
    ("rebalancing", 25000, (1600, 900), "dark", None, []),
    ("rebalancing", 60000, (1600, 900), "dark", None, ["--charts"]),
    (None, None, (1600, 900), "dark", None, []),
    (None, None, (1280, 720), "light", None, ["--lang", "ko"]),
    ("leader-failover", 12000, (1920, 1080), "dark", "broker-2", ["--present"]),
    ("leader-failover", 12000, (1280, 720), "light", "broker-2", ["--present"]),
]
CRASHED = {"dark": (213, 94, 0), "light": (213, 94, 0)}  # Okabe-Ito vermillion (ui/theme.cpp)


def read_png(path):
    data = open(path, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, width, height, channels = 8, b"", 0, 0, 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", body[:10])
            assert depth == 8 and colour in (2, 6), "8-bit RGB or RGBA expected"
            channels = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = width * channels
    rows, prev = [], bytearray(stride)
    for y in range(height):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - channels] if i >= channels else 0
            b = prev[i]
            c = prev[i - channels] if i >= channels else 0
            if f == 1: line[i] = (line[i] + a) & 255
            elif f == 2: line[i] = (line[i] + b) & 255
            elif f == 3: line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line))
        prev = line
    return width, height, channels, rows


def pixel(png, x, y):
    _, _, ch, rows = png
    return tuple(rows[y][x * ch:x * ch + 3])


def main():
    ui, out = sys.argv[1], sys.argv[2]
    xvfb = shutil.which("xvfb-run")
    if xvfb is None:
        print("xvfb-run not found: skipped")
        return 77
    os.makedirs(out, exist_ok=True)
    failures = 0
    for name, at, (w, h), theme, crashed, flags in CASES:
        label = f"{name or 'picker'}-{at or 0}-{w}x{h}{''.join(flags)}"
        path = os.path.join(out, f"{label}.png")
        cmd = [xvfb, "-a", "-s", "-screen 0 1920x1080x24", ui] + ([name, "--at", str(at)] if name else [])
        cmd += ["--screenshot", path, "--size", f"{w}x{h}", "--theme", theme] + flags
        cmd += [] if "--lang" in flags else ["--lang", "en"]
        r = subprocess.run(cmd, capture_output=True, text=True, timeout=240)
        if r.returncode != 0:
            print(f"{label}: exit {r.returncode}: {r.stderr.strip()}")
            failures += 1
            continue
        png = read_png(path)
        boxes = {p[1]: tuple(map(int, p[2:6])) for p in (l.split() for l in r.stdout.splitlines()) if p and p[0] == "box"}
        ok = (png[0], png[1]) == (w, h)
        background = pixel(png, 0, 0)
        differing = sum(1 for y in range(0, h, 4) for x in range(0, w, 4) if pixel(png, x, y) != background)
        ok = ok and differing * 16 > 20000
        if crashed is not None:
            x, y, bw, bh = boxes[crashed]
            # The box's header band is filled with the state's colour (blended at alpha 200/255).
            got = pixel(png, x + bw - 6, y + 12)
            want = CRASHED[theme]
            ok = ok and all(abs(g - c) < 60 for g, c in zip(got, want))
            print(f"{label}: {crashed} header pixel {got}, crashed colour {want}")
        print(f"{label}: {png[0]}x{png[1]}, about {differing * 16} pixels differ from the background: {'ok' if ok else 'FAIL'}")
        failures += 0 if ok else 1
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
