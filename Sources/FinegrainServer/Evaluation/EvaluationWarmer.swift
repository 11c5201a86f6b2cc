import FinegrainCore
import Foundation
import Logging
import ServiceLifecycle

/// Computes, in the background, the sheets the dashboard shows — the city for each of the last six
/// finished months and the districts for the last one — at start and then every half hour, so that
/// no one waits for them (a month at a million cases takes seconds).
struct EvaluationWarmer: Service {
    let evaluation: EvaluationController
    let logger: Logger
    var interval: Duration = .seconds(1_800)

    func run() async throws {
        try? await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                let started = ContinuousClock.now
                do {
                    let calendar = evaluation.calendar
                    let today = calendar.localDate(of: Date())
                    var month = EvaluationPeriod.month(year: today.year, month: today.month, calendar: calendar)
                    for index in 0..<6 {
                        guard let previous = month?.previous(calendar: calendar) else { break }
                        _ = try await evaluation.cachedSheet(previous, .city)
                        if index == 0 { _ = try await evaluation.cachedSheet(previous, .district) }
                        month = previous
                    }
                    logger.info("evaluation cache warmed", metadata: ["duration": "\(ContinuousClock.now - started)"])
                } catch {
                    logger.warning("evaluation cache not warmed", metadata: ["error": "\(error)"])
                }
                try await Task.sleep(for: interval)
            }
        }
    }
}
