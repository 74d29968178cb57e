import FeedKit
import Publishing
import Testing

@Suite struct ListingSpoolTests {
    @Test func listingsComeBackExactlyAndInOrder() throws {
        let spool = try ListingSpool()
        var listings: [Listing] = []
        for index in 0..<2_000 {
            var listing = Listing(id: "KC-\(index)")
            listing.add("title", "Cà phê \"Buôn Ma Thuột\"\nrang mộc \(index)")
            listing.add("image", "https://img.vn/\(index)-a.jpg")
            listing.add("detail", group: [.text("name", "OCOP"), .text("value", "4 sao")])
            listing.add("image", "https://img.vn/\(index)-b.jpg")
            listings.append(listing)
            try spool.append(listing)
        }
        var read: [Listing] = []
        while let listing = try spool.next() { read.append(listing) }
        #expect(read == listings)
        #expect(read.map(\.contentHash) == listings.map(\.contentHash))
    }
}
