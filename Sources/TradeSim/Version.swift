/// The tool's version, written into every report's run.json.
public enum TradeSimVersion {
    public static let string = "0.1.0"
}
