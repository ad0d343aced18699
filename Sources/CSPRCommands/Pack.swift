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

    @Option(
      name: .shortAndLong, help: ArgumentHelp("The folder to write the pack to.", valueName: "dir"))
    var out: String

    @Option(help: "The pack's title (default: Working Together Better: <theme>).")
    var title: String?

    @Option(help: "The partnership's name, shown at the top.")
    var partnership: String?

    @Option(help: ArgumentHelp("A PNG, JPEG or GIF logo, embedded in the page.", valueName: "file"))
    var logo: String?

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
      let templateSet = try await loadTemplates(templates)
      let output = try OutputFolder(path: out, force: force)
      let diagnostics = Diagnostics()
      let builder: AnalysisBuilder
      do {
        builder = try await CorpusRun.build(
          input: input, classifier: classifier, diagnostics: diagnostics, excluding: [out],
          database: db)
      } catch let stopped as Interruption.Stopped {
        throw Interruption.Stopped(message: stopped.message + "; no pack was written")
      }
      defer { builder.spill.close() }
      let analysis = builder.finish()
      guard let summary = analysis.themes.first(where: { $0.id == chosen.id }) else {
        throw ValidationError("theme '\(theme)' is missing from the analysis")
      }
      let context = LearningPack.context(
        theme: chosen, summary: summary, analysis: analysis,
        items: try builder.spill.items(theme: chosen.id),
        branding: LearningPack.Branding(title: title, partnership: partnership, logo: logoURI))
      let name = Escape.fileName(chosen.id) + "-pack"
      try output.write(templateSet.render(context, template: "pack.html"), to: name + ".html")
      try output.write(templateSet.render(context, template: "pack.md"), to: name + ".md")
      try output.finish()
      Diagnostics.standardError(
        "cspr: \(summary.reviews) of \(analysis.reviewCount) reviews touch \(chosen.label) → \(out)/\(name).html\n"
      )
      try finish(diagnostics)
    }
  }
}
