import Foundation
import Testing
import TradeSim

/// `tradesim merge` on damaged and crafted partial results (issues 15 and 21): each class of
/// damage exits 65 with one `Error:` line naming the file, what was found and what is allowed,
/// and writes nothing (no --out folder appears; an earlier report there keeps every byte).
@Suite("Merge integrity")
struct MergeIntegrityTests {
    static let root = TradeSimBinary.packageRoot
    static let intact = "found contents whose SHA-256 is not the one the file records (changed or cut short after it was written); "
        + "allowed: the file exactly as `tradesim run --shard` wrote it (copy it again, or re-run the shard)"
    static let finite = "a finite number (NaN and infinity come only from damage, or from a run whose prices overflow a Double)"
    static let signatureLength = "tradesim-partial 2\n".utf8.count
    /// The signature and the line `sha256 <64 hex>`: the checksum covers what follows.
    static let checkedOffset = signatureLength + 72

    /// Where the body starts: after the header length (8 bytes) and the header.
    static func bodyOffset(_ bytes: [UInt8]) -> Int {
        var length: UInt64 = 0
        withUnsafeMutableBytes(of: &length) { $0.copyBytes(from: bytes[checkedOffset..<(checkedOffset + 8)]) }
        return checkedOffset + 8 + Int(UInt64(littleEndian: length))
    }

    /// A crafted file: the checksum line made to match the damaged bytes.
    static func signed(_ bytes: [UInt8]) -> [UInt8] {
        let rest = Array(bytes[checkedOffset...])
        return Array(bytes[0..<signatureLength]) + Array("sha256 \(SHA256.hex(rest))\n".utf8) + rest
    }

    /// The header's text edited (its length updated) and the file signed again.
    static func editedHeader(_ bytes: [UInt8], replacing old: String, with new: String) -> [UInt8] {
        let start = checkedOffset + 8, end = bodyOffset(bytes)
        let header = String(decoding: bytes[start..<end], as: UTF8.self)
        precondition(header.contains(old), "the header has no \(old)")
        let edited = Array(header.replacingOccurrences(of: old, with: new).utf8)
        var out = Array(bytes[0..<checkedOffset])
        withUnsafeBytes(of: UInt64(edited.count).littleEndian) { out += $0 }
        return signed(out + edited + bytes[end...])
    }

    /// Every file under `folder` with its bytes (empty when there is no folder).
    static func snapshot(_ folder: URL) -> [String: Data] {
        var out: [String: Data] = [:]
        guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) else { return out }
        for case let url as URL in walker where !url.hasDirectoryPath {
            out[url.path] = try? Data(contentsOf: url)
        }
        return out
    }

    struct Damage: Sendable, CustomTestStringConvertible {
        var name: String
        /// The damaged first shard (the second stays intact), and the expected message after the file name.
        var damage: @Sendable ([UInt8]) -> [UInt8]
        var expected: @Sendable ([UInt8]) -> String
        var testDescription: String { name }
    }

    static let damages: [Damage] = [
        Damage(name: "a bit flipped in the header", damage: { var b = $0; b[checkedOffset + 8 + 100] ^= 0x04; return b }, expected: { _ in intact }),
        Damage(name: "a bit flipped in the body", damage: { var b = $0; b[b.count - 1000] ^= 0x80; return b }, expected: { _ in intact }),
        Damage(name: "a bit flipped in the header length", damage: { var b = $0; b[checkedOffset + 3] ^= 0x01; return b }, expected: { _ in intact }),
        Damage(name: "a bit flipped in the signature", damage: { var b = $0; b[0] ^= 0x01; return b }, expected: { _ in
            "found no partial-result signature; allowed: a partial result written by `tradesim run --shard i/n` of tradesim \(TradeSimVersion.string)"
        }),
        Damage(name: "a bit flipped in the checksum line", damage: { var b = $0; b[signatureLength + 20] ^= 0x40; return b }, expected: { _ in
            "found a damaged checksum line; allowed: the file exactly as `tradesim run --shard` wrote it (copy it again, or re-run the shard)"
        }),
        Damage(name: "cut short", damage: { Array($0.dropLast(100)) }, expected: { _ in intact }),
        Damage(name: "the body sprayed with 0xFF", damage: { var b = $0; for i in bodyOffset(b)..<b.count { b[i] = 0xFF }; return b },
               expected: { _ in intact }),
        Damage(name: "the body sprayed with 0xFF, checksum made to match", damage: {
            var b = $0; for i in bodyOffset(b)..<b.count { b[i] = 0xFF }; return signed(b)
        }, expected: { _ in
            "workload/basket/exitReason[path 0]: found exit reason 255; allowed: 0 to 6 (0 never_entered, 1 target, 2 stop, 3 horizon, 4 expiry, 5 event, 6 assigned)"
        }),
        Damage(name: "shard count 2^40, checksum made to match", damage: { editedHeader($0, replacing: "\"count\": 2}", with: "\"count\": 1099511627776}") },
               expected: { _ in "shard.count: found 1099511627776; allowed: a shard count from 1 to 1000000" }),
        Damage(name: "shard count -1, checksum made to match", damage: { editedHeader($0, replacing: "\"count\": 2}", with: "\"count\": -1}") },
               expected: { _ in "shard.count: found -1; allowed: a shard count from 1 to 1000000" }),
        Damage(name: "shard count 0, checksum made to match", damage: { editedHeader($0, replacing: "\"count\": 2}", with: "\"count\": 0}") },
               expected: { _ in "shard.count: found 0; allowed: a shard count from 1 to 1000000" }),
        Damage(name: "a slice of 2^40 paths, checksum made to match", damage: {
            editedHeader($0, replacing: "\"paths\": 128,", with: "\"paths\": 1099511627776,")
        }, expected: { _ in "scenarios[0].paths: found 1099511627776; allowed: 128, the paths in shard 0/2's slice of the scenario's 200 paths" }),
        Damage(name: "NaN in a P&L, checksum made to match", damage: {
            var b = $0; let at = bodyOffset(b)
            withUnsafeBytes(of: Double.nan.bitPattern.littleEndian) { b.replaceSubrange(at..<(at + 8), with: $0) }
            return signed(b)
        }, expected: { _ in "workload/basket/pnl[path 0]: found NaN; allowed: \(finite)" }),
        Damage(name: "infinity in a P&L, checksum made to match", damage: {
            var b = $0; let at = bodyOffset(b) + 8 * 5
            withUnsafeBytes(of: Double.infinity.bitPattern.littleEndian) { b.replaceSubrange(at..<(at + 8), with: $0) }
            return signed(b)
        }, expected: { _ in "workload/basket/pnl[path 5]: found infinity; allowed: \(finite)" }),
        Damage(name: "bytes after the last array, checksum made to match", damage: { signed($0 + [1, 2, 3]) }, expected: { b in
            let body = b.count - bodyOffset(b)
            return "found a body of \(body + 3) bytes; allowed: \(body) bytes, what the header's array sizes take"
        }),
        Damage(name: "format 1 (an older tradesim)", damage: { Array("tradesim-partial 1\n".utf8) + $0[checkedOffset...] }, expected: { _ in
            "found a partial result of format 1, written by an older tradesim; allowed: a partial result of format 2: "
                + "re-run the shards with this tradesim (\(TradeSimVersion.string))"
        }),
    ]

    /// Two shards of the benchmark study (200 paths: 128 + 72) in `folder`/shards.
    static func shards(in folder: URL) throws -> (s0: String, s1: String) {
        let dir = folder.appendingPathComponent("shards")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        var paths: [String] = []
        for i in 0..<2 {
            let path = dir.appendingPathComponent("s\(i).tspart").path
            let r = try TradeSimBinary.run(["run", "scenarios/benchmark.json", "--paths", "200", "--seed", "3", "--shard", "\(i)/2",
                                            "--out", path, "--quiet"], in: root)
            try #require(r.exitCode == 0, "\(r.stderr)")
            paths.append(path)
        }
        return (paths[0], paths[1])
    }

    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("tradesim-merge-integrity-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test(arguments: damages)
    func damagedPartialIsRefusedAndNothingIsWritten(_ d: Damage) throws {
        let work = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: work) }
        let (s0, s1) = try Self.shards(in: work)
        let intactBytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: s0)))
        let damaged = work.appendingPathComponent("damaged.tspart")
        try Data(d.damage(intactBytes)).write(to: damaged)
        let expected = "Error: \(damaged.path): \(d.expected(intactBytes))\n"
        // No report folder yet: none appears.
        let fresh = work.appendingPathComponent("fresh")
        var r = try TradeSimBinary.run(["merge", damaged.path, s1, "--out", fresh.path, "--quiet"], in: Self.root)
        #expect(r.exitCode == 65)
        #expect(r.stderr == expected)
        #expect(!FileManager.default.fileExists(atPath: fresh.path))
        // An earlier report of the intact shards: every byte stays.
        let earlier = work.appendingPathComponent("earlier")
        r = try TradeSimBinary.run(["merge", s0, s1, "--out", earlier.path, "--quiet"], in: Self.root)
        #expect(r.exitCode == 0, "\(r.stderr)")
        let before = Self.snapshot(earlier)
        #expect(before.count >= 8)
        r = try TradeSimBinary.run(["merge", damaged.path, s1, "--out", earlier.path, "--quiet"], in: Self.root)
        #expect(r.exitCode == 65 && r.stderr == expected, "\(r.stderr)")
        #expect(Self.snapshot(earlier) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: work.path).sorted() == ["damaged.tspart", "earlier", "shards"])
    }

    /// The crafted shard count that aborted merge (signal 6, an array of 2^40 slots) when every
    /// partial claimed it: now refused with the first file's header.
    @Test func craftedShardCountInEveryPartialIsRefused() throws {
        let work = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: work) }
        let (s0, s1) = try Self.shards(in: work)
        var files: [String] = []
        for (i, source) in [s0, s1].enumerated() {
            let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: source)))
            let path = work.appendingPathComponent("c\(i).tspart").path
            try Data(Self.editedHeader(bytes, replacing: "\"count\": 2}", with: "\"count\": 1099511627776}")).write(to: URL(fileURLWithPath: path))
            files.append(path)
        }
        let out = work.appendingPathComponent("out").path
        let r = try TradeSimBinary.run(["merge"] + files + ["--out", out, "--quiet"], in: Self.root)
        #expect(r.exitCode == 65)
        #expect(r.stderr == "Error: \(files[0]): shard.count: found 1099511627776; allowed: a shard count from 1 to 1000000\n")
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    /// The checksum line is what `sha256sum` prints for the bytes after it (the README's
    /// `tail -c +92 FILE | sha256sum`), so a user can check a copied shard without tradesim.
    @Test func checksumLineIsTheSHA256OfTheRest() throws {
        let work = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: work) }
        let (s0, _) = try Self.shards(in: work)
        let shell = Process()
        shell.executableURL = URL(fileURLWithPath: "/bin/sh")
        shell.arguments = ["-c", "tail -c +92 '\(s0)' | sha256sum 2>/dev/null || tail -c +92 '\(s0)' | shasum -a 256"]
        let pipe = Pipe()
        shell.standardOutput = pipe
        try shell.run()
        let printed = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        shell.waitUntilExit()
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: s0)))
        let line = String(decoding: bytes[Self.signatureLength..<Self.checkedOffset], as: UTF8.self)
        #expect(printed.count > 64)
        #expect(line == "sha256 \(printed.prefix(64))\n")
    }
}
