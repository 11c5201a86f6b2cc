import Foundation

/// `FINEGRAIN_*` environment variables: the second source of configuration, after flags.
enum Environment {
    static func value(_ name: String) -> String? {
        guard let value = ProcessInfo.processInfo.environment["FINEGRAIN_\(name)"], !value.isEmpty else { return nil }
        return value
    }
}
