/// One value of a CSV file we write, as RFC 4180 and spreadsheets read it: quoted when it holds a delimiter,
/// a quote or a line break, and, when it starts with `=`, `+`, `-`, `@`, a tab or a carriage return,
/// prefixed with `'` so that Excel, LibreOffice and Google Sheets show it as text instead of running it as a
/// formula (OWASP's CSV injection advice).
public enum CSVField {
    /// Appends `value` to `buffer`, quoted and neutralised as needed.
    public static func append(_ value: String, to buffer: inout [UInt8], delimiter: UInt8 = UInt8(ascii: ",")) {
        let bytes = value.utf8
        let formula = bytes.first.map { [0x3D, 0x2B, 0x2D, 0x40, 0x09, 0x0D].contains($0) } ?? false
        let quoted = bytes.contains { $0 == delimiter || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }
        if quoted { buffer.append(0x22) }
        if formula { buffer.append(UInt8(ascii: "'")) }
        for byte in bytes {
            if byte == 0x22 { buffer.append(0x22) }
            buffer.append(byte)
        }
        if quoted { buffer.append(0x22) }
    }

    /// `value` as one CSV field.
    public static func encode(_ value: String) -> String {
        var buffer: [UInt8] = []
        Self.append(value, to: &buffer)
        return String(decoding: buffer, as: UTF8.self)
    }
}
