/// Reading a decimal number from a CSV cell's bytes, as `Double(String)` reads it, without
/// making a String of every cell.
///
/// Accepted: text of the characters `0123456789.eE+-` only that `Double(String)` accepts
/// (so `1e3`, `.5`, `-2` are numbers; `0x16`, `inf`, `nan`, `1,5`, ` 1` are not). The value is
/// the correctly rounded double, identical to `Double(String)`'s:
/// - the common form `[+-]digits[.digits]` with at most 19 significant digits whose integer
///   m ≤ 2^53 and at most 22 fraction digits is computed as m / 10^k in one IEEE division,
///   exact inputs and one correctly rounded operation (Clinger 1990, "How to read floating
///   point numbers accurately", the fast path);
/// - anything else goes to `Double(String)` (strtod).
enum DecimalText {
    /// 10^0 … 10^22, each exact in a double.
    private static let powersOfTen: [Double] = (0...22).map { k in (0..<k).reduce(1.0) { p, _ in p * 10 } }

    static func double(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        guard !bytes.isEmpty else { return nil }
        var i = 0
        var negative = false
        if bytes[0] == UInt8(ascii: "-") || bytes[0] == UInt8(ascii: "+") {
            negative = bytes[0] == UInt8(ascii: "-")
            i = 1
        }
        var mantissa: UInt64 = 0
        var digits = 0, integerDigits = 0, fractionDigits = 0
        var seenDot = false
        var fast = true
        while i < bytes.count {
            let b = bytes[i]
            if b >= 0x30 && b <= 0x39 {
                if mantissa == 0 && b == 0x30 {
                    // Leading zeros add no significant digit.
                } else {
                    digits += 1
                    if digits <= 19 { mantissa = mantissa &* 10 &+ UInt64(b - 0x30) }
                }
                if seenDot { fractionDigits += 1 } else { integerDigits += 1 }
            } else if b == UInt8(ascii: ".") && !seenDot {
                seenDot = true
            } else {
                switch b {
                case UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"), UInt8(ascii: "+"), UInt8(ascii: "-"): fast = false
                default: return nil  // a character no decimal number has
                }
            }
            i += 1
        }
        if fast && integerDigits > 0 && (!seenDot || fractionDigits > 0) && digits <= 19
            && mantissa <= 1 << 53 && fractionDigits <= 22 {
            let value = Double(mantissa) / powersOfTen[fractionDigits]
            return negative ? -value : value
        }
        return Double(String(decoding: bytes, as: UTF8.self))
    }
}
