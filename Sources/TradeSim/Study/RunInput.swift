/// A file a run read — the study, a price file — with the SHA-256 of its bytes: run.json lists
/// them, partial results carry them, and `tradesim merge` checks that the files it reads again
/// are the ones the shards ran on.
package struct RunInput: Sendable, Hashable {
    /// What the file is to the run: `study` or `prices`.
    package var role: String
    /// The path as the run named it (messages and run.json show it).
    package var path: String
    /// The SHA-256 of the file's bytes, 64 lowercase hex digits.
    package var sha256: String

    package init(role: String, path: String, sha256: String) {
        self.role = role
        self.path = path
        self.sha256 = sha256
    }

    /// The input whose bytes were `contents` (their SHA-256 taken here).
    package init(role: String, path: String, contents: [UInt8]) {
        self.init(role: role, path: path, sha256: SHA256.hex(contents))
    }

    /// `{"role": …, "path": …, "sha256": …}`, as run.json and partial results list it.
    var json: String {
        JSONText.object(["role": JSONText.string(role), "path": JSONText.string(path), "sha256": JSONText.string(sha256)])
    }
}
