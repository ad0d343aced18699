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

    @OptionGroup var input: InputOptions

    @Option(
      help: "Output format: \(ReviewFormat.allCases.map(\.rawValue).joined(separator: ", ")).")
    var format: ReviewFormat = .jsonl

    func run() async throws {
      let extractor = Extractor()
      try await format.write(input) { extractor.extract($0) }
    }
  }
}
