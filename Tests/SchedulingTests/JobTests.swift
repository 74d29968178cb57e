import Foundation
import OCOPConfiguration
import Publishing
import Scheduling
import TestSupport
import Testing

@Suite struct JobTests {
    func jobs(_ yaml: String) throws -> [Job] {
        let folder = try TemporaryFolder()
        let file = try folder.write("ocop.yaml", yaml)
        return try Job.jobs(
            of: try OCOPConfiguration.load(from: file, marketplaces: Fixtures.marketplaces, environment: [:])
        )
    }

    @Test func aJobWithoutAZoneFiresByTheShopsAndABadShopZoneIsOneLine() throws {
        let jobs = try self.jobs(
            """
            shop: { timezone: Asia/Bangkok }
            jobs:
              - { name: nightly-google, marketplace: google-merchant, action: publish, schedule: "0 2 * * *" }
            """
        )
        #expect(jobs[0].timeZone.identifier == "Asia/Bangkok")
        let error = try #require(throws: ConfigurationError.self) {
            try self.jobs("shop: { timezone: Mars/Olympus }\n")
        }
        #expect(
            error.message
                == "ocop.yaml: shop.timezone \"Mars/Olympus\" is not an IANA time zone (for example Asia/Ho_Chi_Minh)"
        )
    }

    @Test func aJobReadsItsScheduleZoneAndMarketplacesWithVietnamAsTheDefaultZone() throws {
        let jobs = try self.jobs(
            """
            jobs:
              - { name: nightly-google, marketplace: google-merchant, action: publish, schedule: "0 2 * * *" }
              - name: feeds
                marketplaces: [google-merchant, meta-catalog]
                action: export
                schedule: "30 1 * * MON-FRI"
                timezone: Europe/Berlin
                missed: skip
                format: json
            """
        )
        #expect(jobs.map(\.name) == ["nightly-google", "feeds"])
        #expect(jobs[0].timeZone.identifier == "Asia/Ho_Chi_Minh")
        #expect(jobs[0].missedRun == .run)
        #expect(jobs[0].trigger == "schedule:nightly-google")
        #expect(jobs[1].marketplaces == ["google-merchant", "meta-catalog"])
        #expect(jobs[1].action == .export)
        #expect(jobs[1].timeZone.identifier == "Europe/Berlin")
        #expect(jobs[1].missedRun == .skip)
        #expect(jobs[1].format == "json")
    }

    @Test(arguments: [
        ("{ name: a, marketplace: shopee, action: publish, schedule: \"0 2 * *\" }", "jobs[0].schedule: schedule"),
        (
            "{ name: a, marketplace: amazon, action: publish, schedule: \"0 2 * * *\" }",
            "unknown marketplace \"amazon\""
        ),
        ("{ name: a, marketplace: shopee, action: upload, schedule: \"0 2 * * *\" }", "jobs[0].action: \"upload\""),
        (
            "{ name: a, marketplace: shopee, action: publish, schedule: \"0 2 * * *\", timezone: Mars/Olympus }",
            "\"Mars/Olympus\" is not an IANA time zone"
        ),
        ("{ name: a, marketplace: shopee, action: publish, schedule: \"0 2 * * *\", missed: later }", "jobs[0].missed"),
        ("{ name: a, action: publish, schedule: \"0 2 * * *\" }", "jobs[0].marketplace is required"),
        (
            "{ name: a, marketplace: shopee, action: publish, schedule: \"0 2 * * *\", when: now }",
            "jobs[0].when: unknown key"
        ),
        ("{ name: \"a b\", marketplace: shopee, action: publish, schedule: \"0 2 * * *\" }", "jobs[0].name"),
    ])
    func aBadJobIsOneLineNamingItsKey(job: String, reason: String) {
        #expect {
            try self.jobs("jobs:\n  - \(job)\n")
        } throws: { error in
            let message = (error as? ConfigurationError)?.message ?? ""
            return message.contains(reason) && !message.contains("\n")
        }
    }

    @Test func twoJobsWithOneNameAreRefused() {
        let job = "{ name: a, marketplace: shopee, action: publish, schedule: \"0 2 * * *\" }"
        #expect(throws: ConfigurationError.self) { try self.jobs("jobs:\n  - \(job)\n  - \(job)\n") }
    }
}

@Suite struct JobDueTests {
    let job = nightlyJob
    /// 2026-11-29 21:15 in Vietnam: the last scheduled time was 02:00 this morning (19:00 UTC yesterday).
    let now = instant("2026-11-29T14:15:00Z")

    func run(_ status: RunStatus, started: String, marketplace: String = "meta-catalog") -> PublishRun {
        PublishRun(
            id: 1,
            marketplace: marketplace,
            trigger: "schedule:nightly",
            action: "publish",
            started: instant(started),
            status: status
        )
    }

    @Test func aJobThatNeverRanIsDueAtStartUpWhenMissedRunsRun() {
        #expect(self.job.isDue(at: self.now, history: JobHistory(runs: [])))
        var skipping = self.job
        skipping.missedRun = .skip
        #expect(!skipping.isDue(at: self.now, history: JobHistory(runs: [])))
        // but a skipping job still runs when its time has just come
        #expect(skipping.isDue(at: instant("2026-11-29T19:01:00Z"), history: JobHistory(runs: [])))
    }

    @Test func aJobThatRanSinceItsLastScheduledTimeIsNotDue() {
        let history = JobHistory(runs: [self.run(.succeeded, started: "2026-11-28T19:00:03Z")])
        #expect(!self.job.isDue(at: self.now, history: history))
        // A failed attempt counts as the night's run too: the next night tries again.
        #expect(
            !self.job.isDue(
                at: self.now,
                history: JobHistory(runs: [self.run(.failed, started: "2026-11-28T19:00:03Z")])
            )
        )
        // Yesterday's run does not cover this morning's time.
        #expect(
            self.job.isDue(
                at: self.now,
                history: JobHistory(runs: [self.run(.succeeded, started: "2026-11-27T19:00:03Z")])
            )
        )
    }

    @Test func anInterruptedRunIsResumedWhateverTheSchedule() {
        let history = JobHistory(runs: [
            self.run(.interrupted, started: "2026-11-29T14:00:00Z"),
            self.run(.succeeded, started: "2026-11-28T19:00:03Z"),
        ])
        #expect(history.needsResume)
        #expect(self.job.isDue(at: self.now, history: history))
    }

    @Test func failuresInARowAreCountedPerMarketplaceUntilASuccess() {
        let history = JobHistory(runs: [
            self.run(.failed, started: "2026-11-28T19:00:00Z"),
            self.run(.interrupted, started: "2026-11-27T19:30:00Z"),
            self.run(.failed, started: "2026-11-27T19:00:00Z"),
            self.run(.succeeded, started: "2026-11-27T19:00:00Z", marketplace: "google-merchant"),
            self.run(.failed, started: "2026-11-26T19:00:00Z"),
            self.run(.succeeded, started: "2026-11-25T19:00:00Z"),
        ])
        #expect(history.failureStreak == 3)
        #expect(!history.needsResume)
    }
}
