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
      name: .shortAndLong,
      help: ArgumentHelp("The folder to write the reports to.", valueName: "dir"))
    var out: String

    @Option(
      parsing: .upToNextOption,
      help:
        "Formats to write: \(ReportFormat.allCases.map(\.rawValue).joined(separator: ", ")) (default: all)."
    )
    var format: [ReportFormat] = ReportFormat.allCases

    @Option(
      help: ArgumentHelp(
        "A folder of Mustache templates that replace the bundled ones.", valueName: "dir"))
    var templates: String?

    @Flag(help: "Replace files in the output folder that cspr did not write.")
    var force = false

    @Option(
      help: ArgumentHelp(
        "Read the reviews from this corpus store instead of files.", valueName: "path"))
    var db: String?

    func validate() throws {
      if db != nil && !input.paths.isEmpty {
        throw ValidationError("give review paths or --db, not both")
      }
    }

    func run() async throws {
      let classifier = try taxonomyOptions.classifier()
      let templateSet = try await loadTemplates(templates)
      let output = try OutputFolder(path: out, force: force)
      let diagnostics = Diagnostics()
      let builder: AnalysisBuilder
      do {
        builder = try await CorpusRun.build(
          input: input, classifier: classifier, diagnostics: diagnostics, excluding: [out],
          database: db)
      } catch let stopped as Interruption.Stopped {
        throw Interruption.Stopped(
          message: stopped.message + "; no reports were written, so the output folder is as it was")
      }
      defer { builder.spill.close() }
      let report = CorpusReport(
        analysis: builder.finish(), items: builder.spill, templates: templateSet)
      for format in Set(format).sorted(by: { $0.rawValue < $1.rawValue }) {
        try format.reporter.write(report, to: output)
      }
      try output.finish()
      Diagnostics.standardError(
        "cspr: \(report.analysis.reviewCount) reviews, \(report.analysis.recommendationCount) "
          + "recommendations, \(report.analysis.findingCount) findings → \(out)/"
          + (format.contains(.html) ? "overview.html" : "") + "\n")
      try finish(diagnostics)
    }
  }
}

extension ReportFormat: ExpressibleByArgument {}

/// Loads report templates, turning problems into a usage error that names the file.
func loadTemplates(_ folder: String?) async throws -> ReportTemplates {
  do {
    return try await ReportTemplates.load(overrides: folder)
  } catch let error as ReportTemplates.TemplateError {
    throw ValidationError(error.message)
  }
}
