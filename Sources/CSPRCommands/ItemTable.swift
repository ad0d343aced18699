import ArgumentParser
import CSPRModel
import CSPRReport

/// One row per item with its review's metadata.
///
/// The shape researchers take into Excel, R and pandas; shared by the commands that write CSV.
enum ItemTable {
  static let columns = [
    "review_id", "source", "title", "partnership", "year", "review_type", "child",
    "child_age_months", "outcome", "kind", "number", "item_title", "text", "owner", "timescale",
    "measure", "section", "position", "quality_score", "explains_why", "themes", "theme_scores",
    "theme_confidence",
  ]

  static func csvHeader() -> String {
    CSV.row(columns)
  }

  static func csvRows(_ review: ExtractedReview) -> String {
    let m = review.metadata
    return review.items.map { item in
      CSV.row([
        review.id, review.source, m.title ?? "", m.partnership ?? "", m.year.map(String.init) ?? "",
        m.reviewType?.rawValue ?? "", m.child ?? "", m.childAgeMonths.map(String.init) ?? "",
        m.outcome?.rawValue ?? "", item.kind.rawValue, item.number ?? "", item.title ?? "",
        item.text, item.owner ?? "", item.timescale ?? "", item.measure ?? "", item.section,
        String(item.position), item.quality.map { String($0.score) } ?? "",
        item.explainsWhy.map { $0 ? "yes" : "no" } ?? "", item.themeIDs.joined(separator: ";"),
        ThemeCells.scores(item), ThemeCells.confidence(item),
      ])
    }.joined()
  }
}

/// How `extract` and `classify` write reviews: JSON Lines as they come, one JSON array at the
/// end, or CSV rows (one per item) as they come.
enum ReviewFormat: String, ExpressibleByArgument, CaseIterable {
  case json, jsonl, csv

  /// Reads every input, makes each document a review with `transform` and writes the reviews
  /// to standard output in this format, in input order (`extract` and `classify`).
  func write(
    _ input: InputOptions,
    transform: @escaping @Sendable (ReviewDocument) throws -> ExtractedReview
  ) async throws {
    let diagnostics = Diagnostics()
    let inputs = try input.collect(diagnostics: diagnostics)
    var writer = Writer(self)
    try await Pipeline.run(
      inputs, jobs: input.jobs, ingestor: input.ingestor, diagnostics: diagnostics,
      transform: transform
    ) { _, review in try writer.write(review) }
    try writer.finish()
    try finish(diagnostics)
  }

  /// Writes reviews to standard output in this format.
  struct Writer {
    let format: ReviewFormat
    private var out = StandardOutput()
    private var held: [ExtractedReview] = []

    init(_ format: ReviewFormat) {
      self.format = format
      if format == .csv { out.write(ItemTable.csvHeader()) }
    }

    mutating func write(_ review: ExtractedReview) throws {
      switch format {
      case .jsonl: out.write(try JSONCoding.line(review) + "\n")
      case .json: held.append(review)
      case .csv: out.write(ItemTable.csvRows(review))
      }
    }

    mutating func finish() throws {
      if format == .json { out.write(try JSONCoding.pretty(held) + "\n") }
      out.flush()
    }
  }
}
