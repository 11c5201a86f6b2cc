import ArgumentParser

/// `finegrain` — the city comprehensive management service platform (城市综合管理服务平台).
@main
struct Finegrain: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "finegrain",
        abstract: "Finegrain — city comprehensive management service platform (城市综合管理服务平台).",
        discussion: """
            Start the demo city:    finegrain serve --demo
            Every command that touches data takes --database sqlite:PATH or a postgres:// URL
            (environment: FINEGRAIN_DATABASE).
            """,
        subcommands: [Serve.self, Migrate.self, Import.self, Export.self, VerifyLog.self, Evaluate.self, Users.self, Demo.self, Bench.self])
}
