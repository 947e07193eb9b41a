/// The tool's version, written into every report's run.json.
public enum TradeSimVersion {
    /// The version (semantic versioning).
    public static let string = "0.1.0"
}
