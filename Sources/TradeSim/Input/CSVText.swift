/// Splitting CSV text (RFC 4180: comma-separated, optional double quotes with "" escapes)
/// into records, keeping 1-based line numbers for messages.
public enum CSVText {
    public struct Record: Sendable {
        public var line: Int
        public var fields: [String]
    }

    /// The records of `text`; blank lines are skipped. A quote left open is reported as a
    /// problem at the line where the field began.
    public static func records(_ text: String, file: String) -> (records: [Record], problem: InputProblem?) {
        var records: [Record] = []
        var fields: [String] = []
        var field = ""
        var inQuotes = false
        var line = 1
        var recordLine = 1
        var fieldStarted = false
        var quoteLine = 1
        var iterator = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = nil

        func endRecord() {
            fields.append(field)
            if !(fields.count == 1 && fields[0].isEmpty) { records.append(Record(line: recordLine, fields: fields)) }
            fields = []
            field = ""
            fieldStarted = false
        }

        while let c = pending ?? iterator.next() {
            pending = nil
            if inQuotes {
                if c == "\"" {
                    if let next = iterator.next() {
                        if next == "\"" { field.unicodeScalars.append("\"") } else { inQuotes = false; pending = next }
                    } else {
                        inQuotes = false
                    }
                } else {
                    if c == "\n" { line += 1 }
                    field.unicodeScalars.append(c)
                }
                continue
            }
            switch c {
            case ",":
                fields.append(field)
                field = ""
                fieldStarted = false
            case "\"" where !fieldStarted && field.isEmpty:
                inQuotes = true
                fieldStarted = true
                quoteLine = line
            case "\r":
                break
            case "\n":
                endRecord()
                line += 1
                recordLine = line
            default:
                if fields.isEmpty && field.isEmpty && !fieldStarted { recordLine = line }
                field.unicodeScalars.append(c)
                fieldStarted = true
            }
        }
        if inQuotes {
            return (records, InputProblem(file: file, line: quoteLine, path: "", found: "a quoted field that is never closed",
                                          allowed: "a closing '\"' for every opening one"))
        }
        if !field.isEmpty || !fields.isEmpty { endRecord() }
        return (records, nil)
    }
}
