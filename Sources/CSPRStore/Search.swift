import CSPRModel
import Foundation
import GRDB

/// One full-text search result with its citation.
public struct SearchHit: Codable, Sendable {
  /// The review's title.
  public var title: String?
  /// The partnership.
  public var partnership: String?
  /// The year.
  public var year: Int?
  /// The source file.
  public var source: String
  /// Recommendation, finding or good practice.
  public var kind: String
  /// The item's section path.
  public var section: String
  /// The item's block position.
  public var position: Int
  /// The matching passage, the match marked with `[` and `]`.
  public var snippet: String
  /// The item's full text.
  public var text: String
  /// The item's themes.
  public var themes: [String]
}

/// What to search for and where.
public struct SearchQuery: Sendable {
  /// FTS5 query text: words, `"a phrase"`, `OR`, `NOT`, `prefix*`.
  public var text: String
  /// Only items tagged with this theme.
  public var theme: String?
  /// Only this kind of item.
  public var kind: ItemKind?
  /// Only reviews from these years.
  public var years: ClosedRange<Int>?
  /// Only partnerships whose name contains this.
  public var partnership: String?
  /// At most this many results.
  public var limit: Int

  /// Creates a query.
  public init(
    text: String, theme: String? = nil, kind: ItemKind? = nil, years: ClosedRange<Int>? = nil,
    partnership: String? = nil, limit: Int = 50
  ) {
    self.text = text
    self.theme = theme
    self.kind = kind
    self.years = years
    self.partnership = partnership
    self.limit = limit
  }
}

extension CorpusDatabase {
  /// Full-text search over items, best matches first (SQLite FTS5, bm25 ranking, Porter stems).
  public func search(_ query: SearchQuery) throws -> [SearchHit] {
    var conditions = ["itemSearch MATCH ?"]
    var arguments: [(any DatabaseValueConvertible)?] = [query.text]
    if let theme = query.theme {
      conditions.append(
        "EXISTS (SELECT 1 FROM itemTheme t WHERE t.itemId = item.id AND t.theme = ?)")
      arguments.append(theme)
    }
    if let kind = query.kind {
      conditions.append("item.kind = ?")
      arguments.append(kind.rawValue)
    }
    if let years = query.years {
      conditions.append("review.year BETWEEN ? AND ?")
      arguments += [years.lowerBound, years.upperBound]
    }
    if let partnership = query.partnership {
      conditions.append("review.partnership LIKE ?")
      arguments.append("%\(partnership)%")
    }
    arguments.append(query.limit)
    let sql = """
      SELECT review.title, review.partnership, review.year, review.source, item.kind, item.section,
        item.position, item.text,
        snippet(itemSearch, 1, '[', ']', '…', 16) AS snippet,
        (SELECT group_concat(theme, ';') FROM
          (SELECT theme FROM itemTheme WHERE itemId = item.id ORDER BY score DESC)) AS themes
      FROM itemSearch
      JOIN item ON item.id = itemSearch.rowid
      JOIN review ON review.id = item.reviewId
      WHERE \(conditions.joined(separator: " AND "))
      ORDER BY itemSearch.rank, review.source, item.position
      LIMIT ?
      """
    do {
      return try readRows(sql: sql, arguments: StatementArguments(arguments)).map { row in
        SearchHit(
          title: row["title"], partnership: row["partnership"], year: row["year"],
          source: row["source"], kind: row["kind"], section: row["section"],
          position: row["position"], snippet: row["snippet"], text: row["text"],
          themes: (row["themes"] as String?)?.split(separator: ";").map(String.init) ?? [])
      }
    } catch let error as DatabaseError where error.resultCode == .SQLITE_ERROR {
      throw StoreError(
        message: "cannot search for '\(query.text)': \(error.message ?? "invalid query") "
          + "(put phrases in double quotes; OR, NOT and * work as in SQLite FTS5)")
    }
  }
}
