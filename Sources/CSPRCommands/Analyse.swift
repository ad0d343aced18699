import ArgumentParser
import CSPRClassify
import CSPRReport
import Foundation

extension CSPRCommand {
  /// `cspr analyse`: the main job — themed summaries of a whole corpus.
  struct Analyse: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Analyse a corpus of reviews and write the themed reports.",
      discussion: """
        Reads every review, extracts and classifies its items, and writes into the output folder:
          overview.html, overview.md   the corpus at a glance: reviews, theme prevalence,
                                       co-occurrence, trends, owners, quality, recurring
                                       recommendations
          themes/<id>.html, .md        every finding and recommendation on each theme, cited
          reviews.html, reviews.md     one catalogue paragraph per review
          data/*.csv                   reviews, recommendations, findings, the review × theme
                                       matrix (UTF-8 with BOM, opens in Excel)
          analysis.json                everything, with a schema_version

        Files cspr did not write are never overwritten without --force.

        Examples:
          cspr analyse corpus-samples --out reports
          cspr analyse reviews/ --out reports --taxonomy local-themes.yaml --format html,csv
        """,
      aliases: ["analyze"])

    @OptionGroup var input: InputOptions
    @OptionGroup var taxonomyOptions: TaxonomyOptions

    @Option(
      parsing: .upToNextOption,
      help:
        "Formats to write: \(ReportFormat.allCases.map(\.rawValue).joined(separator: ", ")) (default: all)."
    )
    var format: [ReportFormat] = ReportFormat.allCases

    @OptionGroup var report: ReportOptions

    func run() async throws {
      let classifier = try taxonomyOptions.classifier()
      let diagnostics = Diagnostics()
      let prepared = try await report.prepare(
        input: input, classifier: classifier, diagnostics: diagnostics,
        nothingWritten: "no reports were written, so the output folder is as it was")
      defer { prepared.builder.spill.close() }
      let corpus = CorpusReport(
        analysis: try prepared.builder.finish(), items: prepared.builder.spill,
        templates: prepared.templates)
      for format in Set(format).sorted(by: { $0.rawValue < $1.rawValue }) {
        try format.reporter.write(corpus, to: prepared.output)
      }
      try prepared.output.finish()
      Diagnostics.standardError(
        "cspr: \(Pages.counted(corpus.analysis.reviewCount, "review")), "
          + "\(Pages.counted(corpus.analysis.recommendationCount, "recommendation")), "
          + "\(Pages.counted(corpus.analysis.findingCount, "finding")) → \(report.out)/"
          + (format.contains(.html) ? "overview.html" : "") + "\n")
      try finish(diagnostics)
    }
  }
}

extension ReportFormat: ExpressibleByArgument {}
