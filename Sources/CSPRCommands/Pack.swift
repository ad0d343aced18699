import ArgumentParser
import CSPRClassify
import CSPRReport
import Foundation

extension CSPRCommand {
  /// `cspr pack`: a themed learning pack for practitioners.
  struct Pack: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Write a themed \"Working Together Better\" learning pack.",
      discussion: """
        For one theme: why it matters, how often it appears, key learning with citations \
        (near-duplicate findings merged), recurring recommendations across reviews, what good \
        practice looked like, reflective questions for practitioners and managers, and the \
        sources. Written as Markdown and as one self-contained printable HTML page (A4 print \
        styles, readable on a phone). List theme ids with `cspr themes`.

        Examples:
          cspr pack --theme voice-of-the-child corpus-samples --out pack
          cspr pack --theme neglect reviews/ --out pack --partnership "Northmoor SCP" --logo logo.png
        """)

    @Option(help: "The theme id (see `cspr themes`).")
    var theme: String

    @OptionGroup var input: InputOptions
    @OptionGroup var taxonomyOptions: TaxonomyOptions

    @OptionGroup var report: ReportOptions

    @Option(help: "The pack's title (default: Working Together Better: <theme>).")
    var title: String?

    @Option(help: "The partnership's name, shown at the top.")
    var partnership: String?

    @Option(help: ArgumentHelp("A PNG, JPEG or GIF logo, embedded in the page.", valueName: "file"))
    var logo: String?

    func run() async throws {
      let classifier = try taxonomyOptions.classifier()
      guard let chosen = classifier.taxonomy.theme(theme) else {
        let ids = classifier.taxonomy.themes.map(\.id).joined(separator: ", ")
        throw ValidationError("unknown theme '\(theme)'; the themes are: \(ids)")
      }
      let logoURI: String?
      do {
        logoURI = try logo.map(LearningPack.logo)
      } catch let error as LearningPack.LogoError {
        throw ValidationError(error.message)
      }
      let diagnostics = Diagnostics()
      let prepared = try await report.prepare(
        input: input, classifier: classifier, diagnostics: diagnostics,
        nothingWritten: "no pack was written")
      let builder = prepared.builder
      defer { builder.spill.close() }
      let analysis = try builder.finish()
      guard let summary = analysis.themes.first(where: { $0.id == chosen.id }) else {
        throw ValidationError("theme '\(theme)' is missing from the analysis")
      }
      let context = LearningPack.context(
        theme: chosen, summary: summary, analysis: analysis,
        items: try builder.spill.items(theme: chosen.id),
        branding: LearningPack.Branding(title: title, partnership: partnership, logo: logoURI))
      let name = Escape.fileName(chosen.id) + "-pack"
      try prepared.output.write(
        prepared.templates.render(context, template: "pack.html"), to: name + ".html")
      try prepared.output.write(
        prepared.templates.render(context, template: "pack.md"), to: name + ".md")
      try prepared.output.finish()
      Diagnostics.standardError(
        "cspr: \(summary.reviews) of \(Pages.counted(analysis.reviewCount, "review")) "
          + "\(summary.reviews == 1 ? "touches" : "touch") \(chosen.label) → \(report.out)/\(name).html\n"
      )
      try finish(diagnostics)
    }
  }
}
