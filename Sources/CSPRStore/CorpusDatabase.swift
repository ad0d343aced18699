import CSPRModel
import Foundation
import GRDB

/// The corpus store: one `Sendable` façade over an SQLite database (through GRDB), with its
/// schema created and upgraded by migrations registered in one place.
///
/// Every review is written in one transaction, so an interrupted run leaves the store
/// consistent; WAL mode lets readers query while `cspr add` writes.
public final class CorpusDatabase: Sendable {
  private let writer: any DatabaseWriter

  /// A problem opening or using the store, in words.
  public struct StoreError: LocalizedError {
    /// What went wrong.
    public var message: String
    public var errorDescription: String? { message }
  }

  /// Opens (creating if needed) the store at `path`.
  public init(path: String) throws {
    do {
      var configuration = Configuration()
      configuration.foreignKeysEnabled = true
      configuration.busyMode = .timeout(10)
      writer = try DatabasePool(path: path, configuration: configuration)
      try Self.migrator.migrate(writer)
    } catch let error as DatabaseError {
      throw StoreError(message: "cannot open the store '\(path)': \(error.message ?? "\(error)")")
    }
  }

  /// An in-memory store, for tests.
  public init() throws {
    var configuration = Configuration()
    configuration.foreignKeysEnabled = true
    writer = try DatabaseQueue(configuration: configuration)
    try Self.migrator.migrate(writer)
  }

  /// The schema's migrations, in order.
  ///
  /// A new version adds a migration; none erases a corpus.
  static var migrator: DatabaseMigrator {
    var migrator = DatabaseMigrator()
    migrator.registerMigration("v1: reviews, sections, items, themes, agencies, search") { db in
      try db.create(table: "review") { t in
        t.primaryKey("id", .text)
        t.column("source", .text).notNull().unique()
        t.column("format", .text).notNull()
        t.column("byteCount", .integer).notNull()
        t.column("title", .text)
        t.column("partnership", .text)
        t.column("year", .integer)
        t.column("reviewType", .text)
        t.column("metadata", .jsonText).notNull()
        t.column("flags", .jsonText).notNull()
        t.column("themeProfile", .jsonText).notNull()
        t.column("languageIssues", .jsonText).notNull()
      }
      try db.create(table: "section") { t in
        t.autoIncrementedPrimaryKey("id")
        t.belongsTo("review", onDelete: .cascade).notNull()
        t.column("path", .text).notNull()
        t.column("level", .integer).notNull()
        t.column("position", .integer).notNull()
      }
      try db.create(table: "item") { t in
        t.autoIncrementedPrimaryKey("id")
        t.belongsTo("review", onDelete: .cascade).notNull()
        t.column("kind", .text).notNull()
        t.column("number", .text)
        t.column("title", .text)
        t.column("text", .text).notNull()
        t.column("owner", .text)
        t.column("timescale", .text)
        t.column("section", .text).notNull()
        t.column("position", .integer).notNull()
        t.column("qualityScore", .integer)
        t.column("data", .jsonText).notNull()
      }
      try db.create(table: "itemTheme") { t in
        t.belongsTo("item", onDelete: .cascade).notNull()
        t.column("theme", .text).notNull().indexed()
        t.column("score", .double).notNull()
        t.column("evidence", .jsonText).notNull()
        t.primaryKey(["itemId", "theme"])
      }
      try db.create(table: "agency") { t in
        t.belongsTo("review", onDelete: .cascade).notNull()
        t.column("name", .text).notNull()
        t.primaryKey(["reviewId", "name"])
      }
      try db.create(virtualTable: "itemSearch", using: FTS5()) { t in
        t.synchronize(withTable: "item")
        t.tokenizer = .porter(wrapping: .unicode61())
        t.column("title")
        t.column("text")
      }
    }
    return migrator
  }

  /// The schema version: the number of migrations applied.
  public func schemaVersion() throws -> Int {
    try writer.read { db in try Self.migrator.appliedMigrations(db).count }
  }

  // MARK: Writing

  /// The content hash stored for a source, if the source is stored.
  public func storedID(source: String) throws -> String? {
    try writer.read { db in
      try String.fetchOne(db, sql: "SELECT id FROM review WHERE source = ?", arguments: [source])
    }
  }

  /// Replaces whatever is stored for the review's source with the review, in one transaction.
  public func replace(_ review: ExtractedReview, document: ReviewDocument?) throws {
    try writer.write { db in
      try db.execute(
        sql: "DELETE FROM review WHERE source = ? OR id = ?", arguments: [review.source, review.id])
      let m = review.metadata
      try db.execute(
        sql: """
          INSERT INTO review (id, source, format, byteCount, title, partnership, year, reviewType,
            metadata, flags, themeProfile, languageIssues)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
          """,
        arguments: [
          review.id, review.source, review.format.rawValue, review.byteCount, m.title,
          m.partnership, m.year, m.reviewType?.rawValue, try Self.json(m),
          try Self.json(review.flags),
          try Self.json(review.themeProfile), try Self.json(review.languageIssues),
        ])
      for agency in Set(m.agencies) {
        try db.execute(
          sql: "INSERT INTO agency (reviewId, name) VALUES (?, ?)", arguments: [review.id, agency])
      }
      if let document {
        for visit in document.sections where visit.section.level > 0 {
          try db.execute(
            sql: "INSERT INTO section (reviewId, path, level, position) VALUES (?, ?, ?, ?)",
            arguments: [
              review.id, visit.path.joined(separator: " › "), visit.section.level,
              visit.section.position,
            ])
        }
      }
      for item in review.items {
        try Self.insert(item, reviewID: review.id, db: db)
      }
    }
  }

  /// A value as the JSON text stored in a column, keys sorted so equal values store alike.
  private static func json(_ value: some Encodable) throws -> String {
    String(decoding: try encoder.encode(value), as: UTF8.self)
  }

  /// One encoder for every column written.
  private static let encoder: JSONEncoder = {
    let encoder = JSONEncoder()
    encoder.outputFormatting = .sortedKeys
    return encoder
  }()

  private static func insert(_ item: Item, reviewID: String, db: Database) throws {
    try db.execute(
      sql: """
        INSERT INTO item (reviewId, kind, number, title, text, owner, timescale, section,
          position, qualityScore, data)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """,
      arguments: [
        reviewID, item.kind.rawValue, item.number, item.title, item.text, item.owner,
        item.timescale, item.section, item.position, item.quality?.score, try json(item),
      ])
    try insertThemes(item.themes, itemID: db.lastInsertedRowID, db: db)
  }

  private static func insertThemes(_ themes: [ThemeTag], itemID: Int64, db: Database) throws {
    for tag in themes {
      try db.execute(
        sql: "INSERT INTO itemTheme (itemId, theme, score, evidence) VALUES (?, ?, ?, ?)",
        arguments: [itemID, tag.theme, tag.score, try json(tag.evidence)])
    }
  }

  /// Removes the reviews whose source is not in `keep`; returns the sources removed.
  public func prune(keeping keep: (String) -> Bool) throws -> [String] {
    try writer.write { db in
      let sources = try String.fetchAll(db, sql: "SELECT source FROM review ORDER BY source")
      let gone = sources.filter { !keep($0) }
      for source in gone {
        try db.execute(sql: "DELETE FROM review WHERE source = ?", arguments: [source])
      }
      return gone
    }
  }

  /// Re-tags every stored item with `tags` (text, title, section → themes), each review in
  /// one transaction; returns the number of items whose themes changed.
  public func retag(_ tags: @Sendable (String, String?, String) -> [ThemeTag]) throws -> Int {
    let reviewIDs = try writer.read { db in
      try String.fetchAll(db, sql: "SELECT id FROM review ORDER BY source")
    }
    var changed = 0
    let decoder = JSONDecoder()
    for reviewID in reviewIDs {
      changed += try writer.write { db in
        var count = 0
        let rows = try Row.fetchAll(
          db, sql: "SELECT id, data FROM item WHERE reviewId = ?", arguments: [reviewID])
        var profile: [String: Double] = [:]
        for row in rows {
          let itemID: Int64 = row["id"]
          var item = try decoder.decode(Item.self, from: Data((row["data"] as String).utf8))
          let themes = tags(item.text, item.title, item.section)
          for tag in themes { profile[tag.theme, default: 0] += tag.score }
          if themes.map(\.theme) != item.themeIDs { count += 1 }
          item.themes = themes
          try db.execute(sql: "DELETE FROM itemTheme WHERE itemId = ?", arguments: [itemID])
          try Self.insertThemes(themes, itemID: itemID, db: db)
          try db.execute(
            sql: "UPDATE item SET data = ? WHERE id = ?",
            arguments: [try Self.json(item), itemID])
        }
        try db.execute(
          sql: "UPDATE review SET themeProfile = ? WHERE id = ?",
          arguments: [try Self.json(profile), reviewID])
        return count
      }
    }
    return changed
  }

  // MARK: Reading

  /// Every stored review, rebuilt as extracted and classified, in source order.
  public func reviews() throws -> [ExtractedReview] {
    var out: [ExtractedReview] = []
    try forEachReview { out.append($0) }
    return out
  }

  /// Calls `body` with each stored review in source order, one at a time.
  public func forEachReview(_ body: (ExtractedReview) throws -> Void) throws {
    let decoder = JSONDecoder()
    let ids = try writer.read { db in
      try String.fetchAll(db, sql: "SELECT id FROM review ORDER BY source")
    }
    for id in ids {
      let review: ExtractedReview? = try writer.read { db in
        guard
          let row = try Row.fetchOne(db, sql: "SELECT * FROM review WHERE id = ?", arguments: [id])
        else {
          return nil
        }
        func decode<T: Decodable>(_ type: T.Type, _ column: String) throws -> T {
          try decoder.decode(T.self, from: Data((row[column] as String).utf8))
        }
        var review = ExtractedReview(
          id: row["id"], source: row["source"],
          format: SourceFormat(rawValue: row["format"]) ?? .text,
          metadata: try decode(ReviewMetadata.self, "metadata"),
          flags: try decode([String].self, "flags"),
          languageIssues: try decode([LanguageIssue].self, "languageIssues"),
          themeProfile: try decode([String: Double].self, "themeProfile"),
          byteCount: row["byteCount"])
        let items = try String.fetchAll(
          db, sql: "SELECT data FROM item WHERE reviewId = ? ORDER BY id", arguments: [id]
        ).map { try decoder.decode(Item.self, from: Data($0.utf8)) }
        review.recommendations = items.filter { $0.kind == .recommendation }
        review.findings = items.filter { $0.kind == .finding }
        review.goodPractice = items.filter { $0.kind == .goodPractice }
        return review
      }
      if let review { try body(review) }
    }
  }

  /// How many reviews and items are stored.
  public func counts() throws -> (reviews: Int, items: Int) {
    try writer.read { db in
      (
        try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM review") ?? 0,
        try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM item") ?? 0
      )
    }
  }

  /// Rows of a read-only query (for the search in this module).
  func readRows(sql: String, arguments: StatementArguments) throws -> [Row] {
    try writer.read { db in try Row.fetchAll(db, sql: sql, arguments: arguments) }
  }

  /// The row ids of every review and item: any rewrite changes them, so two equal
  /// fingerprints mean nothing was written between them.
  public func rowFingerprint() throws -> [Int64] {
    try writer.read { db in
      try Int64.fetchAll(db, sql: "SELECT rowid FROM review ORDER BY rowid")
        + [-1] + Int64.fetchAll(db, sql: "SELECT id FROM item ORDER BY id")
    }
  }

  /// `PRAGMA integrity_check`'s answer: "ok" for a sound database.
  public func integrityCheck() throws -> String {
    try writer.read { db in try String.fetchOne(db, sql: "PRAGMA integrity_check") ?? "" }
  }
}
