"""Compiles every PO file of a folder into a GNU MO catalog: DIR/LANG.po -> OUT/LANG/LC_MESSAGES/DOMAIN.mo."""
import ast
import os
import struct
import sys


def read_po(path):
    messages, key, field = {}, {}, None
    def flush():
        if "msgid" in key:
            msgid = key["msgid"] + ("\0" + key["msgid_plural"] if "msgid_plural" in key else "")
            strs = [key[k] for k in sorted(k for k in key if k.startswith("msgstr"))]
            messages[msgid] = "\0".join(strs)
        key.clear()
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            if line.startswith('"'):
                key[field] += ast.literal_eval(line)
                continue
            word, rest = line.split(" ", 1)
            if word == "msgid":
                flush()
            field = word.replace("[", "").replace("]", "")
            key[field] = ast.literal_eval(rest)
    flush()
    return messages


def write_mo(messages, path):
    ids = sorted(messages)
    kb = [i.encode() for i in ids]
    vb = [messages[i].encode() for i in ids]
    start = 7 * 4 + 16 * len(ids)
    offsets, data = [], b""
    for b in kb + vb:
        offsets.append((len(b), start + len(data)))
        data += b + b"\0"
    head = struct.pack("<7I", 0x950412DE, 0, len(ids), 28, 28 + 8 * len(ids), 0, 0)
    table = b"".join(struct.pack("<2I", n, o) for n, o in offsets)
    with open(path, "wb") as f:
        f.write(head + table + data)


src, out, domain = sys.argv[1:4]
for name in sorted(os.listdir(src)):
    if name.endswith(".po"):
        target = os.path.join(out, name[:-3], "LC_MESSAGES")
        os.makedirs(target, exist_ok=True)
        write_mo(read_po(os.path.join(src, name)), os.path.join(target, domain + ".mo"))
