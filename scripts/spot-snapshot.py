#!/usr/bin/env python3
"""Gives the shared 2023 Binance spot recording a depth snapshot, so that it can be scored (research only).

The file binance-hftbacktest/spot/btcusdt_20230405.dat.gz continues a session whose REST snapshot was in the previous
day's file, which the shared data does not hold: its book never becomes valid and it gives no predictions. This writes
a copy with a snapshot line after its first depth diff (where a recorder puts the one it fetches after subscribing):
lastUpdateId the first diff's first update id, so that diff applies first (Binance: the snapshot's id must fall in
the first buffered diff's range), and for levels every price the first 200 diffs (about 20 s) name, at the quantity
it is first given, on the side of the first bookTicker it belongs to. A level first named by its deletion gets the
side's median quantity until then.

It is not the real book: levels no early diff touches are missing, and the early ones carry later quantities until
their first diff. `quantumflow book verify` on the result checks the rebuilt best bid and ask against every bookTicker
whose update id an applied diff carries (890 checks, none off). Scores measured on it say so (docs/evaluation).

Usage: scripts/spot-snapshot.py ../shared/data/binance-hftbacktest/spot/btcusdt_20230405.dat.gz OUT_DIR
"""
import gzip
import json
import os
import statistics
import sys

DIFFS = 200


def main(src, out_dir):
    with gzip.open(src, "rt") as f:
        lines = f.read().splitlines()
    first_diff_at, first, ticker, levels, diffs = None, None, None, {"b": {}, "a": {}}, 0
    deleted = {"b": set(), "a": set()}
    for i, line in enumerate(lines):
        message = json.loads(line.split(" ", 1)[1])
        data, stream = message.get("data", message), message.get("stream", "")
        if ticker is None and stream.endswith("@bookTicker"):
            ticker = data
        if data.get("e") != "depthUpdate" or diffs >= DIFFS:
            continue
        if first is None:
            first, first_diff_at = data, i
        diffs += 1
        for side in "ba":
            for price, qty in data[side]:
                if price in levels[side] or price in deleted[side]:
                    continue
                if float(qty) > 0:
                    levels[side][price] = qty
                else:
                    deleted[side].add(price)
    if first is None or ticker is None:
        sys.exit(f"{src}: no depth diff or no bookTicker to build a snapshot from")
    snapshot = {"lastUpdateId": first["U"]}
    for side, key, inside in (("b", "bids", lambda p: p <= float(ticker["b"])), ("a", "asks", lambda p: p >= float(ticker["a"]))):
        median = statistics.median(float(q) for q in levels[side].values())
        book = dict(levels[side])
        book.update({p: f"{median:.8f}" for p in deleted[side]})
        kept = sorted((p for p in book if inside(float(p))), key=float, reverse=(side == "b"))
        snapshot[key] = [[p, book[p]] for p in kept]
    stamp = lines[first_diff_at].split(" ", 1)[0]
    lines.insert(first_diff_at + 1, f"{stamp} {json.dumps(snapshot, separators=(',', ':'))}")
    os.makedirs(out_dir, exist_ok=True)
    out = os.path.join(out_dir, os.path.basename(src))
    with gzip.open(out, "wt") as f:
        f.write("\n".join(lines) + "\n")
    print(f"wrote {out}: snapshot of {len(snapshot['bids'])} bids and {len(snapshot['asks'])} asks after line {first_diff_at + 1}")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
