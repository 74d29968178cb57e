import Testing

@testable import OCOPCatalog

/// Dates and stars are read from their bytes when spelt the usual way, and the long way otherwise: both must
/// take and refuse exactly the same spellings.
@Suite struct ValueSpellingTests {
    @Test(arguments: [
        ("2024-02-29", "2024-02-29"), ("29/02/2024", "2024-02-29"), ("5-9-2024", "2024-09-05"),
        ("5.9.2024", "2024-09-05"), ("05-04/2022", "2022-04-05"), ("01.12.2025", "2025-12-01"),
        ("45000", "2023-03-15"),
    ])
    func theseDateSpellingsAreTaken(text: String, day: String) throws {
        #expect(try ValueParsers.date(text).get().description == day)
    }

    @Test(arguments: [
        "31/04/2024", "2023-02-29", "2024/02/29", "2024.02.29", "2024-2-29", "2025-12-01x", "2025--12", "/1/2024",
        "1//2024", "12/13/2024", "0/1/2024", "00002024-01-01", "2024-01-1", "99/99/9999", "1/1/20244",
    ])
    func theseDateSpellingsAreRefused(text: String) {
        #expect((try? ValueParsers.date(text).get()) == nil)
    }

    @Test(arguments: [("3", Star.three), ("4", .four), ("5", .five), ("4 sao", .four), ("4★", .four)])
    func theseStarsAreTaken(text: String, star: Star) throws {
        #expect(try ValueParsers.star(text).get() == star)
    }

    @Test(arguments: ["1", "2", "0", "9", "+4", "44", "３", ""])
    func theseStarsAreRefused(text: String) {
        #expect((try? ValueParsers.star(text).get()) == nil)
    }
}
