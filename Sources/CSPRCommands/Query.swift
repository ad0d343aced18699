import ArgumentParser
import CSPRModel
import CSPRReport
import CSPRStore
import Foundation

extension CSPRCommand {
  /// `cspr query`: the common aggregate questions of a stored corpus.
  struct Query: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Answer common questions of the stored corpus: themes, owners, quality.",
      discussion: """
        Examples:
          cspr query themes --by year --format csv > themes-by-year.csv
          cspr query owners --theme information-sharing
          cspr query quality --by year
        """,
      subcommands: [Themes.self, Owners.self, Quality.self])
  }
}

/// A table of results, written as aligned text, CSV or JSON.
struct ResultTable {
  var header: [String]
  var rows: [[String]]

  enum Format: String, ExpressibleByArgument, CaseIterable {
    case table, csv, json
  }

  func write(_ format: Format) throws {
    var out = StandardOutput()
    switch format {
    case .table:
      let widths = header.indices.map { column in
        ([header] + rows).map { $0[column].count }.max() ?? 0
      }
      for row in [header] + rows {
        out.write(
          row.enumerated().map { index, cell in
            cell.padding(toLength: widths[index], withPad: " ", startingAt: 0)
          }.joined(separator: "  ").trimmingCharacters(in: .whitespaces) + "\n")
      }
    case .csv:
      out.write(CSV.row(header))
      for row in rows { out.write(CSV.row(row)) }
    case .json:
      let objects = rows.map { row in
        Dictionary(
          uniqueKeysWithValues: zip(header, row).map { key, value -> (String, Any) in
            (key, Int(value).map { $0 as Any } ?? value)
          })
      }
      let data = try JSONSerialization.data(
        withJSONObject: objects, options: [.prettyPrinted, .sortedKeys])
      out.write(String(decoding: data, as: UTF8.self) + "\n")
    }
    out.flush()
  }
}

/// How reviews are grouped in `cspr query`.
enum Grouping: String, ExpressibleByArgument, CaseIterable {
  case year, partnership
  case reviewType = "review-type"

  func key(_ review: ExtractedReview) -> String {
    switch self {
    case .year: review.metadata.year.map(String.init) ?? "unknown"
    case .partnership: review.metadata.partnership ?? "unknown"
    case .reviewType: review.metadata.reviewType?.rawValue ?? "unknown"
    }
  }
}

/// The options of the queries that group reviews, and the walk over the store they share.
struct GroupedQuery: ParsableArguments {
  @Option(help: "Group by \(Grouping.allCases.map(\.rawValue).joined(separator: ", ")).")
  var by: Grouping?

  @Option(help: "Output format: table, csv, json.")
  var format: ResultTable.Format = .table

  @OptionGroup var store: DatabaseOptions

  /// Calls `body` with each stored review and its group ("all" when not grouping).
  func forEachReview(_ body: (String, ExtractedReview) throws -> Void) throws {
    try store.open().forEachReview { review in try body(by?.key(review) ?? "all", review) }
  }

  /// The header: the grouping's name (when grouping) and the columns.
  func header(_ columns: [String], groupName: String? = nil) -> [String] {
    (by.map { [$0.rawValue] } ?? (groupName.map { [$0] } ?? [])) + columns
  }
}

extension CSPRCommand.Query {
  struct Themes: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Theme prevalence: reviews touching each theme and items tagged.")

    @OptionGroup var query: GroupedQuery

    func run() throws {
      struct Tally { var reviews = 0, recommendations = 0, findings = 0 }
      var tallies: [String: [String: Tally]] = [:]
      try query.forEachReview { group, review in
        var touched: Set<String> = []
        for item in review.items {
          for theme in item.themeIDs {
            touched.insert(theme)
            if item.kind == .recommendation {
              tallies[group, default: [:]][theme, default: Tally()].recommendations += 1
            }
            if item.kind == .finding {
              tallies[group, default: [:]][theme, default: Tally()].findings += 1
            }
          }
        }
        for theme in touched { tallies[group, default: [:]][theme, default: Tally()].reviews += 1 }
      }
      var rows: [[String]] = []
      for group in tallies.keys.sorted() {
        for (theme, tally) in (tallies[group] ?? [:]).sorted(by: {
          ($0.value.reviews, $1.key) > ($1.value.reviews, $0.key)
        }) {
          rows.append(
            (query.by == nil ? [] : [group]) + [
              theme, String(tally.reviews), String(tally.recommendations), String(tally.findings),
            ])
        }
      }
      let header =
        query.header(["theme", "reviews", "recommendations", "findings"])
      try ResultTable(header: header, rows: rows).write(query.format)
    }
  }

  struct Owners: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Which agencies own the recommendations (named owners mapped to a canonical list).")

    @Option(help: "Only recommendations tagged with this theme.")
    var theme: String?

    @Option(help: "Output format: table, csv, json.")
    var format: ResultTable.Format = .table

    @OptionGroup var store: DatabaseOptions

    func run() throws {
      var counts: [String: Int] = [:]
      try store.open().forEachReview { review in
        for item in review.recommendations where theme.map({ item.themeIDs.contains($0) }) ?? true {
          let owner = AnalysisBuilder.ownerAgency(item) ?? "no owner named"
          counts[owner, default: 0] += 1
        }
      }
      let rows = counts.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map {
        [$0.key, String($0.value)]
      }
      try ResultTable(header: ["owner", "recommendations"], rows: rows).write(format)
    }
  }

  struct Quality: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "The quality profile of the recommendations: owners, measures, timescales, levels.")

    @OptionGroup var query: GroupedQuery

    func run() throws {
      var profiles: [String: QualityProfile] = [:]
      try query.forEachReview { group, review in
        for item in review.recommendations {
          if let quality = item.quality { profiles[group, default: QualityProfile()].add(quality) }
        }
      }
      let rows = profiles.keys.sorted().compactMap { group -> [String]? in
        guard let p = profiles[group] else { return nil }
        return [
          group, String(p.recommendations), String(p.withOwner), String(p.specific),
          String(p.withMeasure),
          String(p.withTimescale), String(p.aimedAtManagers), String(p.assuranceOnly),
          String(p.trainingOrPolicyOnly), String(p.followsFinding), String(p.meanScore),
        ]
      }
      try ResultTable(
        header: query.header(
          [
            "recommendations", "with_owner", "specific", "with_measure", "with_timescale",
            "aimed_at_managers", "assurance_only", "training_or_policy_only", "follows_finding",
            "mean_score",
          ], groupName: "group"), rows: rows
      ).write(query.format)
    }
  }
}
