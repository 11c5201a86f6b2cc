import FinegrainServer
import Logging

extension LoggingOptions {
    /// Bootstraps swift-log once for the process and returns the command's logger.
    func makeLogger(label: String, defaultFormat: String) -> Logger {
        let level = Logger.Level(rawValue: logLevel ?? Environment.value("LOG_LEVEL") ?? "info") ?? .info
        let format = logFormat ?? Environment.value("LOG_FORMAT") ?? defaultFormat
        LoggingSystem.bootstrap { label in
            if format == "json" { return JSONLogHandler(label: label, level: level) }
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        return Logger(label: label)
    }
}
