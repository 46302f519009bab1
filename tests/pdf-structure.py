# SPDX-License-Identifier: GPL-3.0-or-later
"""Prints the structure tree of a tagged PDF as JSON, read through qpdf:
the catalogue's /Lang, and each structure element in reading order (depth
first) with its type, depth, alternative text and the text of its marked
content. The text is read from the content streams (literal strings in
the WinAnsi encoding cairo gives its Latin subsets, and the /ActualText of
marked spans), enough for the words of Transfo's own documents.

Usage: pdf-structure.py FILE.pdf"""

import base64
import json
import re
import subprocess
import sys

TOKEN = re.compile(rb"""
    /(?P<tag>[A-Za-z0-9]+)\s*<<(?P<props>[^>]*(?:<[0-9A-Fa-f]*>[^>]*)*)>>\s*BDC
  | (?P<emc>\bEMC\b)
  | \((?P<lit>(?:\\.|[^\\)])*)\)
""", re.S | re.X)


def unescape(raw):
    out = bytearray()
    i = 0
    while i < len(raw):
        c = raw[i]
        if c == 0x5C and i + 1 < len(raw):
            n = raw[i + 1]
            if 0x30 <= n <= 0x37:
                digits = re.match(rb"[0-7]{1,3}", raw[i + 1:i + 4]).group(0)
                out.append(int(digits, 8) & 0xFF)
                i += 1 + len(digits)
                continue
            out += {ord("n"): b"\n", ord("r"): b"\r", ord("t"): b"\t"}.get(n, bytes([n]))
            i += 2
            continue
        out.append(c)
        i += 1
    return out.decode("cp1252", errors="replace")


def marked_texts(data):
    """MCID -> text of one page's content stream."""
    texts = {}
    stack = []  # ("mcid", n) | ("span", None) | ("other", None)
    for m in TOKEN.finditer(data):
        if m.group("tag") is not None:
            props = m.group("props")
            mcid = re.search(rb"/MCID\s+(\d+)", props)
            actual = re.search(rb"/ActualText\s*<([0-9A-Fa-f]*)>", props)
            if mcid:
                stack.append(("mcid", int(mcid.group(1))))
            elif actual:
                text = bytes.fromhex(actual.group(1).decode()).decode("utf-16") if actual.group(1) else ""
                owner = next((v for k, v in reversed(stack) if k == "mcid"), None)
                if owner is not None:
                    texts[owner] = texts.get(owner, "") + text
                stack.append(("span", None))
            else:
                stack.append(("other", None))
        elif m.group("emc") is not None:
            if stack:
                stack.pop()
        elif any(k == "span" for k, _ in stack):
            continue  # its /ActualText stands for it
        else:
            owner = next((v for k, v in reversed(stack) if k == "mcid"), None)
            if owner is not None:
                texts[owner] = texts.get(owner, "") + unescape(m.group("lit"))
    return texts


def main(path):
    out = subprocess.run(["qpdf", "--json=2", "--json-key=qpdf", "--json-stream-data=inline",
                          "--decode-level=generalized", path], capture_output=True, check=True).stdout
    q = json.loads(out)["qpdf"][1]
    objects = {k[4:]: v for k, v in q.items() if k.startswith("obj:")}

    def value(ref):
        if isinstance(ref, str) and ref.endswith(" R"):
            return objects.get(ref, {}).get("value", objects.get(ref, {}).get("stream", {}).get("dict"))
        return ref

    root = value(q["trailer"]["value"]["/Root"])
    pages = []

    def walk_pages(node):
        node = value(node)
        if node.get("/Type") == "/Pages":
            for kid in node["/Kids"]:
                walk_pages(kid)
        else:
            pages.append(node)
    walk_pages(root["/Pages"])

    page_texts = {}

    def texts_of(page_ref):
        if page_ref not in page_texts:
            page = value(page_ref)
            contents = page.get("/Contents")
            refs = contents if isinstance(contents, list) else [contents]
            data = b"".join(base64.b64decode(objects[r]["stream"].get("data", "")) for r in refs if r)
            page_texts[page_ref] = marked_texts(data)
        return page_texts[page_ref]

    elements = []

    def text_string(s):
        if s is None:
            return None
        if s.startswith("u:"):
            return s[2:]
        if s.startswith("b:"):
            raw = bytes.fromhex(s[2:])
            return raw[2:].decode("utf-16-be") if raw[:2] == b"\xfe\xff" else raw.decode("latin-1")
        return s

    def walk(ref, depth, page):
        node = value(ref)
        if not isinstance(node, dict):
            return ""
        page = node.get("/Pg", page)
        element = {"type": node.get("/S", "")[1:], "depth": depth, "alt": text_string(node.get("/Alt"))}
        elements.append(element)
        kids = node.get("/K", [])
        kids = kids if isinstance(kids, list) else [kids]
        text = ""
        for kid in kids:
            if isinstance(kid, int):
                text += texts_of(page).get(kid, "")
            elif isinstance(kid, str) and kid.endswith(" R"):
                text += walk(kid, depth + 1, page)
            elif isinstance(kid, dict) and "/MCID" in kid:
                text += texts_of(kid.get("/Pg", page)).get(kid["/MCID"], "")
        element["text"] = text
        return text

    tree = value(root.get("/StructTreeRoot")) if "/StructTreeRoot" in root else {"/K": []}
    kids = tree.get("/K", [])
    for kid in kids if isinstance(kids, list) else [kids]:
        walk(kid, 0, None)
    json.dump({"lang": text_string(root.get("/Lang")), "pages": len(pages), "elements": elements},
              sys.stdout, ensure_ascii=False, indent=1)


if __name__ == "__main__":
    main(sys.argv[1])
