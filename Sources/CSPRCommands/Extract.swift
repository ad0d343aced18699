import ArgumentParser
import CSPRExtract
import CSPRIngest
import CSPRModel

extension CSPRCommand {
  /// `cspr extract`: recommendations, findings, good practice and metadata from each review.
  struct Extract: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Extract recommendations, findings, good practice and metadata from reviews.",
      discussion: """
        Writes one record per review: its metadata, every recommendation (with owner, \
        timescale, section, position and a quality assessment), every finding (with whether \
        it explains why) and every good-practice point. CSV writes one row per item with the \
        review's metadata, ready for Excel, R or pandas.

        Examples:
          cspr extract corpus-samples --format jsonl > reviews.jsonl
          cspr extract review.pdf --format json
          cspr extract reviews/ --format csv > items.csv
        """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
      case json, jsonl, csv
    }

    @OptionGroup var input: InputOptions

    @Option(help: "Output format: \(Format.allCases.map(\.rawValue).joined(separator: ", ")).")
    var format: Format = .jsonl

    func run() async throws {
      let diagnostics = Diagnostics()
      let inputs = try input.collect(diagnostics: diagnostics)
      var out = StandardOutput()
      var reviews: [ExtractedReview] = []
      if format == .csv { out.write(ItemTable.csvHeader()) }
      let extractor = Extractor()
      try await Pipeline.run(
        inputs, jobs: input.jobs, ingestor: input.ingestor, diagnostics: diagnostics,
        transform: { extractor.extract($0) }
      ) { _, review in
        switch format {
        case .jsonl: out.write(try JSONCoding.line(review) + "\n")
        case .json: reviews.append(review)
        case .csv: out.write(ItemTable.csvRows(review))
        }
      }
      if format == .json { out.write(try JSONCoding.pretty(reviews) + "\n") }
      out.flush()
      try finish(diagnostics)
    }
  }
}
