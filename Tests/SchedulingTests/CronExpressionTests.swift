import Foundation
import Scheduling
import Testing

/// Reads an ISO 8601 instant such as `2026-03-29T01:00:00Z`.
func instant(_ text: String) -> Date {
    guard let date = ISO8601DateFormatter().date(from: text) else { preconditionFailure("not an instant: \(text)") }
    return date
}

let hoChiMinh = TimeZone(identifier: "Asia/Ho_Chi_Minh")!
let berlin = TimeZone(identifier: "Europe/Berlin")!

/// A nightly publish at 02:00 in Vietnam.
let nightlyJob = Job(
    name: "nightly",
    marketplaces: ["meta-catalog"],
    action: .publish,
    schedule: CronExpression(fields: "0 2 * * *"),
    timeZone: hoChiMinh
)

extension CronExpression {
    /// An expression the test knows to be valid.
    init(fields: String) {
        do { try self.init(fields) } catch { preconditionFailure("\(error)") }
    }
}

/// The first `count` fire times after `start`.
func fires(_ expression: String, after start: String, in zone: TimeZone, count: Int) throws -> [Date] {
    let cron = try CronExpression(expression)
    var times: [Date] = []
    var last = instant(start)
    for _ in 0..<count {
        guard let next = cron.nextFire(after: last, in: zone) else { break }
        times.append(next)
        last = next
    }
    return times
}

@Suite struct CronExpressionTests {
    @Test func aNightlyJobInVietnamFiresAtTwoOnItsWallClock() throws {
        // 2026-11-29 21:15 in Hồ Chí Minh City (UTC+7, no daylight saving)
        #expect(
            try fires("0 2 * * *", after: "2026-11-29T14:15:00Z", in: hoChiMinh, count: 2)
                == [instant("2026-11-29T19:00:00Z"), instant("2026-11-30T19:00:00Z")]
        )
        #expect(
            try CronExpression("0 2 * * *").previousFire(atOrBefore: instant("2026-11-29T14:15:00Z"), in: hoChiMinh)
                == instant("2026-11-28T19:00:00Z")
        )
    }

    @Test func aTimeInTheSkippedHourFiresOnceWhenTheClocksJump() throws {
        // Berlin, 2026-03-29: 02:00 CET becomes 03:00 CEST at 01:00 UTC; 02:30 never happens.
        #expect(
            try fires("30 2 * * *", after: "2026-03-28T12:00:00Z", in: berlin, count: 2)
                == [instant("2026-03-29T01:00:00Z"), instant("2026-03-30T00:30:00Z")]
        )
        // Every half hour: 02:00 and 02:30 both fall in the gap and fire once together, at the jump.
        #expect(
            try fires("*/30 * * * *", after: "2026-03-29T00:00:00Z", in: berlin, count: 3)
                == [instant("2026-03-29T00:30:00Z"), instant("2026-03-29T01:00:00Z"), instant("2026-03-29T01:30:00Z")]
        )
    }

    @Test func aTimeInTheRepeatedHourFiresOnlyAtItsFirstOccurrence() throws {
        // Berlin, 2026-10-25: 03:00 CEST goes back to 02:00 CET at 01:00 UTC; 02:00–02:59 happens twice.
        #expect(
            try fires("30 2 * * *", after: "2026-10-24T12:00:00Z", in: berlin, count: 2)
                == [instant("2026-10-25T00:30:00Z"), instant("2026-10-26T01:30:00Z")]
        )
        #expect(
            try fires("*/30 * * * *", after: "2026-10-24T23:45:00Z", in: berlin, count: 4)
                == [
                    instant("2026-10-25T00:00:00Z"), instant("2026-10-25T00:30:00Z"),
                    instant("2026-10-25T02:00:00Z"), instant("2026-10-25T02:30:00Z"),
                ]
        )
        // Looking back from inside the second 02:30, the last fire is the first 02:30.
        #expect(
            try CronExpression("30 2 * * *").previousFire(atOrBefore: instant("2026-10-25T01:45:00Z"), in: berlin)
                == instant("2026-10-25T00:30:00Z")
        )
    }

    @Test func theThirtyFirstSkipsShortMonthsAndTheTwentyNinthOfFebruaryWaitsForALeapYear() throws {
        #expect(
            try fires("0 0 31 * *", after: "2026-04-01T00:00:00Z", in: hoChiMinh, count: 2)
                == [instant("2026-05-30T17:00:00Z"), instant("2026-07-30T17:00:00Z")]
        )
        #expect(
            try fires("0 12 29 2 *", after: "2026-11-29T00:00:00Z", in: hoChiMinh, count: 2)
                == [instant("2028-02-29T05:00:00Z"), instant("2032-02-29T05:00:00Z")]
        )
        // 2027 is not a leap year: after its 28th February comes 28 and 29 February 2028.
        #expect(
            try fires("0 0 28-29 2 *", after: "2027-02-28T00:00:00Z", in: .gmt, count: 2)
                == [instant("2028-02-28T00:00:00Z"), instant("2028-02-29T00:00:00Z")]
        )
    }

    @Test func stepsListsRangesAndNamesSelectTheSameTimesAsNumbers() throws {
        let named = try CronExpression("15 8,20 * JAN,jul mon-fri")
        let numbered = try CronExpression("15 8,20 * 1,7 1-5")
        let start = instant("2026-11-29T00:00:00Z")
        #expect(named.nextFire(after: start, in: hoChiMinh) == numbered.nextFire(after: start, in: hoChiMinh))
        // Friday 2027-01-01 08:15 in Vietnam
        #expect(named.nextFire(after: start, in: hoChiMinh) == instant("2027-01-01T01:15:00Z"))
        #expect(
            try fires("0-10/5 */12 * * *", after: "2026-11-28T23:59:00Z", in: .gmt, count: 4)
                == ["00:00", "00:05", "00:10", "12:00"].map { instant("2026-11-29T\($0):00Z") }
        )
        #expect(
            try fires("30/15 9 * * *", after: "2026-11-29T00:00:00Z", in: .gmt, count: 3)
                == ["09:30", "09:45", "09:30"].enumerated().map {
                    instant("2026-11-\($0.offset < 2 ? 29 : 30)T\($0.element):00Z")
                }
        )
        #expect(try CronExpression("0 0 * * 7").nextFire(after: start, in: .gmt) == instant("2026-12-06T00:00:00Z"))
        #expect(try CronExpression("@daily").nextFire(after: start, in: .gmt) == instant("2026-11-30T00:00:00Z"))
    }

    @Test func whenBothDayFieldsAreRestrictedEitherMatches() throws {
        // 2026-11-29 is a Sunday: the next Monday is the 30th, then the 1st of December (a Tuesday).
        #expect(
            try fires("0 9 1 * MON", after: "2026-11-29T00:00:00Z", in: .gmt, count: 2)
                == [instant("2026-11-30T09:00:00Z"), instant("2026-12-01T09:00:00Z")]
        )
        // With the day of month a wildcard, both must match: Mondays only.
        #expect(
            try fires("0 9 */1 * MON", after: "2026-11-29T00:00:00Z", in: .gmt, count: 2)
                == [instant("2026-11-30T09:00:00Z"), instant("2026-12-07T09:00:00Z")]
        )
    }

    @Test(arguments: [
        ("* * * *", "expected 5 fields"),
        ("61 * * * *", "minute \"61\": 61 is out of range 0–59"),
        ("* 24 * * *", "hour \"24\": 24 is out of range 0–23"),
        ("5-1 * * * *", "the range runs backwards"),
        ("*/0 * * * *", "the step must be a whole number above 0"),
        ("0 0 * FOO *", "month \"FOO\": \"FOO\" is not a number or a name"),
        ("0 0 30 2 *", "never fires"),
        ("0 0 31 4,6,9,11 *", "never fires"),
        ("0 0 1,,2 * *", "expected a value"),
    ])
    func anInvalidExpressionIsOneClearLine(expression: String, reason: String) {
        #expect {
            try CronExpression(expression)
        } throws: { error in
            let message = (error as? ScheduleError)?.message ?? ""
            return message.contains(reason) && message.contains("\"\(expression)\"") && !message.contains("\n")
        }
    }
}
