import Foundation

/// CSV field quoting (RFC 4180): a field with a comma, quote or line break is quoted, quotes doubled.
enum CSVField {
    static func escape(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

import Foundation
