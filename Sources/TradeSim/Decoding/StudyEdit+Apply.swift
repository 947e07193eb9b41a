/// Applying edits to a parsed study: each path is followed through the tree and its value
/// replaced, added or removed (`StudyEdit`). A path that does not fit the study (no element
/// 7, no decision of that id, a step into a number) is a problem of the file, at the place
/// where the path leaves it.
extension StudyEdit {
    /// `root` with `edits` applied in order, or the first edit's problem.
    static func apply(_ edits: [StudyEdit], to root: JSONNode, file: String) -> Result<JSONNode, InputProblem> {
        var node = root
        for edit in edits {
            do {
                node = try edit.edit(node, step: 0, path: "", file: file)
            } catch {
                return .failure(error)
            }
        }
        return .success(node)
    }

    /// The member names that identify an array's element for `[ID]`, in the order tried.
    static let identifyingMembers = ["id", "name", "ticker"]

    /// `node` (at `path`) with steps `step...` applied.
    private func edit(_ node: JSONNode, step k: Int, path: String, file: String) throws(InputProblem) -> JSONNode {
        let last = k == steps.count - 1
        func problem(_ at: JSONNode, _ path: String, found: String, allowed: String) -> InputProblem {
            InputProblem(file: file, line: at.isUnplaced ? nil : at.line, column: at.isUnplaced ? nil : at.column,
                         path: path, found: found, allowed: allowed)
        }
        switch (node.value, steps[k]) {
        case (.object(var members), .member(let key)), (.object(var members), .element(let key)):
            let childPath = JSONPath.join(path, key)
            if let i = members.firstIndex(where: { $0.key == key }) {
                if last && removes {
                    members.remove(at: i)
                } else {
                    members[i].node = last ? value : try edit(members[i].node, step: k + 1, path: childPath, file: file)
                }
            } else {
                // Nothing to remove; otherwise the member is added (objects created on the way).
                if removes { return node }
                if !last, case .index = steps[k + 1] {
                    throw problem(node, childPath, found: "nothing (no member \(MessageText.json(key)))",
                                  allowed: "an array, for the path's next step [\(steps[k + 1].text)]")
                }
                let child = last ? value : try edit(.unplaced(.object([])), step: k + 1, path: childPath, file: file)
                members.append(JSONMember(key: key, keyLine: 0, keyColumn: 0, node: child))
            }
            return JSONNode(value: .object(members), line: node.line, column: node.column)
        case (.array(var elements), let step):
            let i: Int
            switch step {
            case let .index(n):
                guard elements.indices.contains(n) else {
                    throw problem(node, path, found: "\(node.summary) (no element [\(n)])",
                                  allowed: elements.isEmpty ? "a path into an element that exists"
                                      : "an index from 0 to \(elements.count - 1), or [ID] for the element whose id, name or ticker is ID")
                }
                i = n
            case let .element(id):
                let matches = elements.indices.filter { Self.identifies(elements[$0], id) }
                guard matches.count == 1 else {
                    let ids = elements.compactMap(Self.identifier)
                    let found = matches.isEmpty ? "\(node.summary) with no element whose id, name or ticker is \(MessageText.json(id))"
                        : "\(node.summary) with \(matches.count) elements whose id, name or ticker is \(MessageText.json(id))"
                    let allowed = (ids.isEmpty ? "" : "one of " + MessageText.list(ids.map(MessageText.json), noun: "elements") + ", or ")
                        + "an index from 0 to \(max(0, elements.count - 1))"
                    throw problem(node, path, found: found, allowed: allowed)
                }
                i = matches[0]
            case .member:
                throw problem(node, path, found: node.summary, allowed: "an object, for the path's next step .\(steps[k].text)")
            }
            let childPath = JSONPath.index(path, i)
            if last {
                guard !removes else {
                    throw problem(elements[i], childPath, found: "null for an array's element",
                                  allowed: "a JSON value (null removes an object's member, not an array's element)")
                }
                elements[i] = value
            } else {
                elements[i] = try edit(elements[i], step: k + 1, path: childPath, file: file)
            }
            return JSONNode(value: .array(elements), line: node.line, column: node.column)
        case (.object, .index(let n)):
            throw problem(node, path, found: node.description, allowed: "an array, for the path's next step [\(n)]")
        case (_, let step):
            let next = if case .member = step { "." + step.text } else { "[\(step.text)]" }
            throw problem(node, path, found: node.description, allowed: "an object or an array, for the path's next step \(next)")
        }
    }

    /// Whether `element` is an object whose id, name or ticker is `id`.
    static func identifies(_ element: JSONNode, _ id: String) -> Bool {
        guard case let .object(members) = element.value else { return false }
        return members.contains { m in
            guard identifyingMembers.contains(m.key), case let .string(s) = m.node.value else { return false }
            return s == id
        }
    }

    /// The first of `identifyingMembers` an element has, for messages.
    static func identifier(_ element: JSONNode) -> String? {
        guard case let .object(members) = element.value else { return nil }
        for key in identifyingMembers {
            if let m = members.first(where: { $0.key == key }), case let .string(s) = m.node.value { return s }
        }
        return nil
    }
}

extension StudyEdit.Step {
    /// The step as a path writes it, without its '.' or brackets.
    var text: String {
        switch self {
        case let .member(name), let .element(name): name
        case let .index(n): String(n)
        }
    }
}
