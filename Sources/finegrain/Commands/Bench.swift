import Logging
import ArgumentParser
import FinegrainCore
import FinegrainDemo
import FinegrainStore
import Foundation

/// `finegrain bench …` — measurements against a baseline taken in the same run. Never part of CI.
struct Bench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a benchmark; each reports a ratio against a baseline measured in the same run.",
        discussion: "Build in release mode for meaningful figures: swift run -c release finegrain bench locate",
        subcommands: [BenchLocate.self, BenchEvaluate.self, BenchBaselineServer.self])
}

/// `finegrain bench locate` — point → grid lookups: R-tree against a linear scan.
struct BenchLocate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "locate",
        abstract: "Point → grid lookups per second with the R-tree, against a linear scan, and the index's memory.",
        discussion: """
            Uses the demo city built in memory, or the regions of --database when given.
            Random points are drawn uniformly in the bounding box of the gridded area (and, separately,
            of the whole city); every scan answer is compared with the R-tree's.
            """)

    @Option(help: "Random points for the R-tree run.")
    var points = 200_000

    @Option(help: "Random points for the linear-scan baseline (it is slow).")
    var scanPoints = 2_000

    @Option(help: "Random seed.")
    var seed: UInt64 = 1

    @Option(help: "Read regions from this database instead of building the demo city (sqlite:PATH or postgres://…).")
    var database: String?

    func run() async throws {
        let rssBefore = ResidentMemory.current()
        let regions: [Region]
        if let database {
            let location = try DatabaseLocation(parsing: database)
            let db = try await Database.open(location, logger: .init(label: "bench"))
            regions = try await Store(database: db).allRegions()
            try await db.close()
        } else {
            regions = try DemoCity.build()
        }
        let rssLoaded = ResidentMemory.current()
        let buildStart = ContinuousClock.now
        let locator = RegionLocator(regions: regions)
        let buildTime = ContinuousClock.now - buildStart
        let rssIndexed = ResidentMemory.current()
        let grids = regions.filter { $0.level == .grid }
        guard !grids.isEmpty else { throw ValidationError("no unit grids to locate in") }
        let gridBox = grids.dropFirst().reduce(grids[0].boundingBox) { $0.union($1.boundingBox) }
        let cityBox = regions.dropFirst().reduce(regions[0].boundingBox) { $0.union($1.boundingBox) }

        print("regions \(regions.count) (grids \(grids.count)); R-tree built in \(buildTime)")
        for (label, box) in [("gridded area", gridBox), ("whole city bbox", cityBox)] {
            var generator = SeededGenerator(seed: seed)
            let sample = (0..<points).map { _ in generator.coordinate(in: box) }
            var hits = 0
            let treeStart = ContinuousClock.now
            for p in sample where locator.finest(containing: p) != nil { hits += 1 }
            let treeTime = ContinuousClock.now - treeStart
            let scanSample = Array(sample.prefix(scanPoints))
            var mismatches = 0
            let scanStart = ContinuousClock.now
            for p in scanSample where locator.finestByScan(containing: p)?.code != locator.finest(containing: p)?.code {
                mismatches += 1
            }
            let scanTime = ContinuousClock.now - scanStart
            let naiveSample = Array(sample.prefix(max(1, scanPoints / 10)))
            let naiveStart = ContinuousClock.now
            for p in naiveSample where locator.finestByScan(containing: p, boundingBoxFirst: false)?.code != locator.finest(containing: p)?.code {
                mismatches += 1
            }
            let naiveTime = ContinuousClock.now - naiveStart
            let treeRate = Double(sample.count) / treeTime.seconds
            let scanRate = Double(scanSample.count) / scanTime.seconds
            let naiveRate = Double(naiveSample.count) / naiveTime.seconds
            print(
                "\(label): R-tree \(format(treeRate)) lookups/s (\(hits) of \(sample.count) inside a region); "
                    + "scan with bbox rejection \(format(scanRate)) lookups/s (ratio \(String(format: "%.0f", treeRate / scanRate))×); "
                    + "naive scan of every polygon \(format(naiveRate)) lookups/s (ratio \(String(format: "%.0f", treeRate / naiveRate))×); "
                    + "disagreements \(mismatches) of \(scanSample.count + naiveSample.count)")
        }
        print(
            "memory: RSS \(mib(rssBefore)) before loading, \(mib(rssLoaded)) with regions loaded, \(mib(rssIndexed)) with the index; "
                + "R-tree structure \(String(format: "%.2f", Double(locator.treeMemoryBytes) / 1_048_576)) MiB")
    }

    private func format(_ rate: Double) -> String { String(format: "%.0f", rate) }
    private func mib(_ bytes: Int?) -> String { bytes.map { String(format: "%.1f MiB", Double($0) / 1_048_576) } ?? "n/a" }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}

/// Resident memory of this process, from /proc/self/status (Linux).
enum ResidentMemory {
    static func current() -> Int? {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
            let line = text.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") })
        else { return nil }
        return line.split(separator: " ").compactMap { Int($0) }.first.map { $0 * 1024 }
    }
}
