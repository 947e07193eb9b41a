extension String {
    /// The string preceded by `pad` up to `width` characters (`"7".leftPadded(2)` is `07`);
    /// as it is when already that wide. For dates, hex digits and escapes.
    func leftPadded(_ width: Int, with pad: Character = "0") -> String {
        count >= width ? self : String(repeating: pad, count: width - count) + self
    }
}
