import ArgumentParser
import CSPRStore

/// The `--db` option of the commands that use the corpus store.
struct DatabaseOptions: ParsableArguments {
  @Option(help: ArgumentHelp("The corpus store (SQLite).", valueName: "path"))
  var db: String = "cspr.sqlite"

  init() {}

  init(db: String) {
    self.db = db
  }

  /// Opens the store; a store that cannot be opened is a usage error naming it.
  func open() throws -> CorpusDatabase {
    do {
      return try CorpusDatabase(path: db)
    } catch let error as CorpusDatabase.StoreError {
      throw ValidationError(error.message)
    }
  }
}
