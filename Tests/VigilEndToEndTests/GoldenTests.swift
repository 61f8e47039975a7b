import Foundation
import Testing
import VigilCore
import VigilIO
import VigilPipeline

/// The whole pipeline on SampleData, compared byte for byte with committed outputs.
/// `VIGIL_RECORD_GOLDEN=1 swift test --filter GoldenTests` re-records them.
@Suite(.serialized)
struct GoldenTests {
    @Test func sampleMatchesGolden() throws {
        let work = Repo.temporaryFolder()
        let report = try runSample(work: work, jobs: 2)
        #expect(report.problems > 0, "SampleData has deliberately broken inputs")
        let record = ProcessInfo.processInfo.environment["VIGIL_RECORD_GOLDEN"] == "1"
        for name in goldenOutputs {
            let actual = try FileSystem.read(work + "/" + name)
            let goldenPath = Repo.golden + "/" + name
            if record {
                try AtomicFile.write(actual, to: goldenPath)
                continue
            }
            guard FileSystem.exists(goldenPath) else {
                Issue.record("missing golden \(goldenPath): run VIGIL_RECORD_GOLDEN=1 swift test --filter GoldenTests")
                continue
            }
            let expected = try FileSystem.read(goldenPath)
            if actual != expected {
                let a = String(decoding: actual, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
                let e = String(decoding: expected, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
                let line = zip(a, e).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, e.count)
                Issue.record("\(name) differs from golden at line \(line + 1):\n  got:      \(line < a.count ? a[line] : "<end>")\n  expected: \(line < e.count ? e[line] : "<end>")")
            }
        }
    }

    @Test func jobCountDoesNotChangeBytes() throws {
        let one = Repo.temporaryFolder("jobs1"), two = Repo.temporaryFolder("jobs2"), four = Repo.temporaryFolder("jobs4")
        try runSample(work: one, jobs: 1)
        try runSample(work: two, jobs: 2)
        try runSample(work: four, jobs: 4)
        for name in dataOutputs {
            let a = try FileSystem.read(one + "/" + name)
            #expect(a == (try FileSystem.read(two + "/" + name)), "\(name): --jobs 1 vs 2")
            #expect(a == (try FileSystem.read(four + "/" + name)), "\(name): --jobs 1 vs 4")
        }
    }

    @Test func eachStageAloneReproducesTheRun() throws {
        let whole = Repo.temporaryFolder("whole"), staged = Repo.temporaryFolder("staged")
        try runSample(work: whole, jobs: 2)
        for stage in Stage.pipeline { try runSample(stages: [stage], work: staged, jobs: 2) }
        for name in dataOutputs {
            #expect(try FileSystem.read(whole + "/" + name) == (try FileSystem.read(staged + "/" + name)), "\(name)")
        }
        // Rerunning a later stage alone on the same artifacts gives the same bytes again.
        try runSample(stages: [.detect], work: staged, jobs: 1)
        try runSample(stages: [.aggregate], work: staged, jobs: 1)
        for name in dataOutputs {
            #expect(try FileSystem.read(whole + "/" + name) == (try FileSystem.read(staged + "/" + name)), "rerun: \(name)")
        }
    }
}
