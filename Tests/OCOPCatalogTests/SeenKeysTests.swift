import Testing

@testable import OCOPCatalog

@Suite struct SeenKeysTests {
    @Test func aKeySeenBeforeIsToldApartInMemoryAndPastTheMemoryLimit() throws {
        // Given a set that keeps two keys in memory
        let seen = SeenKeys(memoryLimit: 2)
        // When four keys go in, two of them beyond memory, in the temporary table
        for key in ["dl-1", "dl-2", "dl-3", "dl-4"] { #expect(try seen.insert(key), "\(key) is new") }
        // Then each is known again, wherever it is kept, and a fifth is new
        for key in ["dl-1", "dl-2", "dl-3", "dl-4"] { #expect(try !seen.insert(key), "\(key) was seen") }
        #expect(try seen.insert("dl-5"))
        #expect(try !seen.insert("dl-5"))
    }
}
