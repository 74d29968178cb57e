public import Foundation

/// What an image's first bytes say: its format and its size in pixels. Reads JPEG (the first start-of-frame
/// segment) and PNG (the IHDR chunk) headers only, never the pixels.
public struct ImageHeader: Hashable, Sendable {
    /// The formats the file-taking marketplaces share.
    public enum Format: String, Hashable, Sendable {
        case jpeg = "JPEG", png = "PNG"
    }

    public var format: Format
    public var width: Int
    public var height: Int

    /// Creates a header.
    public init(format: Format, width: Int, height: Int) {
        self.format = format
        self.width = width
        self.height = height
    }

    /// The header at the start of `data`, or `nil` when it is neither a JPEG nor a PNG whose size can be read.
    public init?(_ data: Data) {
        let bytes = [UInt8](data.prefix(1 << 16))
        func number(_ at: Int, _ count: Int) -> Int? {
            guard at >= 0, at + count <= bytes.count else { return nil }
            return bytes[at..<at + count].reduce(0) { $0 << 8 | Int($1) }
        }
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]),
            bytes.count >= 24, bytes[12..<16].elementsEqual("IHDR".utf8),
            let width = number(16, 4), let height = number(20, 4)
        {
            self.init(format: .png, width: width, height: height)
            return
        }
        guard bytes.starts(with: [0xFF, 0xD8]) else { return nil }
        var index = 2
        while index + 4 <= bytes.count {
            guard bytes[index] == 0xFF else { return nil }
            let marker = bytes[index + 1]
            if marker == 0xFF {  // fill byte
                index += 1
                continue
            }
            guard let length = number(index + 2, 2), length >= 2 else { return nil }
            // SOF0–SOF15 carry the frame's size, but DHT (C4), JPG (C8) and DAC (CC) share the range.
            if (0xC0...0xCF).contains(marker), ![0xC4, 0xC8, 0xCC].contains(marker) {
                guard let height = number(index + 5, 2), let width = number(index + 7, 2) else { return nil }
                self.init(format: .jpeg, width: width, height: height)
                return
            }
            index += 2 + length
        }
        return nil
    }
}

/// What a marketplace takes of a product image, from its reference: formats, the size of each side in
/// pixels, the file's bytes and how many a product may have. The core checks each image of a product against
/// them before any call for it, reading only the image's first bytes.
public struct ImageLimits: Hashable, Sendable {
    /// The listing attribute that holds the image URLs.
    public var attribute: String
    public var formats: Set<ImageHeader.Format>
    /// The shortest and longest side allowed, in pixels; `nil` when the marketplace documents none.
    public var sides: ClosedRange<Int>?
    public var maximumBytes: Int
    public var maximumCount: Int?

    /// Creates limits.
    public init(
        attribute: String = "image",
        formats: Set<ImageHeader.Format> = [.jpeg, .png],
        sides: ClosedRange<Int>? = nil,
        maximumBytes: Int,
        maximumCount: Int? = nil
    ) {
        self.attribute = attribute
        self.formats = formats
        self.sides = sides
        self.maximumBytes = maximumBytes
        self.maximumCount = maximumCount
    }

    /// Why the image at `address` (`header`, `bytes` long when known) is not one `marketplace` takes, or `nil`.
    public func problem(_ header: ImageHeader?, bytes: Int?, address: String, marketplace: String) -> String? {
        let formats = self.formats.map(\.rawValue).sorted().joined(separator: " or ")
        guard let header, self.formats.contains(header.format) else {
            return "image \(address) is not a \(formats) image, which is what \(marketplace) takes"
        }
        if let bytes, bytes > self.maximumBytes {
            return "image \(address) is \(Self.megabytes(bytes)); \(marketplace) takes at most "
                + Self.megabytes(self.maximumBytes)
        }
        if let sides = self.sides, !sides.contains(header.width) || !sides.contains(header.height) {
            return "image \(address) is \(header.width)×\(header.height) px; \(marketplace) takes "
                + "\(sides.lowerBound) to \(sides.upperBound) px a side"
        }
        return nil
    }

    private static func megabytes(_ bytes: Int) -> String {
        let value = Double(bytes) / Double(1 << 20)
        return value == value.rounded() ? "\(Int(value)) MB" : String(format: "%.1f MB", value)
    }
}
