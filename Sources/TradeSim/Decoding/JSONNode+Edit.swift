/// JSON nodes that do not come from the file: a `--set` value, an object created on the way
/// to it.
extension JSONNode {
    /// A node at no place in the file (line and column 0: a problem found in it names the file
    /// and its JSON path, without a line).
    static func unplaced(_ value: Value) -> JSONNode { JSONNode(value: value, line: 0, column: 0) }

    /// True for a node that is not in the file.
    var isUnplaced: Bool { line == 0 }

    /// The same value with every node and member name at no place in the file.
    var detached: JSONNode {
        switch value {
        case .null, .bool, .number, .string: .unplaced(value)
        case let .array(elements): .unplaced(.array(elements.map(\.detached)))
        case let .object(members):
            .unplaced(.object(members.map { JSONMember(key: $0.key, keyLine: 0, keyColumn: 0, node: $0.node.detached) }))
        }
    }

    /// The value as JSON on one line (`JSONText`'s spelling: `{"moneyness": 0.8}`), numbers as
    /// they were written (`0.10` stays `0.10`).
    var compactText: String {
        switch value {
        case .null: "null"
        case let .bool(b): JSONText.bool(b)
        case let .number(_, text): text
        case let .string(s): JSONText.string(s)
        case let .array(elements): JSONText.array(elements.map(\.compactText))
        case let .object(members): JSONText.object(members.map { ($0.key, $0.node.compactText) })
        }
    }
}
