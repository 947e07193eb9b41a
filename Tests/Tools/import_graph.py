#!/usr/bin/env python3
"""The library's import graph, drawn from type references, and its public types.

For every Swift file under a source root (default Sources/TradeSim) it finds the types the file
declares (struct, enum, class, protocol, actor, typealias; nested ones by their qualified name,
`Outer.Inner`, including those declared in an `extension Outer`) and the library types it
references (any declared type name in code, outside comments and string literals; string
interpolations count as code). A reference to a type declared in another folder is an edge
folder -> folder; edges are aggregated with the number of distinct (file, type) references and
a few examples. Top-level free functions (e.g. `loadV`) are counted as symbols too.

Resolution, deliberately simple and stated:
- a dotted chain `A.B.C` resolves to the longest declared prefix (`A.B` if declared, and `A`);
- an unqualified name resolves to a top-level type of that name, else to `T.Name` for a type T
  the file declares or extends (Swift's lookup inside a type's scope);
- `extension A` in a file is a reference to A;
- a type referenced from its own file is not an edge.

Public types: every struct/enum/class/protocol/actor/typealias declared `public` or `open`
(top-level and nested), and those declared in a `public extension`. `package` ones are counted
apart.

    python3 Tests/Tools/import_graph.py                       # graph of ./Sources/TradeSim
    python3 Tests/Tools/import_graph.py --root /tmp/before/Sources/TradeSim
    python3 Tests/Tools/import_graph.py --files               # also every file's references
    python3 Tests/Tools/import_graph.py --depth 2             # folders two levels deep
    python3 Tests/Tools/import_graph.py --json out.json

Standard library only; no arguments change the rules above.
"""
import argparse
import json
import os
import re
import sys
from collections import defaultdict

DECL_KEYWORDS = {"struct", "enum", "class", "protocol", "actor", "typealias", "extension"}
MODIFIERS = {"public", "open", "package", "internal", "private", "fileprivate", "final",
             "indirect", "nonisolated", "static", "override", "mutating", "nonmutating"}


def strip_comments_and_strings(text):
    """Replace comments and string-literal contents by spaces (newlines kept); keep the code of
    string interpolations."""
    out = []
    i, n = 0, len(text)
    # Stack of states: ('code', paren_depth) or ('str', delimiter, hashes, multiline).
    stack = [("code", 0)]
    while i < n:
        state = stack[-1]
        c = text[i]
        if state[0] == "code":
            if text.startswith("//", i):
                j = text.find("\n", i)
                j = n if j < 0 else j
                out.append(" " * (j - i))
                i = j
                continue
            if text.startswith("/*", i):
                depth, j = 1, i + 2
                while j < n and depth:
                    if text.startswith("/*", j):
                        depth += 1
                        j += 2
                    elif text.startswith("*/", j):
                        depth -= 1
                        j += 2
                    else:
                        j += 1
                out.append("".join("\n" if ch == "\n" else " " for ch in text[i:j]))
                i = j
                continue
            m = re.compile(r'(#*)("""|")').match(text, i)
            if m and (m.group(1) == "" or text[i] == "#"):
                hashes, quote = len(m.group(1)), m.group(2)
                out.append(" " * (m.end() - i))
                stack.append(("str", quote, hashes))
                i = m.end()
                continue
            if c == "(":
                stack[-1] = ("code", state[1] + 1)
            elif c == ")":
                if state[1] == 0 and len(stack) > 1:
                    stack.pop()  # end of an interpolation: back into the string
                    out.append(" ")
                    i += 1
                    continue
                stack[-1] = ("code", state[1] - 1)
            out.append(c)
            i += 1
        else:
            _, quote, hashes = state
            close = quote + "#" * hashes
            if text.startswith(close, i):
                out.append(" " * len(close))
                stack.pop()
                i += len(close)
                continue
            escape = "\\" + "#" * hashes
            if text.startswith(escape + "(", i):
                out.append(" " * (len(escape) + 1))
                stack.append(("code", 0))
                i += len(escape) + 1
                continue
            if text.startswith(escape, i) and i + len(escape) < n:
                out.append("  " if text[i + len(escape)] != "\n" else " \n")
                i += len(escape) + 1
                continue
            out.append("\n" if c == "\n" else " ")
            i += 1
    return "".join(out)


TOKEN = re.compile(r"[A-Za-z_][A-Za-z_0-9]*(?:\.[A-Za-z_][A-Za-z_0-9]*)*|[{}]|@[A-Za-z_]+|\S")


class FileInfo:
    def __init__(self, path, folder):
        self.path = path
        self.folder = folder
        self.declares = []      # (qualified name, access)
        self.extends = []       # qualified names of extended types
        self.contexts = set()   # types whose scope the file's code is in
        self.chains = []        # dotted identifier chains used in code
        self.functions = []     # top-level free functions declared


def scan(path, folder):
    info = FileInfo(path, folder)
    code = strip_comments_and_strings(open(path, encoding="utf-8").read())
    tokens = TOKEN.findall(code)
    scopes = []           # each: (kind, qualified name or None, extension public?)
    pending = None        # (kind, name, access) waiting for its '{'
    modifiers = []
    i = 0
    while i < len(tokens):
        t = tokens[i]
        if t == "{":
            if pending:
                scopes.append(pending)
                pending = None
            else:
                scopes.append(("block", None, None))
            modifiers = []
        elif t == "}":
            if scopes:
                scopes.pop()
            modifiers = []
        elif t in MODIFIERS or t.startswith("@"):
            modifiers.append(t)
        elif t in DECL_KEYWORDS and i + 1 < len(tokens) and re.match(r"[A-Za-z_]", tokens[i + 1]):
            nxt = tokens[i + 1]
            if t == "class" and nxt in ("func", "var", "let", "subscript"):
                modifiers.append(t)
                i += 1
                continue
            outer = [s[1] for s in scopes if s[0] in ("type", "extension")]
            enclosing = outer[-1] if outer else None
            access = next((m for m in modifiers if m in ("public", "open", "package", "private",
                                                         "fileprivate", "internal")), None)
            if access is None:
                ext = next((s for s in reversed(scopes) if s[0] == "extension"), None)
                if ext is not None and ext[2] in ("public", "package") and enclosing == ext[1]:
                    access = ext[2]
            if t == "extension":
                name = nxt.split("<")[0]
                info.extends.append(name)
                info.chains.append(name)
                info.contexts.add(name)
                pending = ("extension", name, access)
            else:
                name = nxt if enclosing is None else enclosing + "." + nxt
                info.declares.append((name, access or "internal", t))
                info.contexts.add(name)
                if t != "typealias":
                    pending = ("type", name, access)
            modifiers = []
            i += 2
            continue
        elif t == "func" and i + 1 < len(tokens):
            if not any(s[0] in ("type", "extension", "block") for s in scopes):
                info.functions.append(tokens[i + 1])
            modifiers = []
        elif re.match(r"[A-Za-z_]", t):
            info.chains.append(t)
            if t not in ("let", "var", "func", "init", "static", "return"):
                modifiers = [] if t not in MODIFIERS else modifiers
        else:
            if t not in ("<", ">", ",", ":", "=", "(", ")"):
                modifiers = []
        i += 1
    return info


def folder_of(rel, depth):
    parts = rel.split(os.sep)[:-1]
    return "/".join(parts[:depth]) if parts else "(root)"


def build(root, depth):
    files = []
    for base, _, names in os.walk(root):
        for name in sorted(names):
            if name.endswith(".swift"):
                path = os.path.join(base, name)
                rel = os.path.relpath(path, root)
                files.append((rel, scan(path, folder_of(rel, depth))))
    files.sort()
    declared = {}   # qualified name -> (rel file, access, kind)
    for rel, info in files:
        for name, access, kind in info.declares:
            declared.setdefault(name, (rel, access, kind))
    functions = {}
    for rel, info in files:
        for f in info.functions:
            functions.setdefault(f, rel)
    nested_by_simple = defaultdict(list)
    for name in declared:
        if "." in name:
            nested_by_simple[name.rsplit(".", 1)[1]].append(name)

    refs = {}  # rel -> set of referenced names (types and functions) declared in other files
    for rel, info in files:
        found = set()
        for chain in info.chains:
            parts = chain.split(".")
            head = parts[0]
            if head in declared:
                found.add(head)
                for k in range(2, len(parts) + 1):
                    q = ".".join(parts[:k])
                    if q in declared:
                        found.add(q)
            elif head in functions:
                found.add(head)
            else:
                for q in nested_by_simple.get(head, []):
                    owner = q.rsplit(".", 1)[0]
                    if owner in info.contexts or any(c.startswith(owner + ".") for c in info.contexts):
                        found.add(q)
                        for k in range(2, len(parts) + 1):
                            qq = q + "." + ".".join(parts[1:k])
                            if qq in declared:
                                found.add(qq)
        where = {}
        for name in found:
            target = declared[name][0] if name in declared else functions[name]
            if target != rel:
                where[name] = target
        refs[rel] = where
    return files, declared, functions, refs


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--root", default="Sources/TradeSim")
    ap.add_argument("--depth", type=int, default=1, help="folder depth of a graph node")
    ap.add_argument("--examples", type=int, default=4)
    ap.add_argument("--files", action="store_true", help="list every file's references too")
    ap.add_argument("--json", help="also write the graph as JSON to this path")
    args = ap.parse_args()
    if not os.path.isdir(args.root):
        sys.exit(f"no such folder: {args.root}")
    files, declared, functions, refs = build(args.root, args.depth)
    folder = {rel: info.folder for rel, info in files}

    edges = defaultdict(list)  # (from, to) -> [(file, name)]
    for rel, where in refs.items():
        for name, target in sorted(where.items()):
            a, b = folder[rel], folder[target]
            if a != b:
                edges[(a, b)].append((os.path.basename(rel), name))

    print(f"# import graph of {args.root}: {len(files)} files, {len(declared)} types "
          f"({sum(1 for n in declared if '.' not in n)} top-level), {len(functions)} free functions")
    print("# folder -> folder   references (distinct file x type)   examples")
    for (a, b), items in sorted(edges.items()):
        ex = ", ".join(f"{f[:-6]}→{n}" for f, n in items[:args.examples])
        more = f", … (+{len(items) - args.examples})" if len(items) > args.examples else ""
        print(f"{a} -> {b}  {len(items)}  {ex}{more}")
    both = sorted({tuple(sorted(k)) for k in edges if (k[1], k[0]) in edges})
    print("# two-way pairs: " + (", ".join(f"{a} <-> {b}" for a, b in both) or "none"))

    public = sorted(n for n, (_, acc, _) in declared.items() if acc in ("public", "open"))
    package = sorted(n for n, (_, acc, _) in declared.items() if acc == "package")
    top = [n for n in public if "." not in n]
    print(f"# public types: {len(public)} of {len(declared)} ({len(top)} top-level, "
          f"{len(public) - len(top)} nested); package: {len(package)}")
    print("# public: " + ", ".join(public))
    if package:
        print("# package: " + ", ".join(package))

    if args.files:
        print("# files: file (folder)  declares | references elsewhere")
        for rel, info in files:
            decl = ", ".join(n for n, _, _ in info.declares)
            ref = ", ".join(f"{n} ({folder[t]})" for n, t in sorted(refs[rel].items()))
            print(f"{rel}  declares: {decl or '-'} | refs: {ref or '-'}")

    if args.json:
        with open(args.json, "w") as f:
            json.dump({
                "root": args.root,
                "edges": [{"from": a, "to": b, "count": len(v), "examples": [f"{x}→{y}" for x, y in v]}
                          for (a, b), v in sorted(edges.items())],
                "public": public, "package": package, "types": len(declared),
                "files": {rel: {"declares": [n for n, _, _ in info.declares],
                                "references": refs[rel]} for rel, info in files},
            }, f, indent=1, ensure_ascii=False)


if __name__ == "__main__":
    main()
