import Metrics
public import Prometheus

/// The process's metrics backend: swift-metrics bootstrapped once onto a Prometheus registry that
/// `/metrics` renders. swift-metrics is process-global by design, so this is the one place that
/// touches it; metric names are made Prometheus-safe (dots become underscores).
public enum FinegrainMetrics {
    /// The registry, bootstrapping swift-metrics on first use.
    public static var registry: PrometheusCollectorRegistry { shared }

    /// Bootstraps swift-metrics now. Call it before anything creates metrics (the database opens
    /// its pool gauges): metrics created before the bootstrap go nowhere.
    public static func bootstrap() { _ = shared }

    private static let shared: PrometheusCollectorRegistry = {
        let registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.nameAndLabelSanitizer = { name, labels in
            (sanitize(name), labels.map { (sanitize($0.0), $0.1) })
        }
        MetricsSystem.bootstrap(factory)
        return registry
    }()

    static func sanitize(_ name: String) -> String {
        String(name.map { $0.isLetter || $0.isNumber || $0 == "_" || $0 == ":" ? $0 : "_" })
    }
}
