/// Facts about OCOP Connect itself.
public enum OCOPConnect {
    /// The version every executable reports.
    public static let version = "0.1.0"
}
