import Foundation
import Publishing
import Testing

/// Image headers read as the marketplaces' checks read them: the size from a PNG's IHDR or a JPEG's first
/// frame header, nothing from the pixels.
@Suite struct ImageHeaderTests {
    static func png(width: UInt32, height: UInt32) -> Data {
        var data = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13])
        data.append(Data("IHDR".utf8))
        for value in [width, height] { withUnsafeBytes(of: value.bigEndian) { data.append(contentsOf: $0) } }
        data.append(contentsOf: [8, 2, 0, 0, 0])
        return data
    }

    /// A JPEG with an APP0 and a Huffman table (C4, not a frame) before a progressive frame header (C2).
    static func jpeg(width: UInt16, height: UInt16) -> Data {
        var data = Data([0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x04, 0x4A, 0x46, 0xFF, 0xC4, 0x00, 0x03, 0x00])
        data.append(contentsOf: [0xFF, 0xC2, 0x00, 0x11, 0x08])
        for value in [height, width] { withUnsafeBytes(of: value.bigEndian) { data.append(contentsOf: $0) } }
        data.append(contentsOf: [0x03, 0x01, 0x22, 0x00])
        return data
    }

    @Test func aPNGsAndAJPEGsSizeAreReadFromTheirHeaders() {
        #expect(ImageHeader(Self.png(width: 800, height: 600)) == ImageHeader(format: .png, width: 800, height: 600))
        #expect(
            ImageHeader(Self.jpeg(width: 1200, height: 330)) == ImageHeader(format: .jpeg, width: 1200, height: 330)
        )
        #expect(ImageHeader(Data("GIF89a".utf8)) == nil)
        // Cut before any frame header (as a JPEG whose metadata fills the first 64 KiB): a JPEG of unknown size.
        let cut = ImageHeader(Self.jpeg(width: 1, height: 1).prefix(12))
        #expect(cut?.format == .jpeg && cut?.size == nil)
        var metadataFirst = Data([0xFF, 0xD8, 0xFF, 0xE1, 0xFF, 0xFF]) + Data(count: 0xFFFD)
        metadataFirst += Self.jpeg(width: 640, height: 480).dropFirst(2)
        #expect(ImageHeader(metadataFirst)?.size == nil)  // its frame header lies past the 64 KiB read
        #expect(ImageHeader(Data([0, 0]) + Self.png(width: 9, height: 7)) == nil)  // a signature not at the start
        let slice = (Data([0, 0]) + Self.png(width: 9, height: 7)).dropFirst(2)
        #expect(ImageHeader(slice) == ImageHeader(format: .png, width: 9, height: 7))
    }

    @Test func limitsSayWhatIsWrongInNumbersAPersonCanCheck() {
        let lazada = ImageLimits(sides: 330...5000, maximumBytes: 3_145_728)
        let address = "https://cdn.example.vn/a.jpg"
        func problem(_ header: ImageHeader?, _ bytes: Int?) -> String? {
            lazada.problem(header, bytes: bytes, address: address, marketplace: "Lazada")
        }
        #expect(problem(ImageHeader(format: .jpeg, width: 800, height: 800), 400_000) == nil)
        #expect(
            problem(ImageHeader(format: .png, width: 300, height: 800), 1000)
                == "image \(address) is 300×800 px; Lazada takes 330 to 5000 px a side"
        )
        #expect(
            problem(ImageHeader(format: .jpeg, width: 800, height: 800), 3_150_000)
                == "image \(address) is 3,150,000 bytes; Lazada takes at most 3,145,728 bytes"
        )
        // A JPEG whose size its first bytes do not give is judged by what is known: format and bytes.
        #expect(problem(ImageHeader(Data([0xFF, 0xD8, 0xFF, 0xE0])), 1000) == nil)
        #expect(problem(nil, 10) == "image \(address) is not a JPEG or PNG image, which is what Lazada takes")
    }
}
