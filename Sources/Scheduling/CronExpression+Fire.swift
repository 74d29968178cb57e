public import Foundation

extension CronExpression {
    /// The first time after `date` at which the schedule fires, read on the wall clock of `zone`.
    ///
    /// Daylight saving: a wall-clock time skipped when clocks go forward fires at the moment they jump
    /// (02:30 on a night that goes from 02:00 to 03:00 fires at 03:00); one repeated when clocks go back
    /// fires once, at its first occurrence.
    public func nextFire(after date: Date, in zone: TimeZone) -> Date? {
        let clock = WallClock(zone: zone)
        // Wall-clock times map to instants in order, so the first match whose instant is after `date` is the
        // answer; starting a few hours early covers a clock that has just gone back.
        let start = clock.localSeconds(of: date) - 3 * 3600
        let firstDay = floorDivide(start, 86400)
        for dayNumber in firstDay...firstDay + 8 * 366 {
            let day = CivilDay(dayNumber: dayNumber)
            guard self.matches(day) else { continue }
            for hour in self.hours {
                for minute in self.minutes {
                    let local = dayNumber * 86400 + hour * 3600 + minute * 60
                    guard local >= start else { continue }
                    let instant = clock.instant(ofLocalSeconds: local)
                    if instant > date { return instant }
                }
            }
        }
        return nil
    }

    /// The last time at or before `date` at which the schedule fired, read on the wall clock of `zone`.
    public func previousFire(atOrBefore date: Date, in zone: TimeZone) -> Date? {
        let clock = WallClock(zone: zone)
        let end = clock.localSeconds(of: date) + 3 * 3600
        let lastDay = floorDivide(end, 86400)
        for dayNumber in stride(from: lastDay, through: lastDay - 8 * 366, by: -1) {
            let day = CivilDay(dayNumber: dayNumber)
            guard self.matches(day) else { continue }
            for hour in self.hours.reversed() {
                for minute in self.minutes.reversed() {
                    let local = dayNumber * 86400 + hour * 3600 + minute * 60
                    guard local <= end else { continue }
                    let instant = clock.instant(ofLocalSeconds: local)
                    if instant <= date { return instant }
                }
            }
        }
        return nil
    }
}

/// Converts between instants and a time zone's wall clock, counted in seconds as if the wall clock were UTC.
struct WallClock {
    let zone: TimeZone

    /// The wall-clock reading of `date`, in whole seconds.
    func localSeconds(of date: Date) -> Int {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        return seconds + self.zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(seconds)))
    }

    /// The instant the wall clock reads `local`: its first occurrence when the reading happens twice, and the
    /// moment the clock jumps past it when it never happens.
    func instant(ofLocalSeconds local: Int) -> Date {
        let before = self.offset(at: local - 86400)
        let after = self.offset(at: local + 86400)
        let valid = [local - before, local - after].filter { self.offset(at: $0) == local - $0 }
        if let first = valid.min() { return Date(timeIntervalSince1970: TimeInterval(first)) }
        // In a gap: the first instant whose reading is at or past `local`.
        var low = local - max(before, after)
        var high = local - min(before, after)
        while low < high {
            let middle = low + (high - low) / 2
            if middle + self.offset(at: middle) >= local { high = middle } else { low = middle + 1 }
        }
        return Date(timeIntervalSince1970: TimeInterval(low))
    }

    private func offset(at seconds: Int) -> Int {
        self.zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(seconds)))
    }
}

/// `a / b` rounded towards minus infinity.
func floorDivide(_ a: Int, _ b: Int) -> Int {
    a >= 0 ? a / b : -((-a + b - 1) / b)
}
