import ArgumentParser
import FinegrainCore
import FinegrainServer
import FinegrainStore
import Foundation
import HummingbirdBcrypt

/// `finegrain users …` — accounts, from the command line (the first administrator has no one to
/// create them over the API).
struct Users: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Manage user accounts.",
        subcommands: [CreateAdmin.self])
}

/// `finegrain users create-admin`.
struct CreateAdmin: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create-admin",
        abstract: "Create a city-wide administrator.",
        discussion: """
            The password is read from --password-file, or else from the first line of standard input
            (e.g. `printf '%s\\n' "$PASSWORD" | finegrain users create-admin --username admin`).
            It must have at least 10 characters mixing three of: lower case, upper case, digits, symbols.
            The administrator must change it at first sign-in.
            """)

    @Option(help: "The new administrator's username.")
    var username: String

    @Option(help: "Their display name (default: the username).")
    var displayName: String?

    @Option(help: "A file whose first line is the initial password.", completion: .file())
    var passwordFile: String?

    @OptionGroup var databaseOptions: DatabaseOptions
    @OptionGroup var loggingOptions: LoggingOptions

    func run() async throws {
        let logger = loggingOptions.makeLogger(label: "finegrain.users", defaultFormat: "text")
        let password: String
        if let passwordFile {
            guard let text = try? String(contentsOfFile: passwordFile, encoding: .utf8) else {
                throw CommandFailure("cannot read \(passwordFile)")
            }
            password = String(text.split(whereSeparator: \.isNewline).first ?? "")
        } else {
            guard let line = readLine(strippingNewline: true) else { throw CommandFailure("no password on standard input") }
            password = line
        }
        let problems = PasswordPolicy.standard.problems(in: password, username: username)
        guard problems.isEmpty else {
            throw CommandFailure("the password " + problems.map(\.en).joined(separator: "; "))
        }
        let store = try await databaseOptions.openStore(logger: logger)
        let user = UserAccount(
            id: UUID().uuidString.lowercased(), username: username, displayName: displayName ?? username, mustChangePassword: true,
            grants: [Grant(role: .administrator)])
        do {
            try await store.createUser(
                user, passwordHash: Bcrypt.hash(password, cost: 12),
                actor: .commandLine(ProcessInfo.processInfo.environment["USER"] ?? "unknown"))
        } catch let conflict as StoreConflict {
            try? await store.database.close()
            throw CommandFailure(conflict.description)
        } catch {
            try? await store.database.close()
            throw error
        }
        try await store.database.close()
        print("created administrator \(username) (city-wide); they must change the password at first sign-in")
    }
}
