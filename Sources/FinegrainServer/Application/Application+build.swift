public import FinegrainCore
import FinegrainDemo
public import FinegrainStore
public import Foundation
public import Hummingbird
public import Logging
import Metrics
import Prometheus
import ServiceLifecycle

/// What the server needs to run; everything else is derived.
public struct ServerSettings: Sendable {
    public var host: String
    public var port: Int
    /// How often to check the database for region changes made by other processes.
    public var regionRefreshInterval: Duration

    /// Where photos are stored.
    public var dataDirectory: URL
    /// The prefix of case numbers (e.g. `ZB` for Zibo).
    public var caseNumberPrefix: String

    public init(
        host: String = "127.0.0.1", port: Int = 8080, regionRefreshInterval: Duration = .seconds(5),
        dataDirectory: URL = URL(fileURLWithPath: "./finegrain-data"), caseNumberPrefix: String = "FG"
    ) {
        self.host = host
        self.port = port
        self.regionRefreshInterval = regionRefreshInterval
        self.dataDirectory = dataDirectory
        self.caseNumberPrefix = caseNumberPrefix
    }
}

/// Builds the router: every route of the platform, each with its declared permission, behind the
/// request lifecycle, metrics and access middleware. Returns the permission table with it, for
/// tests that check every route is declared.
public func buildRouter(
    store: Store, index: RegionIndex, catalogue: CatalogueIndex, workflow: Workflow, access settings: AccessSettings,
    server: ServerSettings = ServerSettings()
) -> (Router<FinegrainRequestContext>, RoutePermissions) {
    let built = buildRoutes(store: store, index: index, catalogue: catalogue, workflow: workflow, access: settings, server: server)
    return (built.router, built.permissions)
}

/// The router, its permission table, and the evaluation controller (whose cache the application
/// warms in the background).
func buildRoutes(
    store: Store, index: RegionIndex, catalogue: CatalogueIndex, workflow: Workflow, access settings: AccessSettings, server: ServerSettings
) -> (router: Router<FinegrainRequestContext>, permissions: RoutePermissions, evaluation: EvaluationController) {
    let router = Router(context: FinegrainRequestContext.self)
    let permissions = RoutePermissions()
    let access = AccessControl(store: store, settings: settings, index: index)
    router.add(middleware: RequestLifecycleMiddleware())
    router.add(middleware: MetricsMiddleware())
    router.add(middleware: AccessMiddleware(access: access, permissions: permissions))
    let root = SecuredRoutes(router: router, prefix: "", permissions: permissions)
    OperationsController(database: store.database, index: index, registry: FinegrainMetrics.registry).addRoutes(to: root)
    OpenAPIController(permissions: permissions).addRoutes(to: root)
    PublicEvaluationController(store: store, calendar: workflow.calendar).addRoutes(to: root)
    let api = SecuredRoutes(router: router, prefix: "api/v1", permissions: permissions)
    RegionController(store: store, index: index, access: access).addRoutes(to: api)
    AuthController(access: access).addRoutes(to: api)
    UserController(access: access).addRoutes(to: api)
    DepartmentController(access: access).addRoutes(to: api)
    AuditController(access: access).addRoutes(to: api)
    CatalogueController(catalogue: catalogue).addRoutes(to: api)
    let photos = PhotoController(store: store, directory: server.dataDirectory.appendingPathComponent("photos"))
    photos.addRoutes(to: api)
    let cases = CaseController(access: access, index: index, catalogue: catalogue, workflow: workflow, numberPrefix: server.caseNumberPrefix)
    cases.addRoutes(to: api)
    ResponsibilityController(access: access, index: index, catalogue: catalogue, cases: cases).addRoutes(to: api)
    ConfigController(access: access, workflow: workflow).addRoutes(to: api)
    ComponentController(access: access, index: index, catalogue: catalogue).addRoutes(to: api)
    let evaluation = EvaluationController(access: access, calendar: workflow.calendar)
    evaluation.addRoutes(to: api)
    let pages = ConsolePage(access: access)
    ConsoleController(access: access, pages: pages).addRoutes(to: root)
    ConsoleCaseController(cases: cases, photos: photos, pages: pages).addRoutes(to: root)
    ConsoleDashboardController(cases: cases, evaluation: evaluation, pages: pages).addRoutes(to: root)
    ConsoleMapController(cases: cases, pages: pages).addRoutes(to: root)
    ConsoleAdminController(cases: cases, pages: pages).addRoutes(to: root)
    ConsoleEvaluationController(cases: cases, evaluation: evaluation, pages: pages).addRoutes(to: root)
    Open311Controller(access: access, catalogue: catalogue, cases: cases, photos: photos)
        .addRoutes(to: SecuredRoutes(router: router, prefix: "open311/v2", permissions: permissions))
    return (router, permissions, evaluation)
}

/// Builds the whole application over an opened, migrated store: the HTTP server and the services
/// that run beside it (the region index refresher). Loads the region index before returning, so the
/// first request is answered from a full index.
public func buildApplication(
    store: Store, settings: ServerSettings, access: AccessSettings = AccessSettings(), workflowRules: WorkflowRules = .standard,
    workingHours: [WorkingPeriod] = WorkingPeriod.standard, logger: Logger
) async throws -> some ApplicationProtocol {
    let index = RegionIndex(store: store, logger: logger)
    try await index.refresh(force: true)
    let catalogue = CatalogueIndex(store: store, logger: logger)
    try await catalogue.loadReferenceDataIfEmpty()
    let policies = DeadlinePolicyBook([.standard])
    try await DeadlinePolicyLoader(store: store, book: policies).load()
    let workflow = Workflow(rules: workflowRules, policies: policies, calendar: try ReferenceData.workingCalendar(workingHours: workingHours))
    let built = buildRoutes(store: store, index: index, catalogue: catalogue, workflow: workflow, access: access, server: settings)
    var app = Application(
        router: built.router,
        configuration: .init(address: .hostname(settings.host, port: settings.port), serverName: "finegrain"),
        logger: logger)
    app.addServices(
        RegionIndexRefresher(
            index: index, catalogue: catalogue, policies: DeadlinePolicyLoader(store: store, book: policies),
            interval: settings.regionRefreshInterval, logger: logger),
        EvaluationWarmer(evaluation: built.evaluation, logger: logger))
    return app
}
