import CSPRClassify
import CSPRModel
import Foundation

/// The formats the analysis is written in; each has exactly one reporter.
public enum ReportFormat: String, CaseIterable, Sendable {
  /// overview.md, themes/*.md, reviews.md.
  case markdown
  /// overview.html, themes/*.html, reviews.html: self-contained pages.
  case html
  /// data/*.csv for Excel, R and pandas.
  case csv
  /// analysis.json.
  case json

  /// The reporter for this format.
  public var reporter: any Reporter {
    switch self {
    case .markdown: PageReporter(extension: "md")
    case .html: PageReporter(extension: "html")
    case .csv: CSVReporter()
    case .json: JSONReporter()
    }
  }
}

/// What every reporter is handed: values, never a database.
public struct CorpusReport {
  /// The aggregated analysis.
  public var analysis: CorpusAnalysis
  /// The items, on disk.
  public var items: ItemSpill
  /// The templates for pages.
  public var templates: ReportTemplates

  /// Creates a report.
  public init(analysis: CorpusAnalysis, items: ItemSpill, templates: ReportTemplates) {
    self.analysis = analysis
    self.items = items
    self.templates = templates
  }
}

/// Writes one format of the corpus report into an output folder.
public protocol Reporter {
  /// Writes the report.
  func write(_ report: CorpusReport, to output: OutputFolder) throws
}

/// Markdown or HTML pages: the overview, one page per theme present, and the review catalogue.
struct PageReporter: Reporter {
  var `extension`: String

  func write(_ report: CorpusReport, to output: OutputFolder) throws {
    let analysis = report.analysis
    try output.write(
      report.templates.render(Pages.overview(analysis), template: "overview.\(`extension`)"),
      to: "overview.\(`extension`)")
    try output.write(
      report.templates.render(Pages.reviews(analysis), template: "reviews.\(`extension`)"),
      to: "reviews.\(`extension`)")
    for theme in analysis.themes where theme.items > 0 {
      let items = try report.items.strongest(theme: theme.id, limit: Pages.itemsPerThemePage)
      let context = Pages.theme(theme, items: items, reviewCount: analysis.reviewCount)
      try output.write(
        report.templates.render(context, template: "theme.\(`extension`)"),
        to: "themes/\(Escape.fileName(theme.id)).\(`extension`)")
    }
  }
}

/// `analysis.json`: the whole analysis, with a schema version.
///
/// The per-review summaries and the recurring recommendations are most of the file (10 of
/// 11.5 MB for 2,000 reviews), and JSONEncoder's tree of them, encoded with the rest, was the
/// run's peak memory; they are encoded one element at a time.
struct JSONReporter: Reporter {
  func write(_ report: CorpusReport, to output: OutputFolder) throws {
    let encoder = JSONEncoder()
    encoder.keyEncodingStrategy = .convertToSnakeCase
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    var rest = report.analysis
    rest.recurring = []
    rest.reviews = []
    try output.stream(to: "analysis.json") { write in
      try StreamedJSON(encoder: encoder).write(
        rest,
        filling: [
          ("recurring", report.analysis.recurring), ("reviews", report.analysis.reviews),
        ], to: write)
    }
  }
}

/// A pretty-printed, key-sorted JSON object written a piece at a time, byte for byte as one
/// encoding of the whole would be: the object is encoded with some of its top-level arrays
/// empty, and their elements are then encoded one by one into their places.
public struct StreamedJSON {
  /// The encoder, with `.prettyPrinted` and `.sortedKeys`.
  public let encoder: JSONEncoder

  /// A writer that uses `encoder`.
  public init(encoder: JSONEncoder) {
    self.encoder = encoder
  }

  /// Writes `rest` through `write`, with each of `arrays` put back in its place.
  ///
  /// In `rest` those arrays are empty. Keys are as they appear in the JSON, after any key
  /// strategy.
  public func write(
    _ rest: some Encodable, filling arrays: [(key: String, elements: [any Encodable])],
    to write: (String) throws -> Void
  ) throws {
    var remaining = Substring(String(decoding: try encoder.encode(rest), as: UTF8.self))
    // Sorted keys: the arrays come in key order. An empty top-level array is written "[", an
    // empty line and "  ]".
    for (key, elements) in arrays.sorted(by: { $0.key < $1.key }) {
      let empty = "\n  \(try json(key)) : [\n\n  ]"
      guard let range = remaining.range(of: empty) else {
        throw EncodingError.invalidValue(
          key, .init(codingPath: [], debugDescription: "no empty top-level array `\(key)`"))
      }
      try write(String(remaining[..<range.lowerBound]))
      remaining = remaining[range.upperBound...]
      guard !elements.isEmpty else {
        try write(empty)
        continue
      }
      try write("\n  \(try json(key)) : [\n")
      for (index, element) in elements.enumerated() {
        // Two levels deeper than a value of its own; empty lines stay empty.
        let lines = try json(element).split(separator: "\n", omittingEmptySubsequences: false)
          .map { $0.isEmpty ? "" : "    " + $0 }
        try write(lines.joined(separator: "\n") + (index < elements.count - 1 ? ",\n" : "\n"))
      }
      try write("  ]")
    }
    try write(String(remaining))
  }

  private func json(_ value: some Encodable) throws -> String {
    String(decoding: try encoder.encode(value), as: UTF8.self)
  }
}

/// The CSV files: one row per review, per recommendation, per finding, and the review × theme
/// matrix.
///
/// UTF-8 with a byte-order mark (so Excel reads it as UTF-8), CRLF line ends, RFC 4180 quoting,
/// formula-like cells neutralised.
struct CSVReporter: Reporter {
  func write(_ report: CorpusReport, to output: OutputFolder) throws {
    let analysis = report.analysis
    let themeIDs = analysis.themes.map(\.id)
    var reviews = CSV.byteOrderMark + CSV.row(ReviewColumns.header)
    var matrix = CSV.byteOrderMark + CSV.row(["review_id", "source", "title", "year"] + themeIDs)
    for review in analysis.reviews {
      reviews += CSV.row(ReviewColumns.row(review))
      let m = review.metadata
      matrix += CSV.row(
        [review.id, review.source, m.title ?? "", m.year.map(String.init) ?? ""]
          + themeIDs.map { String(review.themeCounts[$0] ?? 0) })
    }
    try output.write(reviews, to: "data/reviews.csv")
    try output.write(matrix, to: "data/theme-matrix.csv")
    try stream(
      report.items, kinds: [.recommendation], header: RecommendationColumns.header,
      row: RecommendationColumns.row, to: "data/recommendations.csv", output: output)
    try stream(
      report.items, kinds: [.finding, .goodPractice], header: FindingColumns.header,
      row: FindingColumns.row, to: "data/findings.csv", output: output)
  }

  private func stream(
    _ items: ItemSpill, kinds: [ItemKind], header: [String], row: (SpilledItem) -> [String],
    to relative: String, output: OutputFolder
  ) throws {
    try output.stream(to: relative) { write in
      try write(CSV.byteOrderMark + CSV.row(header))
      for kind in kinds {
        try items.forEach(kind: kind) { item in try write(CSV.row(row(item))) }
      }
    }
  }
}

/// Columns of `data/reviews.csv`.
enum ReviewColumns {
  static let header = [
    "review_id", "source", "title", "partnership", "year", "year_kind", "review_type", "child",
    "child_age_months", "sex", "outcome", "harm_categories", "agencies", "recommendations",
    "findings", "good_practice", "themes", "mean_quality", "flags", "language_issues",
  ]

  static func row(_ review: ReviewSummary) -> [String] {
    let m = review.metadata
    return [
      review.id, review.source, m.title ?? "", m.partnership ?? "", m.year.map(String.init) ?? "",
      m.yearKind ?? "", m.reviewType?.rawValue ?? "", m.child ?? "",
      m.childAgeMonths.map(String.init) ?? "", m.sex ?? "", m.outcome?.rawValue ?? "",
      m.harmCategories.joined(separator: ";"), m.agencies.joined(separator: ";"),
      String(review.recommendations), String(review.findings), String(review.goodPractice),
      review.themeCounts.keys.sorted().joined(separator: ";"),
      review.meanQuality.map(String.init) ?? "", review.flags.joined(separator: "; "),
      review.languageIssues.map(\.phrase).joined(separator: ";"),
    ]
  }
}

/// The `theme_scores` and `theme_confidence` cells of the CSV files: `id=value` for each
/// assigned theme, strongest first, separated by `;`.
public enum ThemeCells {
  /// Each theme's score, to one decimal place.
  public static func scores(_ item: Item) -> String {
    item.themes.map { "\($0.theme)=\(String(format: "%.1f", $0.score))" }.joined(separator: ";")
  }

  /// Each theme's calibrated confidence; empty when the tags carry none (with a model).
  public static func confidence(_ item: Item) -> String {
    item.themes.compactMap { tag in
      tag.confidence.map { "\(tag.theme)=\(String(format: "%.2f", $0))" }
    }.joined(separator: ";")
  }
}

/// Columns of `data/recommendations.csv`.
enum RecommendationColumns {
  static let header = [
    "review_id", "source", "title", "partnership", "year", "review_type", "number", "text",
    "owner", "owner_agency", "timescale", "measure", "section", "position", "themes",
    "theme_scores", "theme_confidence", "quality_score", "has_owner", "is_specific", "has_measure",
    "has_timescale",
    "level", "assurance_only", "training_or_policy_only", "follows_finding", "quality_reasons",
  ]

  static func row(_ spilled: SpilledItem) -> [String] {
    let item = spilled.item
    let q = item.quality
    func flag(_ value: Bool?) -> String { value.map { $0 ? "yes" : "no" } ?? "" }
    return [
      spilled.reviewID, spilled.source, spilled.title, spilled.partnership ?? "",
      spilled.year.map(String.init) ?? "", spilled.reviewType ?? "", item.number ?? "", item.text,
      item.owner ?? "", AnalysisBuilder.ownerAgency(item) ?? "", item.timescale ?? "",
      item.measure ?? "", item.section, String(item.position), item.themeIDs.joined(separator: ";"),
      ThemeCells.scores(item), ThemeCells.confidence(item), q.map { String($0.score) } ?? "",
      flag(q?.hasOwner), flag(q?.isSpecific), flag(q?.hasMeasure),
      flag(q?.hasTimescale), q?.level ?? "", flag(q?.assuranceOnly), flag(q?.trainingOrPolicyOnly),
      flag(q?.followsFinding), q?.reasons.joined(separator: "; ") ?? "",
    ]
  }
}

/// Columns of `data/findings.csv` (findings and good practice, told apart by `kind`).
enum FindingColumns {
  static let header = [
    "review_id", "source", "title", "partnership", "year", "review_type", "kind", "number",
    "item_title", "text", "section", "position", "explains_why", "themes", "theme_scores",
    "theme_confidence",
  ]

  static func row(_ spilled: SpilledItem) -> [String] {
    let item = spilled.item
    return [
      spilled.reviewID, spilled.source, spilled.title, spilled.partnership ?? "",
      spilled.year.map(String.init) ?? "", spilled.reviewType ?? "", item.kind.rawValue,
      item.number ?? "", item.title ?? "", item.text, item.section, String(item.position),
      item.explainsWhy.map { $0 ? "yes" : "no" } ?? "", item.themeIDs.joined(separator: ";"),
      ThemeCells.scores(item), ThemeCells.confidence(item),
    ]
  }
}
