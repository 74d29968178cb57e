public import Foundation

/// What an image's first bytes say: its format and, when they hold it, its size in pixels. Reads JPEG (the
/// first start-of-frame segment) and PNG (the IHDR chunk) headers only, never the pixels.
public struct ImageHeader: Hashable, Sendable {
    /// The formats the file-taking marketplaces share.
    public enum Format: String, Hashable, Sendable {
        case jpeg = "JPEG", png = "PNG"

        /// The format by the file's signature, or `nil` for neither.
        public init?(signatureOf data: Data) {
            if data.starts(with: [0xFF, 0xD8, 0xFF]) {
                self = .jpeg
            } else if data.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) {
                self = .png
            } else {
                return nil
            }
        }

        /// Its media type.
        public var mediaType: String { self == .jpeg ? "image/jpeg" : "image/png" }
    }

    /// What the file is.
    public var format: Format
    /// Its size in pixels; `nil` when the bytes read do not reach it (a JPEG whose metadata comes first).
    public var size: (width: Int, height: Int)?

    /// Creates a header.
    public init(format: Format, width: Int, height: Int) {
        self.format = format
        self.size = (width, height)
    }

    public static func == (lhs: ImageHeader, rhs: ImageHeader) -> Bool {
        lhs.format == rhs.format && lhs.size?.width == rhs.size?.width && lhs.size?.height == rhs.size?.height
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(self.format)
        hasher.combine(self.size?.width)
        hasher.combine(self.size?.height)
    }

    /// The header at the start of `data`, or `nil` when it is neither a JPEG nor a PNG.
    public init?(_ data: Data) {
        guard let format = Format(signatureOf: data) else { return nil }
        self.format = format
        self.size = Self.size(of: [UInt8](data.prefix(1 << 16)))
    }

    /// The size a PNG's IHDR or a JPEG's first frame header gives, or `nil` when `bytes` do not hold it.
    private static func size(of bytes: [UInt8]) -> (width: Int, height: Int)? {
        func number(_ at: Int, _ count: Int) -> Int? {
            guard at >= 0, at + count <= bytes.count else { return nil }
            return bytes[at..<at + count].reduce(0) { $0 << 8 | Int($1) }
        }
        if bytes.first == 0x89 {
            guard bytes.count >= 24, bytes[12..<16].elementsEqual("IHDR".utf8),
                let width = number(16, 4), let height = number(20, 4)
            else { return nil }
            return (width, height)
        }
        var index = 2
        while index + 4 <= bytes.count {
            guard bytes[index] == 0xFF else { return nil }
            let marker = bytes[index + 1]
            if marker == 0xFF {  // fill byte
                index += 1
                continue
            }
            if marker == 0x01 || (0xD0...0xD7).contains(marker) {  // TEM and RSTn carry no length
                index += 2
                continue
            }
            guard let length = number(index + 2, 2), length >= 2 else { return nil }
            // SOF0–SOF15 carry the frame's size, but DHT (C4), JPG (C8) and DAC (CC) share the range. A height
            // of 0 is given later in the file (DNL): the size is then not known from the header.
            if (0xC0...0xCF).contains(marker), ![0xC4, 0xC8, 0xCC].contains(marker) {
                guard let height = number(index + 5, 2), let width = number(index + 7, 2), height > 0 else {
                    return nil
                }
                return (width, height)
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
    /// The formats taken.
    public var formats: Set<ImageHeader.Format>
    /// The shortest and longest side allowed, in pixels; `nil` when the marketplace documents none.
    public var sides: ClosedRange<Int>?
    /// The largest file taken.
    public var maximumBytes: Int
    /// How many images a product may have; `nil` when the marketplace says it elsewhere.
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
            return "image \(address) is \(Self.grouped(bytes)) bytes; \(marketplace) takes at most "
                + "\(Self.grouped(self.maximumBytes)) bytes"
        }
        if let sides = self.sides, let size = header.size, !sides.contains(size.width) || !sides.contains(size.height) {
            return "image \(address) is \(size.width)×\(size.height) px; \(marketplace) takes "
                + "\(sides.lowerBound) to \(sides.upperBound) px a side"
        }
        return nil
    }

    /// `3145728` as `3,145,728`.
    private static func grouped(_ number: Int) -> String {
        let digits = String(number)
        return digits.enumerated().map { index, digit in
            index > 0 && (digits.count - index) % 3 == 0 ? ",\(digit)" : String(digit)
        }.joined()
    }
}
