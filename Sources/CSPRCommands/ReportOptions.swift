import ArgumentParser
import CSPRClassify
import CSPRReport

/// The options of the commands that write reports (`analyse`, `pack`), and the work they share:
/// reading the corpus from files or the store, opening the output folder and the templates.
struct ReportOptions: ParsableArguments {
  @Option(name: .shortAndLong, help: ArgumentHelp("The folder to write to.", valueName: "dir"))
  var out: String

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

  /// What a report command needs before it renders.
  struct Prepared {
    var builder: AnalysisBuilder
    var output: OutputFolder
    var templates: ReportTemplates
  }

  /// Checks the options, loads the templates, opens the output folder, then reads the corpus.
  ///
  /// An interrupted read says `nothingWritten` after how far it got.
  func prepare(
    input: InputOptions, classifier: Classifier, diagnostics: Diagnostics,
    nothingWritten: String
  ) async throws -> Prepared {
    if db != nil && !input.paths.isEmpty {
      throw ValidationError("give review paths or --db, not both")
    }
    let templateSet = try await loadTemplates(templates)
    let output = try OutputFolder(path: out, force: force)
    do {
      let builder = try await CorpusRun.build(
        input: input, classifier: classifier, diagnostics: diagnostics, excluding: [out],
        database: db)
      return Prepared(builder: builder, output: output, templates: templateSet)
    } catch let stopped as Interruption.Stopped {
      throw Interruption.Stopped(message: stopped.message + "; " + nothingWritten)
    }
  }
}

/// Loads report templates, turning problems into a usage error that names the file.
func loadTemplates(_ folder: String?) async throws -> ReportTemplates {
  do {
    return try await ReportTemplates.load(overrides: folder)
  } catch let error as ReportTemplates.TemplateError {
    throw ValidationError(error.message)
  }
}
