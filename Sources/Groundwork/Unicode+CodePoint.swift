extension Unicode.Scalar {
    /// The scalar as Unicode writes it, for messages about a character a person cannot see: `U+0007`.
    public var codePoint: String {
        let digits = String(self.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
