import ArgumentParser
import CSPRModel
import CSPRReport
import CSPRStore
import Foundation

extension CSPRCommand {
  /// `cspr search`: full-text search of the stored items.
  struct Search: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Search the stored findings and recommendations.",
      discussion: """
        Full-text search (SQLite FTS5, best matches first, word stems matched): words, \
        "a phrase" in double quotes, OR, NOT and prefix*. Each result shows the passage with \
        the match in [brackets] and its citation.

        Examples:
          cspr search '"seen alone"'
          cspr search 'bruis* AND baby' --kind recommendation --year 2019..2024
          cspr search supervision --theme supervision --format csv > supervision.csv
        """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
      case table, jsonl, csv
    }

    @Argument(help: "What to search for.")
    var query: String

    @Option(help: "Only items tagged with this theme id.")
    var theme: String?

    @Option(help: "Only this kind: recommendation, finding or good_practice.")
    var kind: ItemKind?

    @Option(
      help: ArgumentHelp("Only reviews from these years: 2021 or 2019..2024.", valueName: "years"))
    var year: String?

    @Option(help: "Only partnerships whose name contains this.")
    var partnership: String?

    @Option(help: "At most this many results.")
    var limit: Int = 50

    @Option(help: "Output format: \(Format.allCases.map(\.rawValue).joined(separator: ", ")).")
    var format: Format = .table

    @OptionGroup var store: DatabaseOptions

    func run() throws {
      let years = try year.map(Self.parseYears)
      let database = try store.open()
      let hits: [SearchHit]
      do {
        hits = try database.search(
          SearchQuery(
            text: query, theme: theme, kind: kind, years: years, partnership: partnership,
            limit: limit))
      } catch let error as CorpusDatabase.StoreError {
        throw ValidationError(error.message)
      }
      var out = StandardOutput()
      switch format {
      case .table:
        for hit in hits {
          let place = [hit.partnership, hit.year.map(String.init)].compactMap { $0 }.joined(
            separator: ", ")
          out.write(
            "\(hit.snippet)\n    — \(hit.title ?? hit.source) (\(place)), \(hit.section) [\(hit.kind)]\n\n"
          )
        }
        Diagnostics.standardError("\(hits.count) result(s)\n")
      case .jsonl:
        for hit in hits { out.write(try JSONCoding.line(hit) + "\n") }
      case .csv:
        out.write(
          CSV.row([
            "title", "partnership", "year", "source", "kind", "section", "position", "snippet",
            "text", "themes",
          ]))
        for hit in hits {
          out.write(
            CSV.row([
              hit.title ?? "", hit.partnership ?? "", hit.year.map(String.init) ?? "", hit.source,
              hit.kind, hit.section, String(hit.position), hit.snippet, hit.text,
              hit.themes.joined(separator: ";"),
            ]))
        }
      }
      out.flush()
    }

    /// "2021" or "2019..2024".
    static func parseYears(_ text: String) throws -> ClosedRange<Int> {
      let parts = text.components(separatedBy: "..")
      guard let first = parts.first.flatMap({ Int($0) }) else {
        throw ValidationError("--year takes a year or a range such as 2019..2024")
      }
      let last = parts.count > 1 ? Int(parts[1]) : first
      guard let last, last >= first else {
        throw ValidationError("--year takes a year or a range such as 2019..2024")
      }
      return first...last
    }
  }
}

extension ItemKind: ExpressibleByArgument {}
